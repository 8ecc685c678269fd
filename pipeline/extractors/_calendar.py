"""What a written date means: month and weekday names, the year of a year-less date
from the verb's tense, relative dates against the publication day, day/month order.

Names come from the CLDR data Babel ships, so they are the ones the locale writes;
our own arithmetic on the parts replaces dateparser (one call per part cost ~10%).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import TypeVar

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import get_date_format, get_day_names, get_month_names
from spacy.tokens import Doc

from . import dep, lemma, parsed, patterns, pos, tag

# News abbreviations that CLDR's English lacks (AP style).
_EXTRA_MONTHS = {"sept": 9}
_EXTRA_WEEKDAYS = {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}
# Words that make the verb of a sentence point forward in time (`will open`, `is due to`).
_FUTURE = {
    "will",
    "would",
    "shall",
    "'ll",
    "wo",
    "going",
    "due",
    "expect",
    "schedule",
    "slate",
    "plan",
    "aim",
    "intend",
}
# Qualifiers that point forward or back by themselves (`by November`, `since March`).
_FORWARD, _BACKWARD = {"by", "until", "till"}, {"since"}
# The end of a state, which runs on past a reporting verb's tense, unless a perfect closes it.
_UNTIL = {"until", "till"}
QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
NUMBER_WORDS = {"a": 1, "an": 1} | {word: n for word, n in patterns.NUMBER_WORDS.items() if n <= 12}


@lru_cache(maxsize=1)
def months() -> dict[str, int]:
    """Lower-case month name or abbreviation -> 1..12.

    >>> months()["september"], months()["sep"], months()["sept"]
    (9, 9, 9)
    """
    out = dict(_EXTRA_MONTHS)
    for width in ("wide", "abbreviated"):
        out.update({name.lower(): n for n, name in get_month_names(width, locale="en").items()})
    return out


@lru_cache(maxsize=1)
def weekdays() -> dict[str, int]:
    """Lower-case weekday name or abbreviation -> 0 (Monday) .. 6."""
    out = dict(_EXTRA_WEEKDAYS)
    for width in ("wide", "abbreviated"):
        out.update({name.lower(): n for n, name in get_day_names(width, locale="en").items()})
    return out


def tense(doc: Doc, start: int, end: int, qualifier: str | None) -> str | None:
    """``"past"``, ``"future"`` or None for the clause that holds ``doc.text[start:end]``.

    Read from the tagger: the verb the date hangs on, its auxiliaries, an `after` clause
    beside it (`sits fourth after beating Leeds on Saturday`) and the verbs it complements
    (`is expected to open`). A past verb wins over `by` (`had fallen by May`), not over `until`
    (`said the stages were booked until May`); above an infinitive it says nothing.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    verb = parsed(doc, span.start, span.end).root
    while pos(verb) not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
        if tag(verb) == "JJ" and dep(verb) in _DETACHED:
            return _by_word(verb, qualifier)
    words, past = [], []
    infinitive = False  # a past verb above an infinitive says nothing of its time: `agreed to hear in July`
    while pos(verb) in ("VERB", "AUX"):
        here = [
            verb,
            *(c for c in verb.children if dep(c) in ("aux", "auxpass", "acomp")),
            *(g for c in verb.children if c.lower_ == "after" for g in c.children if tag(g) == "VBG"),
        ]
        words += here
        past += [] if infinitive else here
        infinitive = infinitive or any(tag(c) == "TO" for c in verb.children if dep(c) == "aux")
        # `had approved plans covering ore by April`; `kept its form, beating Basel on Sunday`
        if tag(verb) == "VBG" and (dep(verb) == "acl" or (dep(verb) == "advcl" and dep(verb.head) == "ROOT")):
            verb = verb.head  # the -ing form has no tense: the clause's verb tells
            while pos(verb) not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            continue
        if dep(verb) not in ("xcomp", "ccomp", "acomp") or verb.head.i == verb.i:
            break
        verb = verb.head
    if any(w.lower_ in _FUTURE or lemma(w).lower() in _FUTURE or _set_to(w) for w in words):
        return "future"
    if qualifier in _UNTIL and not any(lemma(c) == "have" for w in words for c in w.children if dep(c) == "aux"):
        return "future"  # a state that runs on (`said it was booked until May`); `had been shut until May` is over
    if any(_past(w) for w in past):
        return "past"
    if qualifier in _FORWARD:
        return "future"
    if qualifier in _BACKWARD:
        return "past"
    return None


