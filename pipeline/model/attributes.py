"""The model's attribute ruler, lemmatizer and parser, asked about the few tokens the
extractors read instead of run over every token (they were ~30% of spaCy's time).

The answers are the model's own: the ruler's patterns are read from the loaded model and
applied as spaCy applies them (every match, later patterns win), and the lemma comes from
the model's lemmatizer given that POS and morphology. ``pos``/``lemma`` equal what
``token.pos_``/``token.lemma_`` are when both components run. The parser runs only on the
sentences ``parsed`` is asked about (the model's senter sets every sentence boundary); on
other tokens the ruler's patterns that test a dependency label do not apply.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from spacy.attrs import SENT_START, TAG
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span, Token

from .meta import PARSER, SENTER

RULER, LEMMATIZER = "attribute_ruler", "lemmatizer"


@dataclass(frozen=True)
class _Rule:
    """One pattern of the ruler: token tests from ``-index`` on, the attributes it sets."""

    tests: tuple[tuple[tuple[str, object], ...], ...]
    index: int
    attrs: dict

    @property
    def lowers(self) -> frozenset | None:
        """The lower-case forms the token at ``index`` must have, None if any."""
        for name, (op, arg) in self.tests[self.index]:
            if name == "LOWER" and op in ("eq", "in"):
                return frozenset([arg]) if op == "eq" else arg
        return None


class _Asked:
    def __init__(self, patterns: list[dict], lemmatizer) -> None:
        self.rules = [
            _Rule(
                tuple(tuple((k, _test(v)) for k, v in tok.items()) for tok in pattern),
                entry.get("index", 0) % len(pattern),
                entry["attrs"],
            )
            for entry in patterns
            for pattern in entry["patterns"]
        ]
        self.lemmatizer = _indexed(lemmatizer)
        self._setting: dict[tuple[str, str], tuple[dict[str, tuple[list[_Rule], bool]], tuple[list[_Rule], bool]]] = {}
        self._by_word: dict[tuple[str, str, str, str], object] = {}
        self._nouns: frozenset[str] | None = None
        self._may_be: dict[frozenset[str], tuple[set[str], list[int], frozenset[str]]] = {}
        self._lemma_rules: dict[str, list[_Rule]] = {}  # the rules setting a lemma by the form they name ("": any)
        for rule in self.rules:
            if "LEMMA" in rule.attrs:
                for form in rule.lowers or ("",):
                    self._lemma_rules.setdefault(form, []).append(rule)
        self._may: dict[tuple[str, Callable[[str], bool]], bool] = {}

    def may_be(self, word: str, wanted: frozenset[str]) -> bool:
        """Whether ``word`` (lower-case) could lemmatize to one of ``wanted``: it starts with
        one less its last letter, or the exception table lists it for one."""
        test = self._may_be.get(wanted)
        if test is None:
            stems = {w[:-1] or w for w in wanted}
            lengths = sorted({len(s) for s in stems})
            exceptions = self.lemmatizer.lookups.get_table("lemma_exc")
            forms = {form for table in exceptions.values() for form, lemmas in table.items() if set(lemmas) & wanted}
            test = self._may_be[wanted] = (stems, lengths, frozenset(forms))
        stems, lengths, forms = test
        return word in forms or any(word[:n] in stems for n in lengths)

    def possible(self, word: str) -> frozenset[str]:
        """Every lemma ``word`` (lower-case) could have, whatever its tag: itself, what the
        lemmatizer's rules and exceptions make of it for any part of speech, and the lemmas of
        the ruler's patterns that may take a word so written."""
        rules = self.lemmatizer.lookups.get_table("lemma_rules")
        exceptions = self.lemmatizer.lookups.get_table("lemma_exc", {})
        ruled = [*self._lemma_rules.get(word, ()), *self._lemma_rules.get("", ())]
        return frozenset(
            [
                word,
                *(
                    word[: len(word) - len(old)] + new
                    for pairs in rules.values()
                    for old, new in pairs
                    if word.endswith(old)
                ),
                *(form for table in exceptions.values() for form in table.get(word, ())),
                *(r.attrs["LEMMA"] for r in ruled if _may_take(r, word)),
            ]
        )

    def may(self, word: str, test: Callable[[str], bool]) -> bool:
        """Whether some lemma ``word`` could have passes ``test``, lower-cased; remembered per word and test."""
        key = (word, test)
        found = self._may.get(key)
        if found is None:
            if len(self._may) >= WORDS_REMEMBERED:
                self._may.clear()
            found = self._may[key] = any(test(form.lower()) for form in self.possible(word))
        return found

    def nouns(self) -> frozenset[str]:
        """The lemmatizer's index of nouns and adjectives, read once."""
        if self._nouns is None:
            index = self.lemmatizer.lookups.get_table("lemma_index")
            self._nouns = frozenset(index.get("noun", ())) | frozenset(index.get("adj", ()))
        return self._nouns

    def attr(self, token: Token, key: str):
        """The value the ruler sets for ``key`` on ``token`` (None: it sets none): of all
        patterns matching there, the last, as spaCy applies them in order. When every rule
        that may match reads the token alone, the answer depends only on its tag, text and
        dependency label, and is remembered for them."""
        rules, alone = self._candidates(key, token.tag_, token.lower_)
        if not alone:
            return _first(rules, token, key)
        word = (key, token.tag_, token.text, token.dep_)
        if word not in self._by_word:
            if len(self._by_word) >= WORDS_REMEMBERED:  # a long feed brings ever more words
                self._by_word.clear()
            self._by_word[word] = _first(rules, token, key)
        return self._by_word[word]

    def _candidates(self, key: str, tag: str, lower: str) -> tuple[list[_Rule], bool]:
        """The rules setting ``key`` that a token tagged ``tag`` and written ``lower`` may
        match, last first: those that name no lower-case form there, and those that name
        ``lower``; and whether they all read that token alone.
        Indexed once per key and tag by the forms the rules name, so a token is tested
        against its few rules, not against every rule for its tag."""
        found = self._setting.get((key, tag))
        if found is None:
            rules = [
                (r, r.lowers)
                for r in reversed(self.rules)
                if key in r.attrs and all(_passes(test, tag) for name, test in r.tests[r.index] if name == "TAG")
            ]
            named = set().union(*(lowers for _, lowers in rules if lowers is not None))
            by_form = {w: _alone([r for r, lowers in rules if lowers is None or w in lowers]) for w in named}
            found = self._setting[key, tag] = (by_form, _alone([r for r, lowers in rules if lowers is None]))
        by_form, any_form = found
        return by_form.get(lower, any_form)


