"""Scoring against gold: the matcher, exact counts on a small folder pair, mention spans, problems."""

import json
from pathlib import Path

import pytest

from pipeline.evaluation.scoring import (
    agrees,
    evaluate,
    gold_spans,
    render,
    render_comparison,
    score,
    write_report,
)


def money(value, currency="CNY", **extra):
    return {"type": "money", "value": value, "currency": currency, **extra}


# ---- the matcher -----------------------------------------------------------------------

MATCHER_CASES = [
    # money: currency, 0.5% relative tolerance, vague amounts, ranges
    pytest.param(money(100), money(100), True, id="money-same"),
    pytest.param(money(100, "USD"), money(100, "CNY"), False, id="money-currency-mismatch"),
    pytest.param(money(100.4), money(100), True, id="money-0.4%-within"),
    pytest.param(money(100.6), money(100), False, id="money-0.6%-outside"),
    pytest.param(money(None), money(None), True, id="money-vague-both-null"),
    pytest.param(money(None), money(100), False, id="money-null-vs-number"),
    pytest.param(money(100, max=200), money(100, max=200), True, id="money-range-same-max"),
    pytest.param(money(100), money(100, max=200), False, id="money-range-max-missing"),
    # area: 1% relative tolerance
    pytest.param({"type": "area", "value": 1009}, {"type": "area", "value": 1000}, True, id="area-0.9%-within"),
    pytest.param({"type": "area", "value": 1011}, {"type": "area", "value": 1000}, False, id="area-1.1%-outside"),
    # dates: same ISO string at the same granularity
    pytest.param(
        {"type": "date", "value": "2023-10-13"}, {"type": "date", "value": "2023-10-13"}, True, id="date-same"
    ),
    pytest.param(
        {"type": "date", "value": "2025-10-24"}, {"type": "date", "value": "2025"}, False, id="date-granularity"
    ),
    pytest.param(
        {"type": "date", "value": "2023-10-16"},
        {"type": "date", "value": "2023-10-16", "end": "2023-10-20"},
        False,
        id="date-range-end-missing",
    ),
    # organisations: case, leading "the", whitespace
    pytest.param(
        {"type": "organisation", "value": "the Fudan University"},
        {"type": "organisation", "value": "fudan university"},
        True,
        id="org-the-and-case",
    ),
    pytest.param(
        {"type": "organisation", "value": "Fudan\n  University"},
        {"type": "organisation", "value": "Fudan University"},
        True,
        id="org-whitespace",
    ),
    pytest.param(
        {"type": "organisation", "value": "Fudan"},
        {"type": "organisation", "value": "Fudan University"},
        False,
        id="org-shorter-name",
    ),
]


@pytest.mark.parametrize("pred, gold, expected", MATCHER_CASES)
def test_matcher(pred, gold, expected):
    assert agrees(pred, gold) is expected


# ---- exact counts on a folder pair -----------------------------------------------------

TEXTS = {
    "a": "Fudan University paid 100 yuan for 2 hectares in 2025. The Ruijin Hospital paid 50 dollars.",
    "b": "Shanghai MedValley opened on October 13.",
    "c": "Nobody labelled this one.",
}


def predicted(article, kind, value, surface, **extra):
    """A record as the pipeline writes it, with one mention of ``surface``."""
    text = TEXTS[article]
    start = text.index(surface)
    mention = {"text": surface, "start": start, "end": start + len(surface), "sentence": text}
    return {"article": article, "id": f"{article}:{kind}", "type": kind, "value": value, **extra, "mentions": [mention]}


def write_output(folder: Path, article: str, records: list) -> None:
    data = {"article": {"id": article, "published": "2023-10-24"}, "text": TEXTS[article], "records": records}
    (folder / f"{article}.json").write_text(json.dumps(data), "utf8")


def write_gold(folder: Path, article: str, records: list) -> None:
    (folder / f"{article}.json").write_text(json.dumps({"article": article, "records": records}), "utf8")


