"""One reader per input format, behind one interface (``base.Reader``); a new format (HTML,
PDF, web archives) is one new module here and one line in ``READERS``."""

from __future__ import annotations

from pathlib import Path

from . import jsonl, markdown
from .base import Entry, Reader, Source

READERS = (markdown.READER, jsonl.READER)
_BY_SUFFIX = {suffix: reader for reader in READERS for suffix in reader.suffixes}
SUFFIXES = tuple(_BY_SUFFIX)  # what a folder walk picks up and a file named alone may have


def reader_for(path: Path) -> Reader | None:
    """The reader of ``path``'s format, by its suffix in any case; None for a format not read.

    >>> reader_for(Path("a/Feed.JSONL")).by_lines, reader_for(Path("notes.txt")) is markdown.READER
    (True, True)
    >>> reader_for(Path("page.html")) is None
    True
    """
    return _BY_SUFFIX.get(path.suffix.lower())


__all__ = ["Entry", "READERS", "Reader", "SUFFIXES", "Source", "reader_for"]