def _indexed(lemmatizer: Lemmatizer) -> Lemmatizer:
    """A copy of the model's lemmatizer, its index of words by part of speech held as sets:
    spaCy keeps each as a list (57,528 nouns) and scans it for each form its rules make of a
    word it has not yet seen with that POS and morphology, ~150 µs a plural noun. The same
    tables, the same answers; the model's own lemmatizer is left as loaded."""
    copy = type(lemmatizer)(
        lemmatizer.vocab, lemmatizer.model, lemmatizer.name, mode=lemmatizer.mode, overwrite=lemmatizer.overwrite
    )
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        copy.lookups.add_table(name, {k: frozenset(v) for k, v in table.items()} if name == "lemma_index" else table)
    return copy


# Answers remembered by tag, text and dependency label, at most (then forgotten all at once: memory stays flat).
# At 2**17 it was still filling after 10,000 short web pages, the run's largest growth (docs/usage.md).
WORDS_REMEMBERED = 2**13


def _alone(rules: list[_Rule]) -> tuple[list[_Rule], bool]:
    return rules, all(len(r.tests) == 1 for r in rules)


def _first(rules: list[_Rule], token: Token, key: str):
    """What the first of ``rules`` that matches at ``token`` sets for ``key``; None if none does."""
    doc = token.doc
    for rule in rules:
        first = token.i - rule.index
        if (
            first >= 0
            and first + len(rule.tests) <= len(doc)
            and all(_holds(doc[first + n], tests) for n, tests in enumerate(rule.tests))
        ):
            return rule.attrs[key]
    return None


def _may_take(rule: _Rule, lower: str) -> bool:
    """Whether ``rule`` may match at a token written ``lower`` (lower-cased): its tests there of
    the lower-case form pass; its other tests are taken to."""
    return all(_passes(test, lower) for key, test in rule.tests[rule.index] if key == "LOWER")


def _test(value):
    if isinstance(value, dict):
        ((op, arg),) = value.items()
        if op == "IN":
            return ("in", frozenset(arg))
        if op == "NOT_IN":
            return ("not_in", frozenset(arg))
        if op == "REGEX":
            return ("regex", re.compile(arg))
        raise ValueError(f"attribute ruler pattern operator {op!r} is not supported by pipeline.model.attributes")
    return ("eq", value)


