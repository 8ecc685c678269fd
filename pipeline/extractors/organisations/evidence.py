"""Evidence: what the whole article says about each surface string, gathered once before any
decision, so one name is decided once whatever each mention looks like on its own (the model's
labels over every mention, the persons and places it names, nouns of things after a name, the
lines whose capitals say nothing)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc

from ...config import OrganisationOptions
from .. import pos, text_of
from .spans import LEADING, LOCATIVE, Candidate, after_role, run_after, run_before, span_text, surface, words

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# A wire's credit names its journalists: "Reporting by", "Editing by", "Writing by" ("Additional
# reporting by" names agencies too: "Additional reporting by Bloomberg").
_CREDITED = {"reporting", "editing", "writing"}


@dataclass(frozen=True)
class Evidence:
    """What the whole article says: the model's labels per surface string, the words of the
    persons and places it names, and the tokens of lines in capitals."""

    labels: dict[str, Counter]  # surface string (no leading "the") -> the model's labels, counted
    person_parts: frozenset[str]  # first and last words of persons' full names
    place_words: frozenset[str]  # every word of the model's places
    persons: frozenset[str]  # names the article gives a person's role
    located: frozenset[str]  # short names written as places wherever they occur
    things: frozenset[str]  # names followed by a noun of a thing wherever they occur
    caps: frozenset[int]  # tokens of lines whose case says nothing (capitals, a title-case headline)


def gather(doc: Doc, candidates: list[Candidate], options: OrganisationOptions) -> Evidence:
    """The evidence over the whole article, for the candidates found in it."""
    persons = _role_persons(doc, options)
    full_names = [e.text.split() for e in doc.ents if e.label_ == "PERSON"] + [p.split() for p in persons]
    return Evidence(
        labels=_labels(doc),
        person_parts=frozenset(p for names in full_names if len(names) > 1 for p in (names[0], names[-1])),
        place_words=frozenset(w for e in doc.ents if e.label_ in _PLACE_LABELS for w in e.text.split()),
        persons=persons,
        located=_located(doc, candidates, frozenset(options.place_nouns)),
        things=_things(doc, candidates, frozenset(options.thing_nouns)),
        caps=_caps_tokens(doc),
    )


def _labels(doc: Doc) -> dict[str, Counter]:
    """The model's labels for every surface string it tagged, over the whole article."""
    out: dict[str, Counter] = defaultdict(Counter)
    for ent in doc.ents:
        start = ent.start + (ent[0].lower_ == "the")
        if start < ent.end:
            out[span_text(doc, start, ent.end)][ent.label_] += 1
    return out


