"""Dates at the granularity written: ``2025``, ``2023-10``, ``2023-10-13``, ``2026-W48``, never padded.

We find the spans with one regex and read the parts ourselves (``_calendar``): dateparser's
``search_dates`` turns ``By 2025`` into a full day and ``now`` into a date, and calling it per
part cost a tenth of the run. Year-less dates take their year from the verb's tense,
relative dates (``yesterday``, ``last year``) are resolved against the publication date,
and a numeric date's day/month order comes from the article, its source, or config.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc

from ..knowledge.cache import compiled
from ..records import Record
from . import Context, mention, parsed, pos, remembered, tag, text_of
from . import _calendar as cal
from .patterns import DATE_QUALIFIERS, YEAR

_DAYNUM = r"(?:3[01]|[12]\d|0?[1-9])"
_DAY = rf"{_DAYNUM}(?:st|nd|rd|th)?"
_MM = r"(?:1[0-2]|0?[1-9])"
_TIME = r"\d{1,2}:\d\d(?::\d\d)?(?:\s*(?:UTC|GMT|[A-Z]{2,4}T))?"
# A range (`to`, a dash) or, unless after `between`, a list (`and`, `or`).
_SEP = r"(?P<sep>\s*[-–—]\s*|\s+(?:to|through|thru|until|till|and|or|&)\s+)"
_NUMBER = rf"(?:\d{{1,2}}|(?i:{'|'.join(cal.NUMBER_WORDS)}))"

# Words that narrow the period to part of it: `mid-November`, `end of March`.
PARTS = {
    "mid": "mid",
    "middle of": "mid",
    "end": "end",
    "early": "early",
    "late": "late",
    "around": "around",
    "end of": "end",
    "start of": "start",
    "beginning of": "start",
}
_BEFORE = re.compile(
    r"(?:\b(?P<prep>"
    + "|".join(q.replace(" ", r"\s+") for q in DATE_QUALIFIERS)
    + "|(?:"
    + "|".join(rf"(?<={w}\s)" for w in ("year", "months", "weeks", "quarter", "period"))
    + r")to)\s+)?(?:the\s+)?"  # `the year to June`
    r"(?:\b(?P<part>" + "|".join(p.replace(" ", r"\s+") for p in PARTS) + r")(?:\s+|-)(?:the\s+)?)?$",
    re.I,
)
# A bare `end` before a relative date or weekday is the verb (`talks end this week`).
_VERB_END = re.compile(r"\bend\s+(?:on\s+)?$", re.I)
_RELATIVE_START = re.compile(r"(?i:this|next|last|today|tomorrow|yesterday)\b|(?i:" + "|".join(cal.weekdays()) + r")\b")
# `today's prices`, like `in 2022 dollars`, names a value, not a day.
_TODAYS_VALUE = re.compile(r"['’]s\s+(?:prices|dollars|money|terms|rates)\b", re.I)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)")


def _names(table: dict[str, int], lower: bool) -> str:
    """An alternation of names, longest first: full names in any case when ``lower``,
    else capitalised; abbreviations capitalised, with an optional dot."""
    full = sorted({n for n in table if len(n) > 4 or n in ("may", "june", "july")}, key=lambda n: (-len(n), n))
    short = sorted(set(table) - set(full), key=lambda n: (-len(n), n))
    caps = [v for n in full for v in (n.title(), n.upper())]
    words = rf"(?i:{'|'.join(full)})" if lower else "|".join(caps)
    return rf"(?:{words}|(?:{'|'.join(v for n in short for v in (n.title(), n.upper()))})\.?)"


def _patterns() -> list[str]:
    month, cap_month = _names(cal.months(), True), _names(cal.months(), False)
    any_abbr = rf"(?i:{'|'.join(sorted(cal.months(), key=len, reverse=True))})"
    wd = _names(cal.weekdays(), False)
    full_wd = "|".join(n.title() for n in cal.weekdays() if len(n) > 5)
    return [  # at each place the first that fits wins, so longer forms come first
        rf"(?P<y1>{YEAR})(?P<s>[-/.])(?P<m1>{_MM})(?P=s)(?P<d1>{_DAYNUM})",
        rf"(?P<a>{_DAYNUM})(?P<s>[-/.])(?P<b>{_DAYNUM})(?P=s)(?P<y1>{YEAR})"
        rf"(?:{_SEP}(?P<a2>{_DAYNUM})(?P=s)(?P<b2>{_DAYNUM})(?P=s)(?P<y2>{YEAR}))?",
        rf"(?P<d1>{_DAYNUM})(?P<s>[-/])(?P<m1>{any_abbr})(?P=s)(?P<y1>{YEAR})",
        rf"(?P<m1>{any_abbr})[/-](?P<y1>{YEAR})",
        rf"(?P<m1>{_MM})/(?P<y1>{YEAR})",
        rf"(?:(?P<d1>{_DAY})\s+)?(?P<m1>{month})(?:\s+(?P<d2>{_DAY}))?,?\s+(?P<dir>(?i:last|this|next))\s+(?P<unit>(?i:year))",
        rf"(?:(?P<wd>{wd}),?\s+)?(?P<m1>{month})\s+(?P<d1>{_DAY})(?:\s+(?P<t>{_TIME}))?(?:,?\s+(?P<y1>{YEAR}))?"
        rf"(?:{_SEP}(?:(?P<m2>{month})\s+)?(?P<d2>{_DAY})(?:,?\s+(?P<y2>{YEAR}))?)?",
        rf"(?P<d1>{_DAY})(?:\s+of)?(?:\s+(?P<m1>{month})(?:,?\s+(?P<y1>{YEAR}))?)?{_SEP}"
        rf"(?P<d2>{_DAY})(?:\s+of)?\s+(?P<m2>{month})(?:,?\s+(?P<y2>{YEAR}))?",
        rf"(?:(?P<wd>{wd}),?\s+)?(?P<d1>{_DAYNUM}(?:(?:st|nd|rd|th)(?:\s+of)?)?)\s+(?P<m1>{month})(?:,?\s+(?P<y1>{YEAR}))?",
        rf"(?P<m1>{month})(?:,?\s+(?P<y1>{YEAR}))?{_SEP}(?P<m2>{month})(?:\s+of)?,?\s+(?P<y2>{YEAR})",
        rf"(?P<m1>{month})(?:\s+of)?,?\s+(?P<y1>{YEAR})",
        rf"(?P<y1>{YEAR})[-–/](?P<yy>\d\d)",  # 2019-20: a fiscal year or season if not a month
        rf"(?:Q(?P<q>[1-4])|(?P<qw>(?i:first|second|third|fourth))\s+quarter(?:\s+of)?),?\s+(?P<y1>{YEAR})",
        rf"(?P<y1>{YEAR}){_SEP}(?P<y2>{YEAR})",
        rf"(?P<y1>{YEAR})",
        rf"(?P<m1>{cap_month}){_SEP}(?P<m2>{cap_month})",
        rf"(?P<m1>{cap_month}|{month})",
        r"(?P<rel>(?i:yesterday|today|tomorrow))",
        r"(?:Q(?P<q>[1-4])|(?P<qw>(?i:first|second|third|fourth))\s+quarter)\s+of\s+(?P<dir>(?i:last|next|this))\s+(?P<unit>(?i:year))",
        rf"(?P<dir>(?i:last|next|this))\s+(?:(?P<unit>(?i:year|month|week|quarter))|(?P<wd>{full_wd})|(?P<m1>{cap_month}))",
        rf"(?P<n>{_NUMBER})\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)",
        rf"(?P<wd>{full_wd})",
    ]


def _matches(doc: Doc) -> list[re.Match]:
    """Every date form in the article, found once per Doc: ``to_parse`` reads them before
    ``extract`` does."""
    return remembered(doc, "dates.matches", lambda: list(_compiled().finditer(text_of(doc))))


@lru_cache(maxsize=1)
def _compiled() -> re.Pattern:
    """One regex of all patterns, each group suffixed with its pattern's number."""
    alternatives = [re.sub(r"\(\?P([<=])(\w+)", rf"(?P\g<1>\g<2>_{i}", p) for i, p in enumerate(_patterns())]
    # Every form starts with a digit or one of these word beginnings: a cheap test first.
    words = {
        *cal.months(),
        *cal.weekdays(),
        *cal.NUMBER_WORDS,
        *cal.QUARTERS,
        "q",
        "yesterday",
        "today",
        "tomorrow",
        "last",
        "next",
        "this",
    }
    first = r"(?=\d|(?i:" + "|".join(sorted({w[:3] for w in words})) + "))"
    return compiled(
        r"(?:(?<![\w$.,/-])|(?<=[Mm]id-)|(?<=[Ee]nd-))"
        + first
        + "(?:"
        + "|".join(alternatives)
        + r")(?!(?!T\d\d:)[\w%/]|[.,]\d|-\w)"
    )  # 2026-11-24T08:00 is a day


