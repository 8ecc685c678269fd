"""Amounts as news writes them, shared by the money and area extractors.

An amount is a number (digits or words) with an optional scale word, and a unit
written before it (``US$13.7 billion``) or after it (``2.2 square kilometers``). Around
single amounts sit qualifiers (``around``) and ranges (``2 to 3 billion yuan``). Each
extractor brings its unit table; the grammar lives here, once.
"""

from __future__ import annotations

import re
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from ..knowledge.cache import cached, compiled
from .patterns import AMOUNT_QUALIFIERS, NUMBER_WORDS, YEAR

# Scale word -> power of ten. Written spaced, glued or hyphenated: "5 billion", "5bn", "100-billion",
# "Rs 1,250 crore" (Indian: lakh = 10^5, crore = 10^7).
SCALES = {
    "thousand": 3,
    "million": 6,
    "billion": 9,
    "trillion": 12,
    "bn": 9,
    "mln": 6,
    "bln": 9,
    "mn": 6,
    "mil": 6,
    "bil": 9,  # Malaysian English: "RM2.1 bil"
    "tn": 12,
    "quadrillion": 15,
    "trn": 12,
    "lakh": 5,
    "lakhs": 5,
    "crore": 7,
    "crores": 7,
    "cr": 7,  # "Rs 1,640 cr"
    "lakh crore": 12,
}
# Scales only Indian English uses: an amount with one counts rupees in an Indian story.
INDIAN_SCALES = ("lakh", "lakhs", "crore", "crores", "cr", "lakh crore")
# Only glued to an amount with a currency ("$5m", "€20k", "$7.5b", "$1.38T", "5m AUD"); anywhere
# else they are metres, kilos, bytes and tonnes.
GLUED_SCALES = {"m": 6, "k": 3, "b": 9, "t": 12}
# Amounts of 10^19 and more are not read: no news figure is that large (money above 10^16 is
# already flagged implausible), and bounding them keeps Decimal arithmetic exact (28 digits)
# and JSON numbers short: a 4,300-digit "amount" no longer reaches int -> str limits.
MAX_EXPONENT = 18

# Thousands grouped by commas, Indian lakhs ("1,00,000") or one (narrow) space ("25 000").
_SPACE = r"[ \u00a0\u202f]"
# A group of three never starts a spaced number after a figure of one to three digits and a
# space ("1 000 000" from its "000 000"): the figure's own try at the number ran through the
# same groups to the same end, so each group of "123 123 ... 7" tried the whole run again
# (quadratic: 64k characters took 12 s). Only after a figure that starts no number (glued to
# a letter, "x1 123 456", or after a decimal point) are the groups now read one by one.
_GROUPED = (
    rf"(?:\d{{1,2}}|(?<!(?<!\d)\d{_SPACE})(?<!(?<!\d)\d\d{_SPACE})(?<!(?<!\d)\d{{3}}{_SPACE})\d{{3}})"
    rf"(?:{_SPACE}\d{{3}})+(?!{_SPACE}?\d)"
)
_DIGITS = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,2}}(?:,\d{{2}})+,\d{{3}}|{_GROUPED}|\d+)"
    r"(?:\.\d+)?(?![.,]?\d)"
    # never the mantissa or base of a power: "1e309", "10^400", "1.5 x 10^12" are not 1, 10, 1.5
    r"(?![eE][+-]?\d|\s?\^|\s?[x\u00d7*]\s?10\s?\^)"
)
_WORD = rf"(?:{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))})(?!\w)"
_BIG = r"(?:hundred|thousand)(?!\w)"
# "a" counts only before a big number ("a billion"); "and" only after one ("two hundred and fifty").
_SPELLED = (
    rf"(?<!\w)(?:{_WORD}|a(?=\s+(?:hundred|{'|'.join(SCALES)})(?!\w)))"
    rf"(?:[\s-]+(?:{_WORD}|{_BIG})|(?:(?<=hundred)|(?<=thousand))\s+and\s+{_WORD})*"
)
# Verbs of change: "rose by $12.4 billion to $230.1 billion" is a change and a level, not a range.
CHANGE_VERBS = (
    "rose",
    "rise",
    "rises",
    "risen",
    "rising",
    "fell",
    "fall",
    "falls",
    "fallen",
    "falling",
    "grew",
    "grow",
    "grows",
    "grown",
    "increased",
    "increase",
    "increases",
    "decreased",
    "decrease",
    "decreases",
    "jumped",
    "jump",
    "jumps",
    "climbed",
    "climb",
    "dropped",
    "drop",
    "declined",
    "decline",
    "slipped",
    "slid",
    "gained",
    "gain",
    "lost",
    "cut",
    "cuts",
    "raised",
    "raise",
    "lowered",
    "lifted",
    "reduced",
    "boosted",
    "surged",
    "soared",
    "plunged",
    "tumbled",
    "widened",
    "narrowed",
    "shrank",
    "expanded",
    "up",
    "down",
)
# A change verb, or "by" alone further from its verb ("cut its price by N40 to N820").
_CHANGE = re.compile(rf"(?<!\w)(?:(?:{'|'.join(CHANGE_VERBS)})(?P<by>\s+by)?|(?P<by_alone>(?<=\s)by))\s+\Z", re.I)
_LIST_GAP = re.compile(r"\s*,\s*|\s+or\s+|,?\s+and\s+", re.I)
_YEAR = re.compile(YEAR)
_RANGE_GAP = re.compile(r"\s*(?:to|-|–|—)\s*", re.I)
_BETWEEN_GAP = re.compile(r"\s+and\s+", re.I)
_OPENER = re.compile(r"(?<!\w)(between|from)\s+\Z", re.I)
_QUALIFIER = re.compile(
    r"(?<!\w)("
    + "|".join(q.replace(" ", r"\s+") for q in sorted(AMOUNT_QUALIFIERS, key=len, reverse=True))
    + r")\s+\Z",
    re.I,
)
_PARENS_GAP = re.compile(r"\s*\(\s*")


