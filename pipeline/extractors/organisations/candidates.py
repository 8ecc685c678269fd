"""Candidates: every span that may name an organisation, cut at structure, with where it came
from (the span ruler, the model's ORG entities, cue words, spelled-out acronyms, partnerships,
wire agencies; in a second pass, names listed with an accepted one). Nothing is decided here:
the source is kept as evidence for the decision."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc

from ...config import OrganisationOptions
from ...knowledge import legal_forms, places
from ...knowledge.currencies import known_code
from ...model.attributes import common_word
from ...model.meta import ORG_RULES
from .. import pos, tag, text_of
from ..patterns import DATELINE
from .cues import agencies, cued, partnerships, spelled
from .spans import (
    LOCATIVE,
    POSSESSIVE,
    YEAR,
    Candidate,
    generic,
    legal_start,
    name_word,
    pieces,
    run_after,
    run_before,
    span_text,
    surface,
    words,
    written_at,
)

# What may not follow a name counted as written alone: "Tata Realty" is not in "Tata Realty-led".
_GLUED = re.compile(r"[\w&-]")
# A clock time on a page's date line: "12:04 AM", "05.12 AM IST", "18:05 ICT", "10:30 am".
_CLOCK = re.compile(r"\b\d{1,2}(?::\d{2}\s?(?:[AaPp]\.?[Mm]\b\.?|[A-Z]{3,4}\b)?|\.\d{2}\s?[AaPp]\.?[Mm]\b)")
_YEAR_IN_LINE = re.compile(r"\b(?:19|20)\d{2}\b")
# A price written as one token: a sign or a short currency letter and a decimal ("N58.50", "R14.80").
_PRICE = re.compile(r"(?:[A-Z][a-z]{0,2}|[$€£¥₹₦])\d+[.,]\d+")
# Model labels that name something on its own (an EVENT label on "Australian Competition" does not).
_NAMED = {"ORG", "GPE", "LOC", "PERSON", "FAC", "NORP"}
# Parts of speech of a capitalised sentence opener that is not part of the name after it.
_NOT_NAME_POS = {"NOUN", "VERB", "ADV", "AUX", "PRON", "DET", "ADP", "SCONJ", "CCONJ"}
# Bodies a country's label may stand before without being part of the name (``Czech Ministry of Defence``).
_GOVERNMENT = {"Ministry", "Department"}
_ADJECTIVE_ENDINGS = ("ian", "ean", "ese", "ish", "an", "ic", "i")
# Sources a rule's pattern made (the model may read more of the same name).
_RULED = {"legal", "suffix"}
# Of overlapping candidates the lowest rank wins (then the longest).
_RANK = {
    "listed": 4,
    "legal": 0,
    "agency": 1,
    "defined": 0,
    "suffix": 2,
    "cue": 3,
    "kind": 3,
    "workplace": 3,
    "model": 4,
}


def candidates(doc: Doc, options: OrganisationOptions) -> list[Candidate]:
    """Every span that may name an organisation, cut at structure, with where it came from."""
    extra = options.legal_form_set
    out = []
    for span in doc.spans.get(ORG_RULES, []):
        start, end = span.start, span.end
        while end > start and (doc[end - 1].text == "," or doc[end - 1].is_space):
            end -= 1
        if (
            start >= 2
            and doc[start - 1].text in POSSESSIVE
            and doc[start].ent_iob_ == "I"
            and doc[start].ent_type_ == "ORG"
            and all(common_word(t) for t in doc[start:end])
        ):
            while doc[start].ent_iob_ == "I":
                start -= 1  # the model's "Moody's Investors Service"
        while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "ORG" and name_word(doc[end]):
            end += 1  # the model's name goes on: "China Merchants Bank International"
        start = _after_spaced_dash(
            doc, start, end, extra
        )  # "TOKYO - Mizuho Financial Group": a dateline, then the name
        start = _over_plural_apostrophe(doc, _after_label(doc, start, end))
        for s1, e1 in _at_dotted_forms(doc, start, end, extra):
            split = _two_names(doc, s1, e1, options)
            for s, e in ((s1, split - 1), (split, e1)) if split > s1 else ((s1, e1),):
                out.extend(_ruled(doc, s, e, options))
    for ent in doc.ents:
        if ent.label_ == "ORG":
            start, end = _with_particles(doc, ent.start, _joined_end(doc, ent.end), options.particle_set)
            if end < len(doc) and doc[end].text in options.thing_suffixes and doc[end].is_title:
                end += 1  # the model's name runs into an event word: "Riyadh Logistics Investment Summit"
            start = _after_label(doc, start, end)
            for s1, e1 in _at_dotted_forms(doc, start, end, extra):
                split = _whole_after_and(doc, s1, e1, extra) or _listed_and(doc, s1, e1, options.prefixes, extra) or s1
                for s0, e0 in ((s1, split - 1), (split, e1)) if split > s1 else ((s1, e1),):
                    out.extend(
                        Candidate(s, e, "model")
                        for s, e in pieces(doc, s0, e0)
                        if not _numbered(doc, e)
                        and not _common_word(doc, s, e)
                        and not _after_amount(doc, s)
                        and not _ticker(doc, s, e)
                        and not _on_clock_line(doc, s)
                    )
    out.extend(cued(doc, options))
    out.extend(spelled(doc, options))
    out.extend(partnerships(doc))
    out.extend(agencies(doc))
    datelines = _dateline_places(doc)
    out = [_model_widened(doc, c, options) if c.source in _RULED else c for c in out]
    patterned = {(c.start, c.end) for c in out if c.source in _RULED}
    out = [_defined_widened(doc, c, options, patterned) if c.source == "defined" else c for c in out]
    return _no_overlaps([c for c in _split_pairs(doc, out) if (c.start, c.end) not in datelines])


def _defined_widened(
    doc: Doc, cand: Candidate, options: OrganisationOptions, patterned: set[tuple[int, int]]
) -> Candidate:
    """An acronym's name widened to the model's reading only as far as a pattern also reads it
    (``Industrial`` + ``... (IDCO)``) or over proper names (``Dholera`` + ``Special Investment
    Region (SIR)``): ``The Opposition`` stays out of ``Biju Janata Dal (BJD)``."""
    wide = _model_widened(doc, cand, options)
    if (wide.start, wide.end) in patterned or not any(common_word(t) for t in doc[wide.start : cand.start]):
        return wide
    return cand


def _model_widened(doc: Doc, cand: Candidate, options: OrganisationOptions) -> Candidate:
    """A rule's name widened to the model's organisation around it when the model reads more
    of the same name: words before it that the rule's pattern cannot start with (``Dar es`` +
    ``Salaam Stock Exchange``, ``Future of`` + ``Egypt Agency for ...``, ``Industrial`` +
    ``Infrastructure Development Corporation of Odisha (IDCO)``, an acronym that skips a word)
    and an ``of``-name going on with ``of`` (``Ministry of Economy and Finance of the Republic`` +
    ``of Uzbekistan``) or with ``of`` and no place (``Tung Wah Group`` + ``of Hospitals``;
    ``Foshan Huaxin Ceramics Group`` + ``of China`` says where it is from; ``Philippine
    Manufacturing Co.`` + ``of Murata Inc.`` ends in its own legal form). A country's label
    before a government body stays out (``US`` + ``Department of Energy``), as does anything
    the model reads across a break."""
    if doc[cand.start].ent_type_ != "ORG" or doc[cand.end - 1].ent_type_ != "ORG":
        return cand
    start = cand.start
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = cand.end
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    if any(doc[i].ent_iob_ == "B" for i in range(cand.start + 1, cand.end)):
        return cand  # the model reads two names there
    joiners = options.particle_set | {"of"}
    before = doc[start : cand.start]
    if before and not (
        len(before) <= 6
        and name_word(before[0])
        and not (before[0].is_sent_start and common_word(before[0]))
        and not _country_label(before[0].text)
        and not places.is_region(before[0].text)
        and all(
            name_word(t)
            or t.text in joiners
            or (t.is_lower and t.is_alpha and len(t) <= 3 and not t.is_stop)
            or t.text in ("'", "’")
            and _plural_before(doc, t.i)  # "Milk Producers' Union Ltd"
            for t in before
        )
        and pieces(doc, start, cand.end) == [(start, cand.end)]
    ):
        start = cand.start
    after = doc[cand.end : end]
    if not (
        after
        and (
            any(t.lower_ == "of" for t in doc[cand.start : cand.end])
            or not places.is_region(span_text(doc, cand.end + 1 + (len(after) > 1 and after[1].lower_ == "the"), end))
        )
        and after[0].lower_ == "of"
        and all(name_word(t) or t.lower_ in ("of", "the") for t in after[:-1])
        and (name_word(after[-1]) or legal_forms.is_legal_form([after[-1].text], options.legal_form_set))
    ):
        end = cand.end
    return replace(cand, start=start, end=end) if (start, end) != (cand.start, cand.end) else cand


def _on_clock_line(doc: Doc, i: int) -> bool:
    """Token ``i`` stands on a short line with a clock time and a year, and no full stop at its
    end: a page's date line (``Hor Kimsay | Publication date 01 December 2026 | 18:05 ICT``,
    ``Published Date - 10 November 2026, 12:04 AM``), where the model's names are bylines,
    labels and time zones."""
    text = text_of(doc)
    start = text.rfind("\n", 0, doc[i].idx) + 1
    end = text.find("\n", doc[i].idx)
    line = text[start : end if end >= 0 else len(text)]
    return (
        len(line.split()) <= 16
        and not line.rstrip().endswith(".")
        and _CLOCK.search(line) is not None
        and _YEAR_IN_LINE.search(line) is not None
    )


def _dateline_places(doc: Doc) -> set[tuple[int, int]]:
    """The tokens of each dateline's place (``TOKYO -``, ``NAIROBI, Aug 6 -``): never a name."""
    out = set()
    for m in DATELINE.finditer(text_of(doc)):
        if places.country_of(m.group("place")):
            span = doc.char_span(*m.span("place"), alignment_mode="expand")
            if span is not None:
                out.add((span.start, span.end))
    return out


