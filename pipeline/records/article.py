"""What reading gives every later stage: an ``Article`` to process, or a ``Problem`` met on
the way (a bad file, line or value), which the run reports and goes on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    byline: str | None
    published: date | None
    source: str
    path: str
    line: int | None
    url: str | None
    text: (
        str  # cleaned: headline + "\n\n" + body (the body alone when the title is a file's name); offsets point into it
    )
    currency_default: str | None = None  # ISO code a bare "$" means, when the article or its source says
    page: int | None = None  # a PDF article's first page (in the output only when set)
    digest: str | None = None  # of the bytes it was made from (HTML, PDF, a web archive's record): part of its key


@dataclass(frozen=True)
class Problem:
    """A bad file, line, value or article: its message (from errors.py) names where and what to do."""

    path: str
    line: int | None
    message: str
    level: str = "error"  # or "warning": the article was still read
