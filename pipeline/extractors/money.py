"""Money records: ``around 10 billion yuan``, ``100-billion-yuan (US$13.7 billion)``, ``Rs 1,250 crore``.

Values are exact Decimals in currency units (sub-units divided: ``212p`` = 2.12 GBP); the
currency comes from the CLDR table in ``pipeline/currencies.py`` plus config's additions.
A form that names several currencies (``$``, ``dollars``, ``rupees``, ``kr``) reads as the
article's own currency when that is one of them, found in this order:
``currency_default`` (front matter, JSONL or ``money.sources``; basis "source") -> its
dateline (``SYDNEY, May 4 -``; basis "article") -> its source's web domain
(``theage.com.au``; basis "source") -> only where none of those says where the story is
from, a country-marked dollar elsewhere in it (``A$``; basis "article"): in a story from
home a marked dollar is the foreign one (``NZ$`` in an Australian paper) -> the countries
named in the amount's paragraph, then in the paragraphs before, then in the whole article
(for ``pesos`` or ``¥``, never to move a bare ``$`` from USD; basis "article") -> else the
form's usual reading (basis "default"). A form naming one currency has basis "written". A bracketed amount in another currency is a conversion of
the one before it and points back to it through ``equivalent_of``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from babel.numbers import get_currency_precision
from spacy.tokens import Doc

from ..config import MoneyOptions
from ..knowledge import places
from ..knowledge.cache import compiled
from ..knowledge.currencies import Currencies, currencies
from ..records import Record
from . import Context, article, mention, pos, remembered, text_of
from ._numbers import Phrase, alternation, atom_pattern, canonical, on_land, parenthetical, phrases

# A hint from the countries an article names: it picks among yen and yuan, pesos, riyals,
# but never turns a bare "$" from USD ("the Canadian miner" in a New York story).
_NAMED = "named"
# The unit of "39,870 crore" in an Indian story.
_RUPEE = "₹"
# Vague amounts: "billions of yuan", "hundreds of millions of dollars".
_VAGUE = r"(?:(?:tens|hundreds|dozens)\s+of\s+)?(?:hundreds|thousands|millions|billions|trillions)\s+of"
# A sub-unit glued to its number ("212p") needs the pound written elsewhere in the article.
_PENCE_CONTEXT = re.compile(r"£|\bpence\b|\bsterling\b|\bGBP\b|\bpounds?\b", re.I)
_PARAGRAPH = re.compile(r"\n\s*\n")
# "the" just before a lone-letter amount (a road, a model: "the R21"; looked for in the 200 characters
# before it, not from the top of the text at every amount), and an amount shaped like money.
_THE = re.compile(r"\bthe\s+$", re.I)
_SHAPED = re.compile(r"\d[.,]\d|\d\s*(?:[mbk]n?|[a-z]{4,})\b", re.I)


def extract(doc: Doc, context: Context) -> list[Record]:
    """One money record per mention, in text order; conversions in brackets linked to their amount."""
    text, options = text_of(doc), context.config.money
    key = article.key(options)
    table = currencies(*key[:5])
    found = sorted(phrases(text, _atoms(key)) + _vague(text, key), key=lambda p: p.start)
    found = [p for p in found if _is_money(doc, p, options, context.config)]
    hints = _hints(text, found, context, table)
    named = _Named(text, table)
    indian = (
        any(code == "INR" for code, _ in hints)
        or "INR" in named.total
        or any(_currency(p.unit, options, table, hints)[0] == "INR" for p in found)
    )
    if indian:  # "39,870 crore" in an Indian story is rupees
        found = sorted(phrases(text, _atoms(key), implicit=_RUPEE) + _vague(text, key), key=lambda p: p.start)
        found = [p for p in found if _is_money(doc, p, options, context.config)]
    # A lone letter ("R2.4bn", "P13", "K250") is money only where its currency is the article's
    # own or that of a country it names: never by a global default.
    found = [p for p in found if not _letter(text, p, table) or _own(p.unit, table, hints + named.near(p.start))]
    out: list[Record] = []
    for i, phrase in enumerate(found):
        code, basis, subunit = _currency(
            phrase.unit, options, table, hints + named.near(phrase.start), letter=_letter(text, phrase, table)
        )
        if subunit and basis == "default" and (beside := _beside(text, found, i, options, table, hints)):
            code, basis = beside  # "rose 30 cents to Sh58.75": the shilling's cents
        if phrase.unit == _RUPEE and _RUPEE not in text[phrase.start : phrase.end]:
            basis = "article"  # no currency written: the story is Indian
        rec = _record(doc, phrase, code, basis, subunit)
        previous = out[-1] if out else None
        if previous and previous.currency != rec.currency and parenthetical(text, found[i - 1], phrase):
            rec = replace(rec, equivalent_of=previous.key())
        out.append(rec)
    return out


def _beside(
    text: str, found: list[Phrase], i: int, options: MoneyOptions, table: Currencies, hints: list[tuple[str, str]]
) -> tuple[str, str] | None:
    """The currency of the amount just after a sub-unit, in the same clause, when the sub-unit is
    one of its (``rose 30 cents to Sh58.75``, ``fell 5 cents to US$1.20``), with its basis (a
    currency written there is the article's word for this one)."""
    if i + 1 >= len(found) or re.search(r"[.;\n]", text[found[i].end : found[i + 1].start]):
        return None
    if found[i + 1].start - found[i].end > 40:
        return None
    code, basis, _ = _currency(found[i + 1].unit, options, table, hints)
    forms = options.subunits.get(found[i].unit, ())
    if not any(code in table.candidates(form) for form in forms):
        return None
    return code, "article" if basis == "written" else basis


def _record(doc: Doc, phrase: Phrase, currency: str, basis: str, subunit: bool) -> Record:
    # A sub-unit is the fraction ISO 4217's minor-unit digits give: cents 1/100, fils of a dinar 1/1000.
    digits = (get_currency_precision(currency) or 2) if subunit else 0

    def scaled(number: Decimal | None) -> Decimal | None:
        return number.scaleb(-digits) if number is not None else number

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


def _currency(
    unit: str, options: MoneyOptions, table: Currencies, hints: list[tuple[str, str]], letter: bool = False
) -> tuple[str, str, bool]:
    """``(code, basis, is a sub-unit)`` for a unit as the phrase holds it (lower case); a lone
    letter before the number (``P4.6 billion``, not the pence of ``212p``) is never a sub-unit and
    takes the article's reading even where it names one currency (``R``: its basis says why)."""
    subunit = unit in options.subunits and not letter
    forms = (unit,) if letter else options.subunits.get(unit, (unit,))
    candidates = tuple(dict.fromkeys(code for form in forms for code in table.candidates(form)))
    if len(candidates) == 1 and not letter:
        return candidates[0], "written", subunit
    for code, basis in hints:
        if code in candidates and not (basis == _NAMED and candidates[0] == "USD"):
            return code, "article" if basis == _NAMED else basis, subunit
    return candidates[0], "default", subunit


def _hints(text: str, found: list[Phrase], context: Context, table: Currencies) -> list[tuple[str, str]]:
    """The article's own currency, most certain first, each with how it was decided."""
    hints = []
    if context.currency_default:
        hints.append((context.currency_default, "source"))
    country = context.facts.dateline_country
    if country in table.countries:
        hints.append((table.countries[country], "article"))
    if context.facts.domain_currency:
        hints.append((context.facts.domain_currency, "source"))
    if not hints:  # a story whose home is unknown: the dollar it marks is likely its own
        marked = Counter(
            c[0] for p in found if len(c := table.candidates(p.unit)) == 1 and c[0] in table.dollars and c[0] != "USD"
        )
        hints += [(code, "article") for code, _ in marked.most_common()]
    return hints


class _Named:
    """The currencies of the countries each paragraph names (``Mexican``, ``Bogotá``), asked
    for amount after amount.

    What ``near`` gives for a paragraph is worked out from what it gave for the paragraph
    before, each currency once: summing every paragraph's counts per amount made a long
    article quadratic (358k ``Counter`` additions at 200k characters).
    """

    def __init__(self, text: str, table: Currencies) -> None:
        self.starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
        self.counts: list[Counter] = [Counter() for _ in self.starts]
        for m in _country_pattern(table).finditer(text):
            code = table.adjectives.get(m[0]) or table.countries.get(places.names().get(m[0], ""))
            if code:
                self.counts[bisect_right(self.starts, m.start()) - 1][code] += 1
        self.total: Counter = Counter()  # the whole text's counts, in the order first named
        for counts in self.counts:
            self.total.update(counts)
        self._everywhere = [code for code, _ in self.total.most_common()]
        self._before: list[list[str]] = [[]]  # [i]: the paragraphs before paragraph i, nearest first

    def near(self, at: int) -> list[tuple[str, str]]:
        """The currencies named in the paragraph around ``at``, then in each paragraph before it
        (nearest first), then in the whole text, each group most named first; a currency only
        where it first comes, as the later places never decide."""
        here = bisect_right(self.starts, at)
        while len(self._before) <= here:
            i = len(self._before) - 1  # paragraph i, then the ones before it
            first = [code for code, _ in self.counts[i].most_common()]
            self._before.append(first + [code for code in self._before[i] if code not in self.counts[i]])
        codes = self._before[here]
        seen = set(codes)
        return [(code, _NAMED) for code in codes + [c for c in self._everywhere if c not in seen]]


def _own(unit: str, table: Currencies, hints: list[tuple[str, str]]) -> bool:
    """Whether the article's own currency (source, dateline) or a named country's is the one a
    lone letter stands for."""
    return any(code in table.candidates(unit) for code, _ in hints)


def _letter(text: str, phrase: Phrase, table: Currencies) -> bool:
    """Whether the phrase is written with a lone-letter sign before its number (``R250``, ``N40``)."""
    return text[phrase.start : phrase.start + 1] in table.letters and phrase.unit in _lower(table.letters)


def _lower(letters: frozenset[str]) -> frozenset[str]:
    return frozenset(letter.lower() for letter in letters)


def _is_money(doc: Doc, phrase: Phrase, options: MoneyOptions, config) -> bool:
    """Not a weight (``180 pounds``, ``a 50-pound bag``), not land (``12 cents of land``),
    not ``1080p``: a glued ``p`` is pence only beside other British money."""
    text, unit = text_of(doc), phrase.unit
    if unit in ("pound", "pounds"):
        if re.match(r"-(?:feet|foot|force)\b", text[phrase.end : phrase.end + 7], re.I):
            return False
        sentence = mention(doc, phrase.start, phrase.end).sentence.lower()
        return not any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", sentence) for w in options.weight_words)
    if unit in config.area_context_units:
        return not on_land(text, phrase.end, config.area_land_words)
    written = text[phrase.start : phrase.end]
    if _letter(text, phrase, article.table(options)):
        # "N40", "R250" in a story of their currency (checked there); "N95 masks", "the R2 to the coast",
        # "the K2" never: a bare figure before a noun or after "the" names a thing ("a R254 billion
        # package", with its scale, is money)
        return written[1:2].isdigit() and (
            _SHAPED.search(written) is not None
            or not (_before_noun(doc, phrase.end) or _THE.search(text, max(0, phrase.start - 200), phrase.start))
        )
    if unit == _RUPEE and _RUPEE not in written:  # "39,870 crore" counts money, "1.3 crore people" does not
        return not _before_noun(doc, phrase.end) and not _before_unit(text, phrase.end, config.area_units)
    if unit == "p":
        return written.endswith("p") and not written[-2].isspace() and _pounds_written(doc)
    return True


def _pounds_written(doc: Doc) -> bool:
    """Whether the article writes British money anywhere (``£``, ``pence``), read once per
    Doc: searched again for every glued ``p``, an article of them and no pound was quadratic."""
    return remembered(doc, "money.pounds", lambda: _PENCE_CONTEXT.search(text_of(doc)) is not None)


def _before_unit(text: str, end: int, units) -> bool:
    """Whether an area unit follows ``end``: ``12 lakh sq ft`` is floor space, not rupees."""
    after = text[end : end + 24].lstrip().lower()
    return any(after.startswith(unit) and not after[len(unit) : len(unit) + 1].isalpha() for unit in units)


def _before_noun(doc: Doc, end: int) -> bool:
    """Whether a noun follows straight after ``end``: the amount counts or names a thing.
    The text's length comes from ``text_of``: ``doc.text`` joins every token on each read."""
    after = doc.char_span(end, min(len(text_of(doc)), end + 30), alignment_mode="expand")
    return after is not None and len(after) > 0 and pos(after[0]) in ("NOUN", "PROPN")


def _vague(text: str, key: tuple) -> list[Phrase]:
    """``billions of yuan``: no value, the vague words as the qualifier, the whole phrase as the mention."""
    return [
        Phrase(
            start=m.start(),
            end=m.end(),
            outer_start=m.start(),
            low=None,
            high=None,
            unit=canonical(m.group("unit")),
            qualifier=" ".join(m.group("vague").lower().split()),
        )
        for m in _vague_pattern(key).finditer(text)
    ]


@lru_cache(maxsize=4)
def _atoms(key: tuple) -> re.Pattern:
    """Signs (``US$``, ``€``, ``Rs``) go before the number, words (``yuan``) and sub-units after it,
    ISO codes in capitals (``AUD``, ``INR``) either side."""
    table = currencies(*key[:5])
    signs, codes = list(table.written_signs), sorted(table.codes)
    words = list(table.words) + list(key[5])
    after_signs = {sign.rstrip(".") for sign in signs if sign.rstrip(".")}  # "500 kr." ends a sentence
    # A case-sensitive first-character test spares trying every key at every position (5x faster).
    firsts = "".join(sorted({k[0] for k in signs + codes}))
    before = f"(?-i:(?=[{re.escape(firsts)}])(?:{alternation(signs, before=True)}|{alternation(codes, before=True)}))"
    after = (
        f"{alternation(words, before=False)}|(?-i:{alternation(codes, before=False)})"
        f"|(?-i:(?:{alternation(after_signs, before=False)})(?!\\s*\\d))"
    )
    return atom_pattern(before, after)


@lru_cache(maxsize=4)
def _vague_pattern(key: tuple) -> re.Pattern:
    words = currencies(*key[:5]).words
    return compiled(rf"(?<!\w)(?P<vague>{_VAGUE})\s+(?P<unit>{alternation(words, before=False)})", re.I)


@lru_cache(maxsize=4)
def _country_pattern(table: Currencies) -> re.Pattern:
    """Country names, capitals and currency adjectives as written: ``Japan``, ``Beijing``, ``Saudi``."""
    names = sorted(set(places.names()) | set(table.adjectives), key=lambda name: (-len(name), name))
    return compiled(rf"(?<![\w-])(?=[A-Z])(?:{'|'.join(map(re.escape, names))})(?![\w-])")
