"""Rule-based extractors. Each module exposes ``extract(doc, context) -> list[Record]``,
one record per mention; ``records.merge`` folds mentions of the same fact together.
``registry`` runs them in order over an article. No extractor imports another: what they
share is worked out once (``article``: the article's facts) or said once (``patterns``,
``_numbers``, ``_calendar``). They read token attributes through this module (``pos``,
``tag``, ``lemma``, ``dep``, ``parsed``), never ``token.pos_`` and the like.
Imports ``model``, ``knowledge``, ``records``, ``config`` and ``errors``."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from ..config import Config
from ..model.attributes import (  # token attributes: read these, not token.pos_ etc.
    dep,
    lemma,
    lemma_among,
    lemma_may,
    parsed,
    pos,
    remembered,
    tag,
)
from ..records import Mention
from .article import ArticleFacts

__all__ = [
    "ArticleFacts",
    "Context",
    "dep",
    "lemma",
    "lemma_among",
    "lemma_may",
    "mention",
    "parsed",
    "parsed_from",
    "pos",
    "remembered",
    "tag",
    "text_of",
]


@dataclass(frozen=True)
class Context:
    """What an extractor may know besides the Doc: the article's date, source and own
    currency (``currency_default``, from front matter, JSONL or ``money.sources``), the config,
    and the facts about the article that ``registry.extract`` works out once for all extractors."""

    published: date | None
    config: Config
    source: str = ""
    currency_default: str | None = None
    facts: ArticleFacts = ArticleFacts()


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token on each access, so reading
    it per candidate made extraction quadratic in the article's length."""
    return remembered(doc, "text", lambda: doc.text)


def parsed_from(doc: Doc, text: str) -> Doc:
    """``doc``, told the text it was parsed from, so ``text_of`` need not join its tokens
    (that join cost ~5% of a run): spaCy's tokens always join back into the text parsed."""
    doc.user_data["pipeline.text"] = text  # what remembered(doc, "text", ...) reads
    return doc


def mention(doc: Doc, start: int, end: int) -> Mention:
    """A Mention for characters ``start:end`` of ``doc.text``, with the sentence around it.

    Sentence bounds are read once per Doc and a sentence over SENTENCE_CHARS is cut to a
    window around the mention: per mention, spaCy's ``span.sent`` walked the sentence, which
    was quadratic in a long one (a feed line with no full stop).
    """
    text = text_of(doc)
    starts, ends = _sentences(doc)
    i = max(bisect_right(starts, start) - 1, 0)  # the sentence the mention starts in, as span.sent gave
    left, right = starts[i], ends[i]
    if right - left > SENTENCE_CHARS:
        left, right = max(left, start - SENTENCE_CHARS // 2), min(right, end + SENTENCE_CHARS // 2)
    return Mention(text=text[start:end], start=start, end=end, sentence=text[left:right].strip())


SENTENCE_CHARS = 2000


def _sentences(doc: Doc) -> tuple[list[int], list[int]]:
    """(start, end) characters of each sentence, read once per Doc; one sentence without a parser."""

    def bounds() -> tuple[list[int], list[int]]:
        try:
            sents = [(s.start_char, s.end_char) for s in doc.sents] or [(0, len(text_of(doc)))]
        except ValueError:  # a pipeline without a parser or sentencizer sets no sentences
            sents = [(0, len(text_of(doc)))]
        return [s for s, _ in sents], [e for _, e in sents]

    return remembered(doc, "sentences", bounds)
