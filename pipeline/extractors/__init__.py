"""Rule-based extractors. Each module exposes ``extract(doc, context) -> list[Record]``,
one record per mention; ``records.merge`` folds mentions of the same fact together."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from ..config import Config
from ..records import Mention


@dataclass(frozen=True)
class Context:
    """What an extractor may know besides the Doc: the article's date, source and own
    currency (``currency_default``, from front matter, JSONL or ``money.sources``), and the config."""

    published: date | None
    config: Config
    source: str = ""
    currency_default: str | None = None


def text_of(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token on each access, so reading
    it per candidate made extraction quadratic in the article's length."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


_TEXT = "pipeline.text"


def mention(doc: Doc, start: int, end: int) -> Mention:
    """A Mention for characters ``start:end`` of ``doc.text``, with the sentence around it."""
    text = text_of(doc)
    span = doc.char_span(start, end, alignment_mode="expand")
    try:
        sentence = span.sent.text if span is not None else text
    except ValueError:  # a pipeline without a parser or sentencizer sets no sentences
        sentence = text
    return Mention(text=text[start:end], start=start, end=end, sentence=sentence.strip())
