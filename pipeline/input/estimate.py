"""How many articles the inputs hold, by a cheap look at each file (no cleaning, no NLP): a
progress bar's total. Each reader says how to count its format (``Reader.count``); a format
only reading can count (PDF) makes the total unknown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from ..config import Config
from .discover import find
from .readers import Source, reader_for


def count(
    paths: Sequence[Path], config: Config, follow_links: bool = False, stop: Callable[[], bool] = lambda: False
) -> int | None:
    """The articles under ``paths``, about (a bad JSONL line counts; a page with no main text too),
    or None when a file's format cannot be counted without reading it, or ``stop()`` says so."""
    total = 0
    for found in find(paths or [config.input], config, follow_links):
        if stop():
            return None
        if isinstance(found, Path):
            try:
                n = reader_for(found).count(Source(found), config)
            except (OSError, ValueError):  # the reader will say what is wrong with it
                n = 0
            if n is None:
                return None
            total += n
    return total
