"""Peak memory is flat in the number of articles: `pipeline run` over 100 and over 10,000
short generated articles, each in a fresh process.

    python benchmarks/memory.py [--small 100] [--large 10000]

Prints the peak RSS of both runs and their ratio (target: within 10%). Exit status 1 when not.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from corpus import ROOT, write_corpus

from pipeline.config import load_config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=10_000)
    args = parser.parse_args()
    config = load_config(ROOT / "config.toml")
    peaks = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.small, args.large):
            feed = Path(tmp) / f"short-{n}.jsonl"
            words = write_corpus(feed, n, config, short=True)
            cmd = [
                sys.executable,
                "-m",
                "pipeline",
                "run",
                str(feed),
                "-o",
                str(Path(tmp) / f"out-{n}"),
                "-q",
                "-c",
                str(ROOT / "config.toml"),
            ]
            proc = subprocess.Popen(cmd, cwd=ROOT)
            _pid, status, usage = os.wait4(proc.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                sys.exit(f"failed: {' '.join(cmd)}")
            peaks[n] = usage.ru_maxrss / 1024
            print(f"{n:>7} short articles ({words} words): peak RSS {peaks[n]:.0f} MB")
    growth = peaks[args.large] / peaks[args.small] - 1
    print(f"growth: {growth:+.1%}  (target within 10%)")
    sys.exit(0 if abs(growth) <= 0.10 else 1)


if __name__ == "__main__":
    main()
