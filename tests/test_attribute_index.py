"""The attribute ruler's rules indexed by the forms they name (``_Asked._candidates``), and
answers remembered by tag, text and dependency label, give the same answers as trying every
rule in order, on every token of the sample page, also when the memory is soon full."""

from pathlib import Path

import pytest

from pipeline.model import attributes
from pipeline.model.attributes import _BY_VOCAB, _holds

ROOT = Path(__file__).resolve().parent.parent


def _every_rule(asked, token, key):
    doc = token.doc
    for rule in reversed(asked.rules):
        first = token.i - rule.index
        if (
            key in rule.attrs
            and first >= 0
            and first + len(rule.tests) <= len(doc)
            and all(_holds(doc[first + n], tests) for n, tests in enumerate(rule.tests))
        ):
            return rule.attrs[key]
    return None


@pytest.mark.parametrize("remembered", [attributes.WORDS_REMEMBERED, 3])
def test_indexed_rules_answer_as_every_rule(nlp, monkeypatch, remembered):
    monkeypatch.setattr(attributes, "WORDS_REMEMBERED", remembered)
    doc = nlp((ROOT / "articles" / "000_0fe4684b8b822597.txt").read_text("utf8"))
    asked = _BY_VOCAB[nlp.vocab]
    asked._by_word.clear()
    for key in ("POS", "LEMMA", "MORPH"):
        assert [asked.attr(t, key) for t in doc] == [_every_rule(asked, t, key) for t in doc], key
