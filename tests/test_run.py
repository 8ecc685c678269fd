"""The main job end to end: sample page -> outputs, bad input, the CLI, and the committed outputs."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.engines.run import run

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles" / "000_0fe4684b8b822597.txt"
A1 = "shanghai-medvalley-strengthens-jiadings-biopharma-sector"


@pytest.fixture(scope="module")
def sample_out(config, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = run([ROOT / "articles"], config, out=out, progress=False)
    return out, result


def _records(out, article):
    return json.loads((out / f"{article}.json").read_text())["records"]


def test_run_sample_writes_every_file(sample_out):
    out, result = sample_out
    assert result.articles == 3 and not result.failed
    names = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert names == sorted(
        [
            f"{A1}.json",
            "ambitious-plans-unveiled-at-precision-medicine-forum.json",
            "shanghai-intelligent-mobility-design-valley-commences-in-anting.json",
            "records.jsonl",
            "records.parquet",
            "facts.jsonl",
            "facts.parquet",
            "run.json",
        ]
    )
    run_json = json.loads((out / "run.json").read_text())
    assert run_json["this_run"] == {"processed": 3, "up_to_date": 0, "records": result.records}
    assert run_json["folder"] == {"articles": 3, "records": result.records}
    assert run_json["versions"]["spacy"] and run_json["config_digest"]
    assert run_json["timings"]["startup_s"] >= run_json["timings"]["load_data_s"] >= 0


def test_run_money_conversion_is_linked(sample_out):
    out, _ = sample_out
    money = {r["mentions"][0]["text"]: r for r in _records(out, A1) if r["type"] == "money"}
    cny, usd = money["100-billion-yuan"], money["US$13.7 billion"]
    assert (cny["value"], cny["currency"]) == (100_000_000_000, "CNY")
    assert (usd["value"], usd["currency"], usd["equivalent_of"]) == (13_700_000_000, "USD", cny["id"])


def test_run_mentions_point_into_cleaned_text(sample_out):
    out, _ = sample_out
    for path in out.glob("*.json"):
        if path.name == "run.json":
            continue
        data = json.loads(path.read_text())
        for rec in data["records"]:
            for m in rec["mentions"]:
                assert data["text"][m["start"] : m["end"]] == m["text"]
                assert m["text"] in m["sentence"]


@pytest.mark.slow
def test_run_committed_outputs_are_current(set_outputs):
    """Every change in extraction shows as a diff of outputs/ (every set): regenerate and compare."""
    for ds, out in set_outputs.values():
        for path in sorted(out.iterdir()):
            if path.name in ("run.json", "records.parquet", "facts.parquet") or path.name.startswith("."):
                continue
            committed = ds.output / path.name
            assert committed.is_file() and committed.read_text() == path.read_text(), (
                f"{committed.relative_to(ROOT)} is stale: run `pipeline run` and commit the diff"
            )


def test_run_walk_skips_other_sets_and_outputs(config, tmp_path):
    """articles/ holds dev/ and test/ sets and may hold an output folder: the sample run reads neither."""
    from dataclasses import replace

    from pipeline.config import DataSet
    from pipeline.input import read_articles

    (tmp_path / "dev").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "own.md").write_text("# Own article\n\nText.\n")
    (tmp_path / "dev" / "held.md").write_text("# Dev article\n\nText.\n")
    (tmp_path / "out" / "old.md").write_text("# Output\n\nText.\n")
    cfg = replace(
        config, sets={"dev": DataSet("dev", tmp_path / "dev", tmp_path / "o", tmp_path / "g")}, output=tmp_path / "out"
    )
    articles, _ = read_articles([tmp_path], cfg)
    assert [a.title for a in articles] == ["Own article"]
    articles, _ = read_articles([tmp_path / "dev"], cfg)
    assert [a.title for a in articles] == ["Dev article"]


def test_run_bad_inputs_are_reported_and_the_rest_goes_on(config, tmp_path):
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    (inp / "good.md").write_text("# Fudan University opens a lab\n\nIt opened on October 13, 2023.\n")
    (inp / "empty.txt").write_text("  \n\n")
    (inp / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (inp / "feed.jsonl").write_text('{"title": "Good line", "text": "It cost 5 million yuan."}\n{not json\n')
    (out).mkdir()
    (out / "keep.json").write_text("{}")
    result = run([inp, tmp_path / "missing.md"], config, out=out, progress=False)
    assert result.failed and result.articles == 2
    problems = json.loads((out / "run.json").read_text())["problems"]
    reasons = {(Path(p["path"]).name, p["line"]): p["message"] for p in problems}
    assert set(reasons) == {("empty.txt", None), ("binary.txt", None), ("feed.jsonl", 2), ("missing.md", None)}
    assert (out / "keep.json").read_text() == "{}"
    assert [r["value"] for r in _records(out, "good-line")] == [5_000_000]


def test_cli_reports_errors_without_traceback(tmp_path):
    runner = CliRunner()
    bad = tmp_path / "config.toml"
    bad.write_text("[model]\nname = 'no_such_model'\n")
    result = runner.invoke(app, ["run", "--config", str(bad)])
    assert result.exit_code == 2 and "[E004]" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["run", str(tmp_path / "nope.md"), "--out", str(tmp_path / "o"), "-q"])
    assert result.exit_code == 1 and "[E010]" in result.output
    result = runner.invoke(app, ["run", "--published", "yesterday"])
    assert result.exit_code == 2 and "[E021]" in result.output


def test_python_dash_m_runs(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0 and "run" in done.stdout and "evaluate" in done.stdout


def test_cli_evaluate_gate_and_problems(tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    assert runner.invoke(app, ["run", str(ROOT / "articles"), "--out", str(out), "-q"]).exit_code == 0
    result = runner.invoke(app, ["evaluate", "--outputs", str(out), "--min-f1", "0.95"])
    assert result.exit_code == 0 and "micro" in result.output
    assert (out / "evaluation.json").is_file()
    (out / f"{A1}.json").unlink()
    result = runner.invoke(app, ["evaluate", "--outputs", str(out)])
    assert result.exit_code == 1 and "[E032]" in result.output
    result = runner.invoke(app, ["evaluate", "--outputs", str(tmp_path / "none")])
    assert result.exit_code == 1 and "[E031]" in result.output and not (tmp_path / "none").exists()
