"""Organisations: the model's ORG entities and the span ruler's names, cut to a canonical name.

The small model returns spans such as ``the Shanghai MedValley marks Jiading's`` and misses
parenthesised names; the ruler's names win where the two overlap, model spans are cut at
the first verb, and places (``Jiading``, ``Malu Town``, ``Jiading New City``) are dropped.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from ..nlp import ORG_RULES
from ..records import Record
from . import Context, mention

_LEADING = {"the", "a", "an"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def extract(doc: Doc, context: Context) -> list[Record]:
    cfg = context.config
    places = {e.text for e in doc.ents if e.label_ in _PLACE_LABELS}
    rules = [s for s in doc.spans.get(ORG_RULES, []) if not _is_place(s, places, cfg)]
    taken = {i for s in rules for i in range(s.start, s.end)}
    spans = list(rules)
    for ent in doc.ents:
        if ent.label_ != "ORG" or any(i in taken for i in range(ent.start, ent.end)):
            continue
        span = _trim(ent)
        if span is not None and not _is_place(span, places, cfg):
            spans.append(span)
    stop = {w.lower() for w in cfg.org_stop_words}
    records = []
    for span in spans:
        name = cfg.org_aliases.get(span.text, span.text)
        if name.lower() in stop:
            continue
        m = mention(doc, span.start_char, span.end_char)
        records.append(Record(type="organisation", value=name, mentions=(m,)))
    return _merge_aliases(records)


def _trim(span: Span) -> Span | None:
    """Drop a leading article, cut at the first verb, drop a trailing possessive or punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in _LEADING:
        start += 1
    for i in range(start + 1, end):
        if doc[i].pos_ in ("VERB", "AUX") and not doc[i].text[:1].isupper():
            end = i
            break
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    if end <= start or not any(c.isupper() for c in doc[start:end].text):
        return None
    return doc[start:end]


def _is_place(span: Span, places: set[str], cfg) -> bool:
    """A place, not an organisation: ends in a place word, is itself a place name, or is a
    place name with only a modifier before an organisation word (``Jiading New City``)."""
    words = [t.text for t in span]
    if words[-1] in cfg.place_suffixes or span.text in places:
        return True
    head = words[:-1] if words[-1] in cfg.org_suffixes else words
    place_words = {w for p in places for w in p.split()}
    return (any(w in cfg.place_modifiers for w in head)
            and all(w in place_words or w in cfg.place_modifiers for w in head))


def _merge_aliases(records: list[Record]) -> list[Record]:
    """A name that is the tail of exactly one longer name in the article is that name:
    ``MedValley`` -> ``Shanghai MedValley``."""
    names = {r.value for r in records}
    out = []
    for rec in records:
        words = rec.value.split()
        longer = [n for n in names if n != rec.value and _ends_with(n, rec.value, words)]
        if len(longer) == 1:
            rec = replace(rec, value=longer[0], aliases=(rec.value,))
        out.append(rec)
    return out


def _ends_with(name: str, tail: str, tail_words: list[str]) -> bool:
    words = name.split()
    return len(words) > len(tail_words) and words[-len(tail_words):] == tail_words
