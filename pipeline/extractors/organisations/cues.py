"""Candidates the article itself marks: cue words (``shares of Heineken``, ``Dutch brewer
Heineken``, ``an analyst at Maybank``), acronyms spelled out before their brackets (``Food and
Drug Administration (FDA)``), partners' names (``Wachtell, Lipton, Rosen & Katz``) and the wire
credit in a dateline (``(Reuters) -``). These find names the model and the ruler miss."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ...config import OrganisationOptions
from ...knowledge import legal_forms, places
from ...model.attributes import common_word
from .. import pos, tag, text_of
from ..patterns import AGENCY_DATELINE, CREDIT_LINE, FOOT_CREDIT, SOURCE_LINE
from .names import spellings
from .spans import (
    LEADING,
    LOCATIVE,
    POSSESSIVE,
    Candidate,
    after_role,
    name_word,
    pieces,
    run_after,
    run_before,
    words,
)

# One agency of a foot credit: "ANA" and "Reuters" in "ANA/Reuters".
_CREDIT = re.compile(r"[A-Za-z]+")

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_SPELT = re.compile(r"^[A-Z][A-Z&-]{1,8}$")  # in brackets after a name: "(FDA)", "(AP-HP)"
# Words and signs that may stand inside a spelled-out name, besides the configured particles.
_SPELLING_JOINERS = frozenset({"and", "of", "for", "the", "on", "'", "’", "'s", "’s", "-", ","})
# Partners' names joined by commas and closed with "&": "Wachtell, Lipton, Rosen & Katz" (a list
# of other things is closed with "and").
_PARTNERS = re.compile(r"\b[A-Z][\w'’-]+(?:, [A-Z][\w'’-]+)+,? & [A-Z][\w'’-]+")


def cued(doc: Doc, options: OrganisationOptions) -> list[Candidate]:
    """Names the article marks as companies with cue words: ``shares of Heineken``, ``Kroger
    shares``, ``Heineken's chief executive``, ``Japan's Astellas said``."""
    before, after, possessive, kinds = (
        options.cue_phrases_before,
        options.cue_after,
        options.cue_phrases_possessive,
        options.cue_kind_set,
    )
    roles, particles = options.role_set, options.particle_set
    texts, lowers = words(doc)
    found, kind, work, named = [], [], [], []
    for i, (text, lower) in enumerate(zip(texts, lowers)):
        if lower == "at" and after_role(doc, i, roles):
            work.append(run_after(doc, i + 1, particles))  # "an analyst at Maybank"
        if text == "%" and i + 2 < len(doc) and lowers[i + 1] == "on" and not doc[i + 2].ent_type_ == "DATE":
            kind.append(run_after(doc, i + 2, particles))  # "shares rose 1.1% on Euronext Paris"
        if text in kinds and i + 1 < len(doc) and name_word(doc[i + 1]):
            kind.append(run_after(doc, i + 1, particles))  # "Dutch brewer Heineken"
        if text == "," and i + 1 < len(doc) and lowers[i + 1] in ("which", "whose"):
            run = run_before(doc, i, particles)  # "Kalibrate, which tracks pump prices"
            if not (
                run
                and (
                    _located_place(doc, *run)
                    or lowers[i + 1] == "whose"
                    and doc[run[1] - 1].ent_type_ == "PERSON"
                    or len(pieces(doc, *run)) > 1
                )
            ):
                kind.append(
                    run
                )  # not "a plant at Talegaon, which", "Suresh Nallamilli, whose party" ("which": never a person)
        if text == "," and i + 1 < len(doc) and lowers[i + 1] in LEADING and _appositive_kind(doc, i + 2, kinds):
            run = run_before(doc, i, particles)  # "Ecopetrol, the state oil company, ..."
            if run and (run[0] == 0 or lowers[run[0] - 1] not in ("of", "for", "and", "&")):
                named.append(run)
        if (
            (lower in kinds or lower[:-1] in kinds)
            and lower.endswith("s")
            and i + 2 < len(doc)
            and lowers[i + 1] in ("including", "like", "such")
        ):
            named.append(run_after(doc, i + 2 + (lowers[i + 1] == "such" and lowers[i + 2] == "as"), particles))
            # "operators such as Lumo", "brewers including Carlsberg"
        for phrase in before.get(lower, ()):
            if lowers[i : i + len(phrase)] == phrase:
                found.append(run_after(doc, i + len(phrase), particles))
        if text in after or lower in after and doc[i].is_lower:
            found.append(run_before(doc, i, particles))
        if text in POSSESSIVE and i > 0:
            if any(lowers[i + 1 : i + 1 + len(p)] == p for p in possessive):
                found.append(run_before(doc, i, particles))
            if doc[i - 1].ent_type_ in ("GPE", "NORP"):
                run = run_after(doc, i + 1, particles)
                if run and run[1] < len(doc) and pos(doc[run[1]]) in ("VERB", "AUX"):
                    found.append(run)
    return (
        [Candidate(s, e, "cue") for s, e in filter(None, found) if not _nationality(doc, s, e)]
        + [Candidate(s, e, "kind") for s, e in filter(None, kind)]
        + [Candidate(s, e, "workplace") for s, e in filter(None, work)]
        + [
            Candidate(s, e, "kind")
            for s, e in filter(None, named)
            if not all(t.ent_type_ == "PERSON" for t in doc[s:e])
        ]
    )  # "Chase Morgan, a roofing contractor"


def _located_place(doc: Doc, start: int, end: int) -> bool:
    """A run after ``in``/``at``/``near`` that the model calls a place."""
    return (
        start > 0
        and doc[start - 1].lower_ in LOCATIVE
        and all(t.ent_type_ in ("GPE", "LOC", "FAC") for t in doc[start:end])
    )


def _appositive_kind(doc: Doc, i: int, kinds: frozenset[str]) -> bool:
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


def _nationality(doc: Doc, start: int, end: int) -> bool:
    """A cued run the model calls a nationality, before a noun: ``acquisition of German grinding
    specialist`` (``analysts at Investec estimated`` is a name)."""
    nxt = doc[end] if end < len(doc) else None
    return (
        all(t.ent_type_ == "NORP" for t in doc[start:end])
        and nxt is not None
        and nxt.is_lower
        and tag(nxt) not in ("VBD", "VBZ", "VBP", "MD")
    )


def spelled(doc: Doc, options: OrganisationOptions) -> list[Candidate]:
    """Names an acronym in brackets after them spells, joiners and all: ``Food and Drug
    Administration (FDA)``, ``Australian Workers' Union (AWU)``; the longest run that spells it
    exactly (``the U.S. Federal Trade Commission (FTC)`` -> ``Federal Trade Commission``); words
    written in lower case count where every word is spelled (``Autorité des marchés financiers (AMF)``)."""
    joiners = options.particle_set | _SPELLING_JOINERS
    texts, _ = words(doc)
    out = []
    for i in range(1, len(doc) - 2):
        if texts[i] != "(":
            continue
        inside = (
            "".join(texts[i + 1 : i + 4])
            if i + 4 < len(doc) and texts[i + 2] == "-" and texts[i + 4] == ")"
            else texts[i + 1]
            if texts[i + 2] == ")"
            else ""
        )  # "(FDA)", "(AP-HP)"
        if not _SPELT.match(inside) or inside in options.stop_words:
            continue
        start, best, short = i, None, inside.replace("&", "").replace("-", "")
        # "Airports of Thailand Pcl (AOT)": the form is not spelled
        end = i - len(_form_words(doc, i, options.legal_form_set))
        while start > 0 and i - start < 14 and (doc[start - 1].is_alpha or texts[start - 1] in joiners):
            start -= 1
            spelt = [t.text for t in doc[start:end] if t.is_alpha]
            if name_word(doc[start]) and (
                short in spellings(doc[start:end].text)
                or short
                in ("".join(w[0].upper() for w in spelt if w not in joiners), "".join(w[0].upper() for w in spelt))
            ):
                best = start
        if best is not None and best > 0 and texts[best - 1] in options.prefixes:
            best -= 1  # the acronym may leave out the head word: "Banca Monte dei Paschi di Siena (MPS)"
        if best is not None and _org_like(doc, best, i, options):
            out.append(Candidate(best, i, "defined"))
    return out


def _form_words(doc: Doc, end: int, extra: frozenset[str]) -> list[str]:
    """The legal form ending just before token ``end``, if one does (its last two words at most)."""
    for n in (2, 1):
        found = [t.text for t in doc[max(0, end - n) : end]]
        if len(found) == n and legal_forms.is_legal_form(found, extra):
            return found
    return []


def _org_like(doc: Doc, start: int, end: int, options: OrganisationOptions) -> bool:
    """Ends in an organisation word or a legal form, opens with one, the model calls part of it an
    organisation, or it holds a proper name (``Airports of Thailand``; ``Value Added Tax`` is all
    common words)."""
    last = doc[end - 1].text
    return (
        any(last.endswith(s) for s in options.suffixes)
        or doc[start].text in options.prefixes
        or bool(_form_words(doc, end, options.legal_form_set))
        or any(t.ent_type_ == "ORG" for t in doc[start:end])
        or any(t.text[:1].isupper() and t.is_alpha and not common_word(t) for t in doc[start:end])
    )


def partnerships(doc: Doc) -> list[Candidate]:
    """Firms named after their partners, unless every partner is a place (``Paris, Lyon & Nice``)."""
    out = []
    for match in _PARTNERS.finditer(text_of(doc)):
        span = doc.char_span(*match.span(), alignment_mode="contract")
        partners = [w.strip(",") for w in match.group().split() if w != "&"]
        if (
            span is not None
            and not all(places.is_region(w) or places.is_city(w) for w in partners)
            and not any(t.ent_type_ in _PLACE_LABELS for t in span)
        ):
            out.append(Candidate(span.start, span.end, "cue"))
    return out


def agencies(doc: Doc) -> list[Candidate]:
    """The wire credit in a dateline (``LONDON, March 3 (Reuters) -``), on the article's last
    line (``-- APS``, ``(PTI)``, ``-- ANA/Reuters``), on a line of its own elsewhere (``— Xinhua``),
    in a photo credit (``(Photo/Xinhua)``) or in a source line (``Source: Chengdu Economic Daily``)."""
    text = text_of(doc)
    found = [m.span(1) for m in AGENCY_DATELINE.finditer(text)]
    found += [m.span("source") for m in SOURCE_LINE.finditer(text)]
    found += [m.span(m.lastgroup) for m in CREDIT_LINE.finditer(text)]
    foot = FOOT_CREDIT.search(text, max(0, len(text) - 200))
    if foot:
        group = "a" if foot.group("a") else "b"
        found += [
            (foot.start(group) + m.start(), foot.start(group) + m.end()) for m in _CREDIT.finditer(foot.group(group))
        ]
    out = []
    for start, end in found:
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is not None and len(span):
            out.append(Candidate(span.start, span.end, "agency"))
    return out
