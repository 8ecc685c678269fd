"""The inputs cut into parts for workers (the Dask engine), read so that the run's articles,
ids, problems and line numbers are the ones one reader (``input.iter_articles``) gives.

A part is a tuple of ``Source``s, each a whole file or a byte range of a line-per-article
file that starts and ends at line starts, so a part can be read anywhere. Ids must be unique
in input order across the run: a first pass (``read_first``) reads the part and gives its
base ids and line counts; the client, taking parts in order (``Numbering``), says which ids
must be renamed (``renamed``) and where each byte range's lines start; then ``read_part``
gives the part's articles, renamed, from what the first pass kept. Each source is read once,
but a byte range of a line-per-article file after the file's first: its line numbers (in
its problems' messages too) are known only then, so it is read again, and that read is cheap
(JSON and cleaning); web archives, pages and PDFs, whose reading is the costly part, are not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import count
from pathlib import Path

from ..config import Config
from ..input import Ids, Source, find, read_source, reader_for
from ..records import Article, Problem

Part = tuple[Source, ...]


def plan(
    paths: Sequence[Path], config: Config, part_bytes: int, follow_links: bool = False
) -> Iterator[Part | Problem]:
    """The inputs as parts, in input order, and the problems met finding them.

    Line-per-article files larger than ``part_bytes`` are cut into byte ranges of about
    ``part_bytes`` at line starts, and consecutive files and ranges are grouped into parts of
    at least ``part_bytes`` (many small files make one task, not many).
    """
    group: list[Source] = []
    size = 0
    for found in find(paths, config, follow_links):
        if isinstance(found, Problem):
            yield found
            continue
        for source, n in _cut(found, part_bytes):
            group.append(source)
            size += n
            if size >= part_bytes:
                yield tuple(group)
                group, size = [], 0
    if group:
        yield tuple(group)


@dataclass
class First:
    """A part's first pass: its articles' base ids in order, the lines each source holds (so
    later ranges of a file can be numbered), and each source's articles and problems as read,
    with their base ids (None for a source read again: ``_numbered_later``)."""

    bases: list[str]
    lines: list[int]
    read: list[list[Article | Problem] | None]

    def ids(self) -> tuple[list[str], list[int]]:
        """What the client needs of it (``Numbering``): the base ids and line counts."""
        return self.bases, self.lines


def read_first(part: Part, config: Config, published: date | None) -> First:
    """The first pass over a part, on a worker: each source read (ids as they are)."""
    first = First([], [_line_count(source) for source in part], [])
    for source in part:
        items = list(read_source(source, config, published, _as_is))
        first.bases.extend(a.id for a in items if isinstance(a, Article))
        first.read.append(None if _numbered_later(source) else items)
    return first


def part_ids(part: Part, config: Config) -> tuple[list[str], list[int]]:
    """A part's base ids and line counts (``read_first(...).ids()``)."""
    return read_first(part, config, None).ids()


def read_part(
    part: Part, config: Config, published: date | None, ids: Callable[[str], str], first: First | None = None
) -> Iterator[Article | Problem]:
    """The part's articles and problems in order, ids given by ``ids`` (``renamed``): those the
    first pass kept, else read now."""
    for k, source in enumerate(part):
        items = first.read[k] if first is not None else None
        if items is None:
            yield from read_source(source, config, published, ids)
            continue
        for item in items:
            yield item if isinstance(item, Problem) else _with_id(item, ids(item.id))


def _with_id(article: Article, new: str) -> Article:
    return article if new == article.id else replace(article, id=new)


def _numbered_later(source: Source) -> bool:
    """Whether the lines of ``source``, a byte range of a line-per-article file after the
    first, are numbered by the client: read before that, its line numbers would be wrong."""
    return source.start > 0 and reader_for(source.path).by_lines


class Numbering:
    """The client's side of the two passes over parts: from each part's first pass (in input
    order), the ids its second pass must rename to stay unique across the run, and the
    number of each byte range's first line."""

    def __init__(self) -> None:
        self.ids = Ids()
        self.lines: dict[Path, int] = {}

    def __call__(self, part: Part, bases: list[str], counts: list[int]) -> tuple[Part, dict[int, str]]:
        renames = {i: new for i, base in enumerate(bases) if (new := self.ids(base)) != base}
        numbered = []
        for source, lines in zip(part, counts):
            if source.start:
                source = replace(source, line=self.lines.get(source.path, 1))
            self.lines[source.path] = source.line + lines
            numbered.append(source)
        return tuple(numbered), renames


def renamed(renames: dict[int, str]) -> Callable[[str], str]:
    """Ids for a part's second pass: the n-th article's base id, or the id the client gave it."""
    n = count()
    return lambda base: renames.get(next(n), base)


def _as_is(base: str) -> str:
    return base


def _line_count(source: Source) -> int:
    """The lines a source of a line-per-article file holds, a last one without "\\n" included
    (0 for other formats, or a file that cannot be read here: the reader reports it)."""
    if not reader_for(source.path).by_lines:
        return 0
    left = float("inf") if source.end is None else source.end - source.start
    lines, last = 0, b"\n"
    try:
        with open(source.path, "rb") as f:
            f.seek(source.start)
            while left > 0 and (chunk := f.read(int(min(left, 2**20)))):
                left -= len(chunk)
                lines += chunk.count(b"\n")
                last = chunk[-1:]
    except OSError:
        return 0
    return lines + (last != b"\n")


def _cut(file: Path, part_bytes: int) -> list[tuple[Source, int]]:
    """``file`` as (source, bytes) pairs: a line-per-article file over ``part_bytes`` in ranges
    of about that size, each starting at a line start; a file read by records (a .warc.gz) in
    ranges of ``part_bytes`` exactly, each holding the records that start in it (its reader finds
    the first); any other file (or one that cannot be read here: the reader reports it) whole."""
    try:
        size = file.stat().st_size
        reader = reader_for(file)
        if size > part_bytes and reader.by_records(file):
            starts = list(range(0, size, part_bytes))
            return [(Source(file, a, min(a + part_bytes, size)), min(part_bytes, size - a)) for a in starts]
        if not reader.by_lines or size <= part_bytes:
            return [(Source(file), size)]
        starts = [0]
        with open(file, "rb") as f:
            while starts[-1] < (start := _line_start(f, starts[-1] + part_bytes)) < size:
                starts.append(start)
    except OSError:
        return [(Source(file), 0)]
    ends = starts[1:] + [size]
    return [(Source(file, a, b), b - a) for a, b in zip(starts, ends)]


def _line_start(f, offset: int) -> int:
    """The first line start at or after ``offset`` (the end of the file if none)."""
    f.seek(offset - 1)  # a line starts at ``offset`` when the byte before it ends a line
    while chunk := f.read(2**16):
        newline = chunk.find(b"\n")
        if newline >= 0:
            return f.tell() - len(chunk) + newline + 1
    return f.tell()