@pytest.fixture
def folders(tmp_path):
    outputs, gold = tmp_path / "outputs", tmp_path / "gold"
    outputs.mkdir()
    gold.mkdir()
    write_output(
        outputs,
        "a",
        [
            predicted("a", "money", 100, "100 yuan", currency="CNY"),  # TP
            predicted("a", "money", 50, "50 dollars", currency="CNY"),  # FP (currency), gold FN
            predicted("a", "area", 20000, "2 hectares", unit="m2"),  # TP
            predicted("a", "date", "2025-01-01", "2025"),  # FP (granularity), gold FN
            predicted("a", "organisation", "Fudan University", "Fudan University"),  # TP
            predicted("a", "organisation", "Jiading", "paid"),  # FP; Ruijin Hospital FN
        ],
    )
    write_gold(
        gold,
        "a",
        [
            {"type": "money", "value": 100, "currency": "CNY", "text": "100 yuan"},
            {"type": "money", "value": 50, "currency": "USD", "text": "50 dollars"},
            {"type": "area", "value": 20000, "unit": "m2", "text": "2 hectares"},
            {"type": "date", "value": "2025", "text": "2025"},
            {"type": "organisation", "value": "Fudan University", "text": "Fudan University"},
            {"type": "organisation", "value": "Ruijin Hospital", "text": "Ruijin Hospital"},
        ],
    )
    write_output(
        outputs,
        "b",
        [
            predicted("b", "date", "2023-10-13", "October 13"),  # TP
            predicted("b", "organisation", "the Shanghai MedValley", "Shanghai MedValley"),  # TP
        ],
    )
    write_gold(
        gold,
        "b",
        [
            {"type": "date", "value": "2023-10-13", "text": "October 13"},
            {"type": "organisation", "value": "Shanghai MedValley", "text": "Shanghai MedValley"},
        ],
    )
    write_output(outputs, "c", [predicted("c", "organisation", "Nobody", "Nobody")])
    (outputs / "run.json").write_text("{}", "utf8")
    (outputs / "evaluation.json").write_text("{}", "utf8")
    return outputs, gold


