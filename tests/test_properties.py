"""Property tests (Hypothesis): the cleaner, each extractor and the whole extract step never
raise on arbitrary text or on mutations of the sample page, every record they return keeps
the invariants (pipeline/invariants.py), and each extractor call on 2,000 characters takes
under a second. CI runs the "ci" profile (200 examples per property); a long local run:
``python -m pytest tests/test_properties.py --hypothesis-profile=long``."""

import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.engines.process import extract
from pipeline.extractors import Context
from pipeline.extractors.registry import EXTRACTORS
from pipeline.input.clean import clean
from pipeline.records import Article, invariants, to_dict

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = (ROOT / "articles" / "000_0fe4684b8b822597.txt").read_text("utf8")
MAX_CHARS = 2000
CALL_SECONDS = 1.0
# What the mutations insert: the pieces extractors read, and the numbers that broke them.
PIECES = [
    "0",
    "7",
    "13",
    "2,000",
    "1,00,000",
    "25 000",
    "3.5",
    ".",
    ",",
    "$",
    "US$",
    "€",
    "£",
    "¥",
    "Rs",
    "A$",
    "HK$",
    "yuan",
    "dollars",
    "billion",
    "bn",
    "m",
    "crore",
    "lakh",
    "trillion",
    "square kilometers",
    "sq ft",
    "ha",
    "mu",
    "acres",
    "cents",
    "ping",
    "May",
    "march",
    "October 13",
    "Sept.",
    "2023",
    "1999",
    "Q3",
    "yesterday",
    "last year",
    "Monday",
    "Ltd",
    "Inc.",
    "Co.,",
    "Group",
    "University of",
    "Bank",
    "(",
    ")",
    "[",
    "]",
    "-",
    "–",
    "—",
    "/",
    " to ",
    " and ",
    "between",
    "around",
    "\n\n",
    "*",
    "**",
    "_",
    "#",
    "10^400",
    "1" + "0" * 400,
    "9" * 4400,
    "1e999",
    "$NaN",
    "NaN",
    "inf",
    "-5 ha",
    "\u00a0",
    "\u202f",
]
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=MAX_CHARS)


@st.composite
def mutated(draw) -> str:
    """A window of the sample page with pieces inserted, replaced or deleted."""
    start = draw(st.integers(0, len(SAMPLE) - 1))
    text = SAMPLE[start : start + draw(st.integers(1, MAX_CHARS))]
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "replace", "delete"]))
        piece = draw(st.sampled_from(PIECES)) if action != "delete" else ""
        cut = draw(st.integers(0, 5)) if action != "insert" else 0
        text = text[:at] + piece + text[at + cut :]
    return text


ANY_TEXT = st.one_of(TEXT, mutated())


@given(title=st.text(max_size=200), body=ANY_TEXT)
def test_cleaner_never_raises(title, body):
    out = clean(title, body)
    assert isinstance(out.text, str) and "\r" not in out.text


@pytest.fixture(scope="module", autouse=True)
def warm(config, nlp):
    """Tables, patterns and quantulum3's language modules (imported on the first spelled-out
    amount the common ones do not hold, as "three hundred and ten": 4.5 s here) load on first
    use; the one-second bound is for the calls after."""
    article = Article(
        "a",
        "T",
        None,
        date(2023, 10, 24),
        "s",
        "in.md",
        None,
        None,
        SAMPLE[:MAX_CHARS]
        + "\n\nTwo HK$ and twenty-five million dollars, three hundred and ten million dollars. "
        + " ".join(p for p in PIECES if len(p) < 100),
    )
    extract(nlp(article.text), article, config)


@given(text=ANY_TEXT, published=st.sampled_from([None, date(2023, 10, 24), date(1000, 1, 1), date(2200, 12, 31)]))
def test_extractors_never_raise_keep_invariants_and_finish_in_a_second(config, nlp, text, published):
    text = text[:MAX_CHARS]
    doc = nlp(text)
    context = Context(published=published, config=config, source="theage.com.au")
    for extractor in EXTRACTORS.values():
        tick = time.perf_counter()
        records = extractor(doc, context)
        seconds = time.perf_counter() - tick
        assert seconds < CALL_SECONDS, f"{extractor.__module__} took {seconds:.2f} s"
        kept, dropped = invariants.check([to_dict(r) for r in records], text)
        assert dropped == [], dropped


@given(text=ANY_TEXT)
def test_whole_extract_step_keeps_the_invariants(config, nlp, text):
    article = Article("a", "T", None, date(2023, 10, 24), "s", "in.md", None, None, text[:MAX_CHARS])
    records = extract(nlp(article.text), article, config)
    kept, dropped = invariants.check(records, article.text)
    assert dropped == [] and len(kept) == len(records)
    for rec in kept:
        if rec["type"] == "money" and isinstance(rec["value"], (int, float)) and rec["value"] > invariants.MONEY_MAX:
            assert "implausible" in rec["flags"]
