"""Area extraction, case tables by origin: sentence -> one row per record.

A row is (mention texts, value in m², unit as written, approximate, qualifier, min, max).
"""

from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.extractors import Context, registry


def extract(doc, context):
    """The area extractor as a run calls it: with the article's facts worked out first."""
    return registry.extract(doc, context, ["area"])


KM2 = 10**6

SAMPLE_PAGE = Path(__file__).resolve().parent.parent / "articles" / "000_0fe4684b8b822597.txt"

# From the sample page (000_0fe4684b8b822597), as clean.py leaves it.
SAMPLE = {
    "planned area": (
        "With a planned area of 2.2 square kilometers, the Shanghai MedValley consists of a core function area.",
        [(("2.2 square kilometers",), Decimal("2.2") * KM2, "square kilometers", False, None, None, None)],
    ),
    "mu with sqm in brackets": (
        "By 2025, land parcels totaling 200 mu (133,333 sqm) designated for industrial purposes will be launched.",
        [(("200 mu", "133,333 sqm"), Decimal("133334"), "mu", False, None, None, None)],
    ),
    "covering 1 square kilometer": (
        "Covering 1 square kilometer, the valley highlights auto shape.",
        [(("1 square kilometer",), KM2, "square kilometer", False, None, None, None)],
    ),
    "with an area of": (
        "The Shanghai International Automobile City, with an area of 100 square kilometers, boasts a complete industrial chain.",
        [(("100 square kilometers",), 100 * KM2, "square kilometers", False, None, None, None)],
    ),
}

# General forms: every unit, scale, qualifier and range.
GENERAL = {
    "square kilometres": (
        "It spans 3 square kilometres.",
        [(("3 square kilometres",), 3 * KM2, "square kilometres", False, None, None, None)],
    ),
    "km²": ("It spans 3 km².", [(("3 km²",), 3 * KM2, "km²", False, None, None, None)]),
    "km2": ("It spans 3 km2.", [(("3 km2",), 3 * KM2, "km2", False, None, None, None)]),
    "sq km": ("It spans 3 sq km.", [(("3 sq km",), 3 * KM2, "sq km", False, None, None, None)]),
    "square km": ("It spans 5 square km.", [(("5 square km",), 5 * KM2, "square km", False, None, None, None)]),
    "sq. km": ("It spans 3 sq. km.", [(("3 sq. km",), 3 * KM2, "sq. km", False, None, None, None)]),
    "square metres": (
        "A 5,000 square metres hall.",
        [(("5,000 square metres",), 5000, "square metres", False, None, None, None)],
    ),
    "square meters, million": (
        "It has 2.2 million square meters of floor space.",
        [(("2.2 million square meters",), 2200000, "square meters", False, None, None, None)],
    ),
    "hyphenated square meter": (
        "a 10,000-square-meter plant",
        [(("10,000-square-meter",), 10000, "square meter", False, None, None, None)],
    ),
    "sqm": ("A 500 sqm shop.", [(("500 sqm",), 500, "sqm", False, None, None, None)]),
    "m²": ("A 40 m² flat.", [(("40 m²",), 40, "m²", False, None, None, None)]),
    "m2": ("A 40 m2 flat.", [(("40 m2",), 40, "m2", False, None, None, None)]),
    "hectares": ("It covers 12 hectares.", [(("12 hectares",), 120000, "hectares", False, None, None, None)]),
    "hyphenated hectare": ("a 300-hectare site", [(("300-hectare",), 3000000, "hectare", False, None, None, None)]),
    "ha": ("It covers 12 ha.", [(("12 ha",), 120000, "ha", False, None, None, None)]),
    "acres": ("It covers 3 acres.", [(("3 acres",), Decimal("12140.57"), "acres", False, None, None, None)]),
    "square feet": (
        "A 1,000 square feet office.",
        [(("1,000 square feet",), Decimal("92.90"), "square feet", False, None, None, None)],
    ),
    "sq ft": ("A 1,000 sq ft office.", [(("1,000 sq ft",), Decimal("92.90"), "sq ft", False, None, None, None)]),
    "square miles": (
        "It spans 3 square miles.",
        [(("3 square miles",), Decimal("7769964.33"), "square miles", False, None, None, None)],
    ),
    "mu": ("It covers 30 mu.", [(("30 mu",), Decimal("20000.10"), "mu", False, None, None, None)]),
    "spelled out": ("It covers two hectares.", [(("two hectares",), 20000, "hectares", False, None, None, None)]),
    "around": ("It covers around 5 hectares.", [(("5 hectares",), 50000, "hectares", True, "around", None, None)]),
    "more than": (
        "It covers more than 5 hectares.",
        [(("5 hectares",), 50000, "hectares", True, "more than", None, None)],
    ),
    "nearly": ("It covers nearly 5 hectares.", [(("5 hectares",), 50000, "hectares", True, "nearly", None, None)]),
    "up to": ("It may cover up to 5 hectares.", [(("5 hectares",), 50000, "hectares", True, "up to", None, None)]),
    "range with to": (
        "It covers 2 to 3 square kilometers.",
        [(("2 to 3 square kilometers",), 2 * KM2, "square kilometers", False, None, 2 * KM2, 3 * KM2)],
    ),
    "range with hyphen": (
        "It covers 2-3 hectares.",
        [(("2-3 hectares",), 20000, "hectares", False, None, 20000, 30000)],
    ),
    "range with between": (
        "It covers between 2 and 3 hectares.",
        [(("between 2 and 3 hectares",), 20000, "hectares", False, None, 20000, 30000)],
    ),
    "range, unit twice": (
        "It covers 2 hectares to 3 hectares.",
        [(("2 hectares to 3 hectares",), 20000, "hectares", False, None, 20000, 30000)],
    ),
    "qualified range": (
        "It covers about 2 to 3 hectares.",
        [(("2 to 3 hectares",), 20000, "hectares", True, "about", 20000, 30000)],
    ),
}

