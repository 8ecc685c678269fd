"""The attribute ruler, lemmatizer and parser are not run; asked per token, they answer as if they had."""

import pytest

from pipeline.extractors import parsed_from
from pipeline.extractors.dates import to_parse
from pipeline.model.attributes import _BY_VOCAB, dep, lemma, lemma_among, lemma_may, parse_ahead, parsed, pos, tag
from pipeline.model.nlp import bare_pipeline

PARSED = "pipeline.parsed"  # where attributes.remembered keeps the parsed sentences of a Doc

# Sentences that reach the ruler's token exceptions: aux `had`/`has`/`'d`, `that` as a
# relative pronoun and as a mark, `there is` (a two-token pattern), `not`, whitespace,
# an indefinite pronoun, and lemmas from the lemmatizer (`expected`, `planned`, `having`).
TEXTS = [
    "The plant, which had been expected to open in May, has had delays since it was planned.",
    "She'd said that there is a deal that they would sign, but it wasn't signed.\n\n  Nothing happened.",
    "Having raised $5 million, Acme Group aims to list in 2027; it doesn't plan to sell.",
    "I'd have gone. They've been planning it and we ain't done.  He is due to report on Tuesday.",
]


@pytest.fixture(scope="module")
def full(config, nlp):
    """The model as shipped: every component but the senter run."""
    full = bare_pipeline(config.model)
    full.tokenizer.infix_finditer = nlp.tokenizer.infix_finditer
    return full


@pytest.fixture(scope="module")
def pairs(full, nlp):
    """Each text run by the whole model, and the same text's tokens as the extractors read them."""
    return [(ran, parsed(doc, 0, len(doc))) for ran, doc in zip(full.pipe(TEXTS), nlp.pipe(TEXTS))]


def test_the_ruler_lemmatizer_and_parser_are_loaded_not_run(nlp):
    assert not {"attribute_ruler", "lemmatizer", "parser"} & set(nlp.pipe_names)
    assert {"attribute_ruler", "lemmatizer", "parser"} <= set(nlp.disabled)


def test_sentences_are_parsed_once_and_only_when_asked(nlp):
    doc = nlp("Acme said it would open in May. Beta Corp rose on Tuesday.")
    assert {t.dep_ for t in doc} == {""} and doc[0].sent.end == 8
    first = parsed(doc, 5, 7)
    assert [t.text for t in first] == ["in", "May"] and first[1].head.text == "in" and first.root.dep_ == "prep"
    assert parsed(doc, 0, 1).doc is first.doc, "one copy per sentence"
    assert len(first.doc) == 8 and parsed(doc, 9, 10).doc is not first.doc


def test_sentences_parsed_ahead_in_one_batch_parse_as_one_at_a_time(nlp):
    alone, ahead = list(nlp.pipe(TEXTS)), list(nlp.pipe(TEXTS))
    asked = [(doc, [(3, 9), *((s.start_char, s.end_char) for s in doc.sents)]) for doc in ahead]  # one twice
    parse_ahead(asked)
    copies = [doc.user_data[PARSED] for doc in ahead]
    assert [len(c) for c in copies] == [len(list(doc.sents)) for doc in ahead]
    for one, batched in zip(alone, ahead):
        for sent in one.sents:
            a, b = parsed(one, sent.start, sent.end), parsed(batched, sent.start, sent.end)
            assert [(t.i, t.head.i, t.dep_) for t in a] == [(t.i, t.head.i, t.dep_) for t in b], sent.text
    assert [doc.user_data[PARSED] for doc in ahead] == copies, "nothing parsed again when asked"


@pytest.mark.parametrize(
    "text, spans",
    [
        ("It will open on May 4.", ["May 4"]),  # no year: its tense places it
        ("It opened on May 4, 2021.", []),  # the year places it
        ("Talks resume in June.", ["June"]),
        ("Talks resumed in June 2020.", []),
        ("Results are due on Tuesday.", ["Tuesday"]),
        ("Results came last Tuesday.", []),  # `last` places it
        ("It closed yesterday.", []),
        ("Sales in 2019 fell.", []),
    ],
)
def test_the_dates_whose_tense_is_read_are_parsed_ahead(nlp, text, spans):
    doc = parsed_from(nlp(text), text)
    assert [text[s:e] for s, e in to_parse(doc)] == spans


