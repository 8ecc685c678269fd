"""Rule-based extractors. Each module exposes ``extract(doc, context) -> list[Record]``,
one record per mention; ``records.merge`` folds mentions of the same fact together."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from ..model.attributes import dep, lemma, parsed, pos, tag  # token attributes: read these, not token.pos_ etc.
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


def parsed_from(doc: Doc, text: str) -> Doc:
    """``doc``, told the text it was parsed from, so ``text_of`` need not join its tokens
    (that join cost ~5% of a run): spaCy's tokens always join back into the text parsed."""
    doc.user_data[_TEXT] = text
    return doc


_TEXT = "pipeline.text"


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
_SENTS = "pipeline.sentences"


def _sentences(doc: Doc) -> tuple[list[int], list[int]]:
    """(start, end) characters of each sentence, read once per Doc; one sentence without a parser."""
    found = doc.user_data.get(_SENTS)
    if found is None:
        try:
            sents = [(s.start_char, s.end_char) for s in doc.sents] or [(0, len(text_of(doc)))]
        except ValueError:  # a pipeline without a parser or sentencizer sets no sentences
            sents = [(0, len(text_of(doc)))]
        found = doc.user_data[_SENTS] = ([s for s, _ in sents], [e for _, e in sents])
    return found
