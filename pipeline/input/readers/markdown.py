"""Markdown and plain text (.md, .txt): one or more articles per file, each starting at a
``#`` or ``##`` headline, after optional front matter (``published``, ``source``, ``url``,
``title``, ``currency_default``) that applies to every article of the file. An article with
no headline (a file without headings, or the text before the first one) is titled from the
front matter's ``title``, else from the file's name; a title from the name is not added to
its text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ...config import Config
from ...errors import Errors
from ...records import Problem
from ..clean import heading_text
from ..decode import read_text
from ..metadata import stated_currency, stated_date
from .base import Entry, Reader, Source

_HEADLINE = re.compile(r"^#{1,2}[ \t]+(\S.*)$")
_META = re.compile(r"^([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


def read(source: Source, config: Config) -> Iterator[Entry | Problem]:
    """The file's articles, after the problems met reading it (one file is read whole)."""
    path = source.path
    text, problems = read_text(path, config)
    yield from problems
    if text is None:
        return
    lines = text.split("\n")
    meta, start, closed = _front_matter(lines)
    if not closed:
        yield Problem(str(path), start, Errors.W005.format(path=path, line=start), "warning")
    sections = _sections(lines[start:])
    if not sections:
        yield Problem(str(path), None, Errors.E012.format(path=path))
        return
    value, line = meta.get("published", ("", None))
    published, problems = stated_date(value, path, line)
    yield from problems
    value, line = meta.get("currency_default", ("", None))
    currency, problems = stated_currency(value, path, line)
    yield from problems
    fields = {key: value for key, (value, _) in meta.items()}
    for title, body in sections:
        stated = title or fields.get("title")  # a heading, or front matter's title: the article's headline
        yield Entry(
            path,
            stated or _stem_title(path),
            body,
            published=published,
            source=fields.get("source"),
            url=fields.get("url"),
            currency=currency,
            headline=bool(stated),
        )


def count(source: Source, config: Config) -> int:
    """The file's articles: reading a text file is cheap beside parsing it."""
    return sum(isinstance(item, Entry) for item in read(source, config))


READER = Reader((".md", ".txt"), read, count=count)


def _front_matter(lines: list[str]) -> tuple[dict[str, tuple[str, int]], int, bool]:
    """A leading ``---`` block of ``key: value`` lines -> ({key: (value, line number)}, first body
    line, whether it was closed).

    Indented and ``-`` lines (values of keys we do not read) are skipped; any other line
    before a key means the ``---`` was a rule, not front matter. A block that holds keys but
    is never closed ends after its last key line (closed False: the caller warns).

    >>> _front_matter(["---", "published: 2023-10-24", 'source: "Shanghai Daily"', "tags:", "  - x", "---", "## T"])
    ({'published': ('2023-10-24', 2), 'source': ('Shanghai Daily', 3), 'tags': ('', 4)}, 6, True)
    >>> _front_matter(["---", "Not front matter.", "---"]), _front_matter(["a: b"])
    (({}, 0, True), ({}, 0, True))
    >>> _front_matter(["---", "published: 2023-10-24", "", "## Headline", "Body."])
    ({'published': ('2023-10-24', 2)}, 2, False)
    """
    if not lines or lines[0].strip() != "---":
        return {}, 0, True
    meta = {}
    last = 0  # the last line that belongs to the block
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return meta, i + 1, True
        match = _META.match(line)
        if match:
            meta[match[1].lower()] = (_unquote(match[2]), i + 1)
            last = i
        elif line[:1].isspace() and line.strip() or line.startswith("-"):
            last = i
        elif line.strip() and not line.startswith("#"):
            break
    return (meta, last + 1, False) if meta else ({}, 0, True)


def _unquote(value: str) -> str:
    """
    >>> _unquote('"Shanghai Daily"'), _unquote("'x'"), _unquote('"')
    ('Shanghai Daily', 'x', '"')
    """
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'" else value


def _sections(lines: list[str]) -> list[tuple[str | None, str]]:
    """(headline, body) per ``#``/``##`` heading; text before the first heading is kept,
    untitled, when it holds any letters.

    >>> _sections(["Page 3", "", "## One", "a", "## Two", "# Three", "b"])
    [(None, 'Page 3\\n'), ('One', 'a'), ('Two', ''), ('Three', 'b')]
    >>> _sections(["", "12", "## One ##", "### sub", "a"])
    [('One', '### sub\\na')]
    """
    sections: list[tuple[str | None, str]] = []
    title: str | None = None
    body: list[str] = []
    for line in lines + [None]:
        match = _HEADLINE.match(line) if line is not None else None
        if match or line is None:
            text = "\n".join(body)
            if title is not None or any(c.isalpha() for c in text):
                sections.append((title, text))
            title, body = match and heading_text(match[1]), []
        else:
            body.append(line)
    return sections


def _stem_title(path: Path) -> str:
    """
    >>> _stem_title(Path("notes/jiading_medical-valley.md"))
    'jiading medical valley'
    """
    return " ".join(re.sub(r"[_-]", " ", path.stem).split()) or path.name
