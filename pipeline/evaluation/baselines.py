"""The libraries used as-is (quantulum3, dateparser, the bare spaCy model), scored like the pipeline.

Same cleaned texts (from the outputs' article files), same gold, same matcher: the
difference in F1 is what the pipeline's rules add.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..config import Config
from ..records import Mention, Record, merge, to_dict
from .scoring import Evaluation, load, load_outputs, score, sentence_around


def baseline_predictions(outputs_dir: Path, config: Config) -> dict[str, list[dict]]:
    """Records the libraries alone find in each output article's cleaned text, in the pipeline's JSON form."""
    outputs, _ = load_outputs(outputs_dir)
    return _predict(outputs, config)


def evaluate_baselines(outputs_dir: Path, gold_dir: Path, config: Config) -> Evaluation:
    """The "library alone" column: baseline predictions scored on the articles ``evaluate`` scores."""
    outputs, gold, problems = load(outputs_dir, gold_dir)
    texts = {article: out["text"] for article, out in outputs.items()}
    return replace(score(_predict(outputs, config), gold, texts), problems=problems)


def _predict(outputs: Mapping[str, dict], config: Config) -> dict[str, list[dict]]:
    articles = list(outputs)
    docs = _bare_model(config.model).pipe((outputs[a]["text"] for a in articles), batch_size=config.batch_size)
    predicted = {}
    for article, doc in zip(articles, docs):
        found = [
            *_quantities(doc.text, config.area_units),
            *_dates(doc.text, _published(outputs[article])),
            *_organisations(doc),
        ]
        predicted[article] = [to_dict(r) for r in merge(found, article)]
    return predicted


@lru_cache(maxsize=2)
def _bare_model(name: str) -> Language:
    """The configured model as shipped (a trained folder: its base with the trained recogniser):
    no span ruler, no extra rules."""
    from ..model.nlp import bare_pipeline

    return bare_pipeline(name)


def _mention(text: str, start: int, end: int) -> Mention:
    return Mention(text=text[start:end], start=start, end=end, sentence=sentence_around(text, start, end))


def _quantities(text: str, area_units: Mapping[str, float]) -> list[Record]:
    """quantulum3's currency quantities as money, its areas as m² (by the unit's name in ``area.units``)."""
    with _quiet_quantulum():
        from quantulum3 import parser

        quantities = parser.parse(text)
    out = []
    for q in quantities:
        mention = (_mention(text, *q.span),)
        if q.unit.entity.name == "currency":
            out.append(Record("money", q.value, mention, currency=q.unit.currency_code))
        elif q.unit.entity.name == "area":
            factor = area_units.get(q.unit.name.lower())
            out.append(
                Record(
                    "area",
                    q.value * factor if factor else None,
                    mention,
                    unit="m2",
                    original={"value": q.value, "unit": q.unit.name},
                )
            )
    return out


@contextmanager
def _quiet_quantulum() -> Iterator[None]:
    """quantulum3 warns at import and calls ``logging.basicConfig`` in ``parse``: undo both here."""
    root = logging.getLogger()
    handlers = root.handlers[:]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        root.handlers[:] = handlers


def _dates(text: str, published: date | None) -> list[Record]:
    """dateparser's ``search_dates`` hits, each the ISO day of the datetime it gives."""
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": datetime(published.year, published.month, published.day)} if published else {}
    out, cursor = [], 0
    for surface, when in search_dates(text, settings=settings) or []:
        start = text.find(surface, cursor)
        start = start if start >= 0 else text.find(surface)
        if start < 0:
            continue
        cursor = start + len(surface)
        out.append(Record("date", when.date().isoformat(), (_mention(text, start, cursor),)))
    return out


def _published(output: dict) -> date | None:
    try:
        return date.fromisoformat(output["article"].get("published") or "")
    except (TypeError, ValueError):
        return None


def _organisations(doc: Doc) -> list[Record]:
    """The model's ORG entities, text as-is."""
    return [
        Record("organisation", ent.text, (_mention(doc.text, ent.start_char, ent.end_char),))
        for ent in doc.ents
        if ent.label_ == "ORG"
    ]