@dataclass(frozen=True)
class Phrase:
    """One amount or range as written: ``start:end`` is the amount, ``outer_start`` includes the qualifier.

    ``low``/``high`` are in the written unit, scale applied; ``high`` is None unless a range,
    ``low`` None for a vague amount ("billions of yuan"). ``qualifier`` "by" marks a change
    (``rose by $12.4 billion``), which is exact; any other qualifier makes it approximate.
    """

    start: int
    end: int
    outer_start: int
    low: Decimal | None
    high: Decimal | None
    unit: str
    qualifier: str | None

    @property
    def approximate(self) -> bool:
        return self.low is None or self.qualifier not in (None, "by")


@dataclass(frozen=True)
class _Atom:
    start: int
    end: int
    number: str
    scale: str | None
    unit: str | None
    unit_before: bool


def canonical(written: str) -> str:
    """A unit as written -> its table key: lower case, one space between words.

    >>> canonical("Square-Kilometres"), canonical("U.S.  dollars")
    ('square kilometres', 'u.s. dollars')
    """
    return " ".join(re.split(r"[\s-]+", written.lower()))


def alternation(keys: Iterable[str], before: bool) -> str:
    """A regex matching any table key, longest first, as a whole word on its number's side.

    Words may be spaced or hyphenated ("square-kilometer"). A key ``before`` the number must
    not follow a letter ("A$5" is not "$5"); any key must not run on into a longer word.

    >>> import re
    >>> units = re.compile(alternation(["ha", "sq km", "mu"], before=False), re.I)
    >>> [m.group() for m in units.finditer("5ha, 3 sq-km, hats, 2 mu, music")]
    ['ha', 'sq-km', 'mu']
    """
    groups: dict[str, list[tuple[str, str]]] = {}
    # Keys of one length in a fixed order (any order matches the same: two keys of one length
    # that both match at a place match the same text), so the regex is the same in every process.
    for key in sorted(keys, key=lambda k: (-len(k), k)):
        rest = r"[\s-]+".join(re.escape(word) for word in key.split())[len(re.escape(key[0])) :]
        right = (r"(?![^\W\d_])" if before else r"(?!\w)") if key[-1].isalnum() else ""
        groups.setdefault(key[0].lower(), []).append((key[0], rest + right))
    # Keys grouped by their first letter, a group's common first character said once: the regex
    # engine then tries one group at a position, not every key. Two groups never match at one
    # position and a group keeps the keys' order, so the key that matches is the same.
    alternatives = []
    for members in groups.values():
        if len({first for first, _ in members}) == 1:
            alternatives.append(re.escape(members[0][0]) + "(?:" + "|".join(rest for _, rest in members) + ")")
        else:
            alternatives.append("|".join(re.escape(first) + rest for first, rest in members))
    left = r"(?<![^\W\d_])" if before else ""  # once, not per key
    return f"{left}(?:{'|'.join(alternatives)})"