# An adjective that hangs on a clause or a noun rather than completing a verb (`declared a
# dividend, payable Dec. 1`; `created an office, effective Feb. 1`) is a time of its own:
# the past verb of the announcement does not date it. Not `acomp` (`the plant was idle until May`).
_DETACHED = {"advcl", "amod", "acl", "appos", "npadvmod", "conj"}


def _by_word(adjective, qualifier: str | None) -> str | None:
    """The time an adjective's date points to: forward for `due`, else what the date's own
    preposition says, else nothing (the nearest such date)."""
    if adjective.lower_ in _FUTURE or qualifier in _FORWARD:
        return "future"
    return "past" if qualifier in _BACKWARD else None


def _set_to(verb) -> bool:
    """`is set to open`, not `has set aside` or `set out`."""
    return (
        verb.lower_ == "set"
        and tag(verb) == "VBN"
        and not any(lemma(c) == "have" or dep(c) == "prt" for c in verb.children)
    )


def caption(doc: Doc, start: int, end: int) -> bool:
    """Whether the sentence holding ``doc.text[start:end]`` has no verb at all: a photo
    caption (`Fans at the stadium on Sunday.`), which shows what has happened."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and not any(pos(t) in ("VERB", "AUX") for t in parsed(doc, span.start, span.end).sent)


def _past(verb) -> bool:
    """`rose`, `has risen`, `was held`, `after beating`, and a participle with no present
    auxiliary (`the deal, announced on Monday,`); not `is held`."""
    if tag(verb) == "VBD" or (tag(verb) == "VBG" and verb.head.lower_ in ("after", "since")):
        return True  # `after beating Leeds on Saturday`
    if tag(verb) != "VBN":
        return False
    aux = [c for c in verb.children if dep(c) in ("aux", "auxpass")]
    return any(lemma(a) == "have" for a in aux) or not any(tag(a) in ("VBZ", "VBP", "VB", "MD") for a in aux)


# Dates, or month numbers (year * 12 + month): anything the calendar compares with the publication day.
T = TypeVar("T", date, int)


def pick(candidates: list[T], published: T, when: str | None, strict: bool = False) -> T:
    """The candidate on/before ``published`` for the past, on/after for the future, else the
    nearest; ``strict`` leaves out ``published`` itself (`last Tuesday` on a Tuesday).

    Candidates are comparable with ``published`` (dates, or month numbers ``year*12+month``).

    >>> pick([1, 5, 9], 6, "past"), pick([1, 5, 9], 6, "future"), pick([1, 5, 9], 6, None)
    (5, 9, 5)
    """
    if strict:
        candidates = [c for c in candidates if c != published]
    if when == "past" and any(c <= published for c in candidates):
        return max(c for c in candidates if c <= published)
    if when == "future" and any(c >= published for c in candidates):
        return min(c for c in candidates if c >= published)
    return min(candidates, key=lambda c: abs(_distance(c, published)))


def _distance(a, b) -> int:
    diff = a - b
    return diff.days if isinstance(diff, timedelta) else diff


def yearless_day(month: int, day: int, published: date, when: str | None) -> date | None:
    """The year of `March 3` written without one, following the tense."""
    candidates = []
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            pass
    return pick(candidates, published, when) if candidates else None


def yearless_month(month: int, published: date, when: str | None, strict: bool = False) -> str:
    """``YYYY-MM`` for a month named without a year (`in April`), following the tense."""
    here = published.year * 12 + published.month - 1
    chosen = pick([(published.year + k) * 12 + month - 1 for k in (-1, 0, 1)], here, when, strict)
    return f"{chosen // 12:04d}-{chosen % 12 + 1:02d}"


def year_of_weekday(month: int, day: int, weekday: int, published: date) -> int | None:
    """The year near publication in which ``month``/``day`` falls on ``weekday``, if only one.

    >>> year_of_weekday(6, 7, 0, date(2026, 11, 25)), year_of_weekday(6, 7, 4, date(2026, 11, 25))  # Monday, Friday
    (2027, None)
    """
    years = []
    for year in range(published.year - 1, published.year + 2):
        try:
            if date(year, month, day).weekday() == weekday:
                years.append(year)
        except ValueError:
            pass
    return years[0] if len(years) == 1 else None


def weekday(day: int, published: date, when: str | None, strict: bool = False) -> date:
    """The date of `on Tuesday`: this week's, before publication in a past sentence, after in a future one."""
    return pick(
        [published + timedelta(days=k) for k in range(-7, 8) if (published.weekday() + k) % 7 == day],
        published,
        when,
        strict,
    )


