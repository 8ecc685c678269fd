"""Reference Docs from public NER corpora, converted to JSONL (one document or paragraph a
line: ``{"text", "entities": [[start, end, label]], "source", "split"?}``; docs/training.md
says which corpora, at which commits, and how they are converted).

These corpora label persons, organisations and places only, and all places ``LOC``. So a
``LOC`` takes the base model's own place label where the model found the same span (GPE, LOC
or FAC), and is left unknown otherwise; ``MISC``, events and products are left unknown (their
guidelines are not OntoNotes'); and the base model's entities of the kinds these corpora do
not label completely (DATE, MONEY, CARDINAL... and NORP: GUM marks a nationality only where
it stands alone, the others fold it into MISC or not at all) are kept, so the model does not
unlearn them. Teaching the unmarked ``Chinese`` of ``Chinese investors`` as no entity halved
the trained model's NORP recall on our articles.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

KEPT = {"ORG", "PERSON", "NORP"}
PLACES = {"GPE", "LOC", "FAC"}
COVERED = {"ORG", "PERSON"} | PLACES  # what these corpora label completely: the base model's others are rehearsed


@dataclass(frozen=True)
class Entry:
    text: str
    entities: tuple[tuple[int, int, str], ...]
    source: str
    split: str


def entries(path: Path) -> Iterator[Entry]:
    """The lines of a converted corpus file; a line that is not such an object is skipped."""
    with path.open(encoding="utf8") as f:
        for line in f:
            try:
                row = json.loads(line)
                yield Entry(
                    row["text"],
                    tuple((int(s), int(e), str(label)) for s, e, label in row["entities"]),
                    str(row.get("source") or path.stem),
                    str(row.get("split") or "train"),
                )
            except (ValueError, KeyError, TypeError):
                continue


def reference(nlp: Language, entry: Entry, predicted: Doc) -> Doc:
    """The reference Doc of one corpus entry (``predicted``: the base model's Doc of its text)."""
    doc = nlp.make_doc(entry.text)
    base = {(e.start_char, e.end_char): e.label_ for e in predicted.ents}
    spans, unknown = [], []
    for start, end, label in entry.entities:
        if label == "LOC":
            label = base.get((start, end)) if base.get((start, end)) in PLACES else None
        elif label not in KEPT:
            label = None
        span = doc.char_span(start, end, label=label or "", alignment_mode="expand")
        if span is None or not len(span) or any(s.start < span.end and span.start < s.end for s in spans + unknown):
            continue
        (spans if label else unknown).append(span)
    held = {i for span in spans + unknown for i in range(span.start, span.end)}
    spans += [
        Span(doc, e.start, e.end, label=e.label_)
        for e in predicted.ents
        if e.label_ not in COVERED and not held & set(range(e.start, e.end))
    ]
    doc.set_ents(spans, missing=unknown, default="outside")
    return doc
