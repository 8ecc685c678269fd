"""Reference Docs for the entity recogniser, made from what a user has labelled.

A gold organisation is labelled ORG at every whole-word occurrence of its name and of its
other written forms (its ``mentions``), longest first; an ``optional`` one is left unknown
(spaCy's missing value), so the model is neither taught it nor taught against it. What gold
says nothing of is labelled with the base model's own entities (rehearsal, against forgetting
PERSON, GPE, DATE...), except the base model's ORGs, which gold contradicts, so they are
taught as not entities. Texts come from the articles themselves, cleaned as a run cleans them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..config import Config
from ..evaluation.scoring import load_gold
from ..input import read_articles

ORG = "ORG"


@dataclass(frozen=True)
class Labelled:
    """One article's text and the character spans gold gives: organisations to teach and
    optional ones to leave unknown; ``unfound`` names gold names not written in the text."""

    article: str
    text: str
    orgs: tuple[tuple[int, int], ...]
    unknown: tuple[tuple[int, int], ...]
    unfound: tuple[str, ...]


def labelled(inputs: Path, gold_dir: Path, config: Config) -> tuple[list[Labelled], list[str]]:
    """The articles under ``inputs`` that have a gold file in ``gold_dir``, with their
    organisation spans; and the problems met (a bad gold file, a name not in its text)."""
    gold, problems = load_gold(gold_dir)
    articles, bad = read_articles([inputs], config)
    problems += [p.message for p in bad if p.level == "error"]
    out = []
    for article in articles:
        if article.id not in gold:
            continue
        item = locate(article.id, article.text, gold[article.id])
        problems += [
            f"{gold_dir / (article.id + '.json')}: gold organisation {name!r} is not written in the "
            f"article's text; it is left out of training (check its spelling or its mentions)"
            for name in item.unfound
        ]
        out.append(item)
    return out, problems


def locate(article: str, text: str, records: Iterable[dict]) -> Labelled:
    """Where each gold organisation stands in ``text``.

    >>> item = locate("a", "Acme Corp and Acme bought Beta.", [
    ...     {"type": "organisation", "value": "Acme Corp", "mentions": ["Acme"]},
    ...     {"type": "organisation", "value": "Beta", "optional": True},
    ...     {"type": "organisation", "value": "Gamma"}])
    >>> item.orgs, item.unknown, item.unfound
    (((0, 9), (14, 18)), ((26, 30),), ('Gamma',))
    """
    forms: list[tuple[str, bool, str]] = []  # (written form, optional, record name)
    for rec in records:
        if rec.get("type") != "organisation" or not rec.get("value"):
            continue
        names = {rec["value"], rec.get("text") or rec["value"], *(rec.get("mentions") or [])}
        forms += [(name, bool(rec.get("optional")), rec["value"]) for name in names if name]
    taken: list[tuple[int, int, bool]] = []
    found_names = set()
    for name, optional, value in sorted(forms, key=lambda f: -len(f[0])):
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            if not any(s < m.end() and m.start() < e for s, e, _ in taken):
                taken.append((m.start(), m.end(), optional))
                found_names.add(value)
    unfound = tuple(sorted({value for _, _, value in forms} - found_names))
    taken.sort()
    return Labelled(
        article, text, tuple((s, e) for s, e, o in taken if not o), tuple((s, e) for s, e, o in taken if o), unfound
    )


def reference(nlp: Language, item: Labelled, predicted: Doc | None = None) -> Doc:
    """The reference Doc of one labelled article: gold ORGs, optional ones unknown, and the
    base model's other entities where they do not touch a gold name (``predicted`` is the
    base model's Doc of the same text, made here when not given)."""
    doc = nlp.make_doc(item.text)
    predicted = predicted if predicted is not None else nlp(item.text)
    orgs = _spans(doc, item.orgs, ORG)
    unknown = _spans(doc, item.unknown, None)
    held = {i for span in orgs + unknown for i in range(span.start, span.end)}
    rehearsed = [
        Span(doc, e.start, e.end, label=e.label_)
        for e in predicted.ents
        if e.label_ != ORG and not held & set(range(e.start, e.end))
    ]
    doc.set_ents(orgs + rehearsed, missing=unknown, default="outside")
    return doc


def _spans(doc: Doc, offsets: Iterable[tuple[int, int]], label: str | None) -> list[Span]:
    """Token spans for character offsets (expanded to whole tokens), overlaps dropped."""
    out: list[Span] = []
    for start, end in offsets:
        span = doc.char_span(start, end, label=label or "", alignment_mode="expand")
        if span is not None and len(span) and not any(s.start < span.end and span.start < s.end for s in out):
            out.append(span)
    return out


def split(items: list[Labelled], held_out: float) -> tuple[list[Labelled], list[Labelled]]:
    """(train, held out): each article goes one way by a hash of its id, so the split is the
    same on every machine and an article keeps its side when others are added."""

    def side(item: Labelled) -> float:
        return int(hashlib.sha256(item.article.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF

    return [i for i in items if side(i) >= held_out], [i for i in items if side(i) < held_out]


def texts(items: Iterable[Labelled]) -> Iterator[str]:
    return (item.text for item in items)