def test_counts_by_type(folders):
    ev = evaluate(*folders)
    counts = {kind: (c.tp, c.fp, c.fn) for kind, c in ev.counts.items()}
    assert counts == {"money": (1, 1, 1), "area": (1, 0, 0), "date": (1, 1, 1), "organisation": (2, 1, 1)}
    org = ev.counts["organisation"].scores
    assert (org.precision, org.recall, org.f1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert ev.counts["area"].scores.f1 == 1.0


def test_micro_and_macro(folders):
    ev = evaluate(*folders)
    assert (ev.micro.tp, ev.micro.fp, ev.micro.fn) == (5, 3, 3)
    assert ev.micro_f1 == pytest.approx(5 / 8)
    assert ev.macro.f1 == pytest.approx((0.5 + 1 + 0.5 + 2 / 3) / 4)


def test_articles_unscored_and_non_article_files(folders):
    ev = evaluate(*folders)
    assert ev.articles == ("a", "b")
    assert ev.unscored == ["c"]
    assert ev.problems == []


def test_misses_and_false_positives_say_where(folders):
    ev = evaluate(*folders)
    misses = {(m["article"], m["text"]) for m in ev.misses}
    assert misses == {("a", "50 dollars"), ("a", "2025"), ("a", "Ruijin Hospital")}
    ruijin = next(m for m in ev.misses if m["text"] == "Ruijin Hospital")
    assert ruijin["sentence"] == "The Ruijin Hospital paid 50 dollars."
    wrong = {(f["article"], f["type"], f["value"]) for f in ev.false_positives}
    assert wrong == {("a", "money", 50), ("a", "date", "2025-01-01"), ("a", "organisation", "Jiading")}
    shown = render(ev)
    assert "Ruijin Hospital" in shown and "The Ruijin Hospital paid 50 dollars." in shown
    assert "50 CNY" in shown


def test_report_and_comparison(folders, tmp_path):
    ev = evaluate(*folders)
    write_report(ev, tmp_path / "evaluation.json")
    saved = json.loads((tmp_path / "evaluation.json").read_text("utf8"))
    assert saved["micro"]["tp"] == 5 and saved["micro"]["f1"] == 0.625
    table = render_comparison({"pipeline": ev, "library alone": ev})
    assert table.splitlines()[0] == "| F1 | pipeline | library alone |"
    assert "| area | 1.000 | 1.000 |" in table


# ---- optional gold ---------------------------------------------------------------------

VAGUE = {"type": "money", "value": None, "currency": "CNY", "text": "billions of yuan", "optional": True}
SURE = {"type": "money", "value": 100, "currency": "CNY", "text": "100 yuan"}


def counts(predictions, gold_records):
    ev = score({"a": predictions}, {"a": gold_records}, {"a": TEXTS["a"]})
    return ev.counts["money"].tp, ev.counts["money"].fp, ev.counts["money"].fn


def test_optional_gold_neither_rewarded_nor_punished():
    vague_prediction = predicted("a", "money", None, "yuan", currency="CNY")
    sure_prediction = predicted("a", "money", 100, "100 yuan", currency="CNY")
    assert counts([sure_prediction, vague_prediction], [SURE, VAGUE]) == (1, 0, 0)
    assert counts([sure_prediction], [SURE, VAGUE]) == (1, 0, 0)
    assert counts([sure_prediction, vague_prediction], [SURE]) == (1, 1, 0)


def test_required_gold_matched_before_optional():
    optional_twin = {**SURE, "optional": True}
    assert counts([predicted("a", "money", 100, "100 yuan", currency="CNY")], [optional_twin, SURE]) == (1, 0, 0)


# ---- mention level ---------------------------------------------------------------------

SPAN_TEXT = "Shanghai MedValley Industrial Park and MedValley opened on October 13 in Jiading."
SPAN_GOLD = [
    {
        "type": "organisation",
        "value": "Shanghai MedValley Industrial Park",
        "text": "Shanghai MedValley Industrial Park",
    },
    {"type": "organisation", "value": "Shanghai MedValley", "text": "Shanghai MedValley", "mentions": ["MedValley"]},
    {"type": "date", "value": "2023-10-13", "text": "October 13"},
]


def span_record(kind, value, *surfaces):
    starts = [SPAN_TEXT.index(s, 10 if s == "MedValley" else 0) for s in surfaces]
    return {
        "type": kind,
        "value": value,
        "mentions": [
            {"text": s, "start": b, "end": b + len(s), "sentence": SPAN_TEXT} for s, b in zip(surfaces, starts)
        ],
    }


SPAN_PREDICTIONS = [
    span_record("organisation", "Shanghai MedValley", "Shanghai MedValley", "MedValley"),  # partial, strict
    span_record("date", "2023-10-13", "on October 13"),  # partial
    span_record("organisation", "Jiading", "Jiading"),  # wrong
]


def test_gold_spans_drop_occurrences_inside_a_longer_gold_span():
    required, optional = gold_spans({"x": SPAN_GOLD}, {"x": SPAN_TEXT})
    assert required == {("x", "organisation", 0, 34), ("x", "organisation", 39, 48), ("x", "date", 59, 69)}
    assert optional == set()


def test_strict_and_partial_mention_scores():
    ev = score({"x": SPAN_PREDICTIONS}, {"x": SPAN_GOLD}, {"x": SPAN_TEXT})
    org, date, every = ev.mentions["organisation"], ev.mentions["date"], ev.mentions["all"]
    assert (org.gold, org.predicted) == (2, 3)
    assert (org.strict.precision, org.strict.recall) == pytest.approx((1 / 3, 1 / 2))
    assert (org.partial.precision, org.partial.recall) == pytest.approx((2 / 3, 1))
    assert (date.strict.f1, date.partial.f1) == (0.0, 1.0)
    assert (every.strict.precision, every.strict.recall) == pytest.approx((1 / 4, 1 / 3))
    assert (every.partial.precision, every.partial.recall) == pytest.approx((3 / 4, 1))


def test_spans_of_optional_gold_are_ignored():
    jiading = {"type": "organisation", "value": "Jiading", "text": "Jiading", "optional": True}
    ev = score({"x": SPAN_PREDICTIONS}, {"x": SPAN_GOLD + [jiading]}, {"x": SPAN_TEXT})
    org = ev.mentions["organisation"]
    assert (org.gold, org.strict.precision, org.partial.precision) == (2, 1 / 2, 1.0)


# ---- problems: messages, never a traceback ----------------------------------------------

BAD_GOLD = [
    pytest.param('{"article": "a", "records": [', "bad JSON", id="bad-json"),
    pytest.param('{"article": "a"}', "missing 'records'", id="no-records"),
    pytest.param('{"records": [{"value": 1, "text": "1"}]}', "record 1: no 'type'", id="no-type"),
    pytest.param(
        '{"records": [{"type": "person", "value": "Jin Li", "text": "Jin Li"}]}',
        "unknown type 'person'",
        id="unknown-type",
    ),
    pytest.param('{"records": [{"type": "area", "text": "2 ha"}]}', "'value' of a area record", id="no-value"),
    pytest.param(
        '{"records": [{"type": "date", "value": "October 13", "text": "October 13"}]}', "ISO date", id="date-not-iso"
    ),
    pytest.param(
        '{"records": [{"type": "date", "value": "2025-13-45", "text": "45/13/2025"}]}',
        "ISO date",
        id="date-iso-shaped-but-no-such-day",
    ),
    pytest.param(
        '{"records": [{"type": "date", "value": "2025-02-29", "text": "29 Feb 2025"}]}',
        "ISO date",
        id="date-not-a-leap-year",
    ),
    pytest.param(
        '{"records": [{"type": "date", "value": "2025-W53", "text": "week 53"}]}',
        "ISO date",
        id="date-week-the-year-lacks",
    ),
    pytest.param('{"records": [{"type": "money", "value": 1, "currency": "CNY"}]}', "'text'", id="no-text"),
    pytest.param('{"article": "zz", "records": []}', "'article' is 'zz'", id="article-not-file-name"),
]


@pytest.mark.parametrize("content, reason", BAD_GOLD)
def test_malformed_gold_is_a_problem_and_the_rest_is_scored(folders, content, reason):
    outputs, gold = folders
    (gold / "a.json").write_text(content, "utf8")
    ev = evaluate(outputs, gold)
    assert len(ev.problems) == 1
    assert ev.problems[0].startswith("[E030]") and "a.json" in ev.problems[0] and reason in ev.problems[0]
    assert ev.articles == ("b",)
    assert ev.micro_f1 == 1.0


def test_gold_without_output(folders):
    outputs, gold = folders
    (outputs / "b.json").unlink()
    ev = evaluate(outputs, gold)
    assert ev.articles == ("a",)
    assert len(ev.problems) == 1 and "b.json" in ev.problems[0]


@pytest.mark.parametrize("missing", ["outputs", "gold"])
def test_missing_folder(folders, missing):
    outputs, gold = folders
    paths = {"outputs": outputs, "gold": gold}
    paths[missing] = paths[missing].parent / "nowhere"
    ev = evaluate(paths["outputs"], paths["gold"])
    assert ev.problems == [f"[E031] {paths[missing]}: no such folder."]
    assert ev.articles == ()
    assert "Problems" in render(ev)


def test_unreadable_output_is_a_problem(folders):
    outputs, gold = folders
    (outputs / "broken.json").write_text("{", "utf8")
    ev = evaluate(outputs, gold)
    assert len(ev.problems) == 1 and ev.problems[0].startswith("[E011]") and "broken.json" in ev.problems[0]
    assert ev.articles == ("a", "b")
