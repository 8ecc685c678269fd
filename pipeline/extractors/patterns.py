"""Text patterns more than one extractor reads, each said once: years, datelines, the words
that qualify an amount or a date, number words. Plain data and regexes: no spaCy, no tables."""

from __future__ import annotations

import re

# A year a date or name may hold: 1800-2199.
YEAR = r"(?:1[89]\d\d|2[01]\d\d)"

# A dateline opening a paragraph: "SYDNEY, May 4 (Reuters) -", "HONG KONG -"; ``place`` is the place.
DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ.'’ -]{1,30}[A-ZÀ-ÖØ-Þ.])(?:,[^\n]{0,40}?)?[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?"
    r"[-–—:][ \t]",
    re.M,
)
# A dateline crediting a wire: "MUMBAI, Jan 12 (PTI) -"; group 1 is the agency.
AGENCY_DATELINE = re.compile(r"^[A-Z][A-Za-z .'-]+(?:,[^()\n]{0,40})?\s*\(([A-Z][\w .&-]{1,40})\)\s*(?:-+|—|–)", re.M)

# A wire credit closing the article on a line of its own: "-- APS", "— Xinhua", "(PTI)", or agencies
# joined by a slash ("-- ANA/Reuters", "-- UzA / Trend"); group "a" or "b" is the credit: one word
# each (a photographer's "— Yu Chao" is a person).
FOOT_CREDIT = re.compile(
    r"\n[ \t]*(?:(?:--|—|–)[ \t]*(?P<a>[A-Z]{2,8}|[A-Z][a-z]+|[A-Z][A-Za-z]{1,11}(?:[ \t]*/[ \t]*[A-Z][A-Za-z]{1,11})+)"
    r"|\((?P<b>[A-Z]{2,8}|[A-Z][a-z]+)\))\s*\Z"
)
# A credit on a line of its own anywhere in the page ("— Xinhua" before a list of related links), in
# a photo caption ("(Photo/Xinhua)", "Photo by VnExpress/Giang Huy"), a wire's inputs ("With inputs
# from PTI", "— With additional input from APP"), a wire's byline before the date ("TNN | Nov 26,
# 2026"), or a paper after its reporter's name ("Ana Cruz - The Manila Times"): the last group
# that matched is the agency.
CREDIT_LINE = re.compile(
    r"^[ \t]*(?:--|—|–)[ \t]*(?P<c>[A-Z]{2,8}|[A-Z][a-z]+)[ \t]*$"
    r"|\(Photo[ \t]*/[ \t]*(?P<p>[A-Z][A-Za-z]+)\)"
    r"|\bPhoto by (?P<q>[A-Z][A-Za-z]+)/"
    r"|\b[Ww]ith (?:additional )?inputs? from (?P<i>[A-Z]{2,8})\b"
    r"|^(?P<t>[A-Z]{2,8})[ \t]*\|[ \t]*(?=\d|[A-Z][a-z]{2,8}\.? \d)"
    r"|^(?:[A-Z][\w'’-]+ ){1,3}[-–—] The (?P<s>[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){0,2})[ \t]*$",
    re.M,
)
# A source line at the head or foot of a page: "Source: Chengdu Economic Daily Author: ...", the name
# ending before the next label, a wide space, a bar ("Source: Tianjin Daily | 2026-12-03") or the
# line's end.
SOURCE_LINE = re.compile(
    r"^Source:[ \t]*(?P<source>[A-Z][\w.&'-]*(?: [A-Z][\w.&'-]*){0,4})(?=[ \t]{2,}|[ \t]*$|[ \t]+[A-Z][a-z]+:|[ \t]*\|)",
    re.M,
)

# Words before an amount that make it approximate; kept lower-cased as written.
AMOUNT_QUALIFIERS = (
    "around",
    "about",
    "nearly",
    "almost",
    "approximately",
    "roughly",
    "some",
    "over",
    "more than",
    "less than",
    "under",
    "up to",
    "at least",
    "at most",
    "as much as",
    "close to",
)

# Words before a date that say how it relates to the event; kept as the record's qualifier.
DATE_QUALIFIERS = (
    "as of",
    "by",
    "since",
    "in",
    "into",
    "from",
    "until",
    "till",
    "before",
    "after",
    "through",
    "during",
    "between",
    "starting",
    "on",
)

# Number words and their values: spelled-out amounts use them all, counts of days or months the first twelve.
NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split(),
        start=1,
    )
} | {
    word: 10 * tens
    for tens, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)
}
