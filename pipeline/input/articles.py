"""Input files -> articles, in input order: files found (``discover``), each read by its
format's reader (``readers``), and each entry a reader gives made an ``Article`` the same way
whatever the format: cleaned (``clean``), dated and given its own currency (``metadata``),
and given an id unique in the run (``ids``).

Bad input never raises: each bad file or line is a ``Problem`` carrying its message from
errors.py, in the stream beside the articles, and reading goes on with the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date
from pathlib import Path

from ..config import Config
from ..records import Article, Problem
from .clean import clean
from .discover import find
from .ids import Ids, base_id
from .metadata import own_currency, publication_date
from .readers import Entry, Source, reader_for


def read_articles(
    paths: Sequence[Path], config: Config, published: date | None = None, follow_links: bool = False
) -> tuple[list[Article], list[Problem]]:
    """Every article under ``paths`` (config.input when empty), in input order, and every problem met.

    ``published`` overrides every other publication date; ``follow_links`` follows symbolic
    links that lead out of a folder walked.
    """
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_articles(paths, config, published, follow_links):
        (problems if isinstance(item, Problem) else articles).append(item)
    return articles, problems


def iter_articles(
    paths: Sequence[Path], config: Config, published: date | None = None, follow_links: bool = False
) -> Iterator[Article | Problem]:
    """Articles and problems in input order, lazily: one file, or one JSONL line, at a time."""
    ids = Ids()
    for found in find(paths or [config.input], config, follow_links):
        if isinstance(found, Problem):
            yield found
        else:
            yield from read_source(Source(found), config, published, ids)


def read_source(
    source: Source, config: Config, published: date | None, ids: Callable[[str], str]
) -> Iterator[Article | Problem]:
    """One source's articles and problems, in order. ``ids`` turns an article's base id (its
    own, its headline's or its file's) into its id: an ``Ids`` shared by the run's sources
    makes them unique across the run."""
    for item in reader_for(source.path).read(source, config):
        yield item if isinstance(item, Problem) else _article(item, config, published, ids)


def _article(entry: Entry, config: Config, published: date | None, ids: Callable[[str], str]) -> Article:
    cleaned = clean(entry.title if entry.headline else "", entry.body)
    if entry.headline:
        title = cleaned.text.partition("\n\n")[0]  # clean collapses whitespace: the title has no blank line
    else:  # a title made from the file's name: not in the text, whose offsets stay the file's own
        title = " ".join(entry.title.split())
    source = entry.source or entry.path.stem
    return Article(
        ids(base_id(entry.given_id, title, entry.path)),
        title,
        entry.byline or cleaned.byline,
        publication_date(entry.published, source, entry.path, config, published),
        source,
        str(entry.path),
        entry.line,
        entry.url or None,
        cleaned.text,
        own_currency(entry.currency, source, entry.path, config),
        entry.page,
        entry.digest,
    )
