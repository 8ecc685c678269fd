"""The model's components, read from its meta.json without importing spaCy or the model
package: which of them a run uses (for run.json) and which the loader keeps (``nlp``)."""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path

SENTER, PARSER = "senter", "parser"  # spaCy's component names (pipeline.model.attributes reads them here)
BREAKS = "sentence_breaks"
ORG_RULES = "org_rules"  # the span key the organisation ruler writes its candidates under
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


# Models trained by `pipeline train` and shipped with the package: model.name = "news".
SHIPPED = Path(__file__).resolve().parent / "trained"


def location(model: str) -> Path | None:
    """The folder ``model`` names: a folder path, or a model shipped in ``SHIPPED``; None
    for an installed package. Config keeps the name as written, so output keys do not
    depend on where the project is checked out."""
    if Path(model).is_dir():
        return Path(model)
    shipped = SHIPPED / model
    return shipped if model and "/" not in model and shipped.is_dir() else None


@lru_cache(maxsize=4)
def meta(model: str) -> dict:
    """The model's meta.json: ``model`` is a saved pipeline folder, a folder written by
    ``pipeline train`` or an installed package (found, not imported: importing it imports spaCy)."""
    folder = location(model) or Path(importlib.util.find_spec(model).origin).parent
    return json.loads((folder / "meta.json").read_text("utf8"))


def version(model: str) -> str | None:
    """What identifies the model's weights for output keys: a trained folder's version (a
    digest of its weights), else None (an installed package's own version is read instead)."""
    return meta(model).get("version") if location(model) else None