def _after_spaced_dash(doc: Doc, start: int, end: int, extra: frozenset[str]) -> int:
    """Where a ruler span starts after its last spaced dash (``TOKYO - Mizuho Financial Group``,
    ``OSAKA — Kansai Paint``): a name's own hyphen has no space beside it (``Coca-Cola``), and a
    dash before the legal form alone is the name's own (``Viglacera Corporation – JSC``)."""
    for i in range(end - 2, start, -1):
        if (
            doc[i].text in ("-", "—", "–")
            and (doc[i - 1].whitespace_ or doc[i].whitespace_)
            and not legal_forms.is_legal_form([t.text for t in doc[i + 1 : end]], extra)
        ):
            return i + 1
    return start


def _at_dotted_forms(doc: Doc, start: int, end: int, extra: frozenset[str]) -> list[tuple[int, int]]:
    """``doc[start:end]`` cut after each dotted legal form that a name word other than a legal
    form follows: ``Ayala Land Inc.`` | ``Megaworld Corp.``, where the sentence break was missed
    (``Samsung Co. Ltd.`` stays whole)."""
    out, piece = [], start
    for i in range(start + 1, end - 1):
        if (
            doc[i].text.endswith(".")
            and legal_forms.is_legal_form([doc[i].text], extra)
            and name_word(doc[i + 1])
            and not legal_forms.is_legal_form([doc[i + 1].text], extra)
        ):
            out.append((piece, i + 1))
            piece = i + 1
    return [*out, (piece, end)]


