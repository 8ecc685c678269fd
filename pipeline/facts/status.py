"""What the text says of a fact's status, and whether it is negated.

A status is given only when words say it: ``called off`` (scrapped, abandoned, terminated,
walked away), ``rumoured`` (reportedly, people familiar, in talks, considering), ``completed``
(completed, closed, finalised; a trigger verb in the past tense: ``bought``), ``agreed``
(agreed, signed, struck, a deal, an agreement), ``planned`` (plans, will, would, intends,
proposed, aims, seeks). The first that applies wins, in that order. ``negated``: a ``not`` /
``n't`` / ``never`` on the trigger or on the verbs it completes (``did not buy``).

>>> STATUS_WORDS["called off"][:3]
('scrap', 'abandon', 'terminate')
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..extractors import dep, lemma, lemma_may, tag

STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "called off": ("scrap", "abandon", "terminate", "cancel", "collapse", "withdraw", "call off", "walk away"),
    "rumoured": ("reportedly", "familiar", "rumour", "rumor", "talk", "consider", "explore", "speculation"),
    "completed": ("complete", "close", "finalise", "finalize", "completion"),
    "agreed": ("agree", "sign", "strike", "agreement", "deal"),
    "planned": ("plan", "will", "would", "intend", "propose", "aim", "seek", "expect", "target", "hope"),
}
NEGATIONS = frozenset({"not", "n't", "never", "no"})


def status(sent: Span, trigger: int, governors: set[int]) -> str | None:
    """The status the trigger's sentence gives, or None. ``governors``: sentence-doc indices of
    the verbs the trigger completes (``agreed`` in ``agreed to buy``). Only the words whose
    lemma may be or hold part of a status word are lemmatized (``_may_matter``)."""
    lemmas = [lemma(t).lower() if wordlike(t) and lemma_may(t, _may_matter) else "" for t in sent]
    trig = sent[trigger]
    for name, words in STATUS_WORDS.items():
        if name == "completed" and tag(trig) == "VBD" and not governors and not _aux_future(trig):
            return name  # "Acme bought Beta": the text says it is done
        if name == "agreed" and lemma(trig).lower() in ("deal", "agreement"):
            continue  # the word "deal" alone is the trigger, not a status
        for w in words:
            if _written(lemmas, w):
                if name == "planned" and w in ("will", "would") and not _near(lemmas, w, trigger, 4):
                    continue
                return name
    return None


_WORDS = frozenset(part for words in STATUS_WORDS.values() for w in words for part in w.split())


def _written(lemmas: list[str], words: str) -> bool:
    """Whether the status word or phrase ``words`` stands among the lemmas, a phrase as lemmas in
    a row: ``call off`` in ``called the deal off``'s lemmas never, in ``called off`` yes, and never
    inside another word (``recall officials`` is no ``call off``)."""
    parts = words.split()
    if len(parts) == 1:
        return words in lemmas
    return any(lemmas[i : i + len(parts)] == parts for i in range(len(lemmas) - len(parts) + 1))


def _may_matter(form: str) -> bool:
    """Whether a lemma ``form`` can decide a status: a status word or a word of a status phrase.
    Any other lemma leaves every test as it is when read as "" instead.

    >>> [_may_matter(w) for w in ("sign", "recall", "off", "away", "signal", "buy")]
    [True, False, True, True, False, False]
    """
    return form in _WORDS


def wordlike(token: Token) -> bool:
    """Whether a token can have a word's lemma: it has a letter and no digit. Numbers and
    punctuation keep their digits and marks in their lemma, so none is a status word, and
    their lemmas are not read (``"12m"``, ``","``).

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> [wordlike(t) for t in Doc(Vocab(), words=["'ll", "sign", "12m", ",", "US$"])]
    [True, True, False, False, True]
    """
    text = token.text
    return any(c.isalpha() for c in text) and not any(c.isdigit() for c in text)


def _aux_future(trig: Token) -> bool:
    return any(dep(c) == "aux" and c.lower_ in ("will", "would") for c in trig.children)


def _near(lemmas: list[str], word: str, i: int, window: int) -> bool:
    return word in lemmas[max(0, i - window) : i]


def negated(trig: Token, governors: set[int]) -> bool:
    """Whether ``not``/``never`` hangs on the trigger or a verb it completes (``did not buy``)."""
    doc = trig.doc
    for t in (trig, *(doc[i] for i in governors)):
        if any(dep(c) == "neg" or (c.lower_ in NEGATIONS and dep(c) in ("neg", "det")) for c in t.children):
            return True
    return False
