"""What every engine is given (one run's inputs and options), what it notes while reading and
what it hands back for each article processed (``Outcome``).

Reading is the same everywhere: articles come from ``input``, an article whose output is up
to date is counted and skipped (``fresh``), the rest are processed. The local engine reads
in this process; the Dask engine's workers read their own parts and send back their tallies.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import chain
from pathlib import Path

from ..config import Config
from ..errors import Errors, PipelineError
from ..outputs.layout import ARTICLE_SUFFIX, FORMATS
from ..outputs.location import RemotePath
from ..records import Article, Problem
from .keys import article_key

_KEY = '    "key": '  # the article's key, in an output file's head (see up_to_date)


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
    formats: tuple[str, ...] = FORMATS
    stopped: Callable[[], int] = not_stopped  # the signal that asked the run to stop, 0 if none


@dataclass
class Outcome:
    """What an engine hands back for one article: never the records, only counts and problems."""

    id: str
    records: dict[str, int] = field(default_factory=dict)
    problem: Problem | None = None
    seconds: float = 0.0
    warnings: tuple[Problem, ...] = ()  # the article was written; these say what was left out
    stop: bool = False  # the output folder refused a write (full disk, permissions): the run stops


@dataclass
class Tally:
    """What reading met, in input order: the problems, every article's id, how many were up to date,
    and a digest of the ids and keys of the articles this reader read (what the local engine's
    index is built from; a Dask client's tally, joined from parts, has none: that engine always
    joins its index anew)."""

    report: Callable[[Problem], None] = _quiet
    problems: list[Problem] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    skipped: int = 0
    timings: dict[str, float] = field(default_factory=dict)  # loading the model and data, where it happened
    digest: str = ""

    def problem(self, problem: Problem) -> None:
        self.report(problem)
        self.problems.append(problem)

    def article(self, article_id: str, key: str) -> None:
        self.ids.append(article_id)
        self.digest = _chain(self.digest, article_id, key)

    def add(self, other: Tally) -> None:
        """Another reader's tally (a Dask worker's part), after this one's."""
        for problem in other.problems:
            self.problem(problem)
        self.ids.extend(other.ids)
        self.skipped += other.skipped


def _chain(digest: str, article_id: str, key: str) -> str:
    """The digest so far, one article on: what it covers is never held in memory."""
    return hashlib.sha256("\0".join((digest, article_id, key)).encode()).hexdigest()


def fresh(items: Iterable[Article | Problem], job: Job, tally: Tally) -> Iterator[Article]:
    """The articles to process: problems and ids noted, up-to-date articles counted and left out."""
    for item in items:
        if job.stopped():
            return
        if isinstance(item, Problem):
            tally.problem(item)
            continue
        key = article_key(item, job.config)
        tally.article(item.id, key)
        if not job.force and up_to_date(job.out / f"{item.id}{ARTICLE_SUFFIX}", key):
            tally.skipped += 1
            continue
        yield item


def nonempty(items: Iterable) -> Iterator | None:
    """``items`` as an iterator, or None when there is none (pulls the first one to find out)."""
    it = iter(items)
    for first in it:
        return chain([first], it)
    return None


def up_to_date(path: Path, key: str) -> bool:
    """Whether the output at ``path`` was written from the same article, config and versions.

    Only its head is read, not the text and records: ``files.write_json`` writes one field a
    line, and ``process.article_json`` puts the article's fields (its key among them) first.
    A file laid out otherwise is not up to date, so it is written again."""
    try:
        with path.open("r", encoding="utf8") as f:
            for line in f:
                if line.startswith(_KEY):
                    return json.loads(line[len(_KEY) :].rstrip().rstrip(",")) == key
                if line.startswith("  }"):  # the end of the article's fields
                    return False
    except (OSError, ValueError):
        return False
    return False


def check_shared(out: Path) -> None:
    """Refuse an output location that worker processes cannot share (``memory://``)."""
    if isinstance(out, RemotePath) and "memory" in out.protocols:
        raise PipelineError(Errors.E065.format(url=out))