def _over_plural_apostrophe(doc: Doc, start: int) -> int:
    """Where a ruler name starts when a plural noun's apostrophe stands before it: the words
    before it are the name's (``Sabar District Co-operative Milk Producers'`` + ``Union Ltd``;
    not ``St Thomas'``, a name's possessive)."""
    if start < 2 or doc[start - 1].text not in ("'", "’") or not _plural_before(doc, start - 1):
        return start
    run = run_before(doc, start - 1)
    return run[0] if run and run[1] == start - 1 else start


def _plural_before(doc: Doc, i: int) -> bool:
    """The apostrophe at ``i`` closes a capitalised plural noun glued to it (``Producers'``)."""
    word = doc[i - 1]
    return not word.whitespace_ and word.text.endswith("s") and name_word(word) and tag(word) in ("NNS", "NNPS")


def _after_label(doc: Doc, start: int, end: int) -> int:
    """Where a ministry's or department's name starts after a country label: ``Norwegian`` +
    ``Ministry of Petroleum and Energy``, ``Union`` + ``Ministry of Steel``, ``US`` + ``Department
    of Energy`` (``Federal Ministry of Finance`` keeps its word: it is the official name)."""
    if end - start < 3 or doc[start + 1].text not in _GOVERNMENT or doc[start + 2].lower_ != "of":
        return start
    return start + 1 if _country_label(doc[start].text) else start


