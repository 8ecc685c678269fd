"""This machine: spaCy's ``nlp.pipe`` in this process, or whole articles in worker processes.

With ``model.n_process > 1`` each worker loads the model once and runs spaCy AND the
extractors, writing its articles' files itself: only small outcomes come back, never Docs.
"""
from __future__ import annotations

import signal
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from pathlib import Path
from typing import Iterable, Iterator

from ..config import Config
from ..ingest import Article
from ..nlp import load_nlp
from ..process import Outcome, process

# Articles per spaCy memory zone: strings first seen in one (names, figures) are dropped from
# the vocabulary after it, so memory does not grow with the words a long feed brings.
ZONE = 1000


def run_local(articles: Iterable[Article], config: Config, out: Path) -> Iterator[Outcome]:
    """Outcomes in input order; articles are pulled lazily, so memory does not grow with the batch."""
    articles = nonempty(articles)
    if articles is None:  # all up to date: a re-run costs no model load
        return
    if config.n_process > 1:
        yield from _in_workers(articles, config, out)
        return
    nlp = load_nlp(config)
    while (chunk := nonempty(islice(articles, ZONE))) is not None:
        with nlp.memory_zone():
            pairs = nlp.pipe(((a.text, a) for a in chunk), as_tuples=True, batch_size=config.batch_size)
            for doc, article in pairs:
                yield process(doc, article, config, out)


def nonempty(items: Iterable) -> Iterator | None:
    """``items`` as an iterator, or None when there is none (pulls the first one to find out)."""
    it = iter(items)
    for first in it:
        return chain([first], it)
    return None


def process_batch(articles: list[Article], config: Config, out: Path) -> list[Outcome]:
    """A batch in one process: the model loads once per process (cached), then parse and extract."""
    nlp = load_nlp(config)
    with nlp.memory_zone():
        docs = nlp.pipe((a.text for a in articles), batch_size=config.batch_size)
        return [process(doc, article, config, out) for doc, article in zip(docs, articles)]


def _in_workers(articles: Iterable[Article], config: Config, out: Path) -> Iterator[Outcome]:
    """Batches to ``n_process`` workers, at most two per worker in flight, results in input order."""
    batches = iter(lambda it=iter(articles): list(islice(it, config.batch_size)), [])
    with ProcessPoolExecutor(config.n_process, initializer=_ignore_interrupts) as pool:
        pending: deque[Future] = deque()
        for batch in batches:
            pending.append(pool.submit(process_batch, batch, config, out))
            if len(pending) >= 2 * config.n_process:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _ignore_interrupts() -> None:
    """Ctrl-C reaches the whole process group: the parent decides when to stop, workers finish their batch."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