@lru_cache(maxsize=8)
def atom_pattern(before: str | None, after: str) -> re.Pattern:
    """Every number in a text, with its scale and the unit just before or after it.

    With ``before`` units (money), a one-letter scale may be glued on (``$5m``, ``5m AUD``).
    """
    scales = "|".join(r"\s+".join(s.split()) for s in sorted(SCALES, key=len, reverse=True))
    if before:
        lead = rf"(?:(?P<before>{before})\s*)?(?(before)|(?<![\w.,]))"
        glued = (
            rf"|(?P<glued>{'|'.join(GLUED_SCALES)})(?!\w)"
            rf"(?(before)|(?=(?:-|\s*)(?:{after})))"
        )
    else:
        lead, glued = r"(?<![\w.,])", ""
    # No match starts after a letter (a sign or code before the number says so, as does a number
    # without one): said once up front, a position inside a word fails at once instead of
    # trying every unit. The program is kept in the cache folder (money's: 0.13 s of CPU to compile).
    return compiled(
        rf"(?<![^\W\d_]){lead}(?P<number>{_DIGITS}|{_SPELLED})"
        rf"(?:(?:-|\s*)(?P<scale>{scales})(?!\w){glued})?"
        rf"(?:(?:-|\s*)(?P<after>{after}))?",
        re.I,
    )


def phrases(text: str, pattern: re.Pattern, implicit: str | None = None) -> list[Phrase]:
    """The amounts in ``text`` that carry a unit, joining ``2 to 3 billion yuan`` into one range
    and lending the unit to a list (``six or seven euros``). With ``implicit``, an amount with an
    Indian scale and no unit (``39,870 crore``) has that unit."""
    # Read one ahead, not all at once: 250k atoms held in a list made each cost more at 1M
    # characters (the collector walking them), 12x the time of 100k.
    atoms = (_atom(m) for m in pattern.finditer(text))
    if implicit:
        atoms = (
            replace(a, unit=implicit)
            if a.unit is None and a.scale and " ".join(a.scale.lower().split()) in INDIAN_SCALES
            else a
            for a in atoms
        )
    out: list[Phrase] = []
    first = next(atoms, None)
    while first is not None:
        second = next(atoms, None)
        opener = _OPENER.search(text, max(0, first.start - 10), first.start)
        change = _CHANGE.search(text, max(0, first.start - 40), _before_qualifier(text, first.start))
        pair = _range(text, first, second, opener) if second and not change else None
        if pair is None:
            if first.unit:
                single = value(first.number, first.scale)
                if single is not None:
                    out.append(_phrase(text, first.start, first.end, single, None, first.unit))
            elif second and _listed(text, first, second, opener):  # "six or seven euros": six euros
                single = value(first.number, first.scale or second.scale)
                if single is not None:
                    out.append(_phrase(text, first.start, first.end, single, None, second.unit))
            first = second
            continue
        low, high, unit = pair
        if opener and opener.group(1).lower() == "from":  # "rose from 2 to 3 billion yuan": two amounts
            out.append(_phrase(text, first.start, first.end, low, None, unit))
            out.append(_phrase(text, second.start, second.end, high, None, unit))
        else:
            out.append(_phrase(text, opener.start() if opener else first.start, second.end, low, high, unit))
        first = next(atoms, None)
    return out


def _listed(text: str, first: _Atom, second: _Atom, opener: re.Match | None) -> bool:
    """Whether a bare number is listed before an amount whose unit follows it: ``2 or 3 billion yuan``
    (``Rs 1,120 crore, 35 acres`` is money beside an area: a sign before it says so)."""
    return (
        second.unit is not None
        and not second.unit_before
        and opener is None
        and not (first.scale is None and _YEAR.fullmatch(first.number))
        and not _SIGN_BEFORE.search(text, max(0, first.start - 6), first.start)
        and _LIST_GAP.fullmatch(text, first.end, second.start) is not None
    )