@dataclass(frozen=True)
class _Found:
    """One match: its parts (group name -> text), where it is, and the words before it."""

    parts: dict
    start: int
    end: int
    qualifier: str | None
    prep: str | None


def extract(doc: Doc, context: Context) -> list[Record]:
    text = text_of(doc)
    found = [_found(text, m) for m in _matches(doc)]
    order, told = _order(doc, found, context)
    records: list[Record] = []
    last_end = -1
    for f in found:
        listed = last_end >= 0 and _LIST_GAP.fullmatch(text, last_end, f.start) is not None
        if listed and f.qualifier is None and not _lower_modal(f):  # `in 2011, 2012 and 2014`: all three are `in`
            f = replace(f, qualifier=records[-1].qualifier, prep=records[-1].qualifier)
        elif _not_a_date(doc, text, f):
            continue
        made = _records(doc, f, context.published, order, told)
        if made:
            last_end = f.end
        records.extend(made)
    return records


def _found(text: str, match: re.Match) -> _Found:
    parts = {k.rsplit("_", 1)[0]: v for k, v in match.groupdict().items() if v is not None}
    before = _BEFORE.search(text, max(0, match.start() - 40), match.start())
    prep = before.group("prep").lower() if before and before.group("prep") else None
    part = PARTS[" ".join(before.group("part").lower().split())] if before and before.group("part") else None
    # the verb is looked for just before the date, not from the top of the text at every date
    if (
        part == "end"
        and _VERB_END.search(text, max(0, match.start() - 200), match.start())
        and _RELATIVE_START.match(match[0])
    ):
        part = None  # `talks end this week`, `will end on Friday`: the verb, not `end-2025` or `end March`
    return _Found(parts, match.start(), match.end(), part or prep, prep)


