"""Names: from the decided surface strings to records. Short names defined after a full name
(``World Health Organization (WHO)``), initials (``TSMC``) and short forms (``Barrick``) become
aliases of the full name; every place a name is written becomes a mention; configured aliases
give the canonical name last."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.tokens import Doc

from ...config import OrganisationOptions
from ...knowledge import legal_forms, places
from ...records import Record
from .. import mention, text_of
from .spans import Candidate, written_at

# What follows a name that defines its short form, up to three capitalised words ("(TDB Group)",
# ", better known as Harita Nickel", ", which trades as ..."); one pattern for every name (a
# pattern per name was compiled again for every article).
_DEFINED = re.compile(
    r"(?: \(| ?, (?:better |also )?known as | ?, which trades as )([A-Z][\w&-]{1,11}(?: [A-Z][\w&-]{1,11}){0,2})\b"
)
_DEFINED_AT = re.compile(rf"(?={_DEFINED.pattern})")  # every place one starts
# A name is written whole when no word character, ``&`` or apostrophe is glued before it (nor
# ``x-``) and no word character, ``&`` or ``-`` after it.
_GLUED_BEFORE, _GLUED_AFTER, _WORD = re.compile(r"[\w&'’]"), re.compile(r"[\w&-]"), re.compile(r"\w")


def definitions(doc: Doc, accepted: dict[str, set[str]]) -> dict[str, str]:
    """Short names defined after a name: ``World Health Organization (WHO)``, ``Corporación de
    Fomento de la Producción (Corfo)``, ``..., known as Codelco``, ``..., which trades as Harita
    Nickel`` -> ``{"WHO": ...}``; what stands alone in brackets right after the name is its short
    name even in another language's letters (``Saudi Exchange (Tadawul)``, ``Mexican Stock
    Exchange (BMV)``), unless a place."""
    text = text_of(doc)
    before = _names_before_definitions(text, accepted)
    out = {}
    for name in accepted:
        capitals = {w[0] for w in name.split() if w[0].isupper()}
        resume = 0  # as re.finditer of name + _DEFINED: left to right, not overlapping
        for at in before.get(name, ()):
            if at - len(name) < resume:
                continue
            match = _DEFINED.match(text, at)
            resume, short = match.end(), match.group(1)
            # what the text names in words ("known as") or in brackets alone is the short name,
            # whatever its letters; a word opening a bracketed phrase only when it spells the name
            said = not match.group(0).startswith(" (") or text.startswith(")", match.end())
            if (
                (short[0] in capitals or said and not places.is_city(short))
                and short != name
                and not places.is_region(short)
            ):
                out.setdefault(short, name)
    return out


def _names_before_definitions(text: str, names: Iterable[str]) -> dict[str, list[int]]:
    """Where a definition (``_DEFINED``) starts right after one of ``names``, by the name,
    ascending. The few places a definition starts are found once and each is asked which
    names end there: searching the text for each name made a long article's cost its length
    times the names in it."""
    names = set(names)
    lengths = sorted({len(n) for n in names})
    out: dict[str, list[int]] = {}
    for m in _DEFINED_AT.finditer(text):
        at = m.start()
        for length in lengths:
            if length <= at and text[at - length : at] in names:
                out.setdefault(text[at - length : at], []).append(at)
    return out


def body_order(doc: Doc, *by_names: dict[str, list[Candidate]]) -> dict[str, int]:
    """Where each name is first written below the headline (the first line, when there are more)."""
    cut = text_of(doc).find("\n")
    headline = doc.char_span(0, cut, alignment_mode="expand") if cut > 0 else None
    body = headline.end if headline is not None else 0
    out: dict[str, int] = {}
    for by_name in by_names:
        for name, cands in by_name.items():
            for c in cands:
                if c.start >= body:
                    out[name] = min(out.get(name, c.start), c.start)
    return out


def records(
    doc: Doc, accepted: dict[str, set[str]], defined: dict[str, str], seen: dict[str, int], options: OrganisationOptions
) -> list[Record]:
    """One record per mention of every accepted or defined name, valued with its canonical name."""
    names = set(accepted) | set(defined)
    linker = _Linker(names, accepted, seen, options)
    canonical = {name: linker.canonical(defined.get(name, name)) for name in names}
    spans = _mentions(doc, sorted(names, key=lambda n: (-len(n), n)))  # never a set's order: runs must agree
    out = []
    for name, start, end in spans:
        value = canonical[name]
        value = options.aliases.get(value, value)
        aliases = (name,) if name != value else ()
        out.append(Record(type="organisation", value=value, mentions=(mention(doc, start, end),), aliases=aliases))
    return out


class _Linker:
    """The full name each short form stands for (``canonical``), the article's names indexed
    by their words: each name is compared only with the longer names that share its first,
    last or an inner word or spell its initials, not with every other (that was quadratic in
    the names an article holds: 600 names, 140k comparisons at 100k characters)."""

    def __init__(
        self, names: set[str], accepted: dict[str, set[str]], seen: dict[str, int], options: OrganisationOptions
    ) -> None:
        self.accepted, self.seen, self.options = accepted, seen, options
        rank = {n: i for i, n in enumerate(accepted)}  # linking tries names as first seen
        self.order = {n: i for i, n in enumerate(sorted(names, key=lambda n: (rank.get(n, len(rank)), n)))}
        self.by_first: dict[str, list[str]] = defaultdict(list)
        self.by_last: dict[str, list[str]] = defaultdict(list)
        self.by_inner: dict[str, list[str]] = defaultdict(list)
        self.by_spelling: dict[str, list[str]] = defaultdict(list)  # every spelling, and its starts of 3+ letters
        for n in self.order:
            words = n.split()
            if len(words) < 2:  # never longer than another name
                continue
            self.by_first[words[0]].append(n)
            for word in {w[-1] for w in self._tails(n)}:
                self.by_last[word].append(n)
            for word in set(words[1:-1]):
                self.by_inner[word].append(n)
            for key in {s[:i] for s in spellings(n) for i in range(3, len(s) + 1)} | spellings(n):
                self.by_spelling[key].append(n)

    def _tails(self, name: str) -> tuple[list[str], ...]:
        """The word lists a short form may end: the name's, before its legal form, and split at hyphens too."""
        before = _before_form(name, self.options.legal_forms)
        return name.split(), list(before), re.split(r"[ -]", " ".join(before))

    def _longer(self, words: list[str], *buckets: list[str]) -> list[str]:
        """The names in ``buckets`` of more words than ``words``, as first seen."""
        return sorted({n for bucket in buckets for n in bucket if len(n.split()) > len(words)}, key=self.order.get)

    def canonical(self, name: str) -> str:
        """The full name a short form stands for: the longer name whose initials it is (``TSMC``,
        ``M&S``), the longer name it begins (``Barrick`` -> ``Barrick Gold Corp``; the first
        named when several do), ends (``MedValley``) or stands inside (``Lingjing`` -> ``Suzhou
        Lingjing Robotics Co``). A name the article calls a company in its own right, before the
        longer one ending in an organisation word, is not short for it (``the drugmaker Novo
        Nordisk`` and, later, ``Novo Nordisk Foundation`` are two). A defined short name is
        linked through the name it is defined after (``records`` asks for that one)."""
        words, options, seen = name.split(), self.options, self.seen
        if len(words) == 1 and name.replace("&", "").isupper():
            letters = name.replace("&", "")
            expanded = [n for n in self._longer(words, self.by_spelling.get(letters, [])) if initials(n, name)]
            if len(expanded) == 1:
                return expanded[0]
        complete = bool(
            self.accepted.get(name, set()) & {"legal", "suffix", "agency"}
        )  # "Yonhap" is not "Yonhap Infomax"
        own = bool(self.accepted.get(name, set()) & {"kind", "cue", "workplace", "listed"})
        forms = options.legal_forms
        starts = [
            n
            for n in self._longer(words, self.by_first.get(words[0], []))
            if n.split()[: len(words)] == words
            and (not complete or legal_forms.is_legal_form(n.split()[len(words) :], options.legal_form_set))
            and not (own and seen.get(name, 0) < seen.get(n, 0) and _before_form(n, forms)[-1] in options.suffixes)
        ]
        if starts:
            first = starts[0]
            return max((n for n in starts if n.split()[: len(first.split())] == first.split()), key=len)
        ends = [n for n in self._longer(words, self.by_last.get(words[-1], [])) if words in self._ends(n, len(words))]
        if len(ends) == 1:
            return ends[0]
        inside = [n for n in self._longer(words, self.by_inner.get(name, [])) if len(words) == 1]
        return inside[0] if len(inside) == 1 and not complete else name

    def _ends(self, name: str, count: int) -> list[list[str]]:
        """The last ``count`` words of each of ``name``'s tails."""
        return [tail[-count:] for tail in self._tails(name)]