# A currency sign just before a number (``Rs 1,120 crore``): it is money, never one of a list of areas.
_SIGN_BEFORE = re.compile(r"(?:\bRs\.?|\bINR|[$€£¥₹])\s*\Z")


def _before_qualifier(text: str, start: int) -> int:
    """Where a qualifier before ``start`` begins, so a change verb may stand before it."""
    qualifier = _QUALIFIER.search(text, max(0, start - 20), start)
    return qualifier.start() if qualifier else start


def parenthetical(text: str, first: Phrase, second: Phrase) -> bool:
    """Whether ``second`` is written in brackets straight after ``first``: ``200 mu (133,333 sqm)``."""
    return second.outer_start > first.end and _PARENS_GAP.fullmatch(text, first.end, second.outer_start) is not None


def value(number: str, scale: str | None = None) -> Decimal | None:
    """A written number with its scale word, exactly; None if the words are not a number.

    >>> value("23.58", "billion"), value("133,333"), value("5", "m"), value("100", "BN")
    (Decimal('2.358E+10'), Decimal('133333'), Decimal('5E+6'), Decimal('1E+11'))
    >>> value("1,250", "crore"), value("1,00,000"), value("25 000"), value("1.5", "lakh  crore")
    (Decimal('1.25E+10'), Decimal('100000'), Decimal('25000'), Decimal('1.5E+12'))

    Past 10^18 a number is not read as an amount:

    >>> value("9" * 19), value("1" + "0" * 19), value("12" * 2200), value("1" * 12, "billion")
    (Decimal('9999999999999999999'), None, None, None)
    """
    base = Decimal(re.sub(r"[,\s]", "", number)) if number[0].isdigit() else _spelled(number.lower())
    if base is not None and scale is not None:
        scale = " ".join(scale.lower().split())
        base = base.scaleb(SCALES.get(scale) or GLUED_SCALES[scale]).normalize()
    return base if base is None or base.adjusted() <= MAX_EXPONENT else None


@lru_cache(maxsize=1)
def speller() -> Callable[[str], list[dict]]:
    """quantulum3's spell-out step, loaded once per process (~0.15 s of CPU here), at the
    first spelled-out amount that ``common_spelled`` does not hold."""
    with warnings.catch_warnings():  # it warns on import that an optional classifier is missing
        warnings.simplefilter("ignore")
        with _without_type_checks():
            from quantulum3.parser import extract_spellout_values

            extract_spellout_values("one")  # imports its English tables, and so inflect
    return extract_spellout_values


@contextmanager
def _without_type_checks() -> Iterator[None]:
    """Import ``inflect`` as ``python -O`` would. quantulum3 imports it for plurals its
    spell-out step never asks for, and inflect wraps its engine in typeguard's
    ``@typechecked``, which re-parses and recompiles inflect's source at import: 2.5 s of CPU
    here, two thirds of a run's start-up. The decorator is a no-op under ``-O``; here too,
    for that one import (the same code, without run-time checks of inflect's arguments)."""
    if "inflect" in sys.modules:
        yield
        return
    import typeguard

    checked = typeguard.typechecked
    typeguard.typechecked = _as_is
    try:
        yield
    finally:
        typeguard.typechecked = checked


def _as_is(target=None, **_options):
    """``typechecked`` under ``-O``: the target unchanged, with or without options."""
    return _as_is if target is None else target


@lru_cache(maxsize=256)
def _spelled(words: str) -> Decimal | None:
    """Spelled-out numbers via quantulum3, on the number words alone; the common ones
    (``common_spelled``) from its readings kept in the tables' cache.

    Only quantulum3's spell-out step is used: its ``parse()`` calls ``logging.basicConfig``,
    which a library must not do, and reads units we match ourselves.

    >>> _spelled("twenty-five"), _spelled("two hundred and fifty"), _spelled("a")
    (Decimal('25'), Decimal('250'), Decimal('1'))
    """
    common = common_spelled()
    return common[words] if words in common else _read_spelled(words)


