"""Layout repair, one case table per repair; each case is (id, input body, expected)."""

import pytest

from pipeline.input.clean import Cleaned, clean


def body(text: str) -> str:
    """What clean makes of ``text`` as an article body, without the title."""
    return clean("Title", text).text.partition("\n\n")[2]


def cases(*rows):
    return pytest.mark.parametrize("given, expected", [r[1:] for r in rows], ids=[r[0] for r in rows])


# Markdown marks: from the sample page, then edge cases.
@cases(
    ("sample-dollar-escape", r"100-billion-yuan (US\$13.7 billion)", "100-billion-yuan (US$13.7 billion)"),
    ("sample-mu-emphasis", "200 *mu* (133,333 sqm)", "200 mu (133,333 sqm)"),
    ("underscore-emphasis", "a _b_ and __c__", "a b and c"),
    ("strong-emphasis", "the ***very*** end", "the very end"),
    ("nested-emphasis", "**bold *it* too**", "bold it too"),
    ("snake-case-kept", "file_name_here", "file_name_here"),
    ("arithmetic-stars-kept", "2 * 3 * 4", "2 * 3 * 4"),
    ("escaped-stars-literal", r"\*not emphasis\*", "*not emphasis*"),
    ("subheading-marker", "One.\n### Outlook\nTwo.", "One.\n\nOutlook\n\nTwo."),
    ("hashtag-kept", "#1 seed in C# land.", "#1 seed in C# land."),
)
def test_markdown_marks(given, expected):
    assert body(given) == expected


# Bylines: (id, body, byline, body left).
BYLINES = [
    ("sample-staff-bold", "**Staff Reporters** \n\nTHE city.", "Staff Reporters", "The city."),
    ("sample-two-names", "Yu Chao and Li Xinran\n\nIt rained.", "Yu Chao and Li Xinran", "It rained."),
    ("sample-one-name", "\nHu Min\n\nIt rained.", "Hu Min", "It rained."),
    ("by-prefix", "By Jane Doe\n\nIt rained.", "Jane Doe", "It rained."),
    ("by-prefix-soft-wrapped", "By Jane Doe\nIt rained.", "Jane Doe", "It rained."),
    ("staff-credit-lowercase", "By our staff reporter\n\nIt rained.", "our staff reporter", "It rained."),
    ("caption-credit-not-byline", "— Yu Chao\n\nIt rained.", None, "— Yu Chao\n\nIt rained."),
    (
        "caption-line-end-not-byline",
        "Jiading Skyline — Yu Chao\n\nIt rained.",
        None,
        "Jiading Skyline — Yu Chao\n\nIt rained.",
    ),
    ("sentence-not-byline", "Hu Min spoke.\n\nIt rained.", None, "Hu Min spoke.\n\nIt rained."),
    (
        "long-line-not-byline",
        "One Two Three Four Five Six Seven Eight Nine\n\nIt rained.",
        None,
        "One Two Three Four Five Six Seven Eight Nine\n\nIt rained.",
    ),
    ("by-year-not-byline", "By 2025, it will.\n\nIt rained.", None, "By 2025, it will.\n\nIt rained."),
    (
        "wrapped-first-line-not-byline",
        "Jiading District Government\nannounced a plan.",
        None,
        "Jiading District Government announced a plan.",
    ),
    ("subheading-not-byline", "### Outlook\n\nIt rained.", None, "Outlook\n\nIt rained."),
    ("empty-body", "", None, ""),
]


@pytest.mark.parametrize("given, byline, rest", [r[1:] for r in BYLINES], ids=[r[0] for r in BYLINES])
def test_byline(given, byline, rest):
    cleaned = clean("Title", given)
    assert (cleaned.byline, body(given)) == (byline, rest)


# Paragraphs split mid-sentence: all from the sample page except the last rows.
@cases(
    (
        "sample-scientific",
        "centers and scientific\n\nresearch institutes.",
        "centers and scientific research institutes.",
    ),
    ("sample-auto-shape", "auto shape and\n\nengineering design", "auto shape and engineering design"),
    ("sample-established", "will be established\n\nto promote", "will be established to promote"),
    ("sample-design-to", "innovation design to\n\nbuild smart", "innovation design to build smart"),
    (
        "sample-lost-end-stays-split",
        "running from October 16 to\n\nAt the forum",
        "running from October 16 to\n\nAt the forum",
    ),
    ("sentence-end-stays-split", "It ended.\n\nthen more", "It ended.\n\nthen more"),
    ("quote-after-period-stays-split", 'he said "soon."\n\nthen left', 'he said "soon."\n\nthen left'),
    (
        "caption-credit-stays",
        "District. — Yu Chao\n\nThe center opened.\n\n— Yu Chao",
        "District. — Yu Chao\n\nThe center opened.\n\n— Yu Chao",
    ),
    ("three-pieces", "a\n\nb\n\nc.", "a b c."),
)
def test_join_broken_paragraphs(given, expected):
    assert body(given) == expected


# Drop caps at the start of the body; acronyms must survive.
@cases(
    ("sample-the", "THE Shanghai MedValley, an integrated zone", "The Shanghai MedValley, an integrated zone"),
    ("sample-a-precision", "A PRECISION medicine forum", "A precision medicine forum"),
    ("short-acronym-in-run", "THE US economy grew", "The US economy grew"),
    ("run-without-table-word", "SHANGHAI HAS unveiled a plan", "Shanghai has unveiled a plan"),
    ("acronym-nasa", "NASA said it would", "NASA said it would"),
    ("acronym-byd", "BYD opened a plant", "BYD opened a plant"),
    ("acronym-us", "US officials said", "US officials said"),
    ("acronym-pair", "US FDA approved it", "US FDA approved it"),
    ("all-caps-sentence", "THE END OF AN ERA.", "THE END OF AN ERA."),
    ("only-first-paragraph", "It rose.\n\nTHE Shanghai plan", "It rose.\n\nTHE Shanghai plan"),
    ("after-byline", "Hu Min\n\nTHE valley opened", "The valley opened"),
)
def test_drop_cap(given, expected):
    assert body(given) == expected


# Whitespace: soft wraps, runs of spaces, blank-line runs, trailing spaces.
@cases(
    ("soft-wrap", "one\ntwo", "one two"),
    ("space-runs", "one   two\t three", "one two three"),
    ("many-newlines", "One.\n\n\n\nTwo.", "One.\n\nTwo."),
    ("blank-line-with-spaces", "One. \n  \nTwo.  ", "One.\n\nTwo."),
    ("crlf", "One.\r\n\r\nTwo.\r\nmore", "One.\n\nTwo. more"),
    ("glued-words-kept", "the fullchain ecosystem", "the fullchain ecosystem"),
)
def test_whitespace(given, expected):
    assert body(given) == expected


def test_text_is_title_blank_line_body():
    assert clean("## A *big* day ##", "Hu Min\n\nIt rained.") == Cleaned("A big day\n\nIt rained.", "Hu Min")


def test_title_only():
    assert clean("Headline", "  \n").text == "Headline"