# Must yield nothing.
NEGATIVES = {
    "km is a length": ("The line runs 5 km.", []),
    "kilometers is a length": ("The line runs 10 kilometers.", []),
    "cubic meters is a volume": ("It holds 100 cubic meters.", []),
    "m3 is a volume": ("It holds 500 m3.", []),
    "plain count": ("It hosts approximately 400 firms.", []),
    "Tiananmen Square": ("They met in Tiananmen Square.", []),
    "Square after a number": ("They met at 5 Square Road.", []),
    "ha not after a number": ("Ha, he said, ha ha.", []),
    "mu inside a word": ("It has 200 museums.", []),
    "money": ("It cost 100 billion yuan.", []),
}

# Bugs caught while building it.
BUGS = {
    "longest unit wins: sq mi is not sq m": (
        "It spans 3 sq mi.",
        [(("3 sq mi",), Decimal("7769964.33"), "sq mi", False, None, None, None)],
    ),
    "qualified restatement in brackets": (
        "It covers 200 mu (about 133,333 sqm).",
        [(("200 mu", "133,333 sqm"), Decimal("133334"), "mu", False, None, None, None)],
    ),
    "areas in a list are not a pair": (
        "Plots of 5 ha, 3 ha and 2 ha.",
        [
            (("5 ha",), 50000, "ha", False, None, None, None),
            (("3 ha",), 30000, "ha", False, None, None, None),
            (("2 ha",), 20000, "ha", False, None, None, None),
        ],
    ),
}


