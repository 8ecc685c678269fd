"""Export: decisions -> gold files that `pipeline evaluate` reads, merged into existing gold;
or the decision log as JSONL / CSV."""

import csv
import json

import pytest

from pipeline.errors import PipelineError
from pipeline.evaluation import scoring as ev
from pipeline.review.app import Review
from pipeline.review.export import export

MEDVALLEY = "shanghai-medvalley-strengthens-jiadings-biopharma-sector"
WHAT = "its 100-billion-yuan (US$13.7 billion) biopharmaceutical industry"  # the MedValley plan's text role


@pytest.fixture
def reviewed(review_copy, tmp_path, as_reviewed):
    """The sample outputs with four decisions on the MedValley article, and an empty gold folder."""
    out, config = review_copy
    config = as_reviewed(config, out, tmp_path / "gold")
    review = Review.load(out, config, "ann")
    entries = {(e["record"]["type"], e["record"]["value"]): e for e in review.article_view(MEDVALLEY)["entries"]}

    def decide(fact, action, **fields):
        review.decide(
            {
                "article": MEDVALLEY,
                "key": entries[fact]["key"],
                "action": action,
                "version": 0,
                "fields": fields,
                "note": "checked" if action == "accept" else "",
            }
        )

    decide(("money", 100000000000), "accept")
    decide(("date", "2025"), "reject")
    decide(("area", 2200000), "correct", value="2300000")
    text = review.articles[MEDVALLEY].text
    start = text.index("Malu Town")
    review.add(
        {
            "article": MEDVALLEY,
            "start": start,
            "end": start + len("Malu Town"),
            "type": "organisation",
            "fields": {"value": "Malu Town Council"},
        }
    )
    review.store.close()
    return out, config


def _gold(config):
    gold, problems = ev.load_gold(config.gold)
    assert problems == []
    return gold


def _facts(records):
    return {(r["type"], r["value"]) for r in records}


def test_export_writes_gold_that_evaluate_reads(reviewed):
    out, config = reviewed
    report = export(config, out, None, "gold", force=False)
    assert report.conflicts == [] and report.written == [config.gold / f"{MEDVALLEY}.json"]
    records = _gold(config)[MEDVALLEY]
    assert _facts(records) == {("money", 100000000000), ("area", 2300000), ("organisation", "Malu Town Council")}
    accepted = next(r for r in records if r["type"] == "money")
    assert accepted["currency"] == "CNY" and accepted["text"] == "100-billion-yuan" and accepted["note"] == "checked"
    assert accepted["review"]["by"] == "ann" and accepted["review"]["action"] == "accept"
    added = next(r for r in records if r["type"] == "organisation")
    assert added["text"] == "Malu Town"
    assert any("[W040]" in w and "never decided" in w for w in report.warnings)
    assert ev.evaluate(out, config.gold).problems == []


def test_export_merges_into_existing_gold(reviewed):
    out, config = reviewed
    config.gold.mkdir()
    untouched = {"type": "date", "value": "2023-10-13", "text": "October 13", "note": "kept by hand"}
    confirmed = {"type": "money", "value": 100000000000, "currency": "CNY", "text": "100-billion-yuan", "note": "mine"}
    (config.gold / f"{MEDVALLEY}.json").write_text(
        json.dumps({"article": MEDVALLEY, "records": [untouched, confirmed]})
    )
    report = export(config, out, None, "gold", force=False)
    assert report.conflicts == []
    records = _gold(config)[MEDVALLEY]
    assert untouched in records and confirmed in records  # kept as written, not doubled
    assert sum(1 for r in records if r["type"] == "money") == 1
    assert ("area", 2300000) in _facts(records)


@pytest.mark.parametrize(
    "gold_record, review",
    [
        ({"type": "date", "value": "2025", "text": "2025"}, "rejected date 2025"),
        ({"type": "area", "value": 2200000, "text": "2.2 square kilometers"}, "corrected area 2200000 to area 2300000"),
    ],
    ids=["gold-record-rejected", "gold-record-corrected"],
)
def test_export_conflict_needs_force(reviewed, gold_record, review):
    out, config = reviewed
    config.gold.mkdir()
    path = config.gold / f"{MEDVALLEY}.json"
    path.write_text(json.dumps({"article": MEDVALLEY, "records": [gold_record]}))
    report = export(config, out, None, "gold", force=False)
    assert len(report.conflicts) == 1 and "[E046]" in report.conflicts[0] and review in report.conflicts[0]
    assert "--force" in report.conflicts[0] and report.written == []
    assert json.loads(path.read_text())["records"] == [gold_record]  # untouched
    forced = export(config, out, None, "gold", force=True)
    assert forced.written == [path] and gold_record not in _gold(config)[MEDVALLEY]


