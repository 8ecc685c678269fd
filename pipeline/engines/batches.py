"""Articles through spaCy's ``nlp.pipe`` and the extractors, in batches: in this process, or
whole articles in worker processes. Imported by an engine only when there is an article to
process, so a re-run with everything up to date imports neither spaCy nor the model.

With ``model.n_process > 1`` each worker loads the model once and runs spaCy AND the
extractors, writing its articles' files itself: only small outcomes come back, never Docs.
Parsing is guarded like extraction: a text spaCy refuses becomes that article's problem.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..config import Config
from ..errors import Errors
from ..model.nlp import load_nlp
from ..records import Article, Problem
from .job import Outcome, nonempty
from .process import prepare, process

# Articles per spaCy memory zone: strings first seen in one (names, figures) are dropped from
# the vocabulary after it, so memory does not grow with the words a long feed brings.
ZONE = 1000


def process_articles(articles: Iterable[Article], config: Config, out: Path) -> Iterator[Outcome]:
    """Outcomes in input order; articles are pulled lazily, so memory does not grow with the batch."""
    articles = nonempty(articles)
    if articles is None:  # all up to date: a re-run costs no model load
        return
    if config.n_process > 1:
        yield from _in_workers(articles, config, out)
    else:
        yield from in_this_process(articles, config, out)


def in_this_process(articles: Iterable[Article], config: Config, out: Path) -> Iterator[Outcome]:
    """Batches through spaCy here, in memory zones; the model loads once per process (cached),
    and not at all when there is nothing to process."""
    articles = nonempty(articles)
    if articles is None:
        return
    nlp = load_nlp(config)
    while (chunk := nonempty(islice(articles, ZONE))) is not None:
        with nlp.memory_zone():
            for batch in _batches(chunk, config.batch_size):
                yield from _process(nlp, batch, config, out)


def process_batch(articles: list[Article], config: Config, out: Path) -> list[Outcome]:
    """A batch in one process: the model loads once per process (cached), then parse and extract."""
    nlp = load_nlp(config)
    with nlp.memory_zone():
        return _process(nlp, articles, config, out)


def _process(nlp: Language, articles: list[Article], config: Config, out: Path) -> list[Outcome]:
    docs = parse(nlp, articles, config)
    prepare([(doc, article) for doc, article in zip(docs, articles) if isinstance(doc, Doc)])
    return [
        process(doc, article, config, out) if isinstance(doc, Doc) else Outcome(article.id, problem=doc)
        for doc, article in zip(docs, articles)
    ]


def parse(nlp: Language, articles: list[Article], config: Config) -> list[Doc | Problem]:
    """A Doc per article, or the Problem that stopped it; never raises.

    The batch goes through ``nlp.pipe``; if anything in it fails, each article is parsed
    alone so only the bad one is lost. Articles over ``input.max_article_chars`` (or
    spaCy's ``max_length``) are parsed in pieces, or rejected with ``input.oversize = "reject"``.
    """
    limit = min(config.max_article_chars, nlp.max_length)
    fits = [i for i, a in enumerate(articles) if len(a.text) <= limit]
    docs: list[Doc | Problem | None] = [None] * len(articles)
    try:
        for i, doc in zip(fits, nlp.pipe((articles[i].text for i in fits), batch_size=config.batch_size)):
            docs[i] = doc
    except Exception:  # which article broke the batch is unknown: parse each alone
        for i in fits:
            docs[i] = None
    return [doc if doc is not None else _parse_one(nlp, article, config, limit) for doc, article in zip(docs, articles)]


def _parse_one(nlp: Language, article: Article, config: Config, limit: int) -> Doc | Problem:
    text = article.text
    if len(text) > limit and config.oversize == "reject":
        return Problem(
            article.path,
            article.line,
            Errors.E028.format(path=article.path, article=article.id, chars=len(text), limit=limit),
            "error",
        )
    try:
        if len(text) <= limit:
            return nlp(text)
        doc = Doc.from_docs(list(nlp.pipe(pieces(text, limit), batch_size=1)), ensure_whitespace=False)
        if doc.text != text:
            raise ValueError("the pieces' Docs do not join back into the article's text")
        return doc
    except Exception as err:  # one article's failure must not end the batch
        return Problem(
            article.path, article.line, Errors.E020.format(path=article.path, article=article.id, reason=err), "error"
        )


def pieces(text: str, limit: int) -> list[str]:
    """``text`` in consecutive pieces of at most ``limit`` characters that join back into it,
    cut after a paragraph break, else after a space, else anywhere (one huge token).

    >>> pieces("aa bb\\n\\ncc dd\\n\\nee", 8), pieces("aaaa bbbb", 6), pieces("abcdefg", 3)
    (['aa bb\\n\\n', 'cc dd\\n\\n', 'ee'], ['aaaa ', 'bbbb'], ['abc', 'def', 'g'])
    """
    out, start = [], 0
    while len(text) - start > limit:
        end = start + limit
        cut = text.rfind("\n\n", start, end)
        cut = cut + 2 if cut > start else text.rfind(" ", start, end) + 1
        cut = cut if cut > start else end
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    return iter(lambda it=iter(articles): list(islice(it, size)), [])


def _in_workers(articles: Iterable[Article], config: Config, out: Path) -> Iterator[Outcome]:
    """Batches to ``n_process`` workers, at most two per worker in flight, results in input order."""
    with ProcessPoolExecutor(config.n_process, initializer=_ignore_interrupts) as pool:
        pending: deque[Future] = deque()
        for batch in _batches(articles, config.batch_size):
            pending.append(pool.submit(process_batch, batch, config, out))
            if len(pending) >= 2 * config.n_process:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _ignore_interrupts() -> None:
    """Ctrl-C reaches the whole process group: the parent decides when to stop, workers finish their batch."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
