"""Money extraction, case tables by origin: sentence -> one row per record.

A row is (mention text, value, currency, approximate, qualifier, min, max).
"""
import logging
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.extractors import Context
from pipeline.extractors.money import extract

B = 10**9
M = 10**6

SAMPLE_PAGE = Path(__file__).resolve().parent.parent / "articles" / "000_0fe4684b8b822597.txt"

# From the sample page (000_0fe4684b8b822597), as clean.py leaves it.
SAMPLE = {
    "hyphenated yuan with US$ conversion": ("it is the newest addition to Jiading's master development plan for its 100-billion-yuan (US$13.7 billion) biopharmaceutical industry.",
        [("100-billion-yuan", 100 * B, "CNY", False, None, None, None), ("US$13.7 billion", Decimal("13.7") * B, "USD", False, None, None, None)]),
    "around 10 billion yuan": ("the annual industrial output within the MedValley will reach around 10 billion yuan.",
        [("10 billion yuan", 10 * B, "CNY", True, "around", None, None)]),
    "decimal billions; firm count ignored": ("the suburban district, which is now home to approximately 400 biopharmaceutical and medical equipment firms, reached 23.58 billion yuan.",
        [("23.58 billion yuan", Decimal("23.58") * B, "CNY", False, None, None, None)]),
    "billions of yuan": ("the high-performance medical equipment and precision medicine clusters worth billions of yuan.",
        [("billions of yuan", None, "CNY", True, "billions of", None, None)]),
}