@lru_cache(maxsize=2**14)
def _before_form(name: str, extra_forms: tuple[str, ...]) -> tuple[str, ...]:
    """The words of ``name`` before its legal form: ``Compañía Minera Nevada SpA`` -> ``Compañía
    Minera Nevada`` (so ``Minera Nevada`` is its short form). Remembered: ``_Linker`` asks it
    about a name once to index it and again for each short form ending like it.

    >>> _before_form("Compañía Minera Nevada SpA", ("SpA",))
    ('Compañía', 'Minera', 'Nevada')
    """
    words = name.split()
    extra = frozenset(extra_forms)
    for i in range(max(1, len(words) - 4), len(words)):  # a legal form has a few words at most
        if legal_forms.is_legal_form(words[i:], extra):
            return tuple(words[:i])
    return tuple(words)


def initials(name: str, acronym: str) -> bool:
    """``acronym`` spells the start of ``name``'s capitalised words (an all-capital word whole).

    >>> initials("Marks and Spencer", "M&S"), initials("NZ Transport Agency Waka Kotahi", "NZTA")
    (True, True)
    >>> initials("Taiwan Semiconductor Manufacturing Co", "TSMC"), initials("Acme Corp", "CA")
    (True, False)

    A hyphenated word may give each part's initial, and an exchange its ``X``:

    >>> initials("Coca-Cola Europacific Partners", "CCEP"), initials("Australian Securities Exchange", "ASX")
    (True, True)
    """
    letters = acronym.replace("&", "")
    return len(letters) >= 2 and any(
        spelled == letters or len(letters) >= 3 and spelled.startswith(letters) for spelled in spellings(name)
    )


