"""Ingest (reading, no NLP) of web pages, newspaper PDFs and web archives, each against the
library that does the heavy part, alone, on the same files, in one run.

    python benchmarks/ingest.py [--pages 300] [--pdf-articles 24] [--repeat 3]

- HTML: ``pipeline``'s reader on saved pages (read, decode, trafilatura's main text and
  metadata, htmldate, cleaning, ids) against ``trafilatura.extract`` with metadata on the same
  pages' text. Target (issue 19): at least 0.8 of trafilatura's own pages per second.
- WARC: the archive reader on the same pages as one .warc.gz against warcio streaming the
  archive and ``trafilatura.extract`` on each HTML response. Target 0.8.
- PDF: the PDF reader (columns, headlines, bylines, furniture, paragraphs) on a newspaper PDF
  of the same articles against pdfplumber's own ``extract_words`` on every page. Target 0.8.

Pages are real-shaped: each a source article (articles/dev and the sample page, never
articles/test) in a news site's boilerplate (cookie banner, navigation, share buttons, an ad,
related links, comments, JSON-LD). Ratios, not times, because these machines are noisy: each
pair is timed in CPU seconds, ``--repeat`` times, interleaved, best of each. Exit status 1
when a target is missed.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from corpus import ROOT, sources

sys.path.insert(0, str(ROOT))  # tests.newsfiles: the PDF and WARC writers the tests use

from pipeline.config import load_config  # noqa: E402
from pipeline.input import iter_articles  # noqa: E402
from pipeline.records import Article  # noqa: E402
from tests.newsfiles import Story, newspaper_pdf, warc  # noqa: E402

TARGET = 0.8


def page(article: Article, n: int) -> str:
    """A news site's page around the article's text."""
    title, *paragraphs = article.text.split("\n\n")
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    middle = len(paragraphs) // 2
    if middle:
        advert = '<div class="advert">ADVERTISEMENT Subscribe for just $1 a week</div>'
        body = body.replace("</p>\n", "</p>\n" + advert + "\n", 1)
    when = (article.published.isoformat() if article.published else "2023-10-24") + "T08:00:00Z"
    meta = json.dumps(
        {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title, "datePublished": when}
    )
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | Daily Example</title><meta property="og:site_name" content="Daily Example">
<script type="application/ld+json">{meta}</script></head><body>
<div id="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article><h1>{html.escape(title)}</h1><p class="byline">By Staff Reporter</p>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet this story</a></div>
{body}</article>
<aside class="related"><h3>Related stories</h3><ul><li><a href="/a/{n}">Markets close higher</a></li></ul></aside>
<section id="comments"><h3>Comments</h3><div class="comment"><p>Great news! Posted by reader{n}</p></div></section>
</main><footer><p>Copyright 2023 Daily Example. All rights reserved.</p></footer></body></html>"""


def cpu(work: Callable[[], int]) -> tuple[float, int]:
    """CPU seconds of ``work`` and what it counted."""
    start = time.process_time()
    n = work()
    return time.process_time() - start, n


def articles(paths: list[Path], config) -> Callable[[], int]:
    return lambda: sum(isinstance(a, Article) for a in iter_articles(paths, config))


def trafilatura_alone(pages: list[str]) -> Callable[[], int]:
    import trafilatura

    return lambda: sum(trafilatura.extract(p, with_metadata=True, output_format="txt") is not None for p in pages)


def warcio_and_trafilatura(path: Path) -> Callable[[], int]:
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator

    def work() -> int:
        n = 0
        with open(path, "rb") as f:
            for record in ArchiveIterator(f):
                if record.rec_type == "response" and record.http_headers.get_statuscode() == "200":
                    data = record.content_stream().read()
                    n += trafilatura.extract(data, with_metadata=True, output_format="txt") is not None
        return n

    return work


def pdfplumber_alone(path: Path) -> Callable[[], int]:
    import pdfplumber

    def work() -> int:
        words = 0
        with pdfplumber.open(path) as pdf:
            for p in pdf.pages:
                words += len(p.extract_words(x_tolerance=1.5, y_tolerance=2, extra_attrs=["size", "fontname"]))
                p.close()
        return words

    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300, help="web pages, cycled over the sources (default 300)")
    parser.add_argument("--pdf-articles", type=int, default=24, help="articles set in the PDF (default 24)")
    parser.add_argument("--repeat", type=int, default=3, help="timings of each pair (default 3)")
    args = parser.parse_args()
    config = load_config(ROOT / "config.toml")
    pool = sources(config)
    texts = [page(pool[n % len(pool)], n) for n in range(args.pages)]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = tmp / "pages"
        folder.mkdir()
        for n, text in enumerate(texts):
            (folder / f"page-{n:05}.html").write_text(text, "utf8")
        archive = warc(
            tmp / "crawl.warc.gz",
            [
                (f"https://example.com/news/{n}", "text/html; charset=utf-8", 200, "2023-10-24T08:00:00Z", t.encode())
                for n, t in enumerate(texts)
            ],
        )
        stories = [Story(a.title, a.text.split("\n\n")[1:], byline="By Staff Reporter") for a in pool]
        stories = [s for s in stories if s.paragraphs][: args.pdf_articles]
        pdf = newspaper_pdf(tmp / "paper.pdf", stories)
        pairs = [
            ("HTML pages", articles([folder], config), trafilatura_alone(texts), "trafilatura.extract"),
            ("WARC", articles([archive], config), warcio_and_trafilatura(archive), "warcio + trafilatura.extract"),
            ("PDF", articles([pdf], config), pdfplumber_alone(pdf), "pdfplumber extract_words"),
        ]
        articles([folder], config)()  # warm up: imports, trafilatura's and htmldate's first calls
        ok = True
        print(f"{args.pages} pages; PDF of {len(stories)} articles; CPU seconds, best of {args.repeat}")
        for name, ours, reference, label in pairs:
            best_ours = best_ref = float("inf")
            for _ in range(args.repeat):
                seconds, n_ours = cpu(ours)
                best_ours = min(best_ours, seconds)
                seconds, _ = cpu(reference)
                best_ref = min(best_ref, seconds)
            ratio = best_ref / best_ours  # our rate over the reference's, on the same input
            ok = ok and ratio >= TARGET
            print(
                f"{name:10} pipeline {best_ours:6.2f} s ({n_ours} articles)   {label} {best_ref:6.2f} s   "
                f"ratio {ratio:.2f} (target >= {TARGET})"
            )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