def _order(doc: Doc, found: list[_Found], context: Context) -> tuple[str, bool]:
    """How to read 3/7/2019 in this article, and whether that is known rather than assumed:
    from a date in the same article that only one order allows (17/05/2018), else the
    source's rule, else how the article's country writes dates (CLDR), else ``dates.order``.
    A dotted date (24.9.2017) is day first everywhere, so it tells nothing of the writer."""
    slashed = [f for f in found if "a" in f.parts and f.parts["s"] != "."]
    pairs = [(int(f.parts[a]), int(f.parts[b])) for f in slashed for a, b in (("a", "b"), ("a2", "b2")) if a in f.parts]
    seen = {("DMY" if a > 12 else "MDY") for a, b in pairs if (a > 12) != (b > 12)}
    if len(seen) == 1:
        return seen.pop(), True
    by_source = cal.source_order(context.source, context.config.date_order_by_source)
    if by_source:
        return by_source, True
    # the article's country: its dateline's (``NAIROBI, Aug 6 -``), else that of the countries
    # whose currency its amounts are in (reais: Brazil; euros: the euro area)
    by_country = context.facts.country_order if slashed else None
    return (by_country, True) if by_country else (context.config.date_order, False)


def _not_a_date(doc: Doc, text: str, f: _Found) -> bool:
    """Forms that are dates only with a date word before them, and years used as names or counts."""
    keys = set(f.parts) - {"sep", "s"}
    if keys <= {"m1", "m2"}:  # a month alone: `since December`, `in february`, `their December meeting`; not `May I`
        if f.qualifier is None:
            return not _names_a_noun(doc, f)
        return f.parts["m1"].islower() and (f.prep is None or _lower_modal(f))
    if keys == {"wd"}:  # a weekday alone, unless part of a name (`Super Tuesday`, `Sunday Times`)
        prev = text[max(0, f.start - 20) : f.start].split()
        nxt = text[f.end : f.end + 20].split()
        return (
            bool(prev)
            and prev[-1][:1].isupper()
            and not prev[-1].endswith((".", ",", ":", '"'))
            and prev[-1].lower() not in DATE_QUALIFIERS
        ) or (bool(nxt) and nxt[0][:1].isupper() and nxt[0].lower().strip(".,") not in cal.months())
    if keys <= {"y1", "y2"}:
        return _year_not_a_date(doc, f)
    if keys == {"rel"} and _TODAYS_VALUE.match(text, f.end):  # `at today's prices`, `in today's dollars`
        return True
    return _lower_modal(f)


