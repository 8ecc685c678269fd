"""The main job: read articles lazily, skip the up-to-date ones, process the rest, rebuild the index.

A bad file or article is recorded and skipped; the run goes on with the rest. Per-article
files are written as each article finishes; records.jsonl, records.parquet and run.json are
rebuilt at the end from the per-article files of this run's inputs, so a run that is killed
and started again finishes the rest and ends with the same folder as an uninterrupted one.
"""

from __future__ import annotations

import json
import platform
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from ..config import Config
from ..errors import Errors, PipelineError
from ..input import count
from ..model.meta import components, meta
from ..model.meta import version as model_version
from ..outputs import files
from ..outputs.index import article_files
from ..outputs.layout import ARTICLE_SUFFIX, FORMATS, PROBE, RUN_REPORT, index_file
from ..outputs.location import location
from ..records import TYPES, Problem
from .job import Job, Outcome, Tally
from .keys import version
from .local import run_local

# A run shows its progress bar once it has lasted this many seconds (a quick run shows none).
PROGRESS_DELAY = 2.0
# An engine reads the job's inputs, noting them in the tally, processes what is not up to
# date, yields an Outcome per processed article and writes the index files at the end.
Engine = Callable[[Job, Tally], Iterator[Outcome]]


@dataclass
class RunResult:
    articles: int = 0
    skipped: int = 0
    records: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TYPES, 0))
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    interrupted: int = 0  # the signal that stopped the run, 0 if none
    # What the folder holds after the run, up to date or not: its articles and their records by type.
    holds: dict = field(default_factory=lambda: {"articles": 0, "records": dict.fromkeys(TYPES, 0)})

    @property
    def failed(self) -> bool:
        return any(p.level == "error" for p in self.problems)


def run(
    paths: Sequence[Path],
    config: Config,
    out: Path | str | None = None,
    published: date | None = None,
    report: Callable[[Problem], None] = lambda p: None,
    progress: bool = True,
    *,
    force: bool = False,
    prune: bool = False,
    formats: Iterable[str] = FORMATS,
    engine: Engine = run_local,
    follow_links: bool = False,
) -> RunResult:
    """Process ``paths`` (files or folders; default the configured input folder) into ``out``
    (a folder, or an fsspec URL such as ``s3://bucket/news``).

    Articles whose output is up to date are skipped unless ``force``; ``prune`` removes the
    outputs of articles no longer in the inputs; ``follow_links`` reads symbolic links that
    lead out of an input folder.
    """
    out = location(out or config.output)
    _check_writable(out)
    result = RunResult()
    clock = time.perf_counter()
    with files.locked(out), _stop_on_signals() as stopped:
        files.sweep(out)
        tally = Tally(report, result.problems, timings=result.timings)
        job = Job(list(paths) or [config.input], config, out, published, follow_links, force, tuple(formats), stopped)
        stream = engine(job, tally)
        try:
            extract_s = _collect(_progress(stream, job, tally) if progress else stream, result, report)
        except OSError as err:  # an index file refused (full disk, a folder in its place): said, and run.json written
            problem = Problem(str(out), None, Errors.E029.format(path=err.filename or out, reason=err.strerror or err))
            report(problem)
            result.problems.append(problem)
            extract_s = 0.0
        finally:
            stream.close()
        result.timings["nlp_and_extract_s"] = time.perf_counter() - clock
        result.timings["extract_and_write_s"] = extract_s
        result.skipped = tally.skipped
        if prune and not stopped():  # a stopped run has not read every input: keep what it did not see
            _prune(out, set(tally.ids), report)
        result.interrupted = stopped()
        result.holds = holdings(out, tally.ids, formats)
        result.timings["total_s"] = time.perf_counter() - clock
        try:
            files.write_json(out / RUN_REPORT, run_json(result, config, tally.ids))
        except OSError as err:
            raise PipelineError(Errors.E029.format(path=out / RUN_REPORT, reason=err.strerror or err)) from None
    return result


def _collect(outcomes: Iterator[Outcome], result: RunResult, report: Callable[[Problem], None]) -> float:
    """Count the outcomes into ``result``, reporting their problems; the seconds they took. The
    first write the output folder refuses ends the run: every later one would fail the same way."""
    seconds = 0.0
    for outcome in outcomes:
        seconds += outcome.seconds
        for warning in outcome.warnings:
            report(warning)
            result.problems.append(warning)
        if outcome.problem:
            report(outcome.problem)
            result.problems.append(outcome.problem)
            if outcome.stop:
                break
            continue
        result.articles += 1
        for kind, n in outcome.records.items():
            result.records[kind] += n
    return seconds


def _prune(out: Path, keep: set[str], report: Callable[[Problem], None]) -> None:
    gone = [p for p in article_files(out) if p.stem not in keep]
    for path in gone:
        path.unlink(missing_ok=True)
    if gone:
        report(Problem(str(out), None, Errors.W002.format(folder=out, count=len(gone)), "warning"))