_READ = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
    "ORTH": lambda t: t.text,
    "TEXT": lambda t: t.text,
}


def _holds(token: Token, tests) -> bool:
    return all(_passes(test, _READ[key](token)) for key, test in tests)


def _passes(test, value) -> bool:
    op, arg = test
    if op == "eq":
        return value == arg
    if op == "in":
        return value in arg
    if op == "not_in":
        return value not in arg
    return arg.search(value) is not None


_BY_VOCAB: dict = {}
_PARSERS: dict = {}


def ask_instead(nlp: Language) -> list[str]:
    """Disable the ruler and lemmatizer of ``nlp`` and answer for them through ``pos``/``lemma``,
    and its parser when a senter sets the sentences (``parsed`` runs it on the few asked about);
    returns the components disabled. A ruler pattern this module cannot read fails here, at load."""
    asked = []
    if SENTER in nlp.pipe_names and PARSER in nlp.component_names:
        _PARSERS[nlp.vocab] = nlp.get_pipe(PARSER)
        if PARSER not in nlp.disabled:
            nlp.disable_pipe(PARSER)
        asked.append(PARSER)
    if RULER not in nlp.component_names or LEMMATIZER not in nlp.component_names:
        return asked
    patterns = nlp.get_pipe(RULER).patterns
    for entry in patterns:
        for pattern in entry["patterns"]:
            for tok in pattern:
                if set(tok) - set(_READ):
                    raise ValueError(f"attribute ruler pattern keys {sorted(set(tok) - set(_READ))} are not supported")
    _BY_VOCAB[nlp.vocab] = _Asked(patterns, nlp.get_pipe(LEMMATIZER))
    for name in (RULER, LEMMATIZER):
        if name not in nlp.disabled:
            nlp.disable_pipe(name)
    return [*asked, RULER, LEMMATIZER]


def pos(token: Token) -> str:
    """``token.pos_`` as the model's attribute ruler sets it."""
    return _asked(token, "POS", token.pos_)


def tag(token: Token) -> str:
    """``token.tag_`` after the ruler (it tags whitespace ``_SP``)."""
    return _asked(token, "TAG", token.tag_)


def dep(token: Token) -> str:
    """``token.dep_`` after the ruler (it labels whitespace ``dep``)."""
    return _asked(token, "DEP", token.dep_)


def _asked(token: Token, key: str, own: str) -> str:
    asked = _BY_VOCAB.get(token.vocab)
    if asked is None:  # a Doc from a pipeline that ran the ruler
        return own
    value = _answer(asked, token, key)
    return own if value is None else value


T = TypeVar("T")


def remembered(doc: Doc, name: str, make: Callable[[], T]) -> T:
    """What ``make()`` gives for this Doc, made once and kept on the Doc (``doc.user_data``
    under ``pipeline.<name>``): the one per-Doc memory the model room and extractors use, so
    what is worked out for an article lives and dies with its Doc."""
    key = f"pipeline.{name}"
    found = doc.user_data.get(key)
    if found is None:
        found = doc.user_data[key] = make()
    return found


def _answer(asked: _Asked, token: Token, key: str):
    """``asked.attr``, remembered per Doc: the extractors ask about a token twice on average."""
    answers = remembered(token.doc, "asked", dict)
    if (token.i, key) not in answers:
        answers[token.i, key] = asked.attr(token, key)
    return answers[token.i, key]


def lemma(token: Token) -> str:
    """``token.lemma_`` as the model's ruler and lemmatizer set it (the ruler's lemma wins:
    the lemmatizer does not overwrite). Sets the ruler's POS and morphology on this token,
    which the lemmatizer reads, as the ruler would have."""
    asked = _BY_VOCAB.get(token.vocab)
    if asked is None or token.lemma_:
        return token.lemma_
    lemmas = remembered(token.doc, "lemmas", dict)  # the facts room asks a sentence's lemmas per trigger
    found = lemmas.get(token.i)
    if found is None:
        found = lemmas[token.i] = _lemma(asked, token)
    return found


def lemma_among(token: Token, wanted: frozenset[str]) -> str | None:
    """``lemma(token)`` lower-cased when it is one of ``wanted`` (lower-case lemmas), else None;
    a word whose lemma cannot be one of them is never lemmatized. The English lemmatizer's
    rules only change a word's ending (``-ies`` -> ``-y``: at most one letter added), its
    exception table gives the rest (``bought`` -> ``buy``), and the ruler's lemmas are
    function words: so a word that starts with no wanted lemma less its last letter and is no
    listed exception of one is none of them. Looking for a few dozen lemmas among every noun
    and verb of a text (the facts room's triggers) lemmatized each; this asks for a few."""
    asked = _BY_VOCAB.get(token.vocab)
    if asked is not None and not token.lemma_ and not asked.may_be(token.lower_, wanted):
        return None
    found = lemma(token).lower()
    return found if found in wanted else None