# The forms of issue 8 ("Money, area and dates on news from anywhere"), one row per form;
# factors from the table in defaults.toml (NIST SP 811 for imperial units).
SQFT = Decimal("0.09290304")
NEWS = {
    "hyphenated SF": (
        "a 420,000-SF warehouse",
        [(("420,000-SF",), Decimal("39019.28"), "sf", False, None, None, None)],
    ),
    "million sf": (
        "It has 2.3 million sf of offices.",
        [(("2.3 million sf",), Decimal("213676.99"), "sf", False, None, None, None)],
    ),
    "Mil SF": ("It has 1.8 Mil SF of space.", [(("1.8 Mil SF",), Decimal("167225.47"), "sf", False, None, None, None)]),
    "s.f.": ("It has 5,000 s.f. of retail.", [(("5,000 s.f.",), Decimal("464.52"), "s.f.", False, None, None, None)]),
    "sq.ft.": (
        "A 5,000 sq.ft. shop opened.",
        [(("5,000 sq.ft.",), Decimal("464.52"), "sq.ft.", False, None, None, None)],
    ),
    "sqft": ("A 1,200 sqft flat.", [(("1,200 sqft",), Decimal("111.48"), "sqft", False, None, None, None)]),
    "ft²": ("A 40 ft² booth.", [(("40 ft²",), Decimal("3.72"), "ft²", False, None, None, None)]),
    "m2": ("A 90 m2 flat.", [(("90 m2",), 90, "m2", False, None, None, None)]),
    "sq metres": ("A 30 sq metres room.", [(("30 sq metres",), 30, "sq metres", False, None, None, None)]),
    "square kilometres": (
        "It spans 4 square kilometres.",
        [(("4 square kilometres",), 4 * KM2, "square kilometres", False, None, None, None)],
    ),
    "ha": ("A 12 ha site.", [(("12 ha",), 120000, "ha", False, None, None, None)]),
    "dunams": ("It seized 300 dunams.", [(("300 dunams",), 300000, "dunams", False, None, None, None)]),
    "ping with a flat": (
        "He bought a 30-ping flat.",
        [(("30-ping",), Decimal("99.17"), "ping", False, None, None, None)],
    ),
    "tsubo": (
        "It bought a lot of 1,800 tsubo in Koshi.",
        [(("1,800 tsubo",), Decimal("5950.41"), "tsubo", False, None, None, None)],
    ),
    "cents of land": (
        "He bought 12 cents of land.",
        [(("12 cents",), Decimal("485.62"), "cents", False, None, None, None)],
    ),
    "plots of acres": (
        "It sold plots of 5 acres.",
        [(("5 acres",), Decimal("20234.28"), "acres", False, None, None, None)],
    ),
    "square yards": (
        "It has 300 square yards.",
        [(("300 square yards",), Decimal("250.84"), "square yards", False, None, None, None)],
    ),
    "spaced thousands": (
        "It spans 25 000 square metres.",
        [(("25 000 square metres",), 25000, "square metres", False, None, None, None)],
    ),
    "dunum spelling": (
        "It leased 40 dunums near the port.",
        [(("40 dunums",), 40000, "dunums", False, None, None, None)],
    ),
    "rai": ("A resort on a 25-rai plot.", [(("25-rai",), 40000, "rai", False, None, None, None)]),
    "rai restated in hectares": (
        "A 10-rai (1.6-hectare) site.",
        [(("10-rai", "1.6-hectare"), 16000, "rai", False, None, None, None)],
    ),
    "ngan": ("The house sits on 2 ngan.", [(("2 ngan",), 800, "ngan", False, None, None, None)]),
    "square wah": ("A plot of 50 square wah.", [(("50 square wah",), 200, "square wah", False, None, None, None)]),
    "by alone marks a change": (
        "The council cut the park by 3 hectares to 40 hectares.",
        [
            (("3 hectares",), 30000, "hectares", False, "by", None, None),
            (("40 hectares",), 400000, "hectares", False, None, None, None),
        ],
    ),
    "change is no range": (
        "The site grew by 2 hectares to 5 hectares.",
        [
            (("2 hectares",), 20000, "hectares", False, "by", None, None),
            (("5 hectares",), 50000, "hectares", False, None, None, None),
        ],
    ),
}

NEWS_NEGATIVES = {
    "price per square foot": ("Rent is $950 per square foot.", []),
    "price per sq ft glued": ("Rent is $950/sq ft.", []),
    "cents without land are money": ("It costs 50 cents.", []),
    "land later in the sentence": ("Gas was 50 cents a gigajoule; farm incomes rose.", []),
    "ping pong": ("They played 30 ping pong matches.", []),
    "km road": ("The 12-km road opened.", []),
    "sf alone": ("They flew to SF in 2019.", []),
    "rai without a number": ("Rai music filled the square.", []),
    "rai inside a word": ("It raised 30 raincoats and 5 railways.", []),
    "wah alone": ("He said 40 wah-wahs.", []),
    "dinars are money": ("It cost 40 dinars.", []),
}


