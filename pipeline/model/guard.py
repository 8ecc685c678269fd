"""A guard in front of spaCy's tokenizer: a long run of characters without a space is
tokenized in pieces.

spaCy's tokenizer takes a run's prefixes and suffixes off one at a time and searches the
rest again after each, so a run made of them costs the square of its length (``"$" * 10_000``:
19.5 s, also with ``spacy.blank("en")``; 100,000 never ended). No word, figure or link in
news comes near ``MAX_RUN`` characters; a longer run is cut every ``MAX_RUN`` characters and
its pieces' tokens joined into one Doc. The text, and so every offset, is unchanged: only a
token that spans a cut becomes two. ``long_runs`` says where that happened, for the warning
(``W009``) the run gives the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import NORM, ORTH, SPACY
from spacy.tokens import Doc
from spacy.vocab import Vocab

MAX_RUN = 200
# A run starts where no other non-space character stands before it: each run is read once.
_LONG = re.compile(rf"(?<!\S)\S{{{MAX_RUN + 1},}}")


def long_runs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of more than ``MAX_RUN`` characters without a space.

    >>> long_runs("a " + "$" * 450 + " b"), long_runs("a b")
    ([(2, 452)], [])
    """
    return [m.span() for m in _LONG.finditer(text)]


def pieces(text: str) -> list[str]:
    """``text`` cut every ``MAX_RUN`` characters inside each long run; the pieces join back into it.

    >>> [len(p) for p in pieces("a " + "$" * 450 + " b")]
    [202, 200, 52]
    """
    cuts = [cut for start, end in long_runs(text) for cut in range(start + MAX_RUN, end, MAX_RUN)]
    return [text[i:j] for i, j in zip([0, *cuts], [*cuts, len(text)])]


class RunGuard:
    """Stands in for a tokenizer (``nlp.tokenizer = RunGuard(nlp.tokenizer)``): a text with a
    long run goes to it in ``pieces``; everything else the tokenizer has (``memory_zone``,
    special cases, ``explain``) is the tokenizer's own."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        parts = pieces(text)
        if len(parts) == 1:
            return self.tokenizer(text)
        # Each piece's Doc is dropped once its arrays are read (kept all at once, a 1M-character
        # run held 5,000 Docs, ~130 MB, beside the joined one), and a piece written again (a
        # run of one character, a rule of "=" or "-") is tokenized once: its tokens are the same.
        read: dict[str, numpy.ndarray] = {}
        for part in parts:
            if part not in read:
                read[part] = self.tokenizer(part).to_array([ORTH, NORM, SPACY])
        return _joined(self.tokenizer.vocab, numpy.concatenate([read[part] for part in parts]))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)


def _joined(vocab: Vocab, rows: numpy.ndarray) -> Doc:
    """One Doc of the pieces' tokens, from their ``ORTH, NORM, SPACY`` rows: their words,
    spaces and norms (all a tokenizer sets; its special cases may set no more).
    ``Doc.from_docs`` grew faster than its tokens here (10x the pieces: 20x the time)."""
    # Words given by their ids (``Doc`` takes them as well as strings: no string is hashed
    # again), each distinct id one Python int: a million-token run is a few words.
    orths, at = numpy.unique(rows[:, 0], return_inverse=True)
    words = numpy.array(orths.tolist(), dtype=object)[at].tolist()
    joined = Doc(vocab, words=words, spaces=rows[:, 2].astype(bool).tolist())
    joined.from_array([NORM], rows[:, [1]])
    return joined
