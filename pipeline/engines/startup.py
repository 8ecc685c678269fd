"""Start-up of a worker: the model, the data tables and the common spelled-out numbers (as
quantulum3 reads them) loaded once per process before the first article, so a run can report
what loading costs and no article pays for it. Engines call it; it is the one place that
knows every room to warm up.

The places, currency and spelled-number tables are read from the tables' cache file
(``knowledge.cache``), built by the first process after an install or a change of their
options; a worker (``n_process`` > 1, a Dask worker) that loads them on its first article
reads the same file. quantulum3 itself is imported only for a spelled-out number the table
does not hold."""

from __future__ import annotations

import gc
import time
from functools import lru_cache

from ..config import Config
from ..extractors._calendar import date_orders
from ..extractors._numbers import common_spelled
from ..extractors.article import table as currency_table
from ..knowledge import load as load_data
from ..model.nlp import load_nlp


def startup(config: Config) -> dict[str, float]:
    """Load the model, the data tables and the common spelled-out numbers now, once per
    process, and say what each took (nothing the second time): ``{"load_model_s", "load_data_s", "startup_s"}``."""
    tick = time.perf_counter()
    # What loads now stays loaded: no collection on the way (a threshold of 0; spaCy's msgpack
    # reader turns a disabled collector back on), one full pass in _settle.
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        load_nlp(config)
        model_s = time.perf_counter() - tick
        load_data()
        currency_table(config.money)
        common_spelled()
        date_orders()
        data_s = time.perf_counter() - tick - model_s
        _settle()
    finally:
        gc.set_threshold(*thresholds)
    return {"load_model_s": model_s, "load_data_s": data_s, "startup_s": model_s + data_s}


@lru_cache(maxsize=1)
def _settle() -> None:
    """Leave what is loaded for good (the model, the tables: millions of objects) out of the
    garbage collector's full passes, which otherwise walk all of it every few hundred articles."""
    gc.collect()
    gc.freeze()
