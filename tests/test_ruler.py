"""The anchored span ruler finds exactly what spaCy's SpanRuler finds with the same patterns."""

from pathlib import Path

import pytest
from spacy.pipeline import SpanRuler

from pipeline.config import load_config
from pipeline.input import iter_articles
from pipeline.model.nlp import load_nlp
from pipeline.model.ruler import longest
from pipeline.records import Article

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rulers():
    nlp = load_nlp(load_config(ROOT / "config.toml"))
    anchored = nlp.get_pipe("org_ruler")
    plain = SpanRuler(nlp, "plain", spans_key="plain", spans_filter=anchored.spans_filter)
    plain.add_patterns(anchored.patterns)
    return nlp, anchored, plain


def _both(rulers, texts):
    nlp, anchored, plain = rulers
    with nlp.select_pipes(disable=["org_ruler"]):
        docs = list(nlp.pipe(texts))
    return [([s.text for s in anchored.match(d)], [s.text for s in plain.match(d)]) for d in docs]


@pytest.mark.slow
def test_same_matches_as_span_ruler_on_the_corpus(rulers):
    config = load_config(ROOT / "config.toml")
    texts = [
        a.text
        for a in iter_articles([ROOT / "articles" / "dev", ROOT / "articles" / "000_0fe4684b8b822597.txt"], config)
        if isinstance(a, Article)
    ]
    pairs = _both(rulers, texts)
    assert sum(len(a) for a, _ in pairs) > 1000
    for anchored, plain in pairs:
        assert anchored == plain


@pytest.mark.parametrize(
    "text",
    [
        # Longest names at the very start and end of a text, and names the line breaks cut.
        "Shanghai (Nanxiang) Precision Medicine Industrial Park said so",
        "Investors backed Shanghai (Nanxiang Jiading Malu Waigang Anting Huating Xuhang) Precision Medicine Industrial Park",
        "the Ministry of Economy, Trade and Industry and the Ministry of Land, Infrastructure of the Pacific Islands",
        "Procter & Gamble Co and\nAcme Holdings Ltd., Inc. signed with Banco de Bogota SA",
        "2040 Ventures Fund, MedValley, Acme Bank and Technical University of Munich",
        "no names at all here, only words.",
    ],
)
def test_same_matches_at_edges(rulers, text):
    ((anchored, plain),) = _both(rulers, [text])
    assert anchored == plain
    if "names" not in text:
        assert anchored


@pytest.mark.parametrize(
    "pattern, tokens",
    [
        ([{"LOWER": "a"}], 1),
        ([{"LOWER": "a", "OP": "?"}, {"TEXT": "B"}], 2),
        ([{"TEXT": "A", "OP": "{0,8}"}, {"TEXT": "B"}, {"TEXT": "C", "OP": "{2}"}], 11),
    ],
)
def test_longest(pattern, tokens):
    assert longest(pattern) == tokens


@pytest.mark.parametrize("op", ["*", "+", "{2,}"])
def test_unbounded_repeats_are_refused(op):
    with pytest.raises(ValueError, match="unbounded"):
        longest([{"TEXT": "A", "OP": op}])
