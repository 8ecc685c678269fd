"""The accuracy report: evaluation.html per set (its numbers are evaluation.json's), the history
every evaluation appends to, --summary, and the all-sets page; no script, nothing fetched."""

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.evaluation.report import HISTORY, REPORT, causes
from pipeline.evaluation.scoring import Evaluation

ROOT = Path(__file__).resolve().parent.parent
MEDVALLEY = "shanghai-medvalley-strengthens-jiadings-biopharma-sector"


@pytest.fixture
def scored(tmp_path):
    """The sample outputs and gold copied, one gold money record changed so there is a miss and a false positive."""
    out, gold = tmp_path / "out", tmp_path / "gold"
    shutil.copytree(ROOT / "outputs", out, ignore=shutil.ignore_patterns("dev", "test", "*.sqlite*", "evaluation*"))
    shutil.copytree(ROOT / "articles" / "gold", gold)
    path = gold / f"{MEDVALLEY}.json"
    data = json.loads(path.read_text())
    money = next(r for r in data["records"] if r["type"] == "money")
    money["value"] = money["value"] * 2
    path.write_text(json.dumps(data))
    return out, gold


def _cells(html: str, table: str) -> dict[tuple[str, str], str]:
    body = html.split(f'<table id="{table}">', 1)[1].split("</table>", 1)[0]
    cells = {}
    for row in re.finditer(r'<tr data-type="(\w+)">(.*?)</tr>', body, re.S):
        for k, v in re.findall(r'data-k="(\w+)">([^<]*)<', row.group(2)):
            cells[(row.group(1), k)] = v
    return cells


def test_report_numbers_are_evaluation_json_and_history_grows(scored):
    out, gold = scored
    for _ in range(2):
        answer = CliRunner().invoke(app, ["evaluate", "--outputs", str(out), "--gold", str(gold)])
        assert answer.exit_code == 0, answer.output
    report = json.loads((out / "evaluation.json").read_text())
    html = (out / REPORT).read_text()
    cells = _cells(html, "records")
    for kind, counts in [*report["types"].items(), ("micro", report["micro"])]:
        for k in ("tp", "fp", "fn"):
            assert int(cells[(kind, k)]) == counts[k], (kind, k)
        for k in ("precision", "recall", "f1"):
            assert float(cells[(kind, k)]) == pytest.approx(counts[k], abs=1e-4), (kind, k)
    assert report["types"]["money"]["fn"] == 1
    assert 'data-type="money" data-cause="wrong value"' in html  # the same words, another amount
    assert f'href="http://127.0.0.1:8765/article/{MEDVALLEY}"' in html
    assert "<script" not in html and "http" not in html.replace("http://127.0.0.1:8765/", "").replace(
        "http://www.w3.org/", ""
    )  # nothing loaded from a network
    assert html.count("<svg") == 2  # F1 per type, F1 over time
    history = [json.loads(line) for line in (out / HISTORY).read_text().splitlines()]
    assert len(history) == 2 and {"time", "commit", "model", "config_digest", "types"} <= set(history[-1])
    assert history[-1]["types"]["money"]["f1"] == report["types"]["money"]["f1"]


def test_summary_prints_only_the_tables(scored):
    out, gold = scored
    args = ["evaluate", "--outputs", str(out), "--gold", str(gold)]
    full = CliRunner().invoke(app, args).output
    brief = CliRunner().invoke(app, [*args, "--summary"]).output
    assert "Misses (in the gold, not found): 1" in full and "Misses" not in brief and "micro" in brief


def test_causes_tell_span_and_not_found():
    ev = Evaluation(
        (),
        {},
        {},
        misses=[
            {"article": "a", "type": "organisation", "value": "Acme", "text": "Acme"},
            {"article": "a", "type": "date", "value": "2024", "text": "2024"},
        ],
        false_positives=[{"article": "a", "type": "organisation", "value": "Acme Said", "text": "Acme Said"}],
    )
    assert [(r["kind"], r["type"], r["cause"]) for r in causes(ev)] == [
        ("miss", "date", "not found"),
        ("miss", "organisation", "span too long"),
        ("false positive", "organisation", "span too long"),
    ]
