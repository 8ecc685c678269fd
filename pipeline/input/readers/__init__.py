"""One reader per input format, behind one interface (``base.Reader``); a new format is one
new module here and one line in ``READERS``. The readers of news as it arrives (``html``,
``pdf``, ``warc``, ``feed``) import their libraries only when a file of theirs is read."""

from __future__ import annotations

from pathlib import Path

from . import feed, html, jsonl, markdown, pdf, warc
from .base import Entry, Reader, Source

READERS = (markdown.READER, jsonl.READER, html.READER, pdf.READER, warc.READER, feed.READER)
_BY_SUFFIX = {suffix: reader for reader in READERS for suffix in reader.suffixes}
SUFFIXES = tuple(_BY_SUFFIX)  # what a folder walk picks up and a file named alone may have


def reader_for(path: Path) -> Reader | None:
    """The reader of ``path``'s format, by its suffix in any case; None for a format not read.

    >>> reader_for(Path("a/Feed.JSONL")).by_lines, reader_for(Path("notes.txt")) is markdown.READER
    (True, True)
    >>> reader_for(Path("CC-NEWS-1.warc.gz")) is warc.READER, reader_for(Path("a.json")) is None
    (True, True)
    """
    return _BY_SUFFIX.get(suffix(path))


def suffix(path: Path) -> str:
    """The suffix a reader is chosen by, lower case: a known two-part one (``.warc.gz``) first.

    >>> suffix(Path("a/CC.WARC.GZ")), suffix(Path("notes.v2.md")), suffix(Path("x.tar.gz"))
    ('.warc.gz', '.md', '.gz')
    """
    double = "".join(path.suffixes[-2:]).lower()
    return double if double in _BY_SUFFIX else path.suffix.lower()


__all__ = ["Entry", "READERS", "Reader", "SUFFIXES", "Source", "reader_for", "suffix"]
