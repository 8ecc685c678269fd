"""What every engine is given (one run's inputs and options) and what it notes while reading.

Reading is the same everywhere: articles come from ``ingest``, an article whose output is up
to date is counted and skipped (``fresh``), the rest are processed. The local engine reads
in this process; the Dask engine's workers read their own parts and send back their tallies.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..config import Config
from ..errors import Errors, PipelineError
from ..ingest import Article, Problem
from ..location import RemotePath
from ..process import article_key


def _quiet(problem: Problem) -> None:
    pass


def not_stopped() -> int:
    return 0


@dataclass(frozen=True)
class Job:
    paths: list[Path]
    config: Config
    out: Path  # a local folder, or an fsspec location (pipeline/location.py) that behaves like one
    published: date | None = None
    follow_links: bool = False
    force: bool = False
    formats: tuple[str, ...] = ("jsonl", "parquet")
    stopped: Callable[[], int] = not_stopped  # the signal that asked the run to stop, 0 if none


@dataclass
class Tally:
    """What reading met, in input order: the problems, every article's id, how many were up to date."""

    report: Callable[[Problem], None] = _quiet
    problems: list[Problem] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    skipped: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # loading the model and data, where it happened

    def problem(self, problem: Problem) -> None:
        self.report(problem)
        self.problems.append(problem)

    def add(self, other: Tally) -> None:
        """Another reader's tally (a Dask worker's part), after this one's."""
        for problem in other.problems:
            self.problem(problem)
        self.ids.extend(other.ids)
        self.skipped += other.skipped


def fresh(items: Iterable[Article | Problem], job: Job, tally: Tally) -> Iterator[Article]:
    """The articles to process: problems and ids noted, up-to-date articles counted and left out."""
    for item in items:
        if job.stopped():
            return
        if isinstance(item, Problem):
            tally.problem(item)
            continue
        tally.ids.append(item.id)
        if not job.force and up_to_date(job.out / f"{item.id}.json", article_key(item, job.config)):
            tally.skipped += 1
            continue
        yield item


def up_to_date(path: Path, key: str) -> bool:
    """Whether the output at ``path`` was written from the same article, config and versions."""
    try:
        return json.loads(path.read_text("utf8"))["article"].get("key") == key
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False


def check_shared(out: Path) -> None:
    """Refuse an output location that worker processes cannot share (``memory://``)."""
    if isinstance(out, RemotePath) and "memory" in out.protocols:
        raise PipelineError(Errors.E065.format(url=out))
