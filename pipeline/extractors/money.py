"""Money records: ``around 10 billion yuan``, ``100-billion-yuan (US$13.7 billion)``, ``Rs 1,250 crore``.

Values are exact Decimals in currency units (sub-units divided: ``212p`` = 2.12 GBP); the
currency comes from the CLDR table in ``pipeline/currencies.py`` plus config's additions.
A form that names several currencies (``$``, ``dollars``, ``rupees``, ``kr``) reads as the
article's own currency when that is one of them, found in this order:
``currency_default`` (front matter, JSONL or ``money.sources``; basis "source") -> a
country-marked dollar elsewhere in the article (``A$``; basis "article") -> its dateline
(``SYDNEY, May 4 -``; basis "article") -> its source's web domain (``theage.com.au``;
basis "source") -> else the form's usual reading (basis "default"). A form naming one
currency has basis "written". A bracketed amount in another currency is a conversion of
the one before it and points back to it through ``equivalent_of``.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from spacy.tokens import Doc

from ..config import MoneyOptions
from ..currencies import Currencies, currencies
from ..places import country_of
from ..records import Record
from . import Context, mention, text_of
from ._numbers import Phrase, alternation, atom_pattern, canonical, parenthetical, phrases

# "¥" is yen unless the article reads as Chinese (money.yen_sign.cny_context), then yuan.
_YEN_SIGN = "¥"
# Vague amounts: "billions of yuan", "hundreds of millions of dollars".
_VAGUE = r"(?:(?:tens|hundreds|dozens)\s+of\s+)?(?:hundreds|thousands|millions|billions|trillions)\s+of"
# A dateline opening a paragraph: "SYDNEY, May 4 (Reuters) -", "HONG KONG -".
_DATELINE = re.compile(r"^[ \t]*(?P<place>[A-Z][A-Z.'’ -]{1,30}[A-Z.])(?:,[^\n]{0,40}?)?[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?[-–—:][ \t]",
                       re.M)
# A sub-unit glued to its number ("212p") needs the pound written elsewhere in the article.
_PENCE_CONTEXT = re.compile(r"£|\bpence\b|\bsterling\b|\bGBP\b|\bpounds?\b", re.I)


def extract(doc: Doc, context: Context) -> list[Record]:
    """One money record per mention, in text order; conversions in brackets linked to their amount."""
    text, options = text_of(doc), context.config.money
    key = _key(options)
    table = currencies(*key[:5])
    found = sorted(phrases(text, _atoms(key)) + _vague(text, key), key=lambda p: p.start)
    found = [p for p in found if _is_money(doc, p, options, context.config)]
    hints = _hints(text, found, context, table)
    chinese = _cny_context(options.cny_context).search(text) is not None
    out: list[Record] = []
    for i, phrase in enumerate(found):
        rec = _record(doc, phrase, *_currency(phrase.unit, options, table, hints, chinese))
        previous = out[-1] if out else None
        if previous and previous.currency != rec.currency and parenthetical(text, found[i - 1], phrase):
            rec = replace(rec, equivalent_of=previous.key())
        out.append(rec)
    return out


def _record(doc: Doc, phrase: Phrase, currency: str, basis: str, subunit: bool) -> Record:
    def scaled(number: Decimal | None) -> Decimal | None:
        return number.scaleb(-2) if subunit and number is not None else number

    return Record(
        type="money",
        value=scaled(phrase.low),
        mentions=(mention(doc, phrase.start, phrase.end),),
        currency=currency,
        currency_basis=basis,
        approximate=phrase.approximate,
        qualifier=phrase.qualifier,
        min=scaled(phrase.low) if phrase.high is not None else None,
        max=scaled(phrase.high),
    )


def _currency(unit: str, options: MoneyOptions, table: Currencies, hints: list[tuple[str, str]],
              chinese: bool) -> tuple[str, str, bool]:
    """``(code, basis, is a sub-unit)`` for a unit as the phrase holds it (lower case)."""
    subunit = unit in options.subunits
    candidates = table.candidates(options.subunits.get(unit, unit))
    if unit == _YEN_SIGN and chinese:
        return "CNY", "article", subunit
    if len(candidates) == 1:
        return candidates[0], "written", subunit
    for code, basis in hints:
        if code in candidates:
            return code, basis, subunit
    return candidates[0], "default", subunit


def _hints(text: str, found: list[Phrase], context: Context, table: Currencies) -> list[tuple[str, str]]:
    """The article's own currency, most certain first, each with how it was decided."""
    hints = []
    if context.currency_default:
        hints.append((context.currency_default, "source"))
    marked = Counter(c[0] for p in found
                     if len(c := table.candidates(p.unit)) == 1 and c[0] in table.dollars and c[0] != "USD")
    hints += [(code, "article") for code, _ in marked.most_common()]
    for line in _DATELINE.finditer(text, 0, min(len(text), 2000)):
        country = country_of(line.group("place"))
        if country in table.countries:
            hints.append((table.countries[country], "article"))
            break
    domain = _domain_currency(context.source, context.config.money, table)
    if domain:
        hints.append((domain, "source"))
    return hints


