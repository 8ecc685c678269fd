"""Throughput of the pipeline against bare ``nlp.pipe`` of the full model, on a varied corpus.

    python benchmarks/throughput.py [--articles 200] [--real 300] [--repeat 2] [--quick]

Reports, in one run: bare full-model ``nlp.pipe`` and the pipeline in one process (words/s
and their ratio, target >= 1.0 on generated articles, >= 1.05 on real-shaped ones), then as
a user runs them, each a whole process: start-up (`pipeline run` on one tiny article against
``spacy.load`` of the same model, target <= 1.5x) and `pipeline run` over the real-shaped
articles against a script that loads the full model and pipes the same texts (target >=
1.0); words/s with model.n_process 1 and 2 (target: 2 >= 1.7x 1), peak RSS, and a re-run
over unchanged inputs (target < 5% of the first run). ``--quick`` skips the generated corpus,
n_process and the re-run. Real-shaped articles are the sources themselves (articles/dev and
the sample page, never articles/test), whole, cycled.
Ratios, not times, because these machines are noisy: the in-process pair is timed in CPU
seconds (a busy machine stretches wall time, not CPU time), ``--repeat`` times, interleaved,
best of each; the n_process comparison needs wall time, so read it with the load average
printed beside it. Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from corpus import ROOT, write_corpus, write_real

from pipeline.config import load_config
from pipeline.engines.run import run
from pipeline.input import iter_articles
from pipeline.model.meta import components, location
from pipeline.model.nlp import bare_pipeline
from pipeline.records import Article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200, help="generated articles (default 200)")
    parser.add_argument("--real", type=int, default=300, help="real-shaped articles (default 300)")
    parser.add_argument("--repeat", type=int, default=2, help="timings of each pair (default 2)")
    parser.add_argument("--quick", action="store_true", help="real-shaped articles only; no n_process, no re-run")
    args = parser.parse_args()
    config = load_config(ROOT / "config.toml")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        feed, real, tiny = tmp / "corpus.jsonl", tmp / "real.jsonl", tmp / "tiny.jsonl"
        write_corpus(feed, args.articles, config)
        write_real(real, args.real, config)
        tiny.write_text(
            '{"title": "Tiny", "text": "Acme Group paid two million dollars for 5 hectares on 3 May 2021."}\n'
        )
        bare = bare_pipeline(config.model)
        run([tiny], config, out=tmp / "warm", progress=False)  # model, tables and quantulum3 loaded once
        ok = True
        for name, path, target in [("generated", feed, 1.0), ("real-shaped", real, 1.05)][args.quick :]:
            texts, words = _texts(path, config, name)
            list(bare.pipe(texts[:5]))
            bare_s = pipe_s = float("inf")
            for _ in range(args.repeat):
                tick = time.process_time()
                for _doc in bare.pipe(texts, batch_size=config.batch_size):
                    pass
                bare_s = min(bare_s, time.process_time() - tick)
                tick = time.process_time()
                run([path], config, out=tmp / "inproc", progress=False, force=True)
                pipe_s = min(pipe_s, time.process_time() - tick)
            ratio = bare_s / pipe_s
            ok = ok and ratio >= target
            print(
                f"  in process, bare nlp.pipe, full model {bare.pipe_names}: {words / bare_s:8.0f} words per CPU-second"
            )
            print(f"  in process, pipeline, {components(config.model)}: {words / pipe_s:8.0f} words per CPU-second")
            print(f"  in process, ratio pipeline / bare ({name}): {ratio:.2f}  (target >= {target})")
        ok = _whole_process(real, tiny, config, tmp, args.repeat) and ok
        if args.quick:
            sys.exit(0 if ok else 1)
        texts, words = _texts(feed, config, "generated, n_process")
        spacy_s = _timed([sys.executable, "-c", _LOAD, _model_path(config.model)])[0]
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
    sys.exit(0 if ok and speedup >= 1.7 and share < 0.05 else 1)


def _texts(path: Path, config, name: str) -> tuple[list[str], int]:
    """The cleaned texts of a corpus, as the pipeline reads them, and their word count."""
    texts = [a.text for a in iter_articles([path], config) if isinstance(a, Article)]
    words = sum(len(t.split()) for t in texts)
    lengths = sorted(len(t.split()) for t in texts)
    print(
        f"corpus {name}: {len(texts)} articles, {words} words ({lengths[0]}-{lengths[-1]} per article), "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
    )
    return texts, words


# Loading the same model bare with spaCy alone: a trained folder is its base package with the
# folder's recogniser put in, as pipeline/model/nlp.py does (argv[1]: the folder, or a package name).
_LOAD = """import json, sys, spacy
from pathlib import Path
where = Path(sys.argv[1])
if (where / "ner").is_dir():
    nlp = spacy.load(json.loads((where / "meta.json").read_text())["base"])
    nlp.get_pipe("ner").from_disk(where / "ner", exclude=["vocab"])
