"""Decision: one verdict per surface string, from small named rules tried in the order of
``RULES``; the first rule that decides gives the verdict and its name.

The order is the decision, so it is written once, here: what the data say a name is (a stop
word, an award, a month, a road, a region, a big city, a currency) rejects whatever the
evidence; then the strongest evidence (a legal form, a defined acronym, a wire credit, a cue)
accepts unless the name is a city; then what the whole article says of the name (a thing, a
place, a person) rejects, and weaker evidence (a kind noun, a list, the ruler's organisation
word, the model's label) accepts in turn.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Doc

from ...config import OrganisationOptions
from . import rules as r
from .evidence import Evidence
from .names import initials
from .rules import Case, Reason, Rule
from .spans import Candidate, span_text


@dataclass(frozen=True)
class Verdict:
    """Why a surface string is or is not reported as an organisation: the rule that decided,
    the sources it weighed (mentions in a capitals or title-case line only confirm, so they are
    left out) and the characters of every candidate span written so."""

    name: str
    accepted: bool
    rule: str
    sources: tuple[str, ...]
    mentions: tuple[tuple[int, int], ...]


RULES: tuple[Rule, ...] = (
    # what the data say the name is rejects it, whatever the evidence
    r.headline_only,
    r.stop_word,
    r.nationality_acronym,
    r.plural_acronym,
    r.thing_suffix,
    r.calendar_word,
    r.bare_legal_form,
    r.kind_word,
    r.programme_word,
    r.road,
    r.region,
    r.big_city,
    r.no_letters,
    r.one_letter,
    r.title_of,
    r.currency_code,
    r.currency_sign,
    r.joined_places,
    # the strongest evidence accepts, unless the name is a city
    r.legal_form,
    r.defined_acronym,
    r.agency,
    r.cue,
    # what the article says of the name rejects; then strong evidence (a city's name) or a kind noun accepts
    r.thing_noun,
    r.place_suffix,
    r.city,
    r.person_by_role,
    r.city_with_strong_source,
    r.kind,
    # found only in a list beside an accepted name: a place's or person's name is not one
    r.listed_model_place_or_person,
    r.listed_person_part,
    r.listed_located,
    r.listed_nationality,
    r.listed,
    # the model's places reject; a workplace or the ruler's organisation word accepts
    r.model_place,
    r.modified_place,
    r.workplace,
    r.ruler_suffix,
    # the model's name, unless a place or a person's
    r.located,
    r.person_name_part,
    r.model_person,
    r.model_org,
)
# When no rule decides, not an organisation (``model-org`` decides every name the rules before
# it leave, as long as no new source is added without a rule of its own).
_UNDECIDED = Reason(False, "undecided")


def decide(
    doc: Doc,
    by_name: dict[str, list[Candidate]],
    evidence: Evidence,
    options: OrganisationOptions,
    signs: Mapping[str, str],
) -> dict[str, Verdict]:
    """A verdict for every surface string, from its candidates' sources (headlines aside)."""
    out = {}
    for name, cands in by_name.items():
        sources = frozenset(
            c.source
            for c in cands
            if c.source == "agency" or not all(i in evidence.caps for i in range(c.start, c.end))
        )  # a credit line is written in capitals ("Source: Chengdu Economic Daily Author: ...") and still says so
        reason = judge(Case(name, sources, evidence, options, signs))
        where = sorted({(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])) for c in cands})
        out[name] = Verdict(name, reason.accepted, reason.rule, tuple(sorted(sources)), tuple(where))
    return out


def judge(case: Case) -> Reason:
    """The first rule in ``RULES`` that decides the case."""
    return next(filter(None, (test(case) for test in RULES)), _UNDECIDED)


def defined_for(doc: Doc, candidates: list[Candidate], accepted: dict[str, set[str]]) -> set[str]:
    """Acronyms defined after a name that is no organisation: they name the same thing
    (``the Indian Super League (ISL)``), so they are none either."""
    out = set()
    for c in candidates:
        if c.end + 2 < len(doc) and doc[c.end].text == "(" and doc[c.end + 2].text == ")":
            name, short = span_text(doc, c.start, c.end), doc[c.end + 1].text
            if name not in accepted and short != name and initials(name, short):
                out.add(short)
    return out
