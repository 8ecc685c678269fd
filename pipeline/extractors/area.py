"""Area records: ``2.2 square kilometers``, ``200 mu (133,333 sqm)`` -> square metres.

Values are Decimals in m², rounded to the hundredth like money is exact to the cent;
``original`` keeps the number and unit as written. A bracketed area straight after
another is the same quantity restated: one record, two mentions; so is one after a comma
in another unit and of the same size (``1,200 mu of land, roughly 80 hectares``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache

from spacy.tokens import Doc

from ..records import Record
from . import Context, mention, text_of
from ._numbers import Phrase, alternation, atom_pattern, on_land, parenthetical, phrases

_CENT = Decimal("0.01")
# A restatement further off than this from the first figure is flagged "conversion_mismatch".
_TOLERANCE = Decimal("0.01")
# A restatement after a comma ("..., roughly 80 hectares") is one within this of the first figure.
_ROUNDING = Decimal("0.05")
_COMMA_GAP = re.compile(
    r"(?:\s+of\s+[a-z]+(?:\s+[a-z]+)?)?,\s*(?:or\s+(?:roughly|about|around|some|nearly|approximately|almost)?"
    r"|roughly|about|around|some|nearly|approximately|almost)\s*"
)


def extract(doc: Doc, context: Context) -> list[Record]:
    """One area record per quantity, in text order; ``200 mu (133,333 sqm)`` is one quantity."""
    text, config = text_of(doc), context.config
    units = config.area_units
    found = [
        p
        for p in phrases(text, _atoms(tuple(sorted(units))))
        if p.unit not in config.area_context_units or on_land(text, p.end, config.area_land_words)
    ]
    out: list[Record] = []
    i = 0
    while i < len(found):
        first = found[i]
        nxt = found[i + 1] if i + 1 < len(found) else None
        restated = nxt if nxt and (parenthetical(text, first, nxt) or _restated(text, first, nxt, units)) else None
        out.append(_record(doc, first, restated, units))
        i += 2 if restated else 1
    return out


def _restated(text: str, first: Phrase, nxt: Phrase, units: Mapping[str, float]) -> bool:
    """``1,200 mu of land, roughly 80 hectares``: after a comma and ``roughly``/``about``/``or``,
    in another unit, the same area to within the rounding a writer allows (a list, ``12 hectares,
    30 acres``, says no such word)."""
    gap = text[first.end : nxt.start]
    if nxt.unit == first.unit or first.high is not None or not _COMMA_GAP.fullmatch(gap):
        return False
    a, b = _m2(first.low, units[first.unit]), _m2(nxt.low, units[nxt.unit])
    return a > 0 and abs(a - b) <= a * _ROUNDING


def _record(doc: Doc, phrase: Phrase, restated: Phrase | None, units: Mapping[str, float]) -> Record:
    low = _m2(phrase.low, units[phrase.unit])
    high = _m2(phrase.high, units[phrase.unit]) if phrase.high is not None else None
    original = {"value": phrase.low, "unit": phrase.unit} | ({"max": phrase.high} if high is not None else {})
    mentions = (mention(doc, phrase.start, phrase.end),)
    flags: tuple[str, ...] = ()
    if restated:
        mentions += (mention(doc, restated.start, restated.end),)
        if abs(_m2(restated.low, units[restated.unit]) - low) > low * _TOLERANCE:
            flags = ("conversion_mismatch",)
    return Record(
        type="area",
        value=low,
        mentions=mentions,
        unit="m2",
        original=original,
        approximate=phrase.approximate,
        qualifier=phrase.qualifier,
        min=low if high is not None else None,
        max=high,
        flags=flags,
    )


def _m2(number: Decimal, factor: float) -> Decimal:
    """``number`` of a unit worth ``factor`` m², to the hundredth of a m².

    >>> _m2(Decimal("200"), 666.67), _m2(Decimal("2.2"), 1000000.0), _m2(Decimal("3"), 4046.8564224)
    (Decimal('133334.00'), Decimal('2200000.00'), Decimal('12140.57'))
    """
    return (number * Decimal(repr(factor))).quantize(_CENT)


@lru_cache(maxsize=8)
def _atoms(units: tuple[str, ...]) -> re.Pattern:
    """Area units only ever follow their number: ``5 ha``, never ``ha 5``."""
    return atom_pattern(None, alternation(units, before=False))
