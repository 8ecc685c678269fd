"""A varied benchmark corpus generated from the repo's own articles (articles/dev and the
sample page; never articles/test): different lengths and topics, not one page repeated.

Each generated article takes a run of paragraphs from one source article, sometimes
followed by a run from another, so lengths range from one paragraph to two articles.
``write_real`` instead cycles the source articles whole: real-shaped pages (their long
paragraphs, their many names and amounts), as a user's feed holds them.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from pipeline.config import Config
from pipeline.input import iter_articles
from pipeline.records import Article

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "articles" / "dev", ROOT / "articles" / "000_0fe4684b8b822597.txt"]


def sources(config: Config) -> list[Article]:
    return [a for a in iter_articles(SOURCES, config) if isinstance(a, Article)]


def write_corpus(path: Path, n: int, config: Config, seed: int = 1, short: bool = False) -> int:
    """``n`` generated articles as JSONL at ``path``; returns their word count.

    ``short``: one or two sentences each (the memory benchmark's many small articles).
    """
    rng = random.Random(seed)
    pool = [(a, [p for p in a.text.split("\n\n") if len(p.split()) > 8]) for a in sources(config)]
    pool = [(a, paras) for a, paras in pool if paras]
    words = 0
    with open(path, "w", encoding="utf8") as f:
        for i in range(n):
            article, paras = rng.choice(pool)
            if short:
                sentences = rng.choice(paras).split(". ")
                text = ". ".join(sentences[: rng.randint(1, 2)])
            else:
                text = "\n\n".join(_run(rng, paras))
                if rng.random() < 0.3:
                    text += "\n\n" + "\n\n".join(_run(rng, rng.choice(pool)[1]))
            words += len(text.split())
            row = {
                "id": f"gen-{i:06}",
                "title": f"{article.title} ({i})",
                "text": text,
                "published": article.published.isoformat() if article.published else None,
            }
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return words


def write_real(path: Path, n: int, config: Config) -> int:
    """``n`` whole source articles, cycled, as JSONL at ``path``; returns their word count."""
    pool = sources(config)
    words = 0
    with open(path, "w", encoding="utf8") as f:
        for i in range(n):
            article = pool[i % len(pool)]
            words += len(article.text.split())
            row = {
                "id": f"real-{i:06}",
                "title": article.title,
                "text": article.text,
                "published": article.published.isoformat() if article.published else None,
                "source": article.source,
            }
            if article.currency_default:
                row["currency_default"] = article.currency_default
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return words


def _run(rng: random.Random, paras: list[str]) -> list[str]:
    """Between half the paragraphs and all of them, consecutive."""
    size = rng.randint(max(1, len(paras) // 2), len(paras))
    start = rng.randrange(len(paras) - size + 1)
    return paras[start : start + size]