def _cases(**tables):
    return [
        pytest.param(sentence, rows, id=f"{origin}: {name}")
        for origin, table in tables.items()
        for name, (sentence, rows) in table.items()
    ]


@pytest.fixture(scope="module")
def context(config):
    return Context(published=None, config=config)


@pytest.mark.parametrize(
    "sentence, rows",
    _cases(sample=SAMPLE, general=GENERAL, negative=NEGATIVES, bug=BUGS, news=NEWS, news_negative=NEWS_NEGATIVES),
)
def test_area(nlp, context, sentence, rows):
    records = extract(nlp(sentence), context)
    got = [
        (tuple(m.text for m in r.mentions), r.value, r.original["unit"], r.approximate, r.qualifier, r.min, r.max)
        for r in records
    ]
    assert got == rows
    assert all(r.unit == "m2" and isinstance(r.value, Decimal) for r in records)
    assert all(r.approximate is (r.qualifier not in (None, "by")) for r in records)


@pytest.mark.parametrize(
    "sentence, flags",
    [
        pytest.param("land parcels totaling 200 mu (133,333 sqm)", (), id="sample pair agrees"),
        pytest.param("land parcels totaling 200 mu (500,000 sqm)", ("conversion_mismatch",), id="pair disagrees"),
    ],
)
def test_area_conversion_pair_is_one_record(nlp, context, sentence, flags):
    (rec,) = extract(nlp(sentence), context)
    assert [m.text for m in rec.mentions] == ["200 mu", "133,333 sqm" if not flags else "500,000 sqm"]
    assert rec.value == Decimal("133334.00") and rec.flags == flags


def test_area_original_keeps_what_was_written(nlp, context):
    (single,) = extract(nlp("With a planned area of 2.2 square kilometers."), context)
    (ranged,) = extract(nlp("It covers 2-3 hectares."), context)
    assert single.original == {"value": Decimal("2.2"), "unit": "square kilometers"}
    assert ranged.original == {"value": 2, "max": 3, "unit": "hectares"}


def test_whole_sample_article(nlp, context):
    """Every area on the sample page, and nothing else."""
    text = SAMPLE_PAGE.read_text("utf8")
    text = text.replace("US\\$", "US$").replace("*mu*", "mu")  # what clean.py undoes: markdown escapes
    got = [(tuple(m.text for m in r.mentions), r.value) for r in extract(nlp(text), context)]
    assert got == [
        (("2.2 square kilometers",), 2200000),
        (("200 mu", "133,333 sqm"), 133334),
        (("1 square kilometer",), 1000000),
        (("100 square kilometers",), 100000000),
    ]


@pytest.mark.parametrize(
    "sentence, mentions",
    [
        pytest.param(
            "It will offer 1,200 mu of industrial land, roughly 80 hectares, in lots.",
            [["1,200 mu", "80 hectares"]],
            id="comma roughly",
        ),
        pytest.param(
            "It bought 200 acres, or about 81 hectares, near the port.",
            [["200 acres", "81 hectares"]],
            id="comma or about",
        ),
        pytest.param(
            "It leased 12 hectares, 30 acres and 5 mu.", [["12 hectares"], ["30 acres"], ["5 mu"]], id="a list"
        ),
        pytest.param("It leased 12 hectares, about 300 acres.", [["12 hectares"], ["300 acres"]], id="another size"),
    ],
)
def test_area_restated_after_a_comma_is_one_record(nlp, context, sentence, mentions):
    assert [[m.text for m in r.mentions] for r in extract(nlp(sentence), context)] == mentions


def test_feddans_are_egyptian_feddans(nlp, context):
    (rec,) = extract(nlp("It will farm 25,000 feddans of desert land."), context)
    assert rec.value == Decimal("105020750.00")


def test_an_amount_of_money_beside_an_area_lends_it_no_unit(nlp, context):
    records = extract(nlp("Approvals include Apex Ltd (Rs 1,120 crore, 35 acres at Hubballi)."), context)
    assert [(r.mentions[0].text, r.value) for r in records] == [("35 acres", Decimal("141639.97"))]
