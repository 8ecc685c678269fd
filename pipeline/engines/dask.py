"""A Dask cluster: batches of articles to ``dask.distributed`` workers, outcomes back.

Each task is ``local.process_batch``, the function the local engine's worker processes
run: the worker loads the model once (``load_nlp`` caches it per process), parses and
extracts, writes ``<id>.json`` into the output folder itself and returns only counts and
problems. The client (``run.run``) reads the inputs, skips up-to-date articles and rebuilds
records.jsonl, Parquet and run.json, exactly as for the local engine, so both give the same
folder. Workers must see the output folder at the same path (one machine, or shared storage).
"""
from __future__ import annotations

from collections import deque
from contextlib import contextmanager
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

from ..config import Config
from ..errors import Errors, PipelineError
from ..ingest import Article
from ..process import Outcome
from .local import nonempty, process_batch

# Batches in flight per worker: one running, one queued, so no worker waits for the client.
IN_FLIGHT = 2


def dask_engine(scheduler: str | None = None):
    """The engine for ``run.run(engine=...)``: a cluster at ``scheduler``, or a LocalCluster on 127.0.0.1."""
    return partial(run_dask, scheduler=scheduler)


def run_dask(articles: Iterable[Article], config: Config, out: Path, scheduler: str | None = None) -> Iterator[Outcome]:
    """Outcomes in input order; batches of ``model.batch_size`` articles are pulled lazily."""
    out = Path(out).resolve()
    articles = nonempty(articles)
    if articles is None:  # all up to date: no cluster to start
        return
    with _client(scheduler, config.n_process) as client:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        batches = iter(lambda it=iter(articles): list(islice(it, config.batch_size)), [])
        pending: deque = deque()
        for batch in batches:
            pending.append(client.submit(process_batch, batch, config, out, pure=False))
            if len(pending) >= IN_FLIGHT * workers:
                yield from _result(pending.popleft())
        while pending:
            yield from _result(pending.popleft())


def _result(future) -> list[Outcome]:
    try:
        return future.result()
    except Exception as err:  # a worker lost or killed: the run stops; a re-run resumes from what was written
        raise PipelineError(Errors.E061.format(reason=err)) from None


@contextmanager
def _client(scheduler: str | None, n_workers: int):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise PipelineError(Errors.E060) from None
    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except (OSError, TimeoutError) as err:
            raise PipelineError(Errors.E062.format(address=scheduler, reason=err)) from None
        with client:
            yield client
        return
    # Loopback only, no dashboard: a laptop run opens no port to the network.
    with LocalCluster(n_workers=max(1, n_workers), threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client
