"""Money records: ``around 10 billion yuan``, ``100-billion-yuan (US$13.7 billion)``, ``billions of yuan``.

Values are exact Decimals in currency units; the currency is the ISO code from
``config.currencies``. A bracketed amount in another currency is a conversion of the
one before it and points back to it through ``equivalent_of``.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Mapping

from spacy.tokens import Doc

from ..records import Record
from . import Context, mention
from ._numbers import Phrase, alternation, atom_pattern, canonical, parenthetical, phrases

# "¥" is yen unless the article reads as Chinese (config.cny_context), then yuan.
_YEN_SIGN = "¥"
# Vague amounts: "billions of yuan", "hundreds of millions of dollars".
_VAGUE = r"(?:(?:tens|hundreds|dozens)\s+of\s+)?(?:hundreds|thousands|millions|billions|trillions)\s+of"


def extract(doc: Doc, context: Context) -> list[Record]:
    """One money record per mention, in text order; conversions in brackets linked to their amount."""
    text, config = doc.text, context.config
    table = tuple(sorted(config.currencies.items()))
    chinese = _cny_context(config.cny_context).search(text) is not None
    found = sorted(phrases(text, _atoms(table)) + _vague(text, table), key=lambda p: p.start)
    out: list[Record] = []
    for i, phrase in enumerate(found):
        rec = _record(doc, phrase, _currency(phrase.unit, config.currencies, chinese))
        previous = out[-1] if out else None
        if previous and previous.currency != rec.currency and parenthetical(text, found[i - 1], phrase):
            rec = replace(rec, equivalent_of=previous.key())
        out.append(rec)
    return out


def _record(doc: Doc, phrase: Phrase, currency: str) -> Record:
    return Record(
        type="money",
        value=phrase.low,
        mentions=(mention(doc, phrase.start, phrase.end),),
        currency=currency,
        approximate=phrase.low is None or phrase.qualifier is not None,
        qualifier=phrase.qualifier,
        min=phrase.low if phrase.high is not None else None,
        max=phrase.high,
    )


def _currency(unit: str, currencies: Mapping[str, str], chinese: bool) -> str:
    return "CNY" if unit == _YEN_SIGN and chinese else currencies[unit]


def _vague(text: str, table: tuple[tuple[str, str], ...]) -> list[Phrase]:
    """``billions of yuan``: no value, the vague words as the qualifier, the whole phrase as the mention."""
    return [
        Phrase(start=m.start(), end=m.end(), outer_start=m.start(), low=None, high=None,
               unit=canonical(m.group("unit")), qualifier=" ".join(m.group("vague").lower().split()))
        for m in _vague_pattern(table).finditer(text)
    ]


@lru_cache(maxsize=8)
def _atoms(table: tuple[tuple[str, str], ...]) -> re.Pattern:
    """Symbols (``US$``, ``€``) go before the number, words (``yuan``) after it; codes
    written in capitals (``RMB``, ``USD``) either side."""
    keys = [key for key, _ in table]
    symbols = [k for k in keys if not k[-1].isalpha()]
    words = [k for k in keys if k[-1].isalpha()]
    codes = [w.upper() for w in words]
    # A case-sensitive first-character test spares trying every key at every position (5x faster).
    firsts = "".join(sorted({k[0].lower() for k in symbols} | {k[0].upper() for k in symbols + codes}))
    before = (f"(?-i:(?=[{re.escape(firsts)}]))"
              f"(?:{alternation(symbols, before=True)}|(?-i:{alternation(codes, before=True)}))")
    after = f"{alternation(words, before=False)}|(?:{alternation(symbols, before=False)})(?!\\s*\\d)"
    return atom_pattern(before, after)


@lru_cache(maxsize=8)
def _vague_pattern(table: tuple[tuple[str, str], ...]) -> re.Pattern:
    words = [key for key, _ in table if key[-1].isalpha()]
    return re.compile(rf"(?<!\w)(?P<vague>{_VAGUE})\s+(?P<unit>{alternation(words, before=False)})", re.I)


@lru_cache(maxsize=8)
def _cny_context(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})(?!\w)", re.I)