else:
    nlp = spacy.load(sys.argv[1])
"""
# A user's alternative: load the full model and pipe the texts, one process.
_BARE = (
    _LOAD
    + """for _doc in nlp.pipe(json.load(open(sys.argv[2], encoding="utf8")), batch_size=int(sys.argv[3])):
    pass
"""
)


def _model_path(model: str) -> str:
    """What the bare scripts load: a trained model's folder, else the package name."""
    folder = location(model)
    return str(folder) if folder else model


def _whole_process(real: Path, tiny: Path, config, tmp: Path, repeat: int) -> bool:
    """Start-up and a whole run as a user feels them, each pair in fresh processes, interleaved,
    best of ``repeat``: wall clock (what a user waits) and CPU (what a busy machine stretches less)."""
    texts, words = _texts(real, config, "real-shaped, whole process")
    (tmp / "texts.json").write_text(json.dumps(texts), encoding="utf8")
    cfg = ROOT / "config.toml"  # the project's settings, as `pipeline run` reads them (n_process 1)
    commands = {
        "spacy.load": [sys.executable, "-c", _LOAD, _model_path(config.model)],
        "pipeline run, one tiny article": _cli(tiny, tmp / "whole-tiny", cfg, "--force"),
        "bare spacy.load + nlp.pipe": [
            sys.executable,
            "-c",
            _BARE,
            _model_path(config.model),
            str(tmp / "texts.json"),
            str(config.batch_size),
        ],
        "pipeline run": _cli(real, tmp / "whole-real", cfg, "--force"),
    }
    best = {name: (float("inf"), float("inf")) for name in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            wall, _rss, cpu = _timed(cmd, cpu=True)  # a child's peak RSS counts the parent's it forked from
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    for name, (wall, cpu) in best.items():
        print(f"  whole process, {name}: {wall:.1f} s wall, {cpu:.1f} s CPU")
    start = best["pipeline run, one tiny article"][0] / best["spacy.load"][0]
    start_cpu = best["pipeline run, one tiny article"][1] / best["spacy.load"][1]
    whole = best["bare spacy.load + nlp.pipe"][0] / best["pipeline run"][0]
    whole_cpu = best["bare spacy.load + nlp.pipe"][1] / best["pipeline run"][1]
    print(f"  start-up, pipeline run / spacy.load: {start:.2f} wall, {start_cpu:.2f} CPU  (target <= 1.5)")
    print(f"  whole process, ratio pipeline / bare: {whole:.2f} wall, {whole_cpu:.2f} CPU  (target >= 1.0)")
    print(f"  load average {os.getloadavg()[0]:.1f}")
    return start <= 1.5 and whole >= 1.0


def _cli(inputs: Path, out: Path, config: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", str(inputs), "-o", str(out), "-q", "-c", str(config), *extra]


def _timed(cmd: list[str], cpu: bool = False):
    """Wall-clock seconds and peak RSS (KB) of one command in a fresh process; with ``cpu``,
    its CPU seconds (user + system, its children's included) too."""
    tick = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - tick
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    if cpu:
        return seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    return seconds, usage.ru_maxrss


if __name__ == "__main__":
    main()