def _names_a_noun(doc: Doc, f: _Found) -> bool:
    """A capitalised month between a determiner and the common noun it dates (`their December
    meeting`, `the March auction`), as a year does (`its 2019 accounts`); not before a name
    (`the June Carter songs`)."""
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None or len(span) != 1 or not span.text[:1].isupper() or span.start == 0 or span.end >= len(doc):
        return False
    prev, nxt = doc[span.start - 1], doc[span.end]
    return tag(prev) in ("PRP$", "POS", "DT") and pos(nxt) == "NOUN" and _head_is(doc, span.start, span.end)


def _lower_modal(f: _Found) -> bool:
    """`may`/`march` in lower case name a month only before a year (`may 2018`)."""
    return f.parts.get("m1") in ("may", "march") and "y1" not in f.parts and "y2" not in f.parts


def _year_not_a_date(doc: Doc, f: _Found) -> bool:
    """A bare year is a date after a date word, inside a DATE entity, or modifying a noun
    after a determiner (`its 2019 accounts`); not when it counts something (`2000 workers`)
    or names something (`Vision 2030`, `the 2000 Olympics`, `Class of 2019`)."""
    span = doc.char_span(f.start, f.end, alignment_mode="expand")
    if span is None:
        return True
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start > 0 else None
    if f.qualifier is not None or prev is None:
        return nxt is not None and tag(nxt) in ("NNS", "NNPS") and not _head_is(doc, span.end, span.start)
    dated = all(t.ent_type_ == "DATE" for t in span)
    # `back to 2019 levels`, `below 2021 highs`: after a preposition the model's DATE names the year
    measured = dated and tag(prev) == "IN"
    determined = tag(prev) in ("PRP$", "POS", "DT")
    if nxt is not None and nxt.is_title and determined:
        return True
    if determined and nxt is not None and pos(nxt) == "NOUN":
        return False
    if nxt is not None and tag(nxt) in ("NNS", "NNPS") and not measured and not _head_is(doc, span.end, span.start):
        return True  # `2000 workers`
    if prev.is_title and prev.lower_ not in cal.months():
        return True
    if (
        prev.lower_ in ("of", ",")
        and span.start > 1
        and doc[span.start - 2].is_title
        and doc[span.start - 2].lower_ not in cal.months()
    ):  # `Class of 2019`, `Telecommunications Act, 2023`
        return True
    return not dated