def _domain_currency(source: str, options: MoneyOptions, table: Currencies) -> str | None:
    """The currency a web domain's country-code label names: ``theage.com.au`` -> AUD.

    >>> from pipeline.config import load_config
    >>> options = load_config().money
    >>> [_domain_currency(s, options, _table(options)) for s in ("theage.com.au", "bbc.co.uk", "x.io", "Reuters")]
    ['AUD', 'GBP', None, None]
    """
    host = source.lower().strip().removeprefix("https://").removeprefix("http://").split("/")[0]
    if "." not in host:
        return None
    label = host.rsplit(".", 1)[1]
    if label in options.domain_labels:
        return options.domain_labels[label]
    if label in options.generic_domains or len(label) != 2:
        return None
    return table.countries.get(label.upper())


def _is_money(doc: Doc, phrase: Phrase, options: MoneyOptions, config) -> bool:
    """Not a weight (``180 pounds``, ``a 50-pound bag``), not land (``12 cents of land``),
    not ``1080p``: a glued ``p`` is pence only beside other British money."""
    text, unit = text_of(doc), phrase.unit
    sentence = mention(doc, phrase.start, phrase.end).sentence.lower()
    if unit in ("pound", "pounds"):
        if re.match(r"-(?:feet|foot|force)\b", text[phrase.end:phrase.end + 7], re.I):
            return False
        return not any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", sentence) for w in options.weight_words)
    if unit in config.area_context_units:
        return not any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", sentence) for w in config.area_land_words)
    if unit == "p":
        written = text[phrase.start:phrase.end]
        return written.endswith("p") and not written[-2].isspace() and _PENCE_CONTEXT.search(text) is not None
    return True


def _vague(text: str, key: tuple) -> list[Phrase]:
    """``billions of yuan``: no value, the vague words as the qualifier, the whole phrase as the mention."""
    return [
        Phrase(start=m.start(), end=m.end(), outer_start=m.start(), low=None, high=None,
               unit=canonical(m.group("unit")), qualifier=" ".join(m.group("vague").lower().split()))
        for m in _vague_pattern(key).finditer(text)
    ]


def _key(options: MoneyOptions) -> tuple:
    """The options the table and patterns are built from, hashable, so each is built once."""
    return (tuple(options.signs.items()), tuple(options.words.items()), options.preferred,
            options.not_currency_words, options.not_codes, tuple(options.subunits))


def _table(options: MoneyOptions) -> Currencies:
    return currencies(*_key(options)[:5])


@lru_cache(maxsize=4)
def _atoms(key: tuple) -> re.Pattern:
    """Signs (``US$``, ``€``, ``Rs``) go before the number, words (``yuan``) and sub-units after it,
    ISO codes in capitals (``AUD``, ``INR``) either side."""
    table = currencies(*key[:5])
    signs, codes = list(table.written_signs), sorted(table.codes)
    words = list(table.words) + list(key[5])
    # A case-sensitive first-character test spares trying every key at every position (5x faster).
    firsts = "".join(sorted({k[0] for k in signs + codes}))
    before = (f"(?-i:(?=[{re.escape(firsts)}])"
              f"(?:{alternation(signs, before=True)}|{alternation(codes, before=True)}))")
    after = (f"{alternation(words, before=False)}|(?-i:{alternation(codes, before=False)})"
             f"|(?-i:(?:{alternation(signs, before=False)})(?!\\s*\\d))")
    return atom_pattern(before, after)


@lru_cache(maxsize=4)
def _vague_pattern(key: tuple) -> re.Pattern:
    words = currencies(*key[:5]).words
    return re.compile(rf"(?<!\w)(?P<vague>{_VAGUE})\s+(?P<unit>{alternation(words, before=False)})", re.I)


@lru_cache(maxsize=8)
def _cny_context(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, words))})(?!\w)", re.I)
