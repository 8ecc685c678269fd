"""Organisations: candidates (ruler, model, cues) -> evidence over the article -> named decision
rules -> canonical names and records; ``explain`` says which rule decided each name. May import
config, records, model, knowledge and the extractors' shared helpers; no other extractor."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from ...config import Config
from ...records import Record
from .. import Context
from .candidates import candidates, listed
from .decision import Verdict, decide, defined_for
from .evidence import gather
from .names import body_order, definitions, records
from .spans import Candidate, surface

__all__ = ["Verdict", "explain", "extract"]


def extract(doc: Doc, context: Context) -> list[Record]:
    """One organisation record per mention, valued with the canonical name."""
    article = _decided(doc, context.config)
    return records(
        doc,
        article.accepted,
        article.defined,
        body_order(doc, article.by_name, article.listed),
        context.config.organisations,
    )


def explain(doc: Doc, context: Context) -> list[Verdict]:
    """Why each candidate name was or was not reported, in the order first decided; a short name
    defined after a reported one (``(WHO)``) is reported as its alias whatever its own verdict."""
    article = _decided(doc, context.config)
    verdicts = dict(article.verdicts)
    for short in article.defined:
        own = verdicts.get(short)
        if own is None or not own.accepted:
            verdicts[short] = Verdict(
                short, True, "defined-short-name", own.sources if own else (), own.mentions if own else ()
            )
    return list(verdicts.values())


@dataclass(frozen=True)
class _Article:
    """The decisions for one article: every verdict, and what the records are built from."""

    verdicts: dict[str, Verdict]
    accepted: dict[str, set[str]]  # organisations as first decided -> the sources weighed
    defined: dict[str, str]  # short name -> the name it is defined after
    by_name: dict[str, list[Candidate]]
    listed: dict[str, list[Candidate]]  # names listed with an organisation (the second pass)


def _decided(doc: Doc, config: Config) -> _Article:
    """Decide every surface string once; then names listed with an accepted one, which were not
    accepted on their own, once more with the list as evidence; then acronyms defined after a
    name that is no organisation are dropped."""
    options, signs = config.organisations, config.money.signs
    found = candidates(doc, options)
    by_name = _by_name(doc, found)
    evidence = gather(doc, found, options)
    verdicts = decide(doc, by_name, evidence, options, signs)
    accepted = {n: set(v.sources) for n, v in verdicts.items() if v.accepted}
    listed_by_name = _by_name(doc, listed(doc, [c for n, cs in by_name.items() if n in accepted for c in cs], options))
    second = decide(
        doc,
        {n: by_name.get(n, []) + cs for n, cs in listed_by_name.items() if n not in accepted},
        evidence,
        options,
        signs,
    )
    verdicts.update(second)
    accepted.update((n, set(v.sources)) for n, v in second.items() if v.accepted)
    for short in defined_for(doc, found, accepted):
        if accepted.pop(short, None) is not None:
            verdicts[short] = replace(verdicts[short], accepted=False, rule="acronym-of-non-organisation")
    return _Article(verdicts, accepted, definitions(doc, accepted), by_name, listed_by_name)


def _by_name(doc: Doc, found: list[Candidate]) -> dict[str, list[Candidate]]:
    """Candidates by the surface string they are decided for, in the order first written."""
    out: dict[str, list[Candidate]] = defaultdict(list)
    for cand in found:
        out[surface(doc, cand.start, cand.end)].append(cand)
    return out