def _caps_tokens(doc: Doc) -> frozenset[int]:
    """Tokens of lines written in capitals, of a title-case headline, and of a scraped page's row
    of buttons (``Share: Facebook | X | WhatsApp``): their case says nothing."""
    out: set[int] = set()
    offset = 0
    for n, line in enumerate(text_of(doc).split("\n")):
        found = re.findall(r"[A-Za-z][A-Za-z'&.-]*", line)
        long = [w for w in found if len(w) > 3 and w.lower() not in STOP_WORDS]
        shouting = len(found) >= 2 and sum(w.isupper() for w in found) >= 0.8 * len(found)
        title = n == 0 and "\n" in text_of(doc) and len(long) >= 3 and all(w[0].isupper() for w in long)
        buttons = line.count("|") >= 2 and all(len(part.split()) <= 4 for part in line.split("|"))
        if shouting or title or buttons:
            span = doc.char_span(offset, offset + len(line), alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
        offset += len(line) + 1
    return frozenset(out)


# Roles written as a title before a person's name ("Mayor Natalia Chueca said"); not words that
# also open organisation names ("Chief", "Head", "Justice", "Executive", "Partner").
TITLES = frozenset(
    {
        "secretary",
        "minister",
        "president",
        "governor",
        "mayor",
        "senator",
        "judge",
        "chairman",
        "chairwoman",
        "premier",
        "treasurer",
        "professor",
        "spokesman",
        "spokeswoman",
        "founder",
    }
)


def _role_persons(doc: Doc, options: OrganisationOptions) -> frozenset[str]:
    """Names the article gives a person's role: ``chief executive Lim Boon Hock``, ``Marie
    Tremblay, an analyst at``, ``its founder, Ana Lima,``, a wire's ``Reporting by Ana Lima``,
    and names with an initial (``K N Balagopal``)."""
    roles, particles = options.role_set, options.particle_set
    texts, lowers = words(doc)
    out = set()
    for i, (text, lower) in enumerate(zip(texts, lowers)):
        if lower in roles and doc[i].is_lower:
            run = run_after(doc, i + 1, particles)
            if run:
                out.add(doc[run[0] : run[1]].text)
            if i + 2 < len(doc) and texts[i + 1] == ",":
                run = run_after(doc, i + 2, particles)  # "Its founder, Ana Lima, started"
                if run and run[1] < len(doc) and doc[run[1]].text == ",":
                    out.add(doc[run[0] : run[1]].text)
        if text == "," and i + 1 < len(doc) and lowers[i + 1] == "who":
            run = run_before(doc, i, particles)  # "Sterling Grant, who follows real estate"
            if run and not (doc[run[0] - 1].lower_ == "at" and after_role(doc, run[0] - 1, roles)):
                out.add(doc[run[0] : run[1]].text)
        if text == ",":
            j = i + 1 + (i + 1 < len(doc) and lowers[i + 1] in LEADING)
            if j + 1 < len(doc) and doc[j].is_title and lowers[j + 1] in roles and doc[j + 1].is_lower:
                j += 1  # "Atsuyoshi Koike, the Rapidus president,"
            if j < len(doc) and lowers[j] in roles and doc[j].is_lower:
                run = run_before(doc, i, particles)
                if run:
                    out.add(doc[run[0] : run[1]].text)
        if lower in _CREDITED and i + 2 < len(doc) and lowers[i + 1] == "by" and lowers[i - 1 : i] != ["additional"]:
            run = run_after(doc, i + 2, particles)  # "(Reporting by Ana Lima and Bo Chen; Editing by ...)"
            while run:
                out.add(doc[run[0] : run[1]].text)
                more = run[1] + 1 < len(doc) and lowers[run[1]] in ("and", ",")
                run = run_after(doc, run[1] + 1, particles) if more else None
        if lower in TITLES and doc[i].is_title:
            run = run_after(doc, i + 1, particles)  # "Homeland Security Secretary Alejandro Mayorkas has"
            if run and 2 <= run[1] - run[0] <= 3 and (run[1] >= len(doc) or not doc[run[1]].is_title):
                out.add(doc[run[0] : run[1]].text)
    for ent in doc.ents:
        names = ent.text.split()
        if 2 <= len(names) <= 4 and any(re.fullmatch(r"[A-Z]\.?", w) for w in names[:-1]) and names[-1][1:].islower():
            out.add(ent.text)
    return frozenset(out)


def _located(doc: Doc, candidates: list[Candidate], nouns: frozenset[str]) -> frozenset[str]:
    """One-word names that, wherever the article writes them, follow a word of place, precede a
    noun of place (alone or with another name, ``the Kilinto and Adama industrial parks``),
    ``index`` or ``-listed`` (``near Chapais``, ``the Huasco valley``, ``the FTSE SmallCap
    index``, ``ASX-listed``)."""
    seen: dict[str, bool] = {}
    for c in candidates:
        if c.end - c.start > 2:
            continue
        name = span_text(doc, c.start, c.end)
        before = doc[c.start - 1].lower_ if c.start else ""
        after = doc[c.end : c.end + 3].text.lower()
        placed = (
            before in LOCATIVE
            or after.startswith(("index", "-listed", "- listed"))
            or " index" in after
            or _noun_after(doc, c.end) in nouns
        )
        seen[name] = seen.get(name, True) and placed
    return frozenset(n for n, placed in seen.items() if placed)


def _noun_after(doc: Doc, end: int) -> str:
    """The lower-case word a name stands before, over names joined to it and adjectives
    (``Kilinto`` + ``and Adama industrial parks``, ``Huasco`` + ``valley``); "" at the end."""
    i = end
    if i + 1 < len(doc) and doc[i].lower_ in ("and", ",") and doc[i + 1].text[:1].isupper():
        i += 1
        while i < len(doc) and i - end < 4 and doc[i].text[:1].isupper():
            i += 1
        while i < len(doc) and i - end < 6 and doc[i].is_lower and pos(doc[i]) == "ADJ":
            i += 1
    return doc[i].lower_ if i < len(doc) else ""


def _things(doc: Doc, candidates: list[Candidate], nouns: frozenset[str]) -> frozenset[str]:
    """Names that, wherever the article writes them, name a project, programme or product: a noun
    of a thing follows, at most one word after (``its Onslow Iron project``, ``the Rincon lithium
    project``, ``its Teams software``)."""
    seen: dict[str, bool] = {}
    for c in candidates:
        after = [t.lower_ for t in doc[c.end : c.end + 2]]
        thing = bool(after) and (after[0] in nouns or len(after) > 1 and doc[c.end].is_lower and after[1] in nouns)
        name = surface(doc, c.start, c.end)
        seen[name] = seen.get(name, True) and thing
    return frozenset(n for n, thing in seen.items() if thing)
