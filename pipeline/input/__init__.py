"""Input: find article files (``discover``), decode them (``decode``), read each format with
its reader (``readers/``) into ``Article``s and ``Problem``s, give dates, currencies and ids
(``metadata``, ``ids``) and repair layout damage (``clean``); ``articles`` puts them together;
``estimate.count`` says cheaply how many articles the inputs hold (a progress bar's total).
Imports ``config``, ``errors``, ``knowledge``, ``records`` and ``outputs.layout`` only."""

from .articles import iter_articles, read_articles, read_source
from .discover import find
from .estimate import count
from .ids import Ids
from .metadata import iso_date
from .readers import Source, reader_for

__all__ = ["Ids", "Source", "count", "find", "iso_date", "iter_articles", "read_articles", "read_source", "reader_for"]
