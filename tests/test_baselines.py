"""Each library, used as-is, turns a known sentence into the expected record."""

import json
import logging

import pytest

from pipeline.evaluation.baselines import baseline_predictions, evaluate_baselines
from pipeline.evaluation.scoring import render_comparison

TEXT = (
    "In 2022, the district's output reached 23.58 billion yuan. "
    "The park opened on October 13 next to Fudan University. It covers 2.2 square kilometers."
)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("outputs")
    article = {"article": {"id": "p", "published": "2023-10-24"}, "text": TEXT, "records": []}
    (folder / "p.json").write_text(json.dumps(article), "utf8")
    return folder


@pytest.fixture(scope="module")
def records(outputs, config):
    return baseline_predictions(outputs, config)["p"]


def found(records, kind, value):
    return [r for r in records if r["type"] == kind and r["value"] == value]


def test_quantulum_money(records):
    (rec,) = found(records, "money", 23580000000)
    assert rec["currency"] == "CNY"
    assert rec["mentions"][0]["text"] == "23.58 billion yuan"
    assert rec["mentions"][0]["sentence"] == "In 2022, the district's output reached 23.58 billion yuan."


def test_quantulum_area_in_square_metres(records):
    (rec,) = [r for r in records if r["type"] == "area"]
    assert rec["value"] == pytest.approx(2_200_000)
    assert rec["original"] == {"value": 2.2, "unit": "square kilometre"}


def test_dateparser_day_relative_to_publication(records):
    (rec,) = found(records, "date", "2023-10-13")
    assert "October 13" in rec["mentions"][0]["text"]


def test_spacy_org(records):
    assert found(records, "organisation", "Fudan University")


def test_quantulum_leaves_logging_alone(outputs, config, monkeypatch):
    monkeypatch.setattr(logging.getLogger(), "handlers", [])
    baseline_predictions(outputs, config)
    assert logging.getLogger().handlers == []


def test_baselines_scored_with_the_same_matcher(outputs, config, tmp_path):
    gold = {
        "article": "p",
        "records": [
            {"type": "money", "value": 23580000000, "currency": "CNY", "text": "23.58 billion yuan"},
            {"type": "organisation", "value": "Fudan University", "text": "Fudan University"},
        ],
    }
    (tmp_path / "p.json").write_text(json.dumps(gold), "utf8")
    ev = evaluate_baselines(outputs, tmp_path, config)
    assert (ev.counts["money"].tp, ev.counts["money"].fn) == (1, 0)
    assert ev.counts["organisation"].tp == 1
    assert "library alone" in render_comparison({"library alone": ev})
