"""Throughput of the full pipeline against bare ``nlp.pipe`` of the same model, same text, same run.

    python benchmarks/throughput.py [--articles 300]

Prints words per second for both and their ratio (target: >= 0.8). A ratio, not a time,
because these machines are noisy.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import spacy

from pipeline.config import load_config
from pipeline.files import write_text
from pipeline.ingest import read_articles
from pipeline.run import run

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="articles in the corpus (default 300)")
    args = parser.parse_args()
    config = load_config(ROOT / "config.toml")
    page = (ROOT / "articles" / "000_0fe4684b8b822597.txt").read_text("utf8")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.md"
        copies = -(-args.articles // 3)  # the sample page holds three articles
        write_text(corpus, "\n\n".join(page for _ in range(copies)))
        articles, _ = read_articles([corpus], config)
        texts = [a.text for a in articles]
        words = sum(len(t.split()) for t in texts)

        bare = spacy.load(config.model)
        list(bare.pipe(texts[:3]))  # warm up both, so neither pays for first-call set-up
        run([corpus], config, out=Path(tmp) / "warm", progress=False)

        t0 = time.perf_counter()
        list(bare.pipe(texts, batch_size=config.batch_size, n_process=config.n_process))
        bare_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        result = run([corpus], config, out=Path(tmp) / "out", progress=False)
        full_s = time.perf_counter() - t0

    ratio = bare_s / full_s
    print(f"articles: {len(texts)}  words: {words}")
    print(f"bare nlp.pipe : {words / bare_s:10.0f} words/s")
    print(f"full pipeline : {words / full_s:10.0f} words/s  (extract+write {result.timings['extract_and_write_s']:.2f}s of {full_s:.2f}s)")
    print(f"ratio         : {ratio:.2f}  (target >= 0.80)")
    sys.exit(0 if ratio >= 0.8 else 1)


if __name__ == "__main__":
    main()
