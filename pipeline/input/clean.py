"""Layout repair: markdown marks, bylines, broken paragraphs and drop caps, fixed before NLP.

Extractors read the text returned here and their offsets point into it, so every repair
happens once, here. Each repair is a small function; ``clean`` runs them in order.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

# All-caps words that open a sentence, so a leading run starting with one is a drop cap
# ("THE Shanghai ...", "A PRECISION medicine ..."). IT and US are left out: acronyms too.
DROP_CAP_WORDS = frozenset(
    {
        "A",
        "AN",
        "THE",
        "THIS",
        "THAT",
        "THESE",
        "THOSE",
        "SOME",
        "MANY",
        "MORE",
        "MOST",
        "ALL",
        "EACH",
        "EVERY",
        "ONE",
        "IN",
        "ON",
        "AT",
        "AS",
        "BY",
        "FOR",
        "FROM",
        "WITH",
        "TO",
        "OF",
        "INTO",
        "AFTER",
        "BEFORE",
        "DURING",
        "SINCE",
        "OVER",
        "UNDER",
        "AMONG",
        "ACCORDING",
        "WHEN",
        "WHILE",
        "IF",
        "AND",
        "BUT",
        "OR",
        "I",
        "WE",
        "HE",
        "SHE",
        "THEY",
        "OUR",
        "HIS",
        "HER",
        "ITS",
        "THEIR",
        "IS",
        "ARE",
        "WAS",
        "WERE",
        "HAS",
        "HAVE",
        "HAD",
    }
)
# Lower-case words a byline of names may hold ("Yu Chao and Li Xinran").
BYLINE_JOINERS = frozenset({"and", "&", "in"})
# Words that make a short line a staff credit whatever its case ("By our staff reporter").
CREDIT_WORDS = frozenset(
    {
        "staff",
        "reporter",
        "reporters",
        "correspondent",
        "correspondents",
        "writer",
        "writers",
        "editor",
        "editors",
        "agencies",
    }
)
BYLINE_MAX_WORDS = 8

_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(.*)$", re.M)
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# Emphasis marks: a run of one to three ``*`` or ``_`` opens before a word and closes after one.
_MARKS = re.compile(r"\*+|_+")
_ENDS_SENTENCE = re.compile(r"[.!?:;…][\"'”’)\]]*$")
_CAPS_RUN = re.compile(r"(?:[A-Z]+(?:['’&-][A-Z]+)* )+(?=[a-z]|[A-Z][a-z])")
_BY = re.compile(r"by\s+", re.I)
# Zero-width space, soft hyphen, word joiner and invisible operators, BOM, bidi marks and
# isolates. Not the zero-width (non-)joiners: they shape Arabic, Persian and Indic words.
_INVISIBLE = re.compile("[\u00ad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


@dataclass(frozen=True)
class Cleaned:
    text: str
    byline: str | None


def clean(title: str, body: str) -> Cleaned:
    """The article as extractors see it: title, a blank line, then the repaired paragraphs
    (only the paragraphs when ``title`` is empty: an article without a headline).

    Invisible format characters scraped text carries (zero-width spaces, soft hyphens, bidi
    marks) are removed first: inside a number they would cut it (``$1\u200b000 million``)."""
    title, body = _INVISIBLE.sub("", title), _INVISIBLE.sub("", body)
    byline, body = _byline(re.sub(r"\r\n?", "\n", body))  # before _headings: a subheading is no byline
    body = _headings(body)
    paragraphs = _join_broken([_unmark(p) for p in _paragraphs(body)])
    if paragraphs:
        paragraphs[0] = _drop_cap(paragraphs[0])
    title = _unmark(_HEADING.sub(lambda m: heading_text(m.group(1)), " ".join(title.split())))
    return Cleaned("\n\n".join([title, *paragraphs] if title else paragraphs), byline)


def _headings(text: str) -> str:
    """Heading lines lose their ``#`` marks and stand as paragraphs of their own.

    >>> _headings("Intro\\n### Outlook ###\\nMore")
    'Intro\\n\\nOutlook\\n\\nMore'
    >>> _headings("#1 seed\\nC# code")
    '#1 seed\\nC# code'
    """
    return _HEADING.sub(lambda m: f"\n{heading_text(m.group(1))}\n", text)


def heading_text(text: str) -> str:
    """A heading's words without trailing blanks and closing hashes, by string operations:
    the regex that did this backtracked quadratically on long runs of spaces.

    >>> heading_text("Outlook ###  "), heading_text("C#"), heading_text("###"), heading_text("a #b")
    ('Outlook', 'C#', '###', 'a #b')
    """
    text = text.rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and bare[-1:] in (" ", "\t"):
        return bare.rstrip(" \t")
    return text


def _unmark(text: str) -> str:
    """Markdown emphasis and backslash escapes removed; the words stay.

    >>> _unmark(r"100-billion-yuan (US\\$13.7 billion), 200 *mu*")
    '100-billion-yuan (US$13.7 billion), 200 mu'
    >>> _unmark("**Staff Reporters** and _x_, __y__, ***z***")
    'Staff Reporters and x, y, z'
    >>> _unmark(r"2 * 3 * 4, file_name_here, \\*literal\\*, **bold *it* too**")
    '2 * 3 * 4, file_name_here, *literal*, bold it too'
    """
    return _ESCAPE.sub(r"\1", _unemphasise(text))


def _unemphasise(text: str) -> str:
    """Emphasis marks removed, inner emphasis too, in one pass over the runs of marks.

    An opener is a whole run of one to three marks after no word, mark or backslash and
    before a character that is no blank or mark; it closes at the first later run of the
    same marks that follows such a character and is followed by no word or ``*``, on the
    same line. (A regex saying this scanned to the end of the line from every opener that
    never closed: quadratic on ``*a *a *a ...``.)

    >>> _unemphasise("*a *a *a"), _unemphasise("__x__y"), _unemphasise("**a *b* c**")
    ('*a *a *a', '__x__y', 'a b c')
    """
    runs = [(m.start(), m.end()) for m in _MARKS.finditer(text)]
    closers: dict[str, list[int]] = {}
    for start, end in runs:
        if (
            end - start <= 3
            and start > 0
            and text[start - 1] not in _NOT_BEFORE_CLOSE
            and not text[start - 1].isspace()
            and (end == len(text) or not _word_or_star(text[end]))
        ):
            closers.setdefault(text[start:end], []).append(start)
    lines = [m.start() for m in re.finditer("\n", text)]
    out, pos = [], 0
    for start, end in runs:
        if start < pos or end - start > 3 or end == len(text) or text[end].isspace() or text[end] in "*_":
            continue
        if start > 0 and (_word_or_star(text[start - 1]) or text[start - 1] == "\\"):
            continue
        marks = text[start:end]
        found = closers.get(marks, [])
        i = bisect_left(found, end + 1)
        if i == len(found) or bisect_left(lines, end) < bisect_left(lines, found[i]):
            continue
        out += [text[pos:start], _unemphasise(text[end : found[i]])]
        pos = found[i] + len(marks)
    return "".join(out) + text[pos:]


_NOT_BEFORE_CLOSE = "*_\\"


def _word_or_star(char: str) -> bool:
    return char == "*" or char.isalnum() or char == "_"


def _byline(body: str) -> tuple[str | None, str]:
    """The byline (the first line when it reads as one) and the body without it.

    It must stand alone (a blank line after it) unless it starts with "By".

    >>> _byline("\\n**Staff Reporters** \\n\\nTHE Shanghai MedValley opened.")
    ('Staff Reporters', '\\n\\nTHE Shanghai MedValley opened.')
    >>> _byline("By Jane Doe\\nThe city said.")
    ('Jane Doe', 'The city said.')
    >>> _byline("Jiading District Government\\nannounced on Monday.")
    (None, 'Jiading District Government\\nannounced on Monday.')
    """
    lines = body.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None, body
    line = " ".join(_unmark(lines[first]).split())
    by = _BY.match(line)
    name = line[by.end() :] if by else line
    alone = first + 1 == len(lines) or not lines[first + 1].strip()
    if (alone or by) and _is_byline(name):
        return name, "\n".join(lines[:first] + lines[first + 1 :])
    return None, body


def _is_byline(line: str) -> bool:
    """Short, no sentence end, no digits or dashes, and names or a staff credit.

    >>> [_is_byline(s) for s in ("Yu Chao and Li Xinran", "Hu Min", "Staff Reporters", "our staff reporter")]
    [True, True, True, True]

    A caption's credit is never the byline:

    >>> [_is_byline(s) for s in ("— Yu Chao", "Jiading Skyline — Yu Chao", "Hu Min said so.", "October 13")]
    [False, False, False, False]
    """
    words = line.replace(",", " ").split()
    if not words or len(words) > BYLINE_MAX_WORDS or _ENDS_SENTENCE.search(line) or re.search(r"[\d—–]", line):
        return False
    if any(w.lower() in CREDIT_WORDS for w in words):
        return True
    return all(w[0].isupper() or w.lower() in BYLINE_JOINERS for w in words)


def _paragraphs(text: str) -> list[str]:
    """Blank lines end a paragraph; single newlines are soft wraps; spaces collapse.

    >>> _paragraphs("a  b\\nc \\n\\n\\n\\nd\\n \\n")
    ['a b c', 'd']
    """
    return [p for p in (" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", text)) if p]


def _join_broken(paragraphs: list[str]) -> list[str]:
    """A paragraph cut mid-sentence is joined to the next when that one starts lower-case.

    >>> _join_broken(["industry-leading R&D centers and scientific", "research institutes."])
    ['industry-leading R&D centers and scientific research institutes.']

    When the next starts upper-case the end of the sentence was lost; they stay apart:

    >>> _join_broken(["running from October 16 to", "At the forum, Jin said.", "more."])
    ['running from October 16 to', 'At the forum, Jin said.', 'more.']
    >>> _join_broken(['he said "soon."', "then left"])
    ['he said "soon."', 'then left']
    """
    out: list[str] = []
    for paragraph in paragraphs:
        if out and paragraph[0].islower() and not _ENDS_SENTENCE.search(out[-1]):
            out[-1] += " " + paragraph
        else:
            out.append(paragraph)
    return out


def _drop_cap(paragraph: str) -> str:
    """A leading run of all-caps words set in sentence case, when it is a drop cap.

    >>> _drop_cap("THE Shanghai MedValley, an integrated zone")
    'The Shanghai MedValley, an integrated zone'
    >>> _drop_cap("A PRECISION medicine forum was held")
    'A precision medicine forum was held'
    >>> _drop_cap("THE US economy and THE UN")
    'The US economy and THE UN'
    >>> _drop_cap("SHANGHAI HAS unveiled a plan")
    'Shanghai has unveiled a plan'

    A lone all-caps word not in the table may be an acronym, and short ones stay:

    >>> [_drop_cap(s) for s in ("NASA said", "BYD opened a plant", "US FDA approved it", "US officials")]
    ['NASA said', 'BYD opened a plant', 'US FDA approved it', 'US officials']
    >>> _drop_cap("THE END")
    'THE END'
    """
    run = _CAPS_RUN.match(paragraph)
    if not run:
        return paragraph
    words = run.group().split()
    if words[0] not in DROP_CAP_WORDS and not (len(words) > 1 and paragraph[run.end()].islower()):
        return paragraph
    fixed = [_recase(word, first=i == 0) for i, word in enumerate(words)]
    return " ".join(fixed) + " " + paragraph[run.end() :]


def _recase(word: str, first: bool) -> str:
    if word not in DROP_CAP_WORDS and sum(c.isalpha() for c in word) <= 3:
        return word
    return word.capitalize() if first else word.lower()
