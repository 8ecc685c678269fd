"""An article's publication date and own currency: what its file says, checked, and the rules
that fill them in when it says nothing.

Publication date, first found wins: ``--published`` (overrides everything), the file's own
(front matter or JSONL ``published``), ``published_by_source`` for its source or file name,
``published_default``. Own currency (what a bare "$" means): the file's ``currency_default``,
then ``money.sources`` for its source or file name.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from ..config import Config
from ..errors import Errors
from ..knowledge.currencies import known_code
from ..records import Problem
from ..records.invariants import YEARS


def stated_date(value: str | None, path: Path, line: int | None) -> tuple[date | None, list[Problem]]:
    """The date a file states (None if none), or None and an error when it is not an ISO date:
    the article is still read, undated, and the run exits 1, as for a bad ``currency_default``
    (E027): a date lost leaves the article's relative dates unread, so CI must see it."""
    if not value:
        return None, []
    try:
        return iso_date(value), []
    except ValueError:
        return None, [Problem(str(path), line, Errors.E018.format(path=path, line=line, value=value))]


def stated_currency(value: str | None, path: Path, line: int | None) -> tuple[str | None, list[Problem]]:
    """The currency code a file states (None if none), or None and an error when it is no
    ISO 4217 code: a wrong guess would convert every bare "$" in the article."""
    if not value:
        return None, []
    if not known_code(value):
        return None, [Problem(str(path), line, Errors.E027.format(path=path, line=line, value=value))]
    return value, []


def publication_date(
    stated: date | None, source: str, path: Path, config: Config, override: date | None = None
) -> date | None:
    """The article's publication date by the rules above; None when no rule gives one."""
    by_source = config.published_by_source
    return override or stated or by_source.get(source) or by_source.get(path.stem) or config.published_default


def own_currency(stated: str | None, source: str, path: Path, config: Config) -> str | None:
    """The ISO code a bare "$" means in the article, by the rules above; None: the extractors decide."""
    by_source = config.money.sources
    return stated or by_source.get(source) or by_source.get(path.stem)


def iso_date(text: str) -> date:
    """An ISO date; a datetime gives its date as written.

    >>> iso_date("2023-10-24"), iso_date("2023-10-24T08:00:00Z")
    (datetime.date(2023, 10, 24), datetime.date(2023, 10, 24))

    Years outside 1000-2200 are refused: relative dates counted from them would leave the calendar.

    >>> iso_date("0001-01-01")
    Traceback (most recent call last):
    ValueError: year 1 is outside 1000-2200
    """
    text = text.strip()
    try:
        found = date.fromisoformat(text)
    except ValueError:
        found = datetime.fromisoformat(text).date()
    if not YEARS[0] <= found.year <= YEARS[1]:
        raise ValueError(f"year {found.year} is outside {YEARS[0]}-{YEARS[1]}")
    return found
