"""The inputs cut into parts for workers (the Dask engine), read so that the run's articles,
ids, problems and line numbers are the ones one reader (``input.iter_articles``) gives.

A part is a tuple of ``Source``s, each a whole file or a byte range of a line-per-article
file that starts and ends at line starts, so a part can be read anywhere. Ids must be unique
in input order across the run, so a part is read twice: a cheap first pass (``part_ids``)
gives its base ids and line counts; the client, taking parts in order (``Numbering``), says
which ids the second pass must rename (``renamed``) and where each byte range's lines start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
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


def part_ids(part: Part, config: Config) -> tuple[list[str], list[int]]:
    """The first, cheap pass over a part: its articles' base ids in order, and the lines each
    source holds (so later ranges of a file can be numbered). Problems are left to the real read."""
    bases = [a.id for source in part for a in read_source(source, config, None, _as_is) if isinstance(a, Article)]
    return bases, [_line_count(source) for source in part]


def read_part(
    part: Part, config: Config, published: date | None, ids: Callable[[str], str]
) -> Iterator[Article | Problem]:
    """The second pass: a part's articles and problems in order, ids given by ``ids`` (``renamed``)."""
    for source in part:
        yield from read_source(source, config, published, ids)


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
