"""What English-language news writes for money, from Unicode CLDR (via Babel) and ISO 3166 (pycountry).

Built once per installed version and set of options into the tables' cache file
(``cache``), read once per process, from:

- every ISO 4217 currency that is legal tender somewhere today (CLDR territory data);
- its English display names, singular and plural (``Australian dollars``, ``Swedish kronor``),
  and their last word as a short name (``dollars``, ``kronor``);
- its symbols in every English locale, ``en_AU``, ``en_NZ``, ``en_IN``, ``en_HK``, ``en_SG``,
  ``en_CA``, ``en_MY``, ``en_SE``... (``A$``, ``NZ$``, ``CA$``, ``HK$``, ``₹``, ``₩``, ``RM``,
  ``kr``, and ``$`` for each dollar at home); a sign with a country mark is also read
  reversed and spaced (``A$`` -> ``$A``, ``A $``), and without its mark for each country
  that marks it (``CN¥`` -> ``¥``; East Africa's ``Ksh``, ``TSh``, ``USh`` -> ``Sh``, which
  the article's country then picks);
- country names (pycountry) before a currency's short name: ``Singapore dollars``;
- the signs its own countries write in their languages, where English would not mistake them
  for a word or unit (``zł``, ``Kč``, ``฿``: one character beyond ASCII), and the word of its
  native name that spells its English short name (``złoty`` for ``zloty``);
- the typewriter stand-ins for signs keyboards lack (``GH¢`` for ``GH₵``; ``N`` for ``₦``).

A lone letter (CLDR's ``R`` of en_ZA, ``K`` of en_ZM and en_PG, ``P`` of en_BW; config's ``P`` for
the Philippine peso; the typed ``N``) is one of ``letters``: money reads it only glued to a number
in a story whose own or named country's currency it is (``R2.4bn`` in a Johannesburg story; never
the ``R2`` road or ``K-pop``).

A form may name several currencies (``$``, ``kr``, ``rupees``): its candidates are ordered by
``money.preferred`` in config, then by how many English locales write it for each, so the
first is the usual reading and an article's own currency can pick another. Config adds or
overrides forms (``money.signs``, ``money.words``) and drops forms that are ordinary
English (``money.not_currency_words``: ``real``, ``sol``; ``money.not_codes``: ``ALL``, ``TOP``).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import pycountry
from babel import localedata
from babel.core import get_global
from babel.numbers import get_territory_currencies, list_currencies

from .cache import cached

# A sign written with a country mark before it: "A$", "HK$", "CN¥", the shillings "Ksh", "TSh", "USh".
_MARKED = re.compile(r"([A-Z]{1,3})([$¥£]|[Ss]h)")
# What a writer types for a currency sign without its key: the cedi's "₵" as a cent sign, the
# naira's "₦" as the letter it is drawn on. Unicode records no such link, hence this table.
_TYPED_AS = {"₵": "¢", "₦": "N"}
# Signs that abbreviate a short name several currencies share: "Rs" is any rupee (Pakistan's,
# Sri Lanka's, Nepal's...), which the article's country then picks, as for "rupees".
_SHORT_FOR = {"Rs": "rupees", "Rs.": "rupees"}
# Letters with a stroke, which Unicode does not decompose into letter + mark: "złoty" is "zloty".
_STROKED = str.maketrans("łŁđĐøØħĦ", "lLdDoOhH")


@dataclass(frozen=True, eq=False)
class Currencies:
    """Forms as written -> ISO codes, best reading first."""

    signs: Mapping[str, tuple[str, ...]]  # written before the number, lower case: "a$", "rs", "€"
    words: Mapping[str, tuple[str, ...]]  # written after it, lower case: "australian dollars", "won"
    codes: frozenset[str]  # ISO codes accepted in capitals on either side
    dollars: frozenset[str]  # currencies a bare "$" or "dollars" may mean
    countries: Mapping[str, str]  # ISO 3166 alpha-2 -> the currency used there today
    written_signs: tuple[str, ...]  # the signs with their case, for the pattern
    adjectives: Mapping[str, str]  # "Saudi", "Chilean", "US" -> ISO code, from the currency names
    letters: frozenset[str]  # lone letters ("R", "K", "P", "N"), read only in their currency's stories

    def candidates(self, unit: str) -> tuple[str, ...]:
        """The currencies a unit (as written, any case) may mean, best first; an ISO code means itself.

        >>> table = currencies()
        >>> table.candidates("A$"), table.candidates("Swiss Francs"), table.candidates("aud"), table.candidates("xyz")
        (('AUD',), ('CHF',), ('AUD',), ())
        """
        key = " ".join(unit.lower().split())
        found = self.signs.get(key) or self.words.get(key)
        if found:
            return found
        return (key.upper(),) if key.upper() in self.codes else ()


def known_code(code: str) -> bool:
    """Whether ``code`` is an ISO 4217 code CLDR knows.

    >>> known_code("AUD"), known_code("XYZ"), known_code("aud")
    (True, False, False)
    """
    return code in list_currencies()


@lru_cache(maxsize=4)
def currencies(
    signs: tuple[tuple[str, tuple[str, ...]], ...] = (),
    words: tuple[tuple[str, str], ...] = (),
    preferred: tuple[str, ...] = (),
    not_words: tuple[str, ...] = (),
    not_codes: tuple[str, ...] = (),
) -> Currencies:
    """The table; config's ``signs`` (form -> codes, the usual reading first) and ``words``
    (form -> code) come first for their forms.
    Built once per installed Babel and pycountry and set of options into the tables' cache
    file (``cache``; ~0.8 s of CPU to build here), read once per process."""
    options = (signs, words, preferred, not_words, not_codes)
    found = cached("currencies", lambda: _build(*options), ("babel", "pycountry"), __file__, options)
    return Currencies(**{name: _read_only(value) for name, value in found.items()})


def _read_only(value):
    return MappingProxyType(value) if isinstance(value, dict) else value


def _build(
    signs: tuple[tuple[str, tuple[str, ...]], ...],
    words: tuple[tuple[str, str], ...],
    preferred: tuple[str, ...],
    not_words: tuple[str, ...],
    not_codes: tuple[str, ...],
) -> dict[str, object]:
    """``Currencies``' fields, plain (a pickle keeps no ``MappingProxyType``)."""
    countries = {}
    for territory in get_global("territory_currencies"):
        tender = get_territory_currencies(territory, tender=True)
        if tender:
            countries[territory] = tender[0]
    current = set(countries.values())

    found_signs: dict[str, Counter] = defaultdict(Counter)
    dollars = set()
    for locale_id in localedata.locale_identifiers():
        language, _, territory = locale_id.partition("_")
        if language != "en" or not territory or "_" in territory:
            continue
        for code, sign in localedata.load(locale_id)["currency_symbols"].items():
            if code not in current or sign == code:
                continue
            found_signs[sign][code] += 1  # a lone letter ("R", "K", "P") becomes one of ``letters``
            if sign == "$" and code == countries.get(territory):
                dollars.add(code)
    english = localedata.load("en")
    home_names = defaultdict(set)
    home_signs = defaultdict(set)  # what each currency's own countries write for it ("R$", "$")
    for locale_id in localedata.locale_identifiers():
        language, _, territory = locale_id.partition("_")
        code = countries.get(territory)
        if language == "en" or code is None or "_" in territory:
            continue
        data = localedata.load(locale_id)
        sign = data["currency_symbols"].get(code, code)
        home_signs[code].add(sign)
        if not sign.isascii() and sign.isprintable() and code not in found_signs[sign]:
            found_signs[sign][code] += 0  # the home sign (zł, Kč, ฿): known, never the usual reading
        home_names[code].update(data["currency_names"].get(code, "").lower().split())
    for sign, typed in _TYPED_AS.items():
        for written, counts in list(found_signs.items()):
            if sign in written:
                found_signs[written.replace(sign, typed)].update(dict.fromkeys(counts, 0))
    dollars |= {code for code in current if english["currency_names"].get(code, "").endswith("Dollar")}
    found_signs["$"].update(dict.fromkeys(dollars, 0))  # Hong Kong writes "$" for its own dollar too
    for sign, counts in list(found_signs.items()):
        mark = _MARKED.fullmatch(sign)
        if mark:
            for variant in (mark[2] + mark[1], f"{mark[1]} {mark[2]}") if mark[2] in "$¥£" else ():
                found_signs[variant].update(counts)
            bare = mark[2].capitalize()
            found_signs[bare].update(
                dict.fromkeys((c for c in counts if bare != "$" or c in dollars or "$" in home_signs[c]), 0)
            )  # "CN¥" is also "¥", "TSh" "Sh", "MX$" "$"; "R$" is never "$" in Brazil
        if sign.endswith(".") and len(sign) > 2:
            found_signs[sign[:-1]].update(dict.fromkeys(counts, 0))  # "kr." is also written "kr"

    found_words: dict[str, Counter] = defaultdict(Counter)
    nouns: dict[str, set[str]] = defaultdict(set)
    for code in current:
        name = english["currency_names"].get(code, code)
        for written in {name, *dict(english["currency_names_plural"].get(code, {})).values()}:
            found_words[written.lower()][code] += 2  # a full name beats a short one
            nouns[code].add(written.lower().split()[-1])
    for code, short in nouns.items():
        for noun in short | {w for w in home_names[code] if _ascii(w) in short and w != _ascii(w)}:
            found_words[noun][code] += 1
    for country in pycountry.countries:
        code = countries.get(country.alpha_2)
        for name in {country.name, getattr(country, "common_name", country.name)} if code else ():
            for noun in nouns[code]:
                found_words[f"{name.lower()} {noun}"][code] += 2

    for sign, noun in _SHORT_FOR.items():
        found_signs[sign].update(dict.fromkeys(found_words[noun], 0))

    adjectives = {}
    firsts = Counter(english["currency_names"].get(code, "").split()[0] for code in current)
    for code in current:
        words_before = english["currency_names"].get(code, "").split()[:-1]
        if words_before and words_before[0][0].isupper():
            adjectives[" ".join(words_before)] = code
            if firsts[words_before[0]] == 1:  # "Israeli" of "Israeli New Shekel", not "New" or "South"
                adjectives[words_before[0]] = code

    rank = {code: i for i, code in enumerate(preferred)}
    drop = {w.lower() for w in not_words}
    letters = frozenset(s for s in found_signs.keys() | {s for s, _ in signs} if len(s) == 1 and s.isalpha())
    table_signs = {_key(s): _ranked(c, rank) for s, c in found_signs.items()}
    table_words = {w: _ranked(c, rank) for w, c in found_words.items() if w not in drop}
    for table, given in ((table_signs, signs), (table_words, words)):
        for form, codes in given:
            codes = (codes,) if isinstance(codes, str) else tuple(codes)
            table[_key(form)] = codes + tuple(c for c in table.get(_key(form), ()) if c not in codes)
    return dict(
        signs=table_signs,
        words=table_words,
        codes=frozenset(current - set(not_codes)),
        dollars=frozenset(dollars),
        countries=countries,
        written_signs=tuple(sorted(found_signs.keys() | {s for s, _ in signs})),
        adjectives=adjectives,
        letters=letters,
    )


def _ascii(word: str) -> str:
    """A word without its accents and strokes: ``złoty`` -> ``zloty``, ``koruna`` unchanged."""
    bare = unicodedata.normalize("NFKD", word.translate(_STROKED))
    return "".join(c for c in bare if not unicodedata.combining(c))


def _key(form: str) -> str:
    return " ".join(form.lower().split())


def _ranked(counts: Counter, rank: Mapping[str, int]) -> tuple[str, ...]:
    """Preferred codes first, then the most written, then alphabetical."""
    return tuple(sorted(counts, key=lambda code: (rank.get(code, len(rank)), -counts[code], code)))