def _check_writable(out: Path) -> None:
    """Refuse an output folder that cannot be written before any work, not after the whole batch."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        files.write_text(out / PROBE, "")
        (out / PROBE).unlink()
    except OSError as err:
        raise PipelineError(Errors.E025.format(path=out, reason=err.strerror or err)) from None


@contextmanager
def _stop_on_signals() -> Iterator[Callable[[], int]]:
    """SIGINT/SIGTERM stop the run after the article in hand; yields a function giving the signal (0: none)."""
    caught = [0]
    if threading.current_thread() is not threading.main_thread():
        yield lambda: caught[0]
        return

    def handle(signum, _frame):
        caught[0] = signum

    old = {s: signal.signal(s, handle) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield lambda: caught[0]
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)


def holdings(out: Path, ids: list[str], formats: Iterable[str]) -> dict:
    """The articles of ``ids`` that have an output file in ``out`` and their records by type: what
    the folder holds for these inputs, whether this run wrote them or found them up to date.
    Read from records.jsonl when the run keeps one (rebuilt or checked current just before), else
    from the article files."""
    counts = dict.fromkeys(TYPES, 0)
    articles: set[str] = set()
    index = out / index_file("jsonl")
    if "jsonl" in formats and index.is_file():
        with index.open("r", encoding="utf8") as lines:
            records = (json.loads(line) for line in lines if line.strip())
            for rec in records:
                articles.add(rec.get("article"))
                counts[rec.get("type")] = counts.get(rec.get("type"), 0) + 1
        # an article with no record is in no line of the index
        present = sum(1 for a in ids if a in articles or (out / f"{a}{ARTICLE_SUFFIX}").is_file())
    else:
        present = 0
        for article in ids:
            path = out / f"{article}{ARTICLE_SUFFIX}"
            if path.is_file():
                present += 1
                for rec in json.loads(path.read_text("utf8"))["records"]:
                    counts[rec.get("type")] = counts.get(rec.get("type"), 0) + 1
    return {"articles": present, "records": counts}


def run_json(result: RunResult, config: Config, ids: list[str]) -> dict:
    """The run report. Counts come twice, each named for what it counts: ``this_run`` (articles
    processed, found up to date, and the records written), and ``folder`` (what the output
    folder holds for these inputs after the run, whichever run wrote it: after a resumed or
    incremental run, the totals of records.jsonl)."""
    return {
        "inputs": len(ids),
        "this_run": {"processed": result.articles, "up_to_date": result.skipped, "records": result.records},
        "folder": result.holds,
        "failed": result.failed,
        "interrupted": bool(result.interrupted),
        # By file, then line: the same order whichever engine ran and however it batched.
        "problems": [asdict(p) for p in sorted(result.problems, key=lambda p: (p.path, p.line or 0))],
        "timings": {k: round(v, 3) for k, v in result.timings.items()},
        "versions": _versions(config.model),
        "components": components(config.model),
        "config_digest": config.digest,
    }


def _versions(model: str) -> dict:
    """Package versions, and the model's: a trained model's weights digest and its base's version."""
    names = ["pipeline", "spacy", "dateparser", "quantulum3"]
    found = {"python": platform.python_version(), **{name: version(name) for name in names}}
    trained = model_version(model)
    if trained:
        base = meta(model)["base"]
        return found | {f"model {model}": trained, base.replace("_", "-"): version(base.replace("_", "-"))}
    return found | {model.replace("_", "-"): version(model.replace("_", "-"))}


def _progress(items: Iterator[Outcome], job: Job, tally: Tally) -> Iterator[Outcome]:
    """The outcomes, under a bar of the articles done (processed, or found up to date) out of the
    articles the inputs hold, with the time left. The inputs are streamed, so the total is
    counted beside the run, in a thread, by a cheap look at each file (``input.count``); until
    it is known the bar says so, and it says why when only reading can tell (PDF articles)."""
    from tqdm import tqdm

    counted: list[int | None] = []
    done = threading.Event()

    def total() -> None:
        counted.append(count(job.paths, job.config, job.follow_links, done.is_set))

    threading.Thread(target=total, daemon=True).start()
    bar = tqdm(total=None, file=sys.stderr, delay=PROGRESS_DELAY, unit=" articles", bar_format=_COUNTING)
    processed, told = 0, False
    try:
        for outcome in items:
            processed += 1
            if counted and not told:
                told = True
                if counted[0] is None:
                    bar.bar_format = _UNCOUNTED
                else:
                    bar.total, bar.bar_format = counted[0], _COUNTED
            bar.update(processed + tally.skipped - bar.n)
            yield outcome
        if told and bar.total is not None:  # a cheap count may be off by bad lines: end at what was read
            bar.total = bar.n = processed + tally.skipped
        bar.refresh()
    finally:
        done.set()
        bar.close()


_COUNTING = "{n_fmt} articles done [{elapsed}, {rate_fmt}] (counting the inputs for a total...)"
_UNCOUNTED = "{n_fmt} articles done [{elapsed}, {rate_fmt}] (no total: a PDF's articles are known only when read)"
_COUNTED = "{percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} articles [{elapsed}<{remaining}, {rate_fmt}]"
