"""The record types every stage shares, and how mentions of one fact merge into one record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

TYPES = ("money", "area", "date", "organisation")
EXACT_INT = 10**18  # whole values below this are written as JSON integers


@dataclass(frozen=True)
class Mention:
    """Where a fact was written: offsets into the article's cleaned text."""

    text: str
    start: int
    end: int
    sentence: str


@dataclass(frozen=True)
class Record:
    """One fact. Extractors return one per mention; ``merge`` folds equal facts together.

    ``equivalent_of`` holds the key of the linked record until ``merge`` turns it into an id.
    """

    type: str
    value: Any
    mentions: tuple[Mention, ...]
    currency: str | None = None
    currency_basis: str | None = None  # money: "written" | "article" | "source" | "default"
    unit: str | None = None
    original: dict | None = None
    approximate: bool = False
    qualifier: str | None = None
    min: Any = None
    max: Any = None
    end: Any = None
    equivalent_of: Any = None
    relative: bool = False  # a date resolved against the publication date (``yesterday``)
    flags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    article: str = ""
    id: str = ""

    def key(self) -> tuple:
        """What makes two mentions the same fact."""
        if self.type == "organisation":
            return (self.type, str(self.value).lower())
        return (self.type, self.value, self.currency, self.min, self.max, self.end)


def merge(records: Iterable[Record], article: str) -> list[Record]:
    """One record per distinct fact, in order of first mention, with ids ``<article>:<type>-<n>``.

    Mentions are grouped first and each record built once, so merging is linear in mentions
    (folding them in one by one re-sorted and re-scanned the mentions each time).
    """
    groups: dict[tuple, list[Record]] = {}
    for rec in sorted(records, key=lambda r: r.mentions[0].start):
        groups.setdefault(rec.key(), []).append(rec)
    counts: dict[str, int] = {}
    ids: dict[tuple, str] = {}
    out = []
    for key, group in groups.items():
        rec = _fold(group)
        counts[rec.type] = counts.get(rec.type, 0) + 1
        ids[key] = f"{article}:{rec.type}-{counts[rec.type]}"
        out.append(replace(rec, article=article, id=ids[key]))
    return [replace(r, equivalent_of=ids.get(r.equivalent_of)) if r.equivalent_of else r for r in out]


def _fold(group: list[Record]) -> Record:
    """Mentions of one fact as one record: the first's fields, the others' mentions, flags and aliases."""
    first = group[0]
    if len(group) == 1:
        return first
    mentions = dict.fromkeys(m for rec in group for m in rec.mentions)
    return replace(
        first,
        mentions=tuple(sorted(mentions, key=lambda m: m.start)),
        approximate=any(r.approximate for r in group),
        qualifier=next((r.qualifier for r in group if r.qualifier), None),
        equivalent_of=next((r.equivalent_of for r in group if r.equivalent_of), None),
        relative=all(r.relative for r in group),  # also written out in full: not only relative
        flags=tuple(dict.fromkeys(f for r in group for f in r.flags)),
        aliases=tuple(dict.fromkeys(a for r in group for a in r.aliases)),
    )


def to_dict(rec: Record) -> dict:
    """The JSON form: fixed field names, empty optional fields left out."""
    out: dict[str, Any] = {"article": rec.article, "id": rec.id, "type": rec.type, "value": json_number(rec.value)}
    for name in ("currency", "currency_basis", "unit", "original", "qualifier", "min", "max", "end", "equivalent_of"):
        value = getattr(rec, name)
        if value is not None:
            out[name] = {k: json_number(v) for k, v in value.items()} if isinstance(value, dict) else json_number(value)
    out["approximate"] = rec.approximate
    if rec.relative:
        out["relative"] = True
    if rec.flags:
        out["flags"] = list(rec.flags)
    if rec.aliases:
        out["aliases"] = list(rec.aliases)
    out["mentions"] = [{"text": m.text, "start": m.start, "end": m.end, "sentence": m.sentence} for m in rec.mentions]
    return out


def json_number(value: Any) -> Any:
    """Decimals become ints when whole, else floats; other values pass through.

    Whole numbers up to EXACT_INT are written as integers; larger ones as floats (10^400 is
    not written as 401 digits):

    >>> json_number(Decimal("1E+11")), json_number(Decimal("13.7")), json_number("2025"), json_number(Decimal("2.5E+20"))
    (100000000000, 13.7, '2025', 2.5e+20)
    """
    if isinstance(value, Decimal):
        exact = value.is_finite() and value == value.to_integral_value() and abs(value) < EXACT_INT
        return int(value) if exact else float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
