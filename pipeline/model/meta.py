"""The model's components, read from its meta.json without importing spaCy or the model
package: which of them a run uses (for run.json) and which the loader keeps (``nlp``)."""
from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path

SENTER, PARSER = "senter", "parser"  # spaCy's component names (pipeline.model.attributes reads them here)
BREAKS = "sentence_breaks"
# The model's components run on every article, and what the extractors read from them.
# Any other component is not loaded, except those in nlp.ASKED.
READS = {
    "tok2vec": "embeddings the tagger and parser listen to",
    "transformer": "embeddings, in the _trf models",
    "tagger": "fine tags: VBD/VBN for tense, POS for possessives, NNS after a year",
    SENTER: "sentence boundaries: each mention's sentence, names that open one",
    "ner": "entities: organisation names, places, DATE around bare years",
}


def components(model: str) -> list[str]:
    """The components a run uses, in order (for run.json)."""
    names = meta(model)["components"]
    out = []
    for c in names:
        if c in READS or c == PARSER and SENTER not in names:
            out.append(c)
        if c == SENTER:
            out.append(BREAKS)
    return out + ["org_ruler"]


@lru_cache(maxsize=4)
def meta(model: str) -> dict:
    """The model's meta.json: ``model`` is a saved pipeline folder or an installed package
    (found, not imported: importing it imports spaCy)."""
    folder = Path(model) if Path(model).is_dir() else Path(importlib.util.find_spec(model).origin).parent
    return json.loads((folder / "meta.json").read_text("utf8"))