def lemma_may(token: Token, test: Callable[[str], bool]) -> bool:
    """Whether ``lemma(token).lower()`` may pass ``test``: False only when no lemma the ruler or
    the lemmatizer could give the word passes it (``_Asked.possible``), so a reader can leave
    unlemmatized the words whose lemma cannot matter to it. True when the model is not asked."""
    asked = _BY_VOCAB.get(token.vocab)
    if asked is None or asked.lemmatizer.mode != "rule" or token.lemma_:
        return True
    return asked.may(token.lower_, test)


def _lemma(asked: _Asked, token: Token) -> str:
    ruled = _answer(asked, token, "LEMMA")
    if ruled is not None:
        return ruled
    token.pos_ = pos(token)
    morph = _answer(asked, token, "MORPH")
    if morph is not None:
        token.set_morph(morph)
    return asked.lemmatizer.lemmatize(token)[0]


def common_word(token: Token) -> bool:
    """Whether the token, lower-cased, is a noun or adjective in the model's lemmatizer index
    (WordNet's): ``Infrastructure``, ``Maritime`` are; ``Tesco`` is not. False without a lemmatizer."""
    asked = _BY_VOCAB.get(token.vocab)
    if asked is None:
        return False
    lower, nouns = token.lower_, asked.nouns()
    return (
        lower in nouns
        or lower.endswith("s")
        and lower[:-1] in nouns  # "Investors", "Workers"
        or lower.endswith("ies")
        and lower[:-3] + "y" in nouns  # "Utilities", "Properties"
    )


def parsed(doc: Doc, start: int, end: int) -> Span:
    """Tokens ``start:end`` of ``doc`` with heads and dependency labels: the same tokens in a
    copy of their sentences that the model's parser has parsed (once per Doc), or in ``doc``
    itself when its pipeline ran the parser."""
    parser = _PARSERS.get(doc.vocab)
    if parser is None or _has_parse(doc):
        return doc[start:end]
    first, last = _sentences(doc, start, end)
    copies = remembered(doc, "parsed", dict)
    if (first, last) not in copies:
        copies[first, last] = parser(_copy(doc, first, last))
    return copies[first, last][start - first : end - first]


def parse_ahead(asked: Iterable[tuple[Doc, Iterable[tuple[int, int]]]]) -> None:
    """Parse now, in one call of the parser, the sentences ``parsed`` will be asked about:
    characters ``(start, end)`` of each Doc. A batch of sentences costs about half as much
    per sentence as parsing each alone, and each gets the same parse."""
    parser, todo = None, {}
    for doc, spans in asked:
        parser = _PARSERS.get(doc.vocab)
        if parser is None or _has_parse(doc):
            return
        copies = remembered(doc, "parsed", dict)
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                key = _sentences(doc, span.start, span.end)
                if key not in copies:
                    todo[id(doc), key] = (copies, key, _copy(doc, *key))
    if todo:
        for (copies, key, _), done in zip(todo.values(), parser.pipe(c for _, _, c in todo.values())):
            copies[key] = done


def _has_parse(doc: Doc) -> bool:
    """Whether the pipeline ran the parser over ``doc``, read once per Doc: spaCy looks over
    every token for it, so asking per sentence parsed was quadratic in a long article."""
    return remembered(doc, "has parse", lambda: doc.has_annotation("DEP"))


def _sentences(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The tokens of the sentences holding tokens ``start:end``: the copy ``parsed`` parses."""
    return doc[start].sent.start, doc[max(end, start + 1) - 1].sent.end


def _copy(doc: Doc, start: int, end: int) -> Doc:
    """Tokens ``start:end`` as a Doc with what the parser reads (the embeddings in ``tensor``,
    the senter's sentence starts, which it keeps) and what is asked of them after (tags). Only
    those tokens are read: the whole Doc's array per sentence was quadratic in a long article."""
    tokens = doc[start:end]
    copy = Doc(doc.vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])
    copy.from_array([TAG, SENT_START], tokens.to_array([TAG, SENT_START]))
    copy.tensor = doc.tensor[start:end]
    return copy