def shift(published: date, unit: str, steps: int) -> str:
    """``published`` moved ``steps`` units, at that unit's granularity.

    >>> shift(date(2026, 1, 15), "month", -1), shift(date(2026, 11, 25), "week", 0), shift(date(2026, 11, 25), "day", -2)
    ('2025-12', '2026-W48', '2026-11-23')
    """
    if unit == "day":
        return (published + timedelta(days=steps)).isoformat()
    if unit == "week":
        year, week, _ = (published + timedelta(weeks=steps)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if unit == "month":
        n = published.year * 12 + published.month - 1 + steps
        return f"{n // 12:04d}-{n % 12 + 1:02d}"
    if unit == "quarter":
        n = published.year * 4 + (published.month - 1) // 3 + steps
        return f"{n // 4:04d}-Q{n % 4 + 1}"
    return f"{published.year + steps:04d}"


def source_order(source: str | None, by_source: Mapping[str, str]) -> str | None:
    """The day/month order configured for a source: its exact name, else its longest
    matching web-domain ending (`.co.uk` before `.uk`).

    >>> source_order("https://www.theage.com.au/business", {".au": "DMY"}), source_order("Reuters", {".au": "DMY"})
    ('DMY', None)
    """
    if not source:
        return None
    name = source.strip().lower()
    if name in by_source:
        return by_source[name]
    host = name.split("://", 1)[-1].split("/", 1)[0]
    endings = [k for k in by_source if k.startswith(".") and host.endswith(k)]
    return by_source[max(endings, key=len)] if endings else None


def country_order(territories: Iterable[str]) -> str | None:
    """How these countries write a numeric date, when they all agree: ``"DMY"``, ``"MDY"``
    or None (they differ, or none writes the year last).

    >>> country_order(["BR"]), country_order(["US"]), country_order(["JP"]), country_order(["US", "EC"])
    ('DMY', 'MDY', None, None)
    """
    found = {territory_order(t) for t in territories} - {None}
    return found.pop() if len(found) == 1 else None


def territory_order(territory: str) -> str | None:
    """The day/month order of CLDR's short date pattern in the country's English locale
    (``en_AE`` ``dd/MM/y``), else in its most spoken official language's (``pt_BR``);
    None when that pattern puts the year first (``ja_JP`` ``y/MM/dd``) or CLDR has none.

    Read from every territory's order, worked out once per Babel version and this module's
    source (``date_orders``): asking Babel loads a locale's CLDR data, which it keeps for the
    process (~0.3 MB a locale, 71 MB for all 258 territories), so a long run's memory grew with
    each new country its news came from (measured: 14 MB by 20 territories)."""
    code = territory.upper()
    orders = date_orders()
    return orders[code] if code in orders else _territory_order(code)


@lru_cache(maxsize=1)
def date_orders() -> dict[str, str | None]:
    """Every territory's ``territory_order``, from the tables' cache file (``knowledge.cache``),
    built there by the first process that needs it."""
    from ..knowledge.cache import cached

    return cached("date-orders", _date_orders, ["babel"], __file__)


def _date_orders() -> dict[str, str | None]:
    return {territory: _territory_order(territory) for territory in get_global("territory_languages")}


@cache
def _territory_order(territory: str) -> str | None:
    languages = get_global("territory_languages").get(territory.upper(), {})
    official = sorted(
        (lang for lang, info in languages.items() if info.get("official_status")),
        key=lambda lang: -languages[lang].get("population_percent", 0),
    )
    for language in ("en", *official):
        try:
            locale = Locale.parse(f"{language}_{territory.upper()}")
        except (UnknownLocaleError, ValueError):
            continue
        pattern = re.sub(r"'[^']*'", "", get_date_format("short", locale).pattern)
        fields = "".join(dict.fromkeys(c for c in pattern if c in "dMy"))
        return {"dMy": "DMY", "Mdy": "MDY"}.get(fields)
    return None
