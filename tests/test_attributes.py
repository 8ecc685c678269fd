"""The attribute ruler and lemmatizer are not run; asked per token, they answer as if they had."""
import pytest
import spacy

from pipeline.attributes import dep, lemma, pos, tag

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
def pairs(config, nlp):
    full = spacy.load(config.model, exclude=["senter"])
    full.tokenizer.infix_finditer = nlp.tokenizer.infix_finditer
    return list(zip(full.pipe(TEXTS), nlp.pipe(TEXTS)))


def test_the_ruler_and_lemmatizer_are_loaded_not_run(nlp):
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert {"attribute_ruler", "lemmatizer"} <= set(nlp.disabled)


@pytest.mark.parametrize("name, read, own", [("pos", pos, "pos_"), ("tag", tag, "tag_"), ("dep", dep, "dep_")])
def test_every_token_reads_as_after_the_ruler(pairs, name, read, own):
    for ran, asked in pairs:
        assert [read(t) for t in asked] == [getattr(t, own) for t in ran], name


def test_without_the_ruler_the_tokens_carry_no_pos(nlp):
    assert {t.pos_ for t in nlp("Acme Group had planned to open.")} == {""}, "the accessor, not the token, answers"


def test_every_token_lemma_is_the_models(pairs):
    for ran, asked in pairs:
        assert [lemma(t) for t in asked] == [t.lemma_ for t in ran]


def test_a_doc_from_a_pipeline_that_ran_the_ruler_reads_its_own_attributes(pairs):
    ran = pairs[0][0]
    assert [pos(t) for t in ran] == [t.pos_ for t in ran] and [lemma(t) for t in ran] == [t.lemma_ for t in ran]
