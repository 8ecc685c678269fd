"""JSON Lines (.jsonl): one article per line, an object with ``title`` and ``text`` and
optional ``id``, ``published``, ``url``, ``source``, ``currency_default``; or with ``html`` (a
saved page, read as .html files are) instead of ``text``, ``title`` then optional and every
field given overriding the page's own.

Read one line at a time, so a feed of any size streams and ``input.max_file_mb`` bounds each
line, not the file; a bad line is that line's problem and reading goes on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from ...config import Config
from ...errors import Errors
from ...records import Problem
from ..decode import decode_line, transcoded
from ..metadata import stated_currency, stated_date
from . import html
from .base import Entry, Reader, Source

OPTIONAL = ("id", "published", "url", "source", "currency_default", "title", "html")

_SURROGATE = re.compile("[\ud800-\udfff]")  # JSON's "\\ud800" escapes give these; no codec writes them


def read(source: Source, config: Config) -> Iterator[Entry | Problem]:
    """The articles and problems of the source's lines, in order, numbered from ``source.line``."""
    path, limit, count = source.path, config.max_file_bytes, 0
    size = None if source.end is None else source.end - source.start
    try:
        with open(path, "rb") as raw:
            raw.seek(source.start)
            f = transcoded(raw) if source.start == 0 else raw  # a UTF-16 feed, by its BOM
            for count, data in enumerate(_lines(f, limit, size), start=1):
                number = source.line + count - 1
                if data is None:
                    yield Problem(
                        str(path),
                        number,
                        Errors.E016.format(
                            path=path, line=number, reason=(f"line is over input.max_file_mb ({limit / 2**20:.1f} MB)")
                        ),
                    )
                elif data.strip():
                    yield from _line(path, number, data, source.start == 0 and count == 1, config)
    except OSError as err:
        yield Problem(str(path), None, Errors.E011.format(path=path, reason=err.strerror or err))
        return
    if count == 0 and source.start == 0:
        yield Problem(str(path), None, Errors.E012.format(path=path))


def count(source: Source, config: Config) -> int:
    """The source's lines holding anything but blanks (a bad line is counted: it is an article lost)."""
    size = None if source.end is None else source.end - source.start
    with open(source.path, "rb") as f:
        f.seek(source.start)
        return sum(1 for line in _lines(f, config.max_file_bytes, size) if line is None or line.strip())


READER = Reader((".jsonl",), read, by_lines=True, count=count)


def _lines(f: BinaryIO, limit: int, size: int | None = None) -> Iterator[bytes | None]:
    """The lines of a binary file (the next ``size`` bytes of it, if given), None for each one
    over ``limit`` bytes: never more than ``limit`` bytes in memory, however long a line is."""
    left = size if size is not None else float("inf")
    while left > 0:
        line = f.readline(limit + 1)
        if not line:
            return
        left -= len(line)
        if len(line) <= limit:
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = f.readline(2**20)
            left -= len(line)
        yield None


def _line(path: Path, number: int, data: bytes, bom: bool, config: Config) -> Iterator[Entry | Problem]:
    raw, problems = decode_line(path, number, data, bom, config.encoding_fallback)
    yield from problems
    if raw is None:
        return
    try:
        row = _row(raw)
    except ValueError as err:
        yield Problem(str(path), number, Errors.E016.format(path=path, line=number, reason=err))
        return
    if any(isinstance(v, str) and _SURROGATE.search(v) for v in row.values()):
        row = {k: _SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in row.items()}
        yield Problem(str(path), number, Errors.W004.format(path=path, line=number), "warning")
    published, problems = stated_date(row.get("published"), path, number)
    yield from problems
    currency, problems = stated_currency(row.get("currency_default"), path, number)
    yield from problems
    if "text" not in row:  # a saved page: what the line states overrides what the page says
        given = Entry(
            path,
            row.get("title") or "",
            "",
            number,
            row.get("id"),
            published,
            row.get("source"),
            row.get("url"),
            currency,
        )
        for item in html.page(path, row["html"], config, line=number, fallback=given, where=f" on line {number}"):
            if isinstance(item, Entry):
                item = replace(
                    item,
                    title=given.title or item.title,
                    published=published or item.published,
                    source=given.source or item.source,
                    url=given.url or item.url,
                )
            yield item
        return
    yield Entry(
        path,
        row["title"],
        row["text"],
        line=number,
        given_id=row.get("id"),
        published=published,
        source=row.get("source"),
        url=row.get("url"),
        currency=currency,
    )


def _row(raw: str) -> dict:
    """One JSONL line checked: an object with non-empty string title and text, optional string fields.

    >>> _row('{"title": "T", "text": "Body", "url": null, "extra": 1}')
    {'title': 'T', 'text': 'Body', 'url': None, 'extra': 1}
    >>> _row('{"title": "T", "text": " "}')
    Traceback (most recent call last):
    ValueError: 'text' must be a non-empty string
    """
    try:
        row = json.loads(raw)
    except json.JSONDecodeError as err:
        raise ValueError(f"bad JSON ({err})") from None
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    if not isinstance(row, dict):
        raise ValueError(f"expected a JSON object, got {type(row).__name__}")
    if "html" in row and "text" not in row:
        if not isinstance(row["html"], str) or not row["html"].strip():
            raise ValueError("'html' must be a non-empty string")
    for key in ("title", "text") if "text" in row or "html" not in row else ():
        if not isinstance(row.get(key), str) or not row[key].strip():
            raise ValueError(f"'{key}' must be a non-empty string")
    for key in OPTIONAL:
        if row.get(key) is not None and not isinstance(row[key], str):
            raise ValueError(f"'{key}' must be a string, got {row[key]!r}")
    return row
