"""Date extractor: case tables by origin, one parametrized test each."""
from datetime import date

import pytest

from pipeline.extractors import Context
from pipeline.extractors.dates import extract

PUBLISHED = date(2023, 10, 24)

# (sentence, expected [(value, end, qualifier)])
SAMPLE_PAGE = [
    ("It opened on October 13 in Malu Town.", [("2023-10-13", None, "on")]),
    ("By 2025, we hope to transform the zone.", [("2025", None, "by")]),
    ("In 2022, the total industrial production reached 23.58 billion yuan.", [("2022", None, "in")]),
    ("Since 2018, Fudan University has jointly built the park.", [("2018", None, "since")]),
    ("Shanghai's biopharma week running from October 16 to", [("2023-10-16", None, "from")]),
    ("It began operation on September 27, delivering a boost.", [("2023-09-27", None, "on")]),
]
GENERAL = [
    ("The fair runs from October 16 to 20.", [("2023-10-16", "2023-10-20", "from")]),
    ("The fair runs October 16-20, 2022.", [("2022-10-16", "2022-10-20", None)]),
    ("It runs from October 30 to November 2.", [("2023-10-30", "2023-11-02", "from")]),
    ("It opened on 3 March 2021.", [("2021-03-03", None, "on")]),
    ("It closed in May 2022.", [("2022-05", None, "in")]),
    ("Sales peaked in March of 2019.", [("2019-03", None, "in")]),
    ("It was signed on Oct. 5, 2020.", [("2020-10-05", None, "on")]),
    ("Filed 2023-10-05 and due 2030-06.", [("2023-10-05", None, None), ("2030-06", None, None)]),
    ("Between 2018 and 2020 it grew.", [("2018", "2020", "between")]),
    ("The plan covers 2021-2025.", [("2021", "2025", None)]),
    ("The rules apply until 2030.", [("2030", None, "until")]),
    ("As of 2024, it employs 300 people.", [("2024", None, "as of")]),
    ("It will open by the end of 2026.", [("2026", None, "by")]),
]
YEARLESS = [  # resolved to the year that puts the day nearest publication (2023-10-24)
    ("Talks resume on January 5.", [("2024-01-05", None, "on")]),
    ("It happened on December 30.", [("2023-12-30", None, "on")]),
    ("It happened on May 1.", [("2023-05-01", None, "on")]),
    ("Rates have not moved since December.", [("2023-12", None, "since")]),
    ("Sales fell in June.", [("2023-06", None, "in")]),
    ("The plant opens in February.", [("2024-02", None, "in")]),
]
NEGATIVES = [
    ("The suburban district is now home to 400 firms.", []),
    ("The annual industrial output will reach 10 billion yuan.", []),
    ("In the future, the center will focus on technology transfer.", []),
    ("In 2000 companies failed.", []),
    ("He paid 2025 yuan for it.", []),
    ("It has 2024 employees.", []),
    ("Nothing happened on February 30.", []),
    ("May I ask a question?", []),
    ("March on, they said.", []),
]


def _values(nlp, config, text, published=PUBLISHED):
    return [(r.value, r.end, r.qualifier) for r in extract(nlp(text), Context(published, config))]


@pytest.mark.parametrize("text,expected", SAMPLE_PAGE + GENERAL + YEARLESS + NEGATIVES,
                         ids=[c[0][:40] for c in SAMPLE_PAGE + GENERAL + YEARLESS + NEGATIVES])
def test_dates(nlp, config, text, expected):
    assert _values(nlp, config, text) == expected


def test_dates_year_never_padded_to_a_day(nlp, config):
    """dateparser's search_dates makes 'By 2025' 2025-10-24; the year stays a year."""
    assert _values(nlp, config, "By 2025, land parcels will be launched.") == [("2025", None, "by")]


@pytest.mark.parametrize("text,value", [("It opened on October 13.", "XXXX-10-13"), ("It opened in May.", "XXXX-05")])
def test_dates_yearless_without_publication_date_is_flagged(nlp, config, text, value):
    [rec] = extract(nlp(text), Context(None, config))
    assert (rec.value, rec.flags) == (value, ("year_unknown",))


def test_dates_mention_points_at_the_words(nlp, config):
    text = "It opened on October 13 in Malu Town."
    [rec] = extract(nlp(text), Context(PUBLISHED, config))
    m = rec.mentions[0]
    assert (m.text, text[m.start:m.end], m.sentence) == ("October 13", "October 13", text)
