"""One article in, one output file out: the unit of work every engine runs.

Engines (pipeline/engines/) decide where this runs (this process, worker processes, a
Dask cluster); what runs is always ``process``, so their outputs are identical.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from pathlib import Path

from spacy.tokens import Doc

from .. import facts
from ..config import Config
from ..errors import Errors
from ..extractors import Context, dates, parsed_from, registry
from ..model import guard
from ..model.attributes import parse_ahead
from ..outputs import files
from ..records import TYPES, Article, Problem, invariants, merge, to_dict
from .job import Outcome
from .keys import article_key


def process(doc: Doc, article: Article, config: Config, out: Path) -> Outcome:
    """Extract one parsed article and write ``out/<id>.json`` atomically; a failure becomes a Problem."""
    tick = time.perf_counter()
    try:
        records, dropped = invariants.check(extract(doc, article, config), article.text)
        found = facts.find(doc, records, article.id)
        files.write_json(out / f"{article.id}.json", article_json(article, records, config, found))
    except OSError as err:  # the folder, not the article: every later write would fail the same way
        reason = Errors.E029.format(path=out / f"{article.id}.json", reason=err.strerror or err)
        problem = Problem(article.path, article.line, reason, "error")
        return Outcome(article.id, problem=problem, seconds=time.perf_counter() - tick, stop=True)
    except Exception as err:  # one article's failure must not end the batch
        reason = Errors.E020.format(path=article.path, article=article.id, reason=err)
        return Outcome(
            article.id, problem=Problem(article.path, article.line, reason, "error"), seconds=time.perf_counter() - tick
        )
    counts = dict.fromkeys(TYPES, 0)
    for rec in records:
        counts[rec["type"]] += 1
    warnings = tuple(
        Problem(
            article.path, article.line, Errors.W007.format(path=article.path, article=article.id, reason=d), "warning"
        )
        for d in dropped
    ) + _cut_runs(article)
    return Outcome(article.id, counts, seconds=time.perf_counter() - tick, warnings=warnings)


def _cut_runs(article: Article) -> tuple[Problem, ...]:
    """W009 when the tokenizer read long runs without a space in pieces (``model.guard``)."""
    runs = guard.long_runs(article.text)
    if not runs:
        return ()
    start, end = max(runs, key=lambda run: run[1] - run[0])
    reason = Errors.W009.format(
        path=article.path, article=article.id, count=len(runs), limit=guard.MAX_RUN, longest=end - start, at=start
    )
    return (Problem(article.path, article.line, reason, "warning"),)


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
    context = Context(
        published=article.published, config=config, source=article.source, currency_default=article.currency_default
    )
    doc = parsed_from(doc, article.text)
    return [to_dict(r) for r in merge(registry.extract(doc, context), article.id)]


def article_json(article: Article, records: list[dict], config: Config, found: list[dict] | None = None) -> dict:
    """The per-article output; its path is relative to the project, so outputs match across clones.
    The article's fields come first, so a re-run reads the key from the file's head (``job.up_to_date``)."""
    meta = asdict(article)
    text = meta.pop("text")
    del meta["digest"]  # it is in the key
    if meta["page"] is None:  # only PDF articles have one; other outputs stay as they were
        del meta["page"]
    path = Path(article.path).resolve()
    meta["path"] = path.relative_to(config.root).as_posix() if path.is_relative_to(config.root) else article.path
    meta["published"] = article.published.isoformat() if article.published else None
    meta["key"] = article_key(article, config)
    return {"article": meta, "text": text, "records": records, "facts": found or []}