def _head_is(doc: Doc, dependent: int, head: int) -> bool:
    """Token ``dependent`` hangs on token ``head`` in the parse of their sentence."""
    low = min(dependent, head)
    tokens = parsed(doc, low, max(dependent, head) + 1)
    return tokens[dependent - low].head.i == tokens[head - low].i


def _records(doc: Doc, f: _Found, published: date | None, order: str, told: bool) -> list[Record]:
    p = dict(f.parts)
    if "rel" in p or "dir" in p or "n" in p or set(p) == {"wd"}:
        value = _relative(doc, f, published)
        return [_record(doc, f.start, f.end, value, None, f, (), True)] if value else []
    if "yy" in p:  # `2011-12` names the span into the next year; `2019-06` is a month
        if int(p["yy"]) == (int(p["y1"]) + 1) % 100:
            return [_record(doc, f.start, f.end, p["y1"], str(int(p["y1"]) + 1), f, ())]
        if not 1 <= int(p["yy"]) <= 12:
            return []
        p["m1"] = p.pop("yy")
    if "q" in p or "qw" in p:
        quarter = int(p["q"]) if "q" in p else cal.QUARTERS[p["qw"].lower()]
        return [_record(doc, f.start, f.end, f"{p['y1']}-Q{quarter}", None, f, ())]
    flags: tuple[str, ...] = ()
    if "a" in p:
        dotted = p["s"] == "."  # 02.05.2024: day first wherever it is written
        for a_key, b_key, day, month in (("a", "b", "d1", "m1"), ("a2", "b2", "d2", "m2")):
            if a_key not in p:
                continue
            a, b = int(p.pop(a_key)), int(p.pop(b_key))
            day_first = a > 12 or (b <= 12 and (dotted or order == "DMY"))
            p[day], p[month] = (str(a), str(b)) if day_first else (str(b), str(a))
            if a <= 12 and b <= 12 and a != b and not (told or dotted):
                flags = ("order_ambiguous",)
    sep = (p.get("sep") or "").strip().lower()
    is_list = sep in ("and", "or", "&") and f.prep != "between"
    # The end's month and year carry back to the start: `from 3 to 9 August 2023`.
    start = (p.get("y1") or p.get("y2"), p.get("m1") or p.get("m2"), p.get("d1"))
    end = (p.get("y2") or p.get("y1"), p.get("m2") or p.get("m1"), p.get("d2")) if "sep" in p else None
    when = cal.tense(doc, f.start, f.end, f.prep) if published and not start[0] else None
    if published and not start[0] and start[2] and "wd" in p:  # `Friday, June 7`: the year it is a Friday
        year = cal.year_of_weekday(
            _month(start[1]), _day(start[2]), cal.weekdays()[p["wd"].lower().rstrip(".")], published
        )
        start = (str(year), *start[1:]) if year else start
    last = _iso(*end, published, when) if end else None
    if end and not is_list and not start[0] and last and not last[1]:  # the start takes the end's year
        start = (last[0][:4], *start[1:])
        if _iso(*start, published, when) and _iso(*start, published, when)[0] > last[0]:  # `Dec 20 to Jan 5`
            start = (str(int(start[0]) - 1), *start[1:])
    first = _iso(*start, published, when)
    if first is None:
        return []
    if end and (last is None or (not is_list and last[0] <= first[0])):
        return []
    if is_list:  # one record per date, each with its own words
        cut = f.start + re.search(re.escape(p["sep"]), mention(doc, f.start, f.end).text).start()
        return [
            _record(doc, f.start, cut, first[0], None, f, first[1] + flags),
            _record(doc, cut + len(p["sep"]), f.end, last[0], None, f, last[1] + flags),
        ]
    return [_record(doc, f.start, f.end, first[0], last[0] if last else None, f, first[1] + flags)]


