"""Facts: who paid, invested, bought, sold, borrowed or built how much, for what, where and
when, as records that link the article's own records by id. ``find`` (in ``link``) reads an
article's records and its Doc and returns fact records; ``triggers`` (the words that start a
fact, a table), ``roles`` (which record fills which role, from the dependency parse), ``status``
(agreed, completed, planned, rumoured, called off; negated), ``projects`` (a plant built on
land a deal takes: the taker's investment) and ``records`` (the Fact type
and its JSON form, no spaCy) do the parts. Token attributes are read through ``extractors``' door.
Imports ``extractors``, ``model``, ``records``, ``config`` and ``errors``; ``engines``,
``evaluation`` and ``review`` may import it."""

from .records import FACT_TYPES, ROLES, Fact

__all__ = ["FACT_TYPES", "ROLES", "Fact", "find"]


def __getattr__(name: str):
    """``find`` is imported when first asked for: it loads spaCy, which the fact record's
    readers (the review page, evaluation) do not need."""
    if name == "find":
        from .link import find  # the module is named apart from the function: loading it binds ``link``

        globals()["find"] = find
        return find
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
