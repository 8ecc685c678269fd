"""Records: the typed values every stage shares (``Record``, ``Mention``), the checks each
record passes before it is written, and the key that says what made an output.
Imports only ``config`` and ``errors``; everything above may import it."""
from .record import TYPES, Mention, Record, json_number, merge, to_dict

__all__ = ["TYPES", "Mention", "Record", "json_number", "merge", "to_dict"]