def _record(
    doc: Doc,
    start: int,
    end: int,
    value: str,
    until: str | None,
    f: _Found,
    flags: tuple[str, ...],
    relative: bool = False,
) -> Record:
    return Record(
        type="date",
        value=value,
        end=until,
        qualifier=f.qualifier,
        flags=flags,
        relative=relative,
        mentions=(mention(doc, start, end),),
    )


def _iso(
    year: str | None, month: str | None, day: str | None, published: date | None, when: str | None
) -> tuple[str, tuple[str, ...]] | None:
    """(ISO string at the written granularity, flags), or None for an impossible date."""
    if month is None:
        return (year, ()) if year else None
    m, d = _month(month), _day(day) if day else None
    if year is None and published is None:
        if d is not None and not _valid(2000, m, d):  # a leap year, so Feb 29 passes
            return None
        return (f"XXXX-{m:02d}" + (f"-{d:02d}" if d else ""), ("year_unknown",))
    if year is None and d is None:
        return cal.yearless_month(m, published, when), ()
    if year is None:
        found = cal.yearless_day(m, d, published, when)
        return (found.isoformat(), ()) if found else None
    if d is None:
        return f"{int(year):04d}-{m:02d}", ()
    return (f"{int(year):04d}-{m:02d}-{d:02d}", ()) if _valid(int(year), m, d) else None


def _month(month: str) -> int:
    return int(month) if month.isdigit() else cal.months()[month.lower().rstrip(".")]


def _day(day: str) -> int:
    return int(re.sub(r"\D", "", day))


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _relative(doc: Doc, f: _Found, published: date | None) -> str | None:
    """A date named against the publication day; None for an undated article."""
    if published is None:
        return None
    p = f.parts
    if "rel" in p:
        return cal.shift(published, "day", {"yesterday": -1, "today": 0, "tomorrow": 1}[p["rel"].lower()])
    if "n" in p:
        n = int(p["n"]) if p["n"].isdigit() else cal.NUMBER_WORDS[p["n"].lower()]
        return cal.shift(published, p["unit"].lower(), -n)
    direction = p.get("dir", "").lower()
    if "unit" in p:
        value = cal.shift(published, p["unit"].lower(), {"last": -1, "this": 0, "next": 1}[direction])
        if "m1" in p:  # `in January last year`, `on March 3 this year`
            found = _iso(value, p["m1"], p.get("d1") or p.get("d2"), published, None)
            return found[0] if found else None
        if "q" in p or "qw" in p:  # `the first quarter of next year`
            return f"{value}-Q{int(p['q']) if 'q' in p else cal.QUARTERS[p['qw'].lower()]}"
        return value
    when = {"last": "past", "next": "future"}.get(direction) or cal.tense(doc, f.start, f.end, f.prep)
    if when is None and set(p) == {"wd"} and cal.caption(doc, f.start, f.end):
        when = "past"
    if "m1" in p:
        m = cal.months()[p["m1"].lower().rstrip(".")]
        return cal.yearless_month(m, published, when, strict=direction in ("last", "next"))
    return cal.weekday(
        cal.weekdays()[p["wd"].lower()], published, when, strict=direction in ("last", "next")
    ).isoformat()


def to_parse(doc: Doc) -> list[tuple[int, int]]:
    """Where the dates stand whose tense this extractor will read (a date without a year or a
    word that places it: `on May 4`, `in June`, `on Tuesday`), so that ``parse_ahead`` parses
    their sentences with the whole batch's at once; other sentences are parsed when asked."""
    return [
        m.span()
        for m in _matches(doc)
        if not {k.rsplit("_", 1)[0] for k, v in m.groupdict().items() if v is not None} & _PLACED
    ]


# Parts that give a date its year or place it without a tense.
_PLACED = frozenset({"y1", "y2", "yy", "rel", "dir", "n", "a", "q", "qw", "t"})
