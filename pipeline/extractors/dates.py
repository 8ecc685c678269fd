"""Dates at the granularity written: ``2025``, ``2023-10``, ``2023-10-13``, never padded.

dateparser reads the day-month-year parts we find (it knows month spellings and rejects
impossible days), but we find the spans ourselves: its ``search_dates`` turns ``By 2025``
into a full day and ``now`` into a date. A year-less day takes the year nearest to the
article's publication date; with no publication date it stays ``XXXX-MM-DD``, flagged.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from dateparser.date import DateDataParser
from spacy.tokens import Doc

from ..records import Record
from . import Context, mention

_MONTH = (r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|"
          r"Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|2[01]\d\d)"
_DASH = r"\s*(?:-|–|—|to|through|until|till)\s*"
# Named groups: m1 d1 y1 = start, m2 d2 y2 = end of a range.
_PATTERNS = [
    rf"(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:{_DASH}(?:(?P<m2>{_MONTH})\s+)?(?P<d2>{_DAY}))?(?:,?\s+(?P<y1>{_YEAR}))?",
    rf"(?P<d1>{_DAY})(?:{_DASH}(?P<d2>{_DAY}))?\s+(?P<m1>{_MONTH})(?:,?\s+(?P<y1>{_YEAR}))?",
    rf"(?P<m1>{_MONTH})(?:\s+of)?,?\s+(?P<y1>{_YEAR})",
    r"(?P<y1>" + _YEAR + r")-(?P<m1>0[1-9]|1[0-2])(?:-(?P<d1>0[1-9]|[12]\d|3[01]))?",
    rf"(?P<y1>{_YEAR})(?:\s*(?:-|–|to|and|through)\s*(?P<y2>{_YEAR}))?",
    rf"(?P<m1>{_MONTH})",
]
# Words before a date that say how it relates to the event; kept as the record's qualifier.
QUALIFIERS = ("as of", "by", "since", "in", "from", "until", "till", "before", "after",
              "through", "during", "between", "starting", "on")
_QUALIFIER = re.compile(r"\b(" + "|".join(q.replace(" ", r"\s+") for q in QUALIFIERS) + r")\s+(?:the\s+(?:end|start|beginning)\s+of\s+)?$", re.I)


def extract(doc: Doc, context: Context) -> list[Record]:
    records = []
    for match in _compiled().finditer(doc.text):
        parts = _parts(match)
        before = _QUALIFIER.search(doc.text[max(0, match.start() - 30):match.start()])
        qualifier = before.group(1).lower() if before else None
        if _not_a_date(doc, match, parts, qualifier):
            continue
        record = _record(parts, context.published, qualifier)
        if record is not None:
            m = mention(doc, match.start(), match.end())
            records.append(Record(type="date", mentions=(m,), **record))
    return records


@lru_cache(maxsize=1)
def _compiled() -> re.Pattern:
    """One regex of all patterns; at each place the first that fits wins (the table is longest-first)."""
    alternatives = []
    for i, p in enumerate(_PATTERNS):
        alternatives.append(re.sub(r"\(\?P<(\w+)>", lambda m: f"(?P<{m.group(1)}_{i}>", p))
    return re.compile(r"(?<![\w$.,-])(?:" + "|".join(alternatives) + r")(?![\w%]|[.,]\d|-\w)")


def _parts(match: re.Match) -> dict:
    """The named groups of whichever pattern matched, without their pattern suffix."""
    return {k.rsplit("_", 1)[0]: v for k, v in match.groupdict().items() if v is not None}


def _not_a_date(doc: Doc, match: re.Match, parts: dict, qualifier: str | None) -> bool:
    """A month alone is a date only after a date word (``since December``, not ``May I``).
    A bare four-digit number is a year only after a date word or inside a DATE entity,
    and not when it counts something (``2000 workers``)."""
    if set(parts) == {"m1"}:
        return qualifier is None
    if set(parts) - {"y1", "y2"}:
        return False
    span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    if span is None:
        return True
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and nxt.head.i != span.start:
        return True
    return qualifier is None and not all(t.ent_type_ == "DATE" for t in span)


def _record(parts: dict, published: date | None, qualifier: str | None) -> dict | None:
    start = _iso(parts.get("y1"), parts.get("m1"), parts.get("d1"), published)
    if start is None:
        return None
    end = None
    if parts.get("d2") or parts.get("y2"):
        end = _iso(parts.get("y2") or parts.get("y1"), parts.get("m2") or parts.get("m1"), parts.get("d2"), published)
        if end is None or end < start:
            return None
    flags = ("year_unknown",) if start.startswith("XXXX") else ()
    return {"value": start, "end": end, "qualifier": qualifier, "flags": flags}


def _iso(year: str | None, month: str | None, day: str | None, published: date | None) -> str | None:
    """ISO string at the written granularity, or None for an impossible date."""
    if month is None:
        return year
    if year is None and day is None:
        return _nearest_month(month, published)
    if year is None:
        if published is None:
            parsed = _parse(f"{month} {_digits(day)} 2000")  # a leap year, so Feb 29 passes
            return f"XXXX-{parsed.month:02d}-{parsed.day:02d}" if parsed else None
        candidates = [_parse(f"{month} {_digits(day)} {y}") for y in (published.year - 1, published.year, published.year + 1)]
        candidates = [c for c in candidates if c is not None]
        if not candidates:
            return None
        return min(candidates, key=lambda d: abs((d - published).days)).isoformat()
    if day is None:
        parsed = _parse(f"{month} 1 {year}")
        return f"{parsed.year:04d}-{parsed.month:02d}" if parsed else None
    parsed = _parse(f"{month} {_digits(day)} {year}")
    return parsed.isoformat() if parsed else None


def _nearest_month(month: str, published: date | None) -> str | None:
    """A month named without a year (``since December``): the one nearest publication."""
    parsed = _parse(f"{month} 1 2000")
    if parsed is None:
        return None
    if published is None:
        return f"XXXX-{parsed.month:02d}"
    here = published.year * 12 + published.month
    year = min((published.year - 1, published.year, published.year + 1),
               key=lambda y: abs(y * 12 + parsed.month - here))
    return f"{year:04d}-{parsed.month:02d}"


def _digits(day: str) -> str:
    return re.sub(r"\D", "", day)


@lru_cache(maxsize=4096)
def _parse(text: str) -> date | None:
    """dateparser on one explicit month-day-year string; None when no such day exists.

    >>> _parse("Oct. 13 2023"), _parse("February 30 2023"), _parse("10 13 2023")
    (datetime.date(2023, 10, 13), None, datetime.date(2023, 10, 13))
    """
    data = _parser().get_date_data(text.replace(".", ""))
    return data.date_obj.date() if data and data.date_obj else None


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    return DateDataParser(languages=["en"], settings={"DATE_ORDER": "MDY", "STRICT_PARSING": True})
