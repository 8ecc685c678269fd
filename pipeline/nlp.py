"""The spaCy step: the configured model plus a span ruler for organisation names, one pipeline.

The ruler writes candidate names to ``doc.spans["org_rules"]`` instead of overwriting
``doc.ents``, so the model's own GPE/ORG labels stay visible to the organisation extractor.
"""
from __future__ import annotations

import logging
import re
from functools import lru_cache

import spacy
from spacy.language import Language

from .config import Config

ORG_RULES = "org_rules"
# Capitalised words that start sentences but never names.
_NOT_NAME = ["the", "a", "an", "in", "at", "on", "of", "for", "by", "from", "with", "to", "and",
             "since", "during", "as", "after", "before", "this", "that", "these", "its", "their",
             "our", "his", "her", "when", "while", "under", "over", "into", "between", "among",
             "located", "covering", "it", "we", "they", "he", "she", "if", "but", "or"]


def load_nlp(config: Config) -> Language:
    """Load the model once per process (cached per model and rule set)."""
    return _load(config.model, config.org_suffixes, config.org_of_suffixes)


@lru_cache(maxsize=4)
def _load(model: str, suffixes: tuple[str, ...], of_suffixes: tuple[str, ...]) -> Language:
    logging.getLogger("spacy").setLevel(logging.ERROR)
    nlp = spacy.load(model)
    ruler = nlp.add_pipe("span_ruler", name="org_ruler", last=True,
                         config={"spans_key": ORG_RULES, "annotate_ents": False, "overwrite": False,
                                 "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"}})
    ruler.add_patterns([{"label": "ORG", "pattern": p} for p in org_patterns(suffixes, of_suffixes)])
    return nlp


def org_patterns(suffixes: tuple[str, ...], of_suffixes: tuple[str, ...]) -> list[list[dict]]:
    """Token patterns for capitalised names ending in an organisation word, with or
    without a parenthesised part (``Shanghai (Nanxiang) Precision Medicine Industrial Park``),
    or going on with ``of`` (``Technical University of Munich``)."""
    ends = "|".join(re.escape(s) for s in suffixes)
    word = {"TEXT": {"REGEX": r"^[A-Z][\w&'.-]*$"}, "LOWER": {"NOT_IN": _NOT_NAME}}
    suffix = {"TEXT": {"REGEX": rf"^(?:[A-Z]\w*)?(?:{ends})$"}}
    inner = {"TEXT": {"REGEX": r"^(?:[A-Z][\w&'.]*|-|&)$"}, "OP": "+"}
    return [
        [dict(word, OP="+"), suffix],
        [dict(word, OP="+"), {"ORTH": "("}, inner, {"ORTH": ")"}, dict(word, OP="*"), suffix],
        [dict(word, OP="*"), {"TEXT": {"IN": list(of_suffixes)}}, {"LOWER": "of"}, dict(word, OP="+")],
        # A single word that carries the suffix inside it: "MedValley".
        [{"TEXT": {"REGEX": rf"^[A-Z][a-z]+(?:{ends})$"}}],
    ]
