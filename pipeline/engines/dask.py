"""A Dask cluster: the client plans parts of the inputs, workers read, process and index them.

The client walks the inputs and cuts them into parts (``parts.plan``: whole files grouped,
large JSONL files in byte ranges that start at line starts) and reads no article. Ids must be
the local engine's, unique in input order across the run. First a worker reads a part
(``parts.read_first``: reading and cleaning, no NLP) and keeps what it read; only its
articles' base ids and line counts go to the client, which gives ids in input order as one
reader would (``parts.Numbering``) and sends the part the ids it renamed (``dup`` -> ``dup-2``)
and the number of its first line. Then a worker, given what the first pass kept (Dask moves it
if needed), counts up-to-date articles and processes the rest with the local engine's code
(the model loads once per worker process, only when needed), writes
``<id>.json`` and the part's index files (``.parts/NNNNNN.jsonl`` / ``.parquet``), and
returns only its tally (problems, ids, skipped) and outcomes. The client joins the parts'
index files in order (``index.merge_index``) into the same records.jsonl and records.parquet
as the local engine. Workers must see the inputs and the output location at the same paths.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from itertools import count, islice
from pathlib import Path

from ..errors import Errors, PipelineError
from ..input import Source, reader_for
from ..input.readers.warc import joined
from ..outputs import files
from ..outputs.index import forget_index, merge_index, write_index
from ..outputs.layout import PARTS
from ..records import Problem
from .batches import in_this_process
from .job import Job, Outcome, Tally, check_shared, fresh, not_stopped
from .parts import First, Numbering, Part, plan, read_first, read_part, renamed

# Bytes of input per part: a few minutes of one core's work (~2,000 articles of 700 words),
# so a part lost with its worker costs little and a cluster balances well.
PART_BYTES = 8 * 2**20
# Inputs smaller than SPREAD parts per worker are cut smaller, down to MIN_PART_BYTES (a few
# articles), so that a small run keeps every worker busy.
SPREAD = 4
MIN_PART_BYTES = 64 * 2**10
# Parts in flight per worker: one running, one queued, so no worker waits for the client.
IN_FLIGHT = 2
# First passes run this far ahead of the parts being processed.
LOOKAHEAD = 4


def dask_engine(
    scheduler: str | None = None, part_bytes: int = PART_BYTES
) -> Callable[[Job, Tally], Iterator[Outcome]]:
    """The engine for ``run.run(engine=...)``: a cluster at ``scheduler``, or a LocalCluster on 127.0.0.1."""
    return partial(run_dask, scheduler=scheduler, part_bytes=part_bytes)


def run_dask(job: Job, tally: Tally, scheduler: str | None = None, part_bytes: int = PART_BYTES) -> Iterator[Outcome]:
    """Outcomes part by part, in input order; then the index joined from the parts' own."""
    if isinstance(job.out, Path):
        job = replace(job, out=job.out.resolve())  # the workers' working folder may differ
    check_shared(job.out)
    forget_index(job.out)  # workers write articles' files and the index is joined anew: none is kept
    parts = _plan(job, part_bytes, tally.problem)
    names: list[str] = []
    if parts:
        with _client(scheduler, job.config.n_process) as client:
            workers = max(1, len(client.scheduler_info().get("workers", {})))
            if len(parts) < SPREAD * workers:  # a small input: smaller parts, so every worker has some
                smaller = max(MIN_PART_BYTES, _bytes(parts) // (SPREAD * workers))
                parts = _plan(job, min(part_bytes, smaller), lambda problem: None)  # its problems are noted
            names = yield from _run_parts(client, workers, parts, job, tally)
    merge_index(job.out, names, job.formats)
    files.remove_tree(job.out / PARTS)


def _plan(job: Job, part_bytes: int, problem: Callable[[Problem], None]) -> list[Part]:
    parts = []
    for step in plan(job.paths, job.config, part_bytes, job.follow_links):
        if isinstance(step, Problem):
            problem(step)
        else:
            parts.append(step)
    return parts


def _bytes(parts: list[Part]) -> int:
    """The input bytes the parts hold (a file that cannot be read here counts none)."""

    def size(piece: Source) -> int:
        if piece.end is not None:
            return piece.end - piece.start
        try:
            return os.path.getsize(piece.path)
        except OSError:
            return 0

    return sum(size(piece) for part in parts for piece in part)


def _run_parts(client, workers: int, parts: list[Part], job: Job, tally: Tally):
    """Parts submitted in order, their first passes ahead; each part's tally and outcomes taken
    in order. Returns the names of the parts done (all of them, unless the run was stopped)."""
    todo = iter(parts)
    firsts: deque = deque()  # (part, future of its first pass, future of that pass's ids)
    running: deque = deque()  # (name, future of the part)
    numbering, names = Numbering(), []
    part_of: deque = deque()  # the parts running, in order
    held: dict[str, list[Problem]] = {}  # skipped-record warnings of archives read in ranges, per archive
    worker_job = replace(job, stopped=not_stopped)  # the client's signal handler stays with the client
    for k in count():
        for part in islice(todo, LOOKAHEAD * IN_FLIGHT * workers - len(firsts)):
            read = client.submit(read_first, part, job.config, job.published, pure=False, priority=1)
            firsts.append((part, read, client.submit(First.ids, read, pure=False, priority=1)))
        if not firsts or (ids := _result(firsts[0][2], job)) is None:
            break
        part, read, _ = firsts.popleft()
        part, renames = numbering(part, *ids)
        name = f"{PARTS}/{k:06}"
        running.append((name, client.submit(process_part, part, renames, name, worker_job, read, pure=False)))
        part_of.append(part)
        while running and (len(running) >= IN_FLIGHT * workers or not firsts):
            if (done := _result(running[0][1], job)) is None:
                break
            part_tally, outcomes = done
            _add(tally, part_tally, part_of.popleft(), held)
            names.append(running.popleft()[0])
            yield from outcomes
    client.cancel(
        [f for _, *pass_ in firsts for f in pass_] + [f for _, f in running]
    )  # stopped: the next run skips what was written
    return names


def _add(tally: Tally, part_tally: Tally, part: Part, held: dict[str, list[Problem]]) -> None:
    """A part's tally into the run's. An archive cut into byte ranges gives a skipped-record
    warning per range: they are held until its last range is in, then added as the one warning
    reading it whole gives (``warc.joined``), after the archive's other problems."""
    ranged = {str(s.path): s for s in part if (s.start or s.end is not None) and reader_for(s.path).by_records(s.path)}
    kept = []
    for problem in part_tally.problems:
        if problem.path in ranged and problem.message.startswith("[W080]"):
            held.setdefault(problem.path, []).append(problem)
        else:
            kept.append(problem)
    part_tally.problems = kept
    tally.add(part_tally)
    for path, source in ranged.items():
        if (source.end is None or source.end >= os.path.getsize(path)) and held.get(path):
            warning = joined(held.pop(path))
            if warning is not None:
                tally.problem(warning)


def process_part(
    part: Part, renames: dict[int, str], name: str, job: Job, first: First | None = None
) -> tuple[Tally, list[Outcome]]:
    """On a worker: the part's articles (from its first pass), up-to-date ones skipped, the rest
    processed; then its index files."""
    tally = Tally()
    articles = read_part(part, job.config, job.published, renamed(renames), first)
    outcomes = list(in_this_process(fresh(articles, job, tally), job.config, job.out))
    write_index(job.out, tally.ids, job.formats, name)
    return tally, outcomes


def _result(future, job: Job):
    """The future's result, or None when the run is asked to stop while waiting."""
    while not job.stopped():
        try:
            return future.result(timeout=1)
        except TimeoutError:
            continue
        except Exception as err:  # a worker lost or killed: the run stops; a re-run resumes from what was written
            raise PipelineError(Errors.E061.format(reason=err)) from None
    return None


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
    with (
        LocalCluster(
            n_workers=max(1, n_workers), threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client
