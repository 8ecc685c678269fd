"""Peak memory is flat in the number of articles: `pipeline run` over 100 and over 10,000
short generated articles, each in a fresh process; with ``--warc``, over web archives of 100
and 10,000 short HTML news pages (whole process: reading, NLP, writing; issue 19).

    python benchmarks/memory.py [--small 100] [--large 10000] [--warc]

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
    parser.add_argument("--warc", action="store_true", help="web archives of HTML pages instead of JSONL")
    args = parser.parse_args()
    config = load_config(ROOT / "config.toml")
    peaks = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.small, args.large):
            if args.warc:
                feed = Path(tmp) / f"crawl-{n}.warc.gz"
                words = write_archive(feed, n, config)
            else:
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
            kind = "HTML responses in a .warc.gz" if args.warc else "short articles"
            print(f"{n:>7} {kind} ({words} words): peak RSS {peaks[n]:.0f} MB")
    growth = peaks[args.large] / peaks[args.small] - 1
    print(f"growth: {growth:+.1%}  (target within 10%)")
    sys.exit(0 if abs(growth) <= 0.10 else 1)


def write_archive(path: Path, n: int, config) -> int:
    """``n`` short news pages (a sentence or two of a source article in a site's boilerplate) as
    HTML responses, each after its request record, in one .warc.gz; returns their word count."""
    import html
    import json
    import random

    sys.path.insert(0, str(ROOT))
    from tests.newsfiles import warc

    rng = random.Random(1)
    feed = path.with_suffix(".jsonl")
    words = write_corpus(feed, n, config, short=True)
    records = []
    for line in feed.read_text("utf8").splitlines():
        row = json.loads(line)
        page = (
            f"<html><head><title>{html.escape(row['title'])}</title></head><body><nav>Home News Sport</nav>"
            f"<article><h1>{html.escape(row['title'])}</h1><p>{html.escape(row['text'])}</p></article>"
            f"<footer>Copyright</footer></body></html>"
        )
        when = (row.get("published") or "2023-10-24") + "T08:00:00Z"
        records.append(
            (f"https://example.com/news/{row['id']}-{rng.randrange(10**6)}", "text/html", 200, when, page.encode())
        )
    feed.unlink()
    warc(path, records)
    return words


if __name__ == "__main__":
    main()
