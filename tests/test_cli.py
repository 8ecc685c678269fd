"""Command-line conventions: --version, -h, -q/-v, flags without placeholders, messages that
read right, nothing written by a command that fails, and a run summary of what the folder holds."""

import json
import re
import shutil
from pathlib import Path

from typer.testing import CliRunner

from pipeline.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def test_version_and_short_help():
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and re.fullmatch(r"pipeline \d+\.\d+\.\d+\S*\n", version.output)
    for args in (["-h"], ["run", "-h"], ["evaluate", "-h"], ["review", "-h"], ["review", "export", "-h"]):
        shown = runner.invoke(app, args)
        assert shown.exit_code == 0 and "Usage:" in shown.output, args
        assert "<bool>" not in shown.output and "Example:" in shown.output, args


def test_either_or_message_reads_right(tmp_path):
    answer = runner.invoke(app, ["run", str(tmp_path), "--set", "dev"])
    assert answer.exit_code == 2 and "[E022] PATHS and --set: give one or the other, not both." in answer.output


def test_outside_a_project_nothing_is_written_and_no_table_of_zeros(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ran = runner.invoke(app, ["run"])
    assert ran.exit_code == 1 and "[E010]" in ran.output and list(tmp_path.iterdir()) == []
    scored = runner.invoke(app, ["evaluate"])
    assert scored.exit_code == 1 and "[E031]" in scored.output and "TP" not in scored.output
    assert list(tmp_path.iterdir()) == []


def test_run_summary_says_what_the_folder_holds(tmp_path):
    """A re-run that finds everything up to date still says what the folder holds, as run.json does."""
    out = tmp_path / "out"
    out.mkdir()
    for path in (ROOT / "outputs").glob("*.json"):
        shutil.copy(path, out / path.name)
    shutil.copy(ROOT / "outputs" / "records.jsonl", out / "records.jsonl")
    answer = runner.invoke(app, ["run", str(ROOT / "articles"), "--out", str(out)])
    assert answer.exit_code == 0, answer.output
    assert answer.output.startswith("3 up to date, 0 processed; ")
    assert f"{out}/ holds 3 articles, 28 records: 5 money, 4 area, 7 date, 12 organisation" in answer.output
    report = json.loads((out / "run.json").read_text())
    assert report["this_run"]["processed"] == 0 and report["folder"] == {
        "articles": 3,
        "records": {"money": 5, "area": 4, "date": 7, "organisation": 12},
    }
    quiet = runner.invoke(app, ["-q", "run", str(ROOT / "articles"), "--out", str(out)])
    assert quiet.exit_code == 0 and quiet.output == ""


def test_progress_bar_has_a_total_and_time_left(config, tmp_path, monkeypatch, capsys):
    """Issue 20: the bar read `75article [00:25, 2.98article/s]`, no total, no time left. The inputs
    are counted beside the run (up-to-date articles count as done); a PDF, countable only by
    reading it, makes the bar say why it has no total."""
    from pipeline.engines import run as runner_module

    monkeypatch.setattr(runner_module, "PROGRESS_DELAY", 0)
    monkeypatch.setattr(runner_module, "_COUNTED", runner_module._COUNTED.replace("{remaining}", "{remaining} left"))
    for n in range(3):
        (tmp_path / f"a{n}.md").write_text(f"## Article {n}\n\nAcme paid $5 million.", "utf8")
    (tmp_path / "feed.jsonl").write_text('{"title": "One", "text": "A."}\n\n{"title": "Two", "text": "B."}\n', "utf8")
    out = tmp_path / "out"
    runner_module.run([tmp_path], config, out=out, progress=True)
    bar = capsys.readouterr().err.replace("\r", "\n")
    assert "5/5 articles [" in bar and " left, " in bar, bar
    (out / "article-0.json").unlink()
    runner_module.run([tmp_path], config, out=out, progress=True)
    assert "5/5 articles [" in capsys.readouterr().err, "up-to-date articles are done too"
    (tmp_path / "page.pdf").write_bytes(b"%PDF-1.4 not really")
    runner_module.run([tmp_path], config, out=out, progress=True, force=True)
    assert "no total: a PDF's articles are known only when read" in capsys.readouterr().err