@lru_cache(maxsize=1)
def common_spelled() -> dict[str, Decimal | None]:
    """quantulum3's readings of the common spelled-out numbers: each number word, ``a``, a
    tens word with a unit word (``twenty-five``, ``twenty five``) and each of those with
    ``hundred`` or ``thousand`` (``two hundred``, ``a thousand``). Read once per installed
    quantulum3 into the tables' cache file, so a process whose articles spell out only these
    never imports quantulum3 (~0.1 s of CPU); ``engines.startup`` loads this, not quantulum3."""
    return cached("spelled", _read_common, ("quantulum3", "inflect", "num2words"), __file__)


def _read_common() -> dict[str, Decimal | None]:
    tens = [word for word, n in NUMBER_WORDS.items() if n >= 20]
    units = [word for word, n in NUMBER_WORDS.items() if n < 10]
    numbers = [*NUMBER_WORDS, *(f"{t}{sep}{u}" for t in tens for u in units for sep in ("-", " "))]
    phrases = [*numbers, "a", *(f"{n} {big}" for n in [*numbers, "a"] for big in ("hundred", "thousand"))]
    return {phrase: _read_spelled(phrase) for phrase in phrases}


def _read_spelled(words: str) -> Decimal | None:
    """``words`` read by quantulum3's spell-out step: a whole number, or None."""
    found = speller()(words)
    if len(found) != 1 or found[0]["old_span"] != (0, len(words)):
        return None
    return Decimal(found[0]["new_surface"]).to_integral_value()  # number words are whole numbers


def _atom(m: re.Match) -> _Atom:
    groups = m.groupdict()
    unit = groups.get("before") or groups["after"]
    return _Atom(
        m.start(),
        m.end(),
        groups["number"],
        groups["scale"] or groups.get("glued"),
        canonical(unit) if unit else None,
        unit_before=bool(groups.get("before")),
    )


def _range(text: str, first: _Atom, second: _Atom, opener: re.Match | None) -> tuple[Decimal, Decimal, str] | None:
    """``(low, high, unit)`` if the two atoms are one range, e.g. ``$2-3 billion``, ``2 to 3 billion yuan``."""
    gap = _BETWEEN_GAP if opener and opener.group(1).lower() == "between" else _RANGE_GAP
    if not gap.fullmatch(text, first.end, second.start):
        return None
    if first.unit and second.unit and first.unit != second.unit:
        return None
    if not second.unit and not (first.unit_before and second.scale):  # "$2 billion to 30 firms" is no range
        return None
    low = value(first.number, first.scale or second.scale)
    high = value(second.number, second.scale)
    if low is None or high is None or low > high:
        return None
    return low, high, second.unit or first.unit


def _phrase(text: str, start: int, end: int, low: Decimal, high: Decimal | None, unit: str) -> Phrase:
    qualifier = _QUALIFIER.search(text, max(0, start - 20), start)
    change = None if qualifier else _CHANGE.search(text, max(0, start - 40), start)
    if change and change.group("by"):
        return Phrase(start, end, change.start("by") + 1, low, high, unit, "by")
    if change and change.group("by_alone"):
        return Phrase(start, end, change.start("by_alone"), low, high, unit, "by")
    return Phrase(
        start=start,
        end=end,
        outer_start=qualifier.start() if qualifier else start,
        low=low,
        high=high,
        unit=unit,
        qualifier=" ".join(qualifier.group(1).lower().split()) if qualifier else None,
    )


def on_land(text: str, end: int, land_words: tuple[str, ...]) -> bool:
    """Whether the words just after a context unit speak of land: ``12 cents of land``, ``30-ping flat``.

    >>> on_land("12 cents of paddy land", 8, ("land",)), on_land("50 cents a gigajoule; farm", 8, ("farm",))
    (True, False)
    """
    return _land_pattern(land_words).match(text, end) is not None


@lru_cache(maxsize=4)
def _land_pattern(land_words: tuple[str, ...]) -> re.Pattern:
    """A land word within three words after the unit."""
    words = "|".join(map(re.escape, land_words))
    return re.compile(rf"(?:[\s-]+(?:of\s+)?[\w'-]+){{0,2}}?[\s-]+(?:of\s+)?(?:{words})(?!\w)", re.I)
