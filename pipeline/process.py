"""One article in, one output file out: the unit of work every engine runs.

Engines (pipeline/engines/) decide where this runs (this process, worker processes, a
Dask cluster); what runs is always ``process``, so their outputs are identical.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from spacy.tokens import Doc

from . import files, invariants
from .attributes import parse_ahead
from .config import Config
from .errors import Errors
from .extractors import Context, area, dates, money, organisations, parsed_from
from .ingest import Article, Problem
from .records import TYPES, merge, to_dict

EXTRACTORS = (money.extract, area.extract, dates.extract, organisations.extract)


@dataclass
class Outcome:
    """What an engine hands back for one article: never the records, only counts and problems."""

    id: str
    records: dict[str, int] = field(default_factory=dict)
    problem: Problem | None = None
    seconds: float = 0.0
    warnings: tuple[Problem, ...] = ()  # the article was written; these say what was left out


def process(doc: Doc, article: Article, config: Config, out: Path) -> Outcome:
    """Extract one parsed article and write ``out/<id>.json`` atomically; a failure becomes a Problem."""
    tick = time.perf_counter()
    try:
        records, dropped = invariants.check(extract(doc, article, config), article.text)
        files.write_json(out / f"{article.id}.json", article_json(article, records, config))
    except Exception as err:  # one article's failure must not end the batch
        reason = Errors.E020.format(path=article.path, article=article.id, reason=err)
        return Outcome(article.id, problem=Problem(article.path, article.line, reason, "error"),
                       seconds=time.perf_counter() - tick)
    counts = dict.fromkeys(TYPES, 0)
    for rec in records:
        counts[rec["type"]] += 1
    warnings = tuple(Problem(article.path, article.line, Errors.W007.format(path=article.path, article=article.id, reason=d),
                             "warning") for d in dropped)
    return Outcome(article.id, counts, seconds=time.perf_counter() - tick, warnings=warnings)


def prepare(batch: list[tuple[Doc, Article]]) -> None:
    """Before extraction, ask the model for what the extractors will read of a whole batch at
    once: the sentences the date extractor will parse (one call of the parser, not one each).
    Never raises: what this leaves undone is asked article by article, where a failure is that
    article's problem."""
    try:
        parse_ahead((doc, dates.to_parse(parsed_from(doc, article.text))) for doc, article in batch)
    except Exception:  # noqa: BLE001 - see the docstring
        pass


def extract(doc: Doc, article: Article, config: Config) -> list[dict]:
    """Every extractor over one parsed article, merged into one record per fact."""
    context = Context(published=article.published, config=config, source=article.source,
                      currency_default=article.currency_default)
    doc = parsed_from(doc, article.text)
    found = [rec for extractor in EXTRACTORS for rec in extractor(doc, context)]
    return [to_dict(r) for r in merge(found, article.id)]


def article_json(article: Article, records: list[dict], config: Config) -> dict:
    """The per-article output; its path is relative to the project, so outputs match across clones."""
    meta = asdict(article)
    text = meta.pop("text")
    path = Path(article.path).resolve()
    meta["path"] = path.relative_to(config.root).as_posix() if path.is_relative_to(config.root) else article.path
    meta["published"] = article.published.isoformat() if article.published else None
    meta["key"] = article_key(article, config)
    return {"article": meta, "text": text, "records": records}


def article_key(article: Article, config: Config) -> str:
    """What the article's output depends on: text, date, source and own currency, config, model
    and package versions.

    An output carrying the same key is up to date and is not processed again.
    """
    parts = [article.text, article.published.isoformat() if article.published else "",
             article.source, article.currency_default or "", config.digest, config.model, *versions(config.model)]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32]


@lru_cache(maxsize=4)
def versions(model: str) -> tuple[str, str]:
    """(package version, model version), read once per process."""
    return version("pipeline") or "", version(model.replace("_", "-")) or ""


def version(name: str) -> str | None:
    """An installed distribution's version, None when it is not installed."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None