def _country_label(word: str) -> bool:
    """``Union`` (India's for federal), a country code or a country's adjective (``Norwegian``,
    ``Czech``, ``Kenyan``: a country name starts with the word, or with its first four letters
    when it ends like an adjective)."""
    if word in ("Union", "US", "U.S.", "UK", "U.K.") or places.is_region(word) and word.isupper():
        return True
    stem = word[:4] if word.endswith(_ADJECTIVE_ENDINGS) else word
    return len(stem) >= 4 and any(name.startswith(stem) for name in places.names())


def _split_pairs(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """``X and Y`` as two names when each is also written alone elsewhere in the article
    (``Tata Realty and Godrej Properties`` ... ``Tata Realty said``): one name keeps its
    ``and`` only when its parts never stand alone (``Marks and Spencer``)."""
    text = text_of(doc)

    @cache
    def count(name: str) -> int:  # each surface string counted once per article, as re.findall would
        found, end = 0, 0
        for at in written_at(doc, name):
            if at >= end and not (at and text[at - 1] in "&-") and not _GLUED.match(text, at + len(name)):
                found, end = found + 1, at + len(name)
        return found

    out = []
    for cand in found:
        ands = [i for i in range(cand.start + 1, cand.end - 1) if doc[i].lower_ == "and"]
        if len(ands) == 1:
            whole = count(surface(doc, cand.start, cand.end))
            left, right = surface(doc, cand.start, ands[0]), surface(doc, ands[0] + 1, cand.end)
            if count(left) > whole and count(right) > whole:
                out += [replace(cand, end=ands[0]), replace(cand, start=ands[0] + 1)]
                continue
        out.append(cand)
    return out


def _ruled(doc: Doc, start: int, end: int, options: OrganisationOptions) -> list[Candidate]:
    """A span ruler name as a candidate: ending in a legal form, in an organisation word, or
    an organisation word going on with ``of``/``for`` (``Superintendency of the Environment``)."""
    extra, suffixes = options.legal_form_set, options.suffix_set
    while start < end and (
        doc[start].ent_type_ == "DATE"
        and doc[start].is_alpha
        or doc[start].lower_ == "and"
        or _PRICE.fullmatch(doc[start].text)
    ):
        start += 1  # "on Thursday and Duke Energy Corp", "rose N1.20 to N58.50 and BUA Foods Plc"
    while end - start > 1 and end < len(doc) and doc[end].like_num and known_code(doc[end - 1].text):
        end -= 1  # "fined FC Lugano CHF 80,000": the code goes with the amount
    if end <= start or _after_amount(doc, start):
        return []
    if YEAR.match(doc[start].text) and start > 0 and pos(doc[start - 1]) == "ADP":
        start += 1  # "In 2019 Acme Ltd opened": the year is a date ("the 2040 Ventures Fund" is a name)
    body_end = legal_start(doc, start, end, extra) or end - 1
    if (
        body_end - start > 2
        and doc[start].is_sent_start
        and pos(doc[start]) in _NOT_NAME_POS
        or body_end - start > 1
        and doc[start].lower_ in options.cue_kind_set
        and doc[start].text not in suffixes
    ):
        start += 1  # "Rivals West Fraser Timber Co. Ltd.", "Rival Airtel Africa plc"
    body = legal_start(doc, start, end, extra)
    if body is not None:
        return [Candidate(_of_place(doc, start, body), end, "legal")]
    if doc[start].text in options.prefixes and end - start > 1:
        return [Candidate(start, end, "suffix")]  # "Industrias Peñoles": the head word comes first
    if doc[end - 1].text in legal_forms.written_forms() | extra:  # "Petronas Sdn": not a form
        return [Candidate(s, e, "model") for s, e in pieces(doc, start, end - 1)]
    of_name = any(t.text in options.of_suffixes and doc[t.i + 1].lower_ in ("of", "for") for t in doc[start : end - 1])
    if of_name:
        return [Candidate(start, _name_after_suffix(doc, _listed_end(doc, end, options), options.role_set), "suffix")]
    if any(doc[end - 1].text.endswith(s) for s in suffixes):
        return [Candidate(start, _name_after_suffix(doc, end, options.role_set), "suffix")]
    return []


def _of_place(doc: Doc, start: int, body: int) -> int:
    """Where a legal name starts when what stands before its legal form is only a place after
    ``of``: ``Tube Investments`` + ``of India Ltd``, ``Flour Mills`` + ``of Nigeria Plc`` (a
    place alone with a legal form is no company)."""
    if start < 2 or doc[start - 1].lower_ != "of" or not places.is_region(span_text(doc, start, body)):
        return start
    run = run_before(doc, start - 1)
    return run[0] if run and run[1] == start - 1 else start


def _name_after_suffix(doc: Doc, end: int, roles: frozenset[str]) -> int:
    """A name goes on past its organisation word with a second name in another language:
    ``Transport Agency Waka Kotahi`` (never into a role, a place or a date: ``Agency Director``)."""
    stop = end
    while (
        stop < len(doc)
        and stop - end < 3
        and name_word(doc[stop])
        and doc[stop].lower_ not in roles
        and doc[stop].ent_type_ not in ("GPE", "LOC", "DATE", "ORG", "NORP")
        and doc[stop - 1].whitespace_
    ):
        stop += 1
    return stop


def _listed_end(doc: Doc, end: int, options: OrganisationOptions) -> int:
    """A name with ``of`` goes on over a list of capitalised common nouns closed with ``and``:
    ``Ministry of Economy`` + ``, Trade and Industry`` (``Bank of Japan, Toyota and Sony`` stops:
    ``Toyota`` is no common noun; so does ``State Bank of India and Punjab National Bank``:
    ``Punjab`` is a place and the words go on into a name of their own, as they do with ``of``,
    and ``Bank of Baroda and Canara Bank``, where the model opens a second name that ends in an
    organisation word)."""
    i, closed = end, False
    while not closed and i + 1 < len(doc) and doc[i].text in (",", "and"):
        closed = doc[i].text == "and" or doc[i + 1].text == "and"
        i += 1 + (doc[i].text == "," and doc[i + 1].text == "and")
        item = i
        while i < len(doc) and i - item < 2 and doc[i].text[:1].isupper() and generic(doc, i, i + 1):
            i += 1
        if (
            i == item
            or i < len(doc)
            and (name_word(doc[i]) or doc[i].lower_ == "of" or _opens_name(doc, item, options))
            or doc[end].text == "and"
            and doc[item].ent_iob_ == "B"
            and doc[item].ent_type_ == "ORG"
            and doc[i - 1].text in options.suffix_set
        ):
            return end  # the words go on into a name of their own: "... and Bank of Baroda", "and Agricultural Bank of China";
            # or, one item long, into a name the model opens that ends in an organisation word: "and Canara Bank"
    return i if closed else end


def _with_particles(doc: Doc, start: int, end: int, particles: frozenset[str]) -> tuple[int, int]:
    """A model name goes on over lower-case particles and capitalised words on either side:
    ``Banco de`` + ``Sabadell``, ``Corporación Nacional`` + ``del Cobre de Chile``."""
    while True:
        nxt = end
        while nxt < len(doc) and nxt - end < 2 and doc[nxt].text in particles and doc[nxt].text != "&":
            nxt += 1  # "de la"
        if nxt == end or nxt >= len(doc) or not name_word(doc[nxt]):
            break
        end = nxt + 1
        while end < len(doc) and name_word(doc[end]) and doc[end].ent_iob_ != "B":
            end += 1
    while start >= 2 and doc[start - 1].text in particles and doc[start - 1].text != "&" and name_word(doc[start - 2]):
        start -= 2
    return start, end


def _common_word(doc: Doc, start: int, end: int) -> bool:
    """A single word capitalised only because it opens a sentence: ``Households``, ``Commuters``."""
    tok = doc[start]
    return end - start == 1 and tok.is_sent_start and pos(tok) != "PROPN" and not tok.is_upper


def _two_names(doc: Doc, start: int, end: int, options: OrganisationOptions) -> int:
    """Where the last name starts when ``and`` joins two: ``Acme Corp and Beta Ltd``, the
    second opens a name (``National Bank of Egypt and Banque Misr``, ``State Bank of India and
    Bank of Baroda``) or the model
    names the part before ``and`` on its own (``Nanxiang and Shanghai MedValley``); else
    ``start`` (``Building and Construction Authority``)."""
    suffixes, extra = options.suffix_set, options.legal_form_set
    for k in range(end - 2, start, -1):
        if doc[k].lower_ == "and" and end - k > 2 and (_opens_name(doc, k + 1, options)):
            return k + 1
        if doc[k].lower_ == "and" and _model_pair(doc, start, k, end, extra):
            return k + 1
        if (
            doc[k].lower_ != "and"
            or any(t.lower_ in ("of", "for") for t in doc[start:k])
            and not (doc[end - 1].text in suffixes and end - k > 2)
        ):
            continue  # "Port Authority of New York and New Jersey" is one name; "Bank of X and Y Holdings" two
        left = doc[k - 1]
        if _one_name(doc, start, k, end, extra):
            continue
        if (
            left.text in suffixes
            or legal_forms.is_legal_form([left.text], extra)
            or left.ent_type_ in _NAMED
            and doc[k].ent_iob_ != "I"
        ):
            return k + 1
    return _whole_after_and(doc, start, end, extra) or start


def _model_pair(doc: Doc, start: int, k: int, end: int, extra: frozenset[str]) -> bool:
    """Whether the model reads two organisations around ``and`` at ``k``, a new one opening
    after it (``Bank of Jiangsu`` | ``Agricultural Bank of China``, ``Al Dahra Holding`` |
    ``Jenaan Investment LLC``), and neither side is generic words that name no body alone
    (``Maritime and Port Authority``)."""
    return (
        doc[k - 1].ent_type_ == "ORG"
        and doc[k + 1].ent_type_ == "ORG"
        and doc[k + 1].ent_iob_ == "B"
        and not generic(doc, start, k, extra)
        and not generic(doc, k + 1, end, extra)
    )


def _opens_name(doc: Doc, i: int, options: OrganisationOptions) -> bool:
    """Token ``i`` opens a name of its own: a head word written first (``Banque``, ``PT``) or one
    going on with ``of`` (``Bank of Baroda``)."""
    return doc[i].text in options.prefixes or (
        doc[i].text in options.of_suffixes and i + 1 < len(doc) and doc[i + 1].lower_ in ("of", "for")
    )


def _one_name(doc: Doc, start: int, k: int, end: int, extra: frozenset[str]) -> bool:
    """Whether ``and`` at ``k`` lies inside one name: the model reads the words on both sides as
    one entity and one side could not name a body on its own (``Galfar Engineering and
    Contracting SAOG``, ``Eli Lilly and Company``, ``Maritime and Port Authority``). Either
    alone misleads: the model joins ``Anglo American and Glencore``, and ``Standard Bank`` is
    made of common words. A generic first part joins a single word only when that word is
    generic too (``Marks and Spencer``; ``State Farm and Allstate`` are two)."""
    if doc[k].ent_iob_ != "I":
        return False
    after = generic(doc, k + 1, end, extra)
    return after or generic(doc, start, k, extra) and end - k > 2


def _whole_after_and(doc: Doc, start: int, end: int, extra: frozenset[str]) -> int | None:
    """Where a name after ``and`` starts when it is joined with ``&`` and ends in a legal form:
    such a name is whole on its own (``Twitter and Tiffany & Co.``; ``Procter and Gamble Co.``
    is one name)."""
    for k in range(end - 2, start, -1):
        if (
            doc[k].lower_ == "and"
            and any(t.text == "&" for t in doc[k + 1 : end])
            and legal_start(doc, k + 1, end, extra) is not None
        ):
            return k + 1
    return None


def _listed_and(doc: Doc, start: int, end: int, prefixes: tuple[str, ...], extra: frozenset[str]) -> int | None:
    """Where the second of two names the model joins with ``and`` starts: after a list (``Bosch,
    ZF and Schaeffler``), when either side has more than one word (``Anglo American and
    Glencore``; ``Marks and Spencer`` is one name) or the second opens with a head word
    (``National Bank of Egypt and Banque Misr``)."""
    for k in range(start + 1, end - 1):
        if doc[k].lower_ != "and" or _one_name(doc, start, k, end, extra):
            continue
        listed = start > 0 and doc[start - 1].text == ","
        longer = (k - start > 1 or end - k > 2) and not any(t.lower_ in ("of", "for") for t in doc[start:k])
        if listed or longer or doc[k + 1].text in prefixes:
            return k + 1
    return None


def _ticker(doc: Doc, start: int, end: int) -> bool:
    """A stock code, not the company: ``listed under the code KIJA``, ``ticker: ACME``."""
    before = start - (start > 0 and doc[start - 1].text == ":")
    return end - start == 1 and before > 0 and doc[before - 1].lower_ in ("code", "ticker", "symbol")


def _numbered(doc: Doc, end: int) -> bool:
    """A name followed by a model number is an index or product: ``FTSE 100``, ``Boeing 737``."""
    nxt = doc[end : end + 2]
    return len(nxt) > 0 and nxt[0].is_digit and not (len(nxt) > 1 and nxt[1].text in ("-", "%", "–"))


def _after_amount(doc: Doc, start: int) -> bool:
    """A model name right after a number that is no year is a unit: ``a 1.8 Mil SF hub``."""
    return start > 0 and doc[start - 1].like_num and not YEAR.match(doc[start - 1].text)


def _joined_end(doc: Doc, end: int) -> int:
    """A model name cut at ``and``/``&`` goes on over a capitalised word the model does not
    call an organisation or place itself: ``Marks`` + ``and Spencer``."""
    if (
        end + 1 < len(doc)
        and doc[end].lower_ in ("and", "&")
        and name_word(doc[end + 1])
        and doc[end + 1].ent_type_ not in ("ORG", "GPE", "LOC", "NORP")
        and doc[end + 1].ent_iob_ == "B"
        and (end + 2 >= len(doc) or doc[end + 2].ent_iob_ != "I")
    ):
        return end + 2
    return end


def _no_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Of overlapping candidates keep the strongest, then the longest."""
    taken: set[int] = set()
    out = []
    for cand in sorted(cands, key=lambda c: (_RANK[c.source], c.start - c.end, c.start)):
        if not any(i in taken for i in range(cand.start, cand.end)):
            taken.update(range(cand.start, cand.end))
            out.append(cand)
    kept = {(c.start, c.end) for c in out}
    out += [c for c in set(cands) - set(out) if (c.start, c.end) in kept]  # the same span's other evidence
    return sorted(out, key=lambda c: c.start)


def listed(doc: Doc, decided: list[Candidate], options: OrganisationOptions) -> list[Candidate]:
    """Names listed with an organisation: ``Lloyds Banking Group and Barclays``, ``NIO, Xpeng
    and Li Auto`` (a list of commas alone may be anything: ``Acme Corp, Britain's biggest``)."""
    particles = options.particle_set | {"-"}
    texts, lowers = words(doc)
    out = []
    for cand in decided:
        runs, joined = [], False
        end = cand.end + (cand.end < len(doc) and texts[cand.end] in ("'s", "’s"))
        while end + 1 < len(doc) and texts[end] in (",", "and", "or") and len(runs) < 6:
            nxt = end + 1 + (texts[end] == "," and lowers[end + 1] in ("and", "or"))
            joined |= texts[end] != "," or nxt > end + 1
            run = run_after(doc, nxt, particles)
            if not run or run[0] > nxt + 1:
                break
            runs.append(run)
            end = run[1] + (run[1] < len(doc) and texts[run[1]] in ("'s", "’s"))
        start = cand.start
        while start > 1 and texts[start - 1] in (",", "and", "or") and len(runs) < 6:
            joined |= texts[start - 1] != ","
            run = run_before(
                doc, start - 1 - (lowers[start - 1] in ("and", "or") and texts[start - 2] == ","), particles
            )
            if not run or run[1] < start - 2 or run[0] and lowers[run[0] - 1] in LOCATIVE:
                break  # "the Valley in Nanxiang and Acme Corp": a place
            runs.append(run)
            start = run[0]
        if joined:
            out.extend(Candidate(s, e, "listed") for s, e in runs)
    return out
