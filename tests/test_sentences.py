"""Sentences come from the model's senter, with two rules of ours: a line break ends a
sentence, and no sentence starts inside a word."""

import pytest

from pipeline.extractors import mention

CASES = [
    # text, the sentences expected
    (
        "Acme buys Beta for $5 million\n\nThe deal closed on Monday.",
        ["Acme buys Beta for $5 million", "The deal closed on Monday."],
    ),
    (
        "Acme buys Beta for $5 million. The deal closed on Monday.",
        ["Acme buys Beta for $5 million.", "The deal closed on Monday."],
    ),
    # The senter alone starts one at "-" here.
    (
        "Sales rose yesterday. Pre-tax profit came in at $5 million.",
        ["Sales rose yesterday.", "Pre-tax profit came in at $5 million."],
    ),
    (
        "Sales rose yesterday. Pre- and post-tax profit fell.",
        ["Sales rose yesterday.", "Pre- and post-tax profit fell."],
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_sentences(nlp, text, expected):
    assert [s.text.strip() for s in nlp(text).sents] == expected


def test_a_mention_in_a_headline_has_the_headline_as_its_sentence(nlp):
    doc = nlp("Acme buys Beta for $5 million\n\nThe deal closed on Monday.")
    assert mention(doc, 0, 4).sentence == "Acme buys Beta for $5 million"