def test_export_leaves_stale_decisions_out(reviewed):
    out, config = reviewed
    path = out / f"{MEDVALLEY}.json"
    data = json.loads(path.read_text())
    data["text"] += " Edited."
    path.write_text(json.dumps(data))
    report = export(config, out, None, "gold", force=False)
    assert report.written == [] and any("[W041] 4 decision(s)" in w for w in report.warnings)


def test_export_malformed_gold_is_not_overwritten(reviewed):
    out, config = reviewed
    config.gold.mkdir()
    path = config.gold / f"{MEDVALLEY}.json"
    path.write_text("{not json")
    report = export(config, out, None, "gold", force=True)
    assert any("[E049]" in c for c in report.conflicts) and path.read_text() == "{not json"


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_decision_log(reviewed, tmp_path, fmt):
    out, config = reviewed
    target = tmp_path / f"log.{fmt}"
    export(config, out, target, fmt, force=False)
    if fmt == "jsonl":
        rows = [json.loads(line) for line in target.read_text().splitlines()]
    else:
        rows = list(csv.DictReader(target.open()))
    assert [r["action"] for r in rows] == ["accept", "reject", "correct", "add"]
    assert all(r["reviewer"] == "ann" and r["time"] for r in rows)


def test_export_csv_formula_injection_is_neutralised(review_copy, tmp_path, as_reviewed):
    """Issue 21: a note "=HYPERLINK(...)" was written unchanged, and a spreadsheet runs it."""
    out, config = review_copy
    config = as_reviewed(config, out, tmp_path / "gold")
    review = Review.load(out, config, "ann")
    entry = review.article_view(MEDVALLEY)["entries"][0]
    note = '=HYPERLINK("http://evil.example","click")'
    review.decide(
        {"article": MEDVALLEY, "key": entry["key"], "action": "accept", "version": 0, "fields": {}, "note": note}
    )
    target = tmp_path / "log.csv"
    export(config, out, target, "csv", force=False)
    (row,) = csv.DictReader(target.open())
    assert row["note"] == "'" + note


def test_export_without_database_or_with_unknown_format(review_copy):
    out, config = review_copy
    with pytest.raises(PipelineError, match=r"\[E048\] no review database"):
        export(config, out, None, "gold", force=False)
    with pytest.raises(PipelineError, match=r"\[E048\] --format 'xml'"):
        export(config, out, None, "xml", force=False)


def _decide_fact(out, config, action, **fields):
    review = Review.load(out, config, "bob")
    it = review.article_view(MEDVALLEY)["facts"][0]
    review.decide_fact({"article": MEDVALLEY, "key": it["key"], "action": action, "version": 0, "fields": fields})
    review.store.close()


def test_export_writes_reviewed_facts_that_evaluate_scores(reviewed):
    """An accepted fact is written with its roles named by the gold records' text; the area was
    corrected (the gold holds another value) and the body never decided: both are left out, with
    a warning, so that evaluate can read every role it finds."""
    from pipeline.evaluation.facts import evaluate_facts

    out, config = reviewed
    _decide_fact(out, config, "accept")
    report = export(config, out, None, "gold", force=False)
    facts = json.loads((config.gold / f"{MEDVALLEY}.json").read_text())["facts"]
    assert [(f["type"], f["roles"], f["status"]) for f in facts] == [
        ("plan", {"amount": "100-billion-yuan", "what": WHAT}, "planned")  # a text role as its text
    ]
    assert facts[0]["review"]["by"] == "bob" and facts[0]["trigger"] == "plan"
    assert (
        any("2 fact role(s) left out" in w for w in report.warnings) and "1 fact(s) from the review" in report.summary
    )
    scored = evaluate_facts(out, config.gold)
    assert scored is not None and scored.roles["plan.amount"].tp == 1


def test_export_of_a_corrected_fact_and_existing_gold_facts_kept(reviewed):
    out, config = reviewed
    config.gold.mkdir()
    mine = {"type": "plan", "trigger": "plans", "roles": {"body": "Jiading"}}
    (config.gold / f"{MEDVALLEY}.json").write_text(json.dumps({"article": MEDVALLEY, "records": [], "facts": [mine]}))
    _decide_fact(out, config, "correct", roles={"area": ""}, status="agreed")
    export(config, out, None, "gold", force=False)
    facts = json.loads((config.gold / f"{MEDVALLEY}.json").read_text())["facts"]
    assert facts[0] == mine and facts[1]["status"] == "agreed" and facts[1]["review"]["action"] == "correct"
    assert facts[1]["roles"] == {"amount": "100-billion-yuan", "what": WHAT}


def test_export_of_records_keeps_the_gold_files_facts(reviewed):
    out, config = reviewed
    config.gold.mkdir()
    mine = {"type": "plan", "trigger": "plans", "roles": {}}
    (config.gold / f"{MEDVALLEY}.json").write_text(json.dumps({"article": MEDVALLEY, "records": [], "facts": [mine]}))
    export(config, out, None, "gold", force=False)
    assert json.loads((config.gold / f"{MEDVALLEY}.json").read_text())["facts"] == [mine]
