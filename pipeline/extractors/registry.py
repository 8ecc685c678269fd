"""The extractors, in the order they run, and the one step that runs them over an article:
the extract step of a batch run and the review page's pre-filled corrections both call
``extract``, so both see the same records."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from spacy.tokens import Doc

from ..records import TYPES, Record
from . import Context, area, dates, money, organisations, text_of
from .article import facts_of

# Record type -> extractor. Money runs first: the article's facts learn from its amounts
# (the countries whose currency they are in) before dates read them.
EXTRACTORS: dict[str, Callable[[Doc, Context], list[Record]]] = {
    "money": money.extract,
    "area": area.extract,
    "date": dates.extract,
    "organisation": organisations.extract,
}
assert tuple(EXTRACTORS) == TYPES


def extract(doc: Doc, context: Context, kinds: Iterable[str] = TYPES) -> list[Record]:
    """The records the extractors of ``kinds`` find in one parsed article, in type order."""
    kinds = set(kinds)
    options = context.config.money
    facts = facts_of(text_of(doc), context.source or "", options)
    context = replace(context, facts=facts)
    found: list[Record] = []
    amounts = money.extract(doc, context) if kinds & {"money", "date"} else []
    context = replace(context, facts=facts.with_amounts(amounts, options))
    for kind, extractor in EXTRACTORS.items():
        if kind in kinds:
            found += amounts if kind == "money" else extractor(doc, context)
    return found
