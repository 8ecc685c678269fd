"""Throughput of the pipeline against bare ``nlp.pipe`` of the full model, on a varied corpus.

    python benchmarks/throughput.py [--articles 200] [--repeat 2]

Reports, in one run: bare full-model ``nlp.pipe`` and the pipeline in one process (words/s
and their ratio, target >= 1.0), words/s with model.n_process 1 and 2 (target: 2 >= 1.7x 1),
peak RSS, startup time, and a re-run over unchanged inputs (target < 5% of the first run).
Ratios, not times, because these machines are noisy: the in-process pair is timed in CPU
seconds (a busy machine stretches wall time, not CPU time), ``--repeat`` times, interleaved,
best of each; the n_process comparison needs wall time, so read it with the load average
printed beside it. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy
from corpus import ROOT, write_corpus

from pipeline.config import load_config
from pipeline.engines.run import run
from pipeline.input import iter_articles
from pipeline.model.meta import components
from pipeline.records import Article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="generated articles (default 200)")
    parser.add_argument("--repeat", type=int, default=2, help="timings of the in-process pair (default 2)")
    args = parser.parse_args()
    config = load_config(ROOT / "config.toml")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        feed, tiny = tmp / "corpus.jsonl", tmp / "tiny.jsonl"
        write_corpus(feed, args.articles, config)
        tiny.write_text(
            '{"title": "Tiny", "text": "Acme Group paid two million dollars for 5 hectares on 3 May 2021."}\n'
        )
        texts = [a.text for a in iter_articles([feed], config) if isinstance(a, Article)]
        words = sum(len(t.split()) for t in texts)
        lengths = sorted(len(t.split()) for t in texts)
        print(
            f"corpus: {len(texts)} articles, {words} words ({lengths[0]}-{lengths[-1]} per article), "
            f"{os.cpu_count()} cores"
        )

        bare = spacy.load(config.model)
        list(bare.pipe(texts[:5]))
        run([tiny], config, out=tmp / "warm", progress=False)  # model, tables and quantulum3 loaded once
        bare_s = pipe_s = float("inf")
        for _ in range(args.repeat):
            tick = time.process_time()
            for _doc in bare.pipe(texts, batch_size=config.batch_size):
                pass
            bare_s = min(bare_s, time.process_time() - tick)
            tick = time.process_time()
            run([feed], config, out=tmp / "inproc", progress=False, force=True)
            pipe_s = min(pipe_s, time.process_time() - tick)
        ratio = bare_s / pipe_s
        print(f"bare nlp.pipe, full model {bare.pipe_names}: {words / bare_s:8.0f} words per CPU-second")
        print(f"pipeline, {components(config.model)}: {words / pipe_s:8.0f} words per CPU-second")
        print(f"ratio pipeline / bare: {ratio:.2f}  (target >= 1.0)")

        spacy_s = _timed([sys.executable, "-c", f"import spacy; spacy.load({config.model!r})"])[0]
        rates, first = {}, {}
        for n in (1, 2):
            cfg = tmp / f"config-{n}.toml"
            cfg.write_text(f'[model]\nname = "{config.model}"\nbatch_size = {config.batch_size}\nn_process = {n}\n')
            start_s, _ = _timed(_cli(tiny, tmp / f"tiny-{n}", cfg, "--force"))
            full_s, rss = _timed(_cli(feed, tmp / f"out-{n}", cfg, "--force"))
            rates[n], first[n] = words / (full_s - start_s), full_s
            print(
                f"n_process={n}: {rates[n]:8.0f} words/s wall clock after a startup of {start_s:.1f}s "
                f"({words / full_s:.0f} words/s end to end); peak RSS of the main process {rss / 1024:.0f} MB; "
                f"load average {os.getloadavg()[0]:.1f}"
            )
        print(
            f"startup: `pipeline run` on one tiny article {_timed(_cli(tiny, tmp / 'tiny-1', tmp / 'config-1.toml', '--force'))[0]:.1f}s, "
            f"bare `spacy.load` {spacy_s:.1f}s (wall clock, imports included)"
        )
        speedup = rates[2] / rates[1]
        print(f"n_process 2 / 1: {speedup:.2f}  (target >= 1.7)")
        again_s, _ = _timed(_cli(feed, tmp / "out-1", tmp / "config-1.toml"))
        share = again_s / first[1]
        print(
            f"re-run over unchanged inputs: {again_s:.1f}s = {share:.1%} of the first run's {first[1]:.1f}s  (target < 5%)"
        )
    sys.exit(0 if ratio >= 1.0 and speedup >= 1.7 and share < 0.05 else 1)


def _cli(inputs: Path, out: Path, config: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", str(inputs), "-o", str(out), "-q", "-c", str(config), *extra]


def _timed(cmd: list[str]) -> tuple[float, int]:
    """Wall-clock seconds and peak RSS (KB) of one command in a fresh process."""
    tick = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - tick
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    return seconds, usage.ru_maxrss


if __name__ == "__main__":
    main()
