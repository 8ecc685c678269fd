"""CPU seconds of each step on one long text: real dev paragraphs or a shape issue 21 found quadratic.

    PYTHONPATH=. python benchmarks/long_text.py 10000 100000 [--shape dev|digits|legal|dollars|pence]

For each length: cleaning, spaCy's tokenizer alone, the rest of spaCy (in pieces of 100k
characters at paragraph breaks, as a run parses an oversize article) without the organisation
ruler, the ruler alone, and each extractor on the parsed Doc (after one warm-up call, so
tables and patterns are built). The shapes: ``dev`` (dev paragraphs cycled, in the order
tests/test_scaling.py takes them), ``digits`` (``"123 " * k + "7 ha"``), ``legal`` (``"Co. "``
repeated), ``dollars`` (one run of ``$``), ``pence`` (``"It cost 212p. "`` repeated).
tests/test_scaling.py holds the ratios.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from pipeline.config import load_config
from pipeline.engines.batches import pieces
from pipeline.extractors import Context, area, dates, money, organisations, parsed_from
from pipeline.input import read_articles
from pipeline.input.clean import clean
from pipeline.model.meta import ORG_RULES
from pipeline.model.nlp import load_nlp
from tests.test_scaling import dev_text

ROOT = Path(__file__).resolve().parent.parent
EXTRACTORS = {"money": money, "area": area, "dates": dates, "organisations": organisations}


def dev(n: int, config) -> str:
    """Dev paragraphs, cycled to ``n`` characters in the scaling test's order (each length
    holds the same mix of articles)."""
    articles, _ = read_articles([config.sets["dev"].input], config)
    return dev_text([p for a in articles for p in a.text.split("\n\n") if p.strip()], n)


SHAPES: dict[str, Callable[[int], str]] = {
    "digits": lambda n: "123 " * ((n - 4) // 4) + "7 ha",
    "legal": lambda n: "Co. " * (n // 4),
    "dollars": lambda n: "$" * n,
    "pence": lambda n: "It cost 212p. " * (n // 14),
}


def cpu(work: Callable[..., object], *args: object) -> tuple[float, object]:
    tick = time.process_time()
    done = work(*args)
    return time.process_time() - tick, done


def parse(nlp, text: str) -> Doc:
    with nlp.select_pipes(disable=["org_ruler"]):
        return Doc.from_docs(list(nlp.pipe(pieces(text, 100_000))), ensure_whitespace=False)


def extract(extractor, doc: Doc, text: str, context: Context) -> None:
    doc.user_data.clear()  # what an earlier call remembered on the Doc
    extractor.extract(parsed_from(doc, text), context)


def row(raw: str, nlp, context: Context) -> dict[str, float]:
    """CPU seconds of each step on ``raw``."""
    out = {}
    out["clean"], cleaned = cpu(clean, "Title", raw)
    text = cleaned.text
    out["tokenizer"], _ = cpu(nlp.tokenizer, text)  # not make_doc: it refuses text over max_length
    out["spacy"], doc = cpu(parse, nlp, text)
    doc.spans.pop(ORG_RULES, None)
    out["ruler"], _ = cpu(nlp.get_pipe("org_ruler"), doc)
    for name, extractor in EXTRACTORS.items():
        extract(extractor, doc, text, context)  # warm-up: tables and patterns built
        out[name], _ = cpu(extract, extractor, doc, text, context)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--shape", default="dev", choices=["dev", *SHAPES])
    args = parser.parse_args()
    config = load_config(ROOT / "config.toml")
    nlp = load_nlp(config)
    context = Context(published=date(2023, 10, 24), config=config)
    for n in args.sizes:
        raw = dev(n, config) if args.shape == "dev" else SHAPES[args.shape](n)
        found = row(raw, nlp, context)
        print(args.shape, f"{n:,}", " ".join(f"{k}={v:.3f}" for k, v in found.items()), flush=True)


if __name__ == "__main__":
    main()
