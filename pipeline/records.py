"""The record types every stage shares, and how mentions of one fact merge into one record."""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any, Iterable

TYPES = ("money", "area", "date", "organisation")


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
    """One record per distinct fact, in order of first mention, with ids ``<article>:<type>-<n>``."""
    by_key: dict[tuple, Record] = {}
    for rec in sorted(records, key=lambda r: r.mentions[0].start):
        old = by_key.get(rec.key())
        if old is None:
            by_key[rec.key()] = rec
            continue
        mentions = old.mentions + tuple(m for m in rec.mentions if m not in old.mentions)
        by_key[rec.key()] = replace(
            old,
            mentions=tuple(sorted(mentions, key=lambda m: m.start)),
            approximate=old.approximate or rec.approximate,
            qualifier=old.qualifier or rec.qualifier,
            equivalent_of=old.equivalent_of or rec.equivalent_of,
            relative=old.relative and rec.relative,  # also written out in full: not only relative
            flags=tuple(dict.fromkeys(old.flags + rec.flags)),
            aliases=tuple(dict.fromkeys(old.aliases + rec.aliases)),
        )
    counts: dict[str, int] = {}
    ids: dict[tuple, str] = {}
    out = []
    for key, rec in by_key.items():
        counts[rec.type] = counts.get(rec.type, 0) + 1
        ids[key] = f"{article}:{rec.type}-{counts[rec.type]}"
        out.append(replace(rec, article=article, id=ids[key]))
    return [replace(r, equivalent_of=ids.get(r.equivalent_of)) if r.equivalent_of else r for r in out]


def to_dict(rec: Record) -> dict:
    """The JSON form: fixed field names, empty optional fields left out."""
    out: dict[str, Any] = {"article": rec.article, "id": rec.id, "type": rec.type, "value": _number(rec.value)}
    for name in ("currency", "currency_basis", "unit", "original", "qualifier", "min", "max", "end", "equivalent_of"):
        value = getattr(rec, name)
        if value is not None:
            out[name] = {k: _number(v) for k, v in value.items()} if isinstance(value, dict) else _number(value)
    out["approximate"] = rec.approximate
    if rec.relative:
        out["relative"] = True
    if rec.flags:
        out["flags"] = list(rec.flags)
    if rec.aliases:
        out["aliases"] = list(rec.aliases)
    out["mentions"] = [{"text": m.text, "start": m.start, "end": m.end, "sentence": m.sentence} for m in rec.mentions]
    return out


def _number(value: Any) -> Any:
    """Decimals become ints when whole, else floats; other values pass through.

    >>> _number(Decimal("1E+11")), _number(Decimal("13.7")), _number("2025")
    (100000000000, 13.7, '2025')
    """
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