def test_without_a_parse_the_ruler_answers_as_over_unparsed_tokens(config, nlp):
    unparsed = bare_pipeline(config.model, exclude=("parser", "senter"))
    text = TEXTS[0]
    assert [pos(t) for t in nlp(text)] == [t.pos_ for t in unparsed(text)]


@pytest.mark.parametrize("name, read, own", [("pos", pos, "pos_"), ("tag", tag, "tag_"), ("dep", dep, "dep_")])
def test_every_token_reads_as_after_the_ruler(pairs, name, read, own):
    for ran, asked in pairs:
        assert [read(t) for t in asked] == [getattr(t, own) for t in ran], name


def test_without_the_ruler_the_tokens_carry_no_pos(nlp):
    assert {t.pos_ for t in nlp("Acme Group had planned to open.")} == {""}, "the accessor, not the token, answers"


def test_every_token_lemma_is_the_models(pairs):
    for ran, asked in pairs:
        assert [lemma(t) for t in asked] == [t.lemma_ for t in ran]


def test_lemma_among_skips_only_words_that_cannot_be_one_of_the_lemmas(full, nlp):
    """Exactly the tokens whose model lemma is wanted are found, irregular forms included,
    and a word that cannot be one is never lemmatized."""
    wanted = frozenset({"buy", "sell", "win", "study", "plan", "raise", "acquisition", "lend"})
    texts = [
        *TEXTS,
        "Acme bought Beta, sold its studies, won and lent; Gamma buys, plans and raised funds in acquisitions.",
    ]
    for ran, doc in zip(full.pipe(texts), nlp.pipe(texts)):
        expected = [t.lemma_.lower() if t.lemma_.lower() in wanted else None for t in ran]
        assert [lemma_among(t, wanted) for t in doc] == expected
    doc = nlp("Officials toured the harbour.")
    assert [lemma_among(t, wanted) for t in doc] == [None] * 5
    assert "pipeline.lemmas" not in doc.user_data or not doc.user_data["pipeline.lemmas"]


def test_a_doc_from_a_pipeline_that_ran_the_ruler_reads_its_own_attributes(pairs):
    ran = pairs[0][0]
    assert [pos(t) for t in ran] == [t.pos_ for t in ran] and [lemma(t) for t in ran] == [t.lemma_ for t in ran]
    assert parsed(ran, 0, 3).doc is ran, "its own parse"


def test_the_models_own_lemmatizer_is_left_as_loaded(nlp):
    """The extractors ask a copy whose index tables are sets; the model keeps its lists."""
    own = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    asked = _BY_VOCAB[nlp.vocab].lemmatizer.lookups.get_table("lemma_index")
    assert all(isinstance(v, list) for v in own.values()) and all(isinstance(v, frozenset) for v in asked.values())
    assert {k: sorted(v) for k, v in own.items()} == {k: sorted(v) for k, v in asked.items()}


def test_lemma_may_says_no_only_when_the_models_lemma_fails_the_test(full, nlp):
    """A word whose lemma ``lemma_may`` rules out never has it: irregular forms and the ruler's
    own lemmas (``wo`` -> ``will``, ``'d`` -> ``would``) included."""
    tests = [
        lambda f: f in {"will", "would", "be", "buy", "study"},
        lambda f: f.endswith("call") or f.startswith("off"),
        lambda f: f.endswith("ing"),
    ]
    texts = [*TEXTS, "They'll sign; we won't. She'd recall officials who walked away, bought studies and is studying."]
    ruled_out = 0
    for ran, doc in zip(full.pipe(texts), nlp.pipe(texts)):
        for want, asked in zip(ran, doc):
            for test in tests:
                if not lemma_may(asked, test):
                    ruled_out += 1
                    assert not test(want.lemma_.lower()), (want.text, want.lemma_)
    assert ruled_out > 100, "most words are ruled out"
