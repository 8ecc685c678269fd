"""The main job: read articles, run spaCy and the extractors, write records atomically.

A bad file or article is recorded and skipped; the run goes on with the rest.
"""
from __future__ import annotations

import platform
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from importlib import metadata
from pathlib import Path
from typing import Callable, Sequence

from . import files
from .config import Config
from .errors import Errors
from .extractors import Context, area, dates, money, organisations
from .ingest import Article, Problem, read_articles
from .nlp import load_nlp
from .records import TYPES, merge, to_dict

EXTRACTORS = (money.extract, area.extract, dates.extract, organisations.extract)
# Runs with at least this many articles show a progress bar.
PROGRESS_MIN = 20


@dataclass
class RunResult:
    articles: int = 0
    records: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return any(p.level == "error" for p in self.problems)


def run(paths: Sequence[Path], config: Config, out: Path | None = None, published: date | None = None,
        report: Callable[[Problem], None] = lambda p: None, progress: bool = True) -> RunResult:
    """Process ``paths`` (files or folders; default the configured input folder) into ``out``."""
    out = Path(out or config.output)
    result = RunResult()
    clock = time.perf_counter()
    articles, problems = read_articles(list(paths) or [config.input], config, published)
    for problem in problems:
        report(problem)
    result.problems.extend(problems)
    result.timings["read_s"] = time.perf_counter() - clock

    nlp = load_nlp(config)
    result.timings["load_model_s"] = time.perf_counter() - clock - result.timings["read_s"]
    started = time.perf_counter()
    extract_s = 0.0
    all_records: list[dict] = []
    docs = nlp.pipe((a.text for a in articles), batch_size=config.batch_size, n_process=config.n_process)
    for article, doc in _progress(zip(articles, docs), len(articles), progress):
        tick = time.perf_counter()
        try:
            records = extract(doc, article, config)
            files.write_json(out / f"{article.id}.json", article_json(article, records, config.root))
        except Exception as err:  # one article's failure must not end the batch
            problem = Problem(article.path, article.line, Errors.E020.format(path=article.path, article=article.id, reason=err), "error")
            report(problem)
            result.problems.append(problem)
            continue
        finally:
            extract_s += time.perf_counter() - tick
        result.articles += 1
        for rec in records:
            result.records[rec["type"]] += 1
        all_records.extend(records)
    result.timings["nlp_and_extract_s"] = time.perf_counter() - started
    result.timings["extract_and_write_s"] = extract_s
    files.write_jsonl(out / "records.jsonl", all_records)
    result.timings["total_s"] = time.perf_counter() - clock
    files.write_json(out / "run.json", run_json(result, config))
    return result


def extract(doc, article: Article, config: Config) -> list[dict]:
    """Every extractor over one parsed article, merged into one record per fact."""
    context = Context(published=article.published, config=config)
    found = [rec for extractor in EXTRACTORS for rec in extractor(doc, context)]
    return [to_dict(r) for r in merge(found, article.id)]


def article_json(article: Article, records: list[dict], root: Path) -> dict:
    """The per-article output; its path is relative to the project, so outputs match across clones."""
    meta = asdict(article)
    text = meta.pop("text")
    path = Path(article.path).resolve()
    meta["path"] = path.relative_to(root).as_posix() if path.is_relative_to(root) else article.path
    meta["published"] = article.published.isoformat() if article.published else None
    return {"article": meta, "text": text, "records": records}


def run_json(result: RunResult, config: Config) -> dict:
    return {
        "articles": result.articles,
        "records": result.records,
        "failed": result.failed,
        "problems": [asdict(p) for p in result.problems],
        "timings": {k: round(v, 3) for k, v in result.timings.items()},
        "versions": _versions(config.model),
        "config_digest": config.digest,
    }


def _versions(model: str) -> dict:
    names = ["pipeline", "spacy", "dateparser", "quantulum3", model.replace("_", "-")]
    out = {"python": platform.python_version()}
    for name in names:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = None
    return out


def _progress(items, total: int, enabled: bool):
    if not enabled or total < PROGRESS_MIN:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit="article", file=sys.stderr)
