"""Records: the typed values every stage shares (``Article`` and ``Problem`` from reading,
``Record``, ``Mention``) and the checks each record passes before it is written.
Imports only ``config`` and ``errors``; everything above may import it."""

from .article import Article, Problem
from .record import TYPES, Mention, Record, json_number, merge, to_dict

__all__ = ["TYPES", "Article", "Problem", "Mention", "Record", "json_number", "merge", "to_dict"]
