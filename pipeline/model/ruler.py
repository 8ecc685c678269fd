"""spaCy's SpanRuler, matching only around the tokens every one of its patterns must hold.

Each organisation pattern holds an anchor: an organisation word (``Group``, ``MedValley``),
a legal form (``Ltd``), a word named by ``of`` (``Ministry``) or a leading word of another
language (``Banco``). The matcher's cost grows with the capitalised words it follows from
every token; run over the few windows around anchors it finds the same spans for a
fraction of the time (it was ~8% of a run). A window reaches as far as the longest match
can, so no match is cut short.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_chain_spans

from ..knowledge.cache import compiled

# Words whose kind is remembered, at most: a long feed brings new ones without end (emptied when full).
SEEN = 2**13
# Anchors in a row that a window may hold (``_past_run``).
ANCHOR_RUN = 6


class AnchoredRuler(SpanRuler):
    """A SpanRuler whose patterns each hold a token that is in ``anchor_words`` or matches
    ``anchor_ending``. The matcher runs only on the tokens around one that a pattern could
    take: a stretch ends at a token no token test of any pattern accepts, or a match's
    length away from the anchor."""

    def __init__(
        self, nlp: Language, name: str, *, spans_key: str, anchor_words: list[str], anchor_ending: str
    ) -> None:
        super().__init__(nlp, name, spans_key=spans_key, spans_filter=filter_chain_spans, overwrite=False)
        self.anchor_words = frozenset(anchor_words)
        self.anchor_ending = re.compile(anchor_ending)
        self.reach = 0  # the longest match, less one token
        self._takes = _Takes()
        self._possible: Callable[[str], bool] = self._takes.compile()
        self._seen: dict[int, tuple[bool, bool]] = {}  # a word's hash -> (is an anchor, a pattern may take it)

    def add_patterns(self, patterns: list[dict]) -> None:
        super().add_patterns(patterns)
        for entry in patterns:
            self.reach = max(self.reach, longest(entry["pattern"]) - 1)
            for spec in entry["pattern"]:
                self._takes.add(spec)
        self._possible = self._takes.compile()
        self._seen.clear()

    def match(self, doc: Doc) -> list[Span]:
        found = {
            (window.start + start, window.start + end, m_id)
            for window in self.windows(doc)
            for m_id, start, end in self.matcher(window)
            if start != end
        }  # matches count from the window
        return sorted(
            Span(
                doc,
                start,
                end,
                label=self._match_label_id_map[m_id]["label"],
                span_id=self._match_label_id_map[m_id]["id"],
            )
            for start, end, m_id in found
        )

    def windows(self, doc: Doc) -> list[Span]:
        """The stretches of ``doc`` a match could cover, overlapping ones joined."""
        orths = doc.to_array(ORTH)
        kinds = [(h, self._kind(h, doc.vocab.strings)) for h in numpy.unique(orths).tolist()]
        is_anchor = numpy.isin(orths, [h for h, (anchor, _) in kinds if anchor])
        stopped = ~numpy.isin(orths, [h for h, (_, taken) in kinds if taken]) | _past_run(is_anchor)
        anchors = numpy.flatnonzero(is_anchor & ~stopped).tolist()
        if not anchors:
            return []
        stops = numpy.flatnonzero(stopped).tolist()
        bounds: list[list[int]] = []
        for i in anchors:
            k = bisect_left(stops, i)
            start = max(i - self.reach, stops[k - 1] + 1 if k else 0)
            end = min(i + self.reach + 1, stops[k] if k < len(stops) else len(doc))
            if bounds and start <= bounds[-1][1]:
                bounds[-1][1] = max(end, bounds[-1][1])
            elif end > start:
                bounds.append([start, end])
        return [doc[start:end] for start, end in bounds]

    def _kind(self, orth: int, strings) -> tuple[bool, bool]:
        kind = self._seen.get(orth)
        if kind is None:
            if len(self._seen) >= SEEN:
                self._seen.clear()
            text = strings[orth]
            kind = self._seen[orth] = (
                text in self.anchor_words or self.anchor_ending.match(text) is not None,
                self._possible(text),
            )
        return kind


def _past_run(is_anchor: numpy.ndarray) -> numpy.ndarray:
    """The anchors after the first ``ANCHOR_RUN`` of a run of anchors in a row (``Co. Co. Co.``).

    No name holds more than a few legal forms or organisation words in a row (``Co., Ltd.``,
    ``Bank Holdings``). spaCy's matcher keeps every way a run of words could be shared among a
    pattern's optional tokens, so a long run of them multiplied its states (``"Co. " * 500``:
    12 s for 2,000 characters); the words past ``ANCHOR_RUN`` end every window instead.

    >>> _past_run(numpy.array([1, 1, 0] + [1] * 8, dtype=bool)).astype(int).tolist()
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]
    """
    starts = numpy.flatnonzero(numpy.diff(numpy.concatenate(([0], is_anchor.astype(numpy.int8)))) == 1)
    run_start = numpy.zeros(len(is_anchor), dtype=numpy.int64)
    run_start[starts] = starts
    run_start = numpy.maximum.accumulate(run_start)  # where the run each token is in began
    return is_anchor & (numpy.arange(len(is_anchor)) - run_start >= ANCHOR_RUN)


class _Takes:
    """Whether some token test of the patterns may accept a token's text: one of them names
    it, or one of their regular expressions matches it. Any test of something other than
    the text (``POS``), a negated spec or one testing nothing makes every token possible."""

    def __init__(self) -> None:
        self.words: set[str] = set()  # lower-cased
        self.regexes: list[tuple[bool, str]] = []  # (on the lower-cased text, expression)
        self.anything = False

    def add(self, spec: dict) -> None:
        """A spec's first test of the text is a test the token must pass."""
        tests = [
            (key, test)
            for key, test in spec.items()
            if key in ("TEXT", "ORTH", "LOWER") and not (isinstance(test, dict) and "NOT_IN" in test)
        ]
        if not tests or set(spec) - {"TEXT", "ORTH", "LOWER", "OP"} or spec.get("OP") == "!":
            self.anything = True
            return
        key, test = tests[0]
        if isinstance(test, dict) and "REGEX" in test:
            self.regexes.append((key == "LOWER", test["REGEX"]))
        else:
            self.words.update(w.lower() for w in (test["IN"] if isinstance(test, dict) else [test]))

    def compile(self) -> Callable[[str], bool]:
        texts = compiled("|".join(f"(?:{r})" for lower, r in self.regexes if not lower) or "(?!)")
        lowers = compiled("|".join(f"(?:{r})" for lower, r in self.regexes if lower) or "(?!)")
        return lambda text: (
            self.anything
            or text.lower() in self.words
            or texts.search(text) is not None
            or lowers.search(text.lower()) is not None
        )


def longest(pattern: list[dict]) -> int:
    """The most tokens a token pattern can match; its repeats must be bounded (``{0,8}``, not ``*``)."""
    total = 0
    for spec in pattern:
        op = spec.get("OP", "1")
        bounded = re.fullmatch(r"\{(?:\d*,)?(\d+)\}", op)
        if op not in ("1", "?", "!") and bounded is None:
            raise ValueError(f"pattern repeat {op!r} is unbounded: an anchored ruler cannot window it")
        total += int(bounded.group(1)) if bounded else 1
    return total


@Language.factory(
    "anchored_span_ruler", default_config={"spans_key": "ruler", "anchor_words": [], "anchor_ending": "(?!)"}
)
def make_anchored_ruler(
    nlp: Language, name: str, spans_key: str, anchor_words: list[str], anchor_ending: str
) -> AnchoredRuler:
    return AnchoredRuler(nlp, name, spans_key=spans_key, anchor_words=anchor_words, anchor_ending=anchor_ending)
