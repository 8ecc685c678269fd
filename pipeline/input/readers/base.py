"""The one interface every input format implements.

A reader turns one ``Source`` into what its file says about each article (``Entry``), with
the problems met on the way, in file order, never raising for bad input. Cleaning, ids and
the publication-date and currency defaults are applied afterwards, the same for every format
(``input.articles``), so a reader only knows its format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ...config import Config
from ...records import Problem


@dataclass(frozen=True)
class Source:
    """A whole input file, or bytes ``start`` to ``end`` of a line-per-article file (both line
    starts), whose first line is line number ``line`` of the file: so a large feed can be read
    in pieces, anywhere, and give the line numbers one reader would. For a file read by records
    (``Reader.by_records``) a range holds the records that start in it, wherever they end."""

    path: Path
    start: int = 0
    end: int | None = None
    line: int = 1


@dataclass(frozen=True)
class Entry:
    """One article as its file gives it, before cleaning: the title and body as written, the
    values the file states (already checked: a bad date or currency is a problem and None)."""

    path: Path
    title: str
    body: str
    line: int | None = None  # the line of a line-per-article file
    given_id: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    currency: str | None = None
    byline: str | None = None  # stated by the file's own metadata (an HTML page's author), else from the text
    page: int | None = None  # the page of a PDF the article starts on
    digest: str | None = None  # of the bytes the article was made from, when they are not its text (HTML, PDF)
    # Whether ``title`` is written in the article (its headline: the cleaned text's first paragraph),
    # or only names it (a text file without a heading is titled from its file name, which no
    # reader of the file ever saw: it is the article's title, never a paragraph of its text).
    headline: bool = True


@dataclass(frozen=True)
class Reader:
    """An input format: the file suffixes it reads (lower case, with the dot) and how.

    ``by_lines``: one article per line, so a ``Source`` that is a byte range cut at line
    starts reads alone (the Dask engine cuts large such files across workers). ``count``: the
    articles the source holds, as far as a cheap look can tell (a progress bar's total).
    """

    suffixes: tuple[str, ...]  # ".warc.gz": a two-part suffix is matched before the last part
    read: Callable[[Source, Config], Iterator[Entry | Problem]]
    by_lines: bool = False
    # About how many articles the source holds, cheaply (no cleaning, no HTML extraction), for a
    # progress bar's total; None when only reading can tell (a PDF's articles are its headlines).
    count: Callable[[Source, Config], int | None] = lambda source, config: None
    # Whether a byte range of this file reads alone, from the first record that starts in it to
    # the end of the last one (a .warc.gz's gzip members): the Dask engine cuts a large one.
    by_records: Callable[[Path], bool] = lambda path: False
