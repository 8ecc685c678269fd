"""The Dask engine's client and merge, per article, against what they cost before parts.

    PYTHONPATH=. python benchmarks/dask_client.py [--articles 10000] [--part-mb 8]

A generated JSONL feed (benchmarks/corpus.py) and one output file per article (the dev
outputs, copied under the feed's ids). Prints CPU seconds (wall in brackets) for:
  the client before: reading every article (JSON, cleaning, ids, output key) to ship its text;
  the client now: planning parts (stat, cut the feed at line starts);
  the workers' first pass over all parts (JSON, cleaning, base ids), paid once more per article;
  the index before: one process re-reading every per-article file (records.jsonl + .parquet);
  the index now: the workers' part index files, then the client joining them.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from corpus import ROOT, write_corpus

from pipeline.config import load_config
from pipeline.engines.keys import article_key
from pipeline.engines.parts import part_ids, plan
from pipeline.input import iter_articles
from pipeline.outputs.index import merge_index, write_index
from pipeline.outputs.layout import PARTS, REPORTS
from pipeline.records import Article


def timed(label: str, n: int, work) -> float:
    cpu, wall = time.process_time(), time.perf_counter()
    result = work()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"{label:<58} {cpu:8.2f} s CPU ({wall:6.2f} s)  {cpu / n * 1e6:8.1f} us/article")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--part-mb", type=float, default=8)
    args = parser.parse_args()
    config = load_config(ROOT / "config.toml")
    n, part_bytes = args.articles, int(args.part_mb * 2**20)
    with tempfile.TemporaryDirectory() as tmp:
        feed, out = Path(tmp) / "feed.jsonl", Path(tmp) / "out"
        words = write_corpus(feed, n, config)
        print(f"{n} articles, {words / n:.0f} words each on average, feed {feed.stat().st_size / 2**20:.1f} MB")
        timed(
            "client before: read, clean, key every article",
            n,
            lambda: [article_key(a, config) for a in iter_articles([feed], config) if isinstance(a, Article)],
        )
        parts = timed(
            f"client now: plan parts of {args.part_mb:g} MB",
            n,
            lambda: list(plan([feed], config, part_bytes=part_bytes)),
        )
        firsts = timed(
            f"workers: first pass over {len(parts)} parts (all of them)",
            n,
            lambda: [part_ids(p, config)[0] for p in parts],
        )
        outputs = sorted((ROOT / "outputs" / "dev").glob("*.json"))
        outputs = [p for p in outputs if p.name not in REPORTS]
        out.mkdir()
        ids = [i for bases in firsts for i in bases]
        for k, article in enumerate(ids):
            shutil.copy(outputs[k % len(outputs)], out / f"{article}.json")
        timed("index before: client re-reads every article file", n, lambda: write_index(out, ids))
        names, start = [], 0
        sizes = [len(b) for b in firsts]

        def part_indexes():
            nonlocal start
            for k, size in enumerate(sizes):
                names.append(f"{PARTS}/{k:06}")
                write_index(out, ids[start : start + size], name=names[-1])
                start += size

        timed("index now, workers: part index files (all parts)", n, part_indexes)
        timed("index now, client: join the parts, records.jsonl", n, lambda: merge_index(out, names, ("jsonl",)))
        timed("index now, client: join the parts, records.parquet", n, lambda: merge_index(out, names, ("parquet",)))


if __name__ == "__main__":
    main()