# General forms: every currency word and symbol, scale, qualifier, range and vague form.
GENERAL = {
    "RMB before": ("It raised RMB 5 billion.", [("RMB 5 billion", 5 * B, "CNY", False, None, None, None)]),
    "RMB after": ("It raised 5 billion RMB.", [("5 billion RMB", 5 * B, "CNY", False, None, None, None)]),
    "CNY before": ("It raised CNY 300 million.", [("CNY 300 million", 300 * M, "CNY", False, None, None, None)]),
    "renminbi": ("It raised 2 trillion renminbi.", [("2 trillion renminbi", 2 * 10**12, "CNY", False, None, None, None)]),
    "US$": ("It cost US$2.5 million.", [("US$2.5 million", Decimal("2.5") * M, "USD", False, None, None, None)]),
    "bare $": ("It cost $40,000.", [("$40,000", 40000, "USD", False, None, None, None)]),
    "$ glued m": ("It cost $5m.", [("$5m", 5 * M, "USD", False, None, None, None)]),
    "$ glued k": ("It cost $20k.", [("$20k", 20000, "USD", False, None, None, None)]),
    "$ glued bn": ("It cost $3bn.", [("$3bn", 3 * B, "USD", False, None, None, None)]),
    "USD before": ("It cost USD 7 million.", [("USD 7 million", 7 * M, "USD", False, None, None, None)]),
    "dollars": ("It cost 4 million dollars.", [("4 million dollars", 4 * M, "USD", False, None, None, None)]),
    "US dollars": ("It cost 4 million US dollars.", [("4 million US dollars", 4 * M, "USD", False, None, None, None)]),
    "U.S. dollars": ("It cost 4 million U.S. dollars.", [("4 million U.S. dollars", 4 * M, "USD", False, None, None, None)]),
    "hyphenated dollar": ("a 10-million-dollar deal", [("10-million-dollar", 10 * M, "USD", False, None, None, None)]),
    "HK$ beats $": ("It cost HK$8 billion.", [("HK$8 billion", 8 * B, "HKD", False, None, None, None)]),
    "Hong Kong dollars": ("It cost 8 billion Hong Kong dollars.", [("8 billion Hong Kong dollars", 8 * B, "HKD", False, None, None, None)]),
    "euro sign": ("It cost €1.2 billion.", [("€1.2 billion", Decimal("1.2") * B, "EUR", False, None, None, None)]),
    "euros": ("It cost 12 million euros.", [("12 million euros", 12 * M, "EUR", False, None, None, None)]),
    "EUR after": ("It cost 12 mln EUR.", [("12 mln EUR", 12 * M, "EUR", False, None, None, None)]),
    "pound sign": ("It cost £3 million.", [("£3 million", 3 * M, "GBP", False, None, None, None)]),
    "pounds": ("It cost 3 thousand pounds.", [("3 thousand pounds", 3000, "GBP", False, None, None, None)]),
    "pounds sterling": ("It cost 9 bn pounds sterling.", [("9 bn pounds sterling", 9 * B, "GBP", False, None, None, None)]),
    "yen": ("It cost 500 million yen.", [("500 million yen", 500 * M, "JPY", False, None, None, None)]),
    "yen sign, no China": ("Tokyo paid ¥500 million.", [("¥500 million", 500 * M, "JPY", False, None, None, None)]),
    "yen sign in a Chinese article": ("Beijing paid ¥500 million.", [("¥500 million", 500 * M, "CNY", False, None, None, None)]),
    "spelled out": ("It cost two billion yuan.", [("two billion yuan", 2 * B, "CNY", False, None, None, None)]),
    "spelled hyphenated": ("It cost twenty-five million dollars.", [("twenty-five million dollars", 25 * M, "USD", False, None, None, None)]),
    "a billion": ("It cost a billion yuan.", [("a billion yuan", B, "CNY", False, None, None, None)]),
    "about": ("It cost about 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "about", None, None)]),
    "nearly": ("It cost nearly 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "nearly", None, None)]),
    "almost": ("It cost almost $3 billion.", [("$3 billion", 3 * B, "USD", True, "almost", None, None)]),
    "approximately": ("It cost approximately 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "approximately", None, None)]),
    "roughly": ("It cost roughly 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "roughly", None, None)]),
    "some": ("It cost some 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "some", None, None)]),
    "over": ("It cost over 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "over", None, None)]),
    "More than, capitalised": ("More than 3 billion yuan was spent.", [("3 billion yuan", 3 * B, "CNY", True, "more than", None, None)]),
    "less than": ("It cost less than 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "less than", None, None)]),
    "under": ("It cost under 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "under", None, None)]),
    "up to": ("It may cost up to 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "up to", None, None)]),
    "at least": ("It cost at least 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "at least", None, None)]),
    "at most": ("It cost at most 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "at most", None, None)]),
    "as much as": ("It cost as much as 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "as much as", None, None)]),
    "close to": ("It cost close to 3 billion yuan.", [("3 billion yuan", 3 * B, "CNY", True, "close to", None, None)]),
    "range with to": ("It will cost 2 to 3 billion yuan.", [("2 to 3 billion yuan", 2 * B, "CNY", False, None, 2 * B, 3 * B)]),
    "range with hyphen": ("It will cost 2-3 billion yuan.", [("2-3 billion yuan", 2 * B, "CNY", False, None, 2 * B, 3 * B)]),
    "range with between": ("It will cost between 2 and 3 billion yuan.", [("between 2 and 3 billion yuan", 2 * B, "CNY", False, None, 2 * B, 3 * B)]),
    "range with two symbols": ("It will cost $2 billion to $3 billion.", [("$2 billion to $3 billion", 2 * B, "USD", False, None, 2 * B, 3 * B)]),
    "range with two scales": ("It will cost 2 billion to 3 billion yuan.", [("2 billion to 3 billion yuan", 2 * B, "CNY", False, None, 2 * B, 3 * B)]),
    "range, symbol once": ("It will cost $2-3 billion.", [("$2-3 billion", 2 * B, "USD", False, None, 2 * B, 3 * B)]),
    "qualified range": ("It will cost roughly 2 to 3 billion yuan.", [("2 to 3 billion yuan", 2 * B, "CNY", True, "roughly", 2 * B, 3 * B)]),
    "millions of dollars": ("They spent millions of dollars.", [("millions of dollars", None, "USD", True, "millions of", None, None)]),
    "hundreds of millions": ("They spent hundreds of millions of yuan.", [("hundreds of millions of yuan", None, "CNY", True, "hundreds of millions of", None, None)]),
    "qualified conversion": ("It raised 10 billion yuan (about US$1.4 billion).",
        [("10 billion yuan", 10 * B, "CNY", False, None, None, None), ("US$1.4 billion", Decimal("1.4") * B, "USD", True, "about", None, None)]),
}

# Must yield nothing.
NEGATIVES = {
    "firm count": ("The district is home to approximately 400 firms.", []),
    "people": ("The country has 10 billion people.", []),
    "years": ("By 2025, we hope to finish; in 2022 output grew.", []),
    "percentage": ("Output grew 5% and then 10 percent.", []),
    "One Axis": ('It features "One Axis, One Town, Two Valleys, and Two Zones."', []),
    "area": ("It covers 2.2 square kilometers and 200 mu (133,333 sqm).", []),
    "pound as weight": ("He weighs 180 pounds.", []),
    "bare scale": ("It has 5 million users and a 3m pole.", []),
}

# Bugs caught while building it.
BUGS = {
    "year then dollar sign": ("In 2022 $5 billion was spent.", [("$5 billion", 5 * B, "USD", False, None, None, None)]),
    "from-to is a change, not a range": ("Output rose from 2 to 3 billion yuan.",
        [("2", 2 * B, "CNY", False, None, None, None), ("3 billion yuan", 3 * B, "CNY", False, None, None, None)]),
    "amount then a count is no range": ("It gave $5 billion to 30 firms.", [("$5 billion", 5 * B, "USD", False, None, None, None)]),
    "between two spelled numbers": ("It cost between two and three billion yuan.",
        [("between two and three billion yuan", 2 * B, "CNY", False, None, 2 * B, 3 * B)]),
    "falling amounts are no range": ("It cut 5 billion yuan to 3 billion yuan.",
        [("5 billion yuan", 5 * B, "CNY", False, None, None, None), ("3 billion yuan", 3 * B, "CNY", False, None, None, None)]),
}


def _cases(**tables):
    return [pytest.param(sentence, rows, id=f"{origin}: {name}")
            for origin, table in tables.items() for name, (sentence, rows) in table.items()]


@pytest.fixture(scope="module")
def context(config):
    return Context(published=None, config=config)


@pytest.mark.parametrize("sentence, rows", _cases(sample=SAMPLE, general=GENERAL, negative=NEGATIVES, bug=BUGS))
def test_money(nlp, context, sentence, rows):
    got = [(r.mentions[0].text, r.value, r.currency, r.approximate, r.qualifier, r.min, r.max)
           for r in extract(nlp(sentence), context)]
    assert got == rows
    assert all(isinstance(row[1], Decimal) for row in got if row[1] is not None)


def test_money_hyphenated_scale(nlp, context):
    """100-billion-yuan once came out as 500,000,050 (quantulum3 on the whole phrase)."""
    (rec, _) = extract(nlp("its 100-billion-yuan (US$13.7 billion) biopharmaceutical industry"), context)
    assert rec.value == Decimal(100000000000) and rec.currency == "CNY"


def test_conversion_points_to_its_amount(nlp, context):
    first, second = extract(nlp("its 100-billion-yuan (US$13.7 billion) industry"), context)
    assert first.equivalent_of is None
    assert second.equivalent_of == first.key()
    assert [m.text for m in second.mentions] == ["US$13.7 billion"]


def test_mention_offsets_and_sentence(nlp, context):
    doc = nlp("Output was flat. It will reach around 10 billion yuan.")
    (rec,) = extract(doc, context)
    (m,) = rec.mentions
    assert doc.text[m.start:m.end] == m.text == "10 billion yuan"
    assert m.sentence == "It will reach around 10 billion yuan."


def test_spelled_numbers_leave_logging_alone(nlp, context, monkeypatch):
    """quantulum3's parse() calls logging.basicConfig, which only acts on a root logger without handlers."""
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    assert extract(nlp("It cost seventy-seven million yuan."), context)[0].value == 77 * M
    assert root.handlers == []


def test_whole_sample_article(nlp, context):
    """Every amount on the sample page, and nothing else (years, counts, "One Axis")."""
    text = SAMPLE_PAGE.read_text("utf8")
    text = text.replace("US\\$", "US$").replace("*mu*", "mu")  # what clean.py undoes: markdown escapes
    got = [(r.mentions[0].text, r.value, r.currency) for r in extract(nlp(text), context)]
    assert got == [("100-billion-yuan", 100 * B, "CNY"), ("US$13.7 billion", Decimal("13.7") * B, "USD"),
                   ("10 billion yuan", 10 * B, "CNY"), ("23.58 billion yuan", Decimal("23.58") * B, "CNY"),
                   ("billions of yuan", None, "CNY")]