def spellings(name: str) -> set[str]:
    """The acronyms ``name``'s capitalised words spell: by initials (an all-capital word whole),
    by each part of a hyphenated word, with ``X`` for ``Exchange``.

    >>> sorted(spellings("Coca-Cola Europacific Partners"))
    ['CCEP', 'CEP']
    """
    words = [w for w in name.split() if w[:1].isupper()]
    return {
        "".join(w if w.isupper() else w[0] for w in words),
        "".join(p if p.isupper() else p[:1] for w in words for p in w.split("-")),
        "".join("X" if w == "Exchange" else w if w.isupper() else w[0] for w in words),
    }


def _mentions(doc: Doc, names: list[str]) -> list[tuple[str, int, int]]:
    """Every place a decided name is written, longest names first, no two overlapping; in
    lines written in capitals the name is matched whatever its case."""
    taken = [False] * (len(text_of(doc)) + 1)
    out = []
    for name in names:
        for written in (name, name.upper()):
            for start in _whole(doc, written):
                out.extend(_take(taken, name, start, start + len(written)))
    return sorted(out, key=lambda m: m[1])


def _whole(doc: Doc, name: str) -> Iterator[int]:
    """Where ``name`` is written whole, left to right, not overlapping (what ``re.finditer``
    with those lookarounds finds, without compiling a pattern per name)."""
    text, end = text_of(doc), 0
    for at in written_at(doc, name):
        if at < end:
            continue
        glued = (
            at
            and (_GLUED_BEFORE.match(text, at - 1) or at > 1 and text[at - 1] == "-" and _WORD.match(text, at - 2))
            or _GLUED_AFTER.match(text, at + len(name))
        )
        if not glued:
            end = at + len(name)
            yield at


def _take(taken: list[bool], name: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """``name`` at ``start:end`` unless a longer name already took any of those characters."""
    if any(taken[start:end]):
        return []
    taken[start:end] = [True] * (end - start)
    return [(name, start, end)]
