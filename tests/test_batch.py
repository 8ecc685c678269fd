"""Batch runs: incremental skips, --force, --prune, Parquet, the folder lock, worker processes,
and a run killed half-way that the next run completes to the same outputs."""

import json
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.engines.run import run
from pipeline.errors import PipelineError
from pipeline.input import read_articles
from pipeline.outputs import files
from pipeline.outputs.index import article_files

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles" / "000_0fe4684b8b822597.txt"


def _articles(folder: Path, copies: int) -> Path:
    """``copies`` files, each the sample page (three articles) under new headlines."""
    folder.mkdir(parents=True, exist_ok=True)
    page = SAMPLE.read_text("utf8")
    for n in range(copies):
        text = page.replace("\n## ", f"\n## Copy {n}: ").replace("\n# ", f"\n# Copy {n}: ")
        (folder / f"page-{n:03}.md").write_text(f"---\npublished: 2023-10-24\n---\n{text}", "utf8")
    return folder


def _snapshot(out: Path) -> dict[str, str]:
    """Every output file's content, but run.json (timings) and Parquet (compared as a table)."""
    return {
        p.name: p.read_text("utf8")
        for p in sorted(out.iterdir())
        if not p.name.startswith(".") and p.name != "run.json" and p.suffix != ".parquet"
    }


def test_rerun_skips_up_to_date_articles(config, tmp_path):
    inp = _articles(tmp_path / "in", 2)
    out = tmp_path / "out"
    first = run([inp], config, out=out, progress=False)
    assert (first.articles, first.skipped) == (6, 0)
    before = _snapshot(out)
    again = run([inp], config, out=out, progress=False)
    assert (again.articles, again.skipped) == (0, 6)
    assert "startup_s" in first.timings and "startup_s" not in again.timings, "nothing to process: no model load"
    assert _snapshot(out) == before, "a re-run over unchanged inputs changes nothing"
    assert json.loads((out / "run.json").read_text())["this_run"]["up_to_date"] == 6

    page = inp / "page-001.md"
    page.write_text(page.read_text().replace("2.2 square kilometers", "3.5 square kilometers"))
    changed = run([inp], config, out=out, progress=False)
    assert (changed.articles, changed.skipped) == (1, 5)
    forced = run([inp], config, out=out, progress=False, force=True)
    assert (forced.articles, forced.skipped) == (6, 0)


def test_records_index_holds_exactly_this_runs_inputs(config, tmp_path):
    inp = _articles(tmp_path / "in", 2)
    out = tmp_path / "out"
    run([inp], config, out=out, progress=False)
    (inp / "page-001.md").unlink()
    run([inp], config, out=out, progress=False)
    kept = {a.id for a in read_articles([inp / "page-000.md"], config)[0]}
    articles = {json.loads(line)["article"] for line in (out / "records.jsonl").read_text().splitlines()}
    assert articles == kept and len(kept) == 3
    assert len(list(article_files(out))) == 6, "without --prune, the removed page's outputs stay"

    run([inp], config, out=out, progress=False, prune=True)
    assert {p.stem for p in article_files(out)} == kept


def test_parquet_has_one_typed_row_per_record(config, tmp_path):
    out = tmp_path / "out"
    run([SAMPLE], config, out=out, progress=False)
    lines = [json.loads(line) for line in (out / "records.jsonl").read_text().splitlines()]
    table = pq.read_table(out / "records.parquet")
    assert table.num_rows == len(lines)
    assert str(table.schema.field("value").type) == "double"
    assert str(table.schema.field("flags").type) == "list<element: string>"
    rows = {r["id"]: r for r in table.to_pylist()}
    for rec in lines:
        row = rows[rec["id"]]
        if rec["type"] in ("money", "area"):
            assert row["value"] == pytest.approx(rec["value"]) and row["value_text"] is None
        else:
            assert row["value_text"] == rec["value"] and row["value"] is None
        assert (row["text"], row["start"]) == (rec["mentions"][0]["text"], rec["mentions"][0]["start"])


def test_format_jsonl_only(config, tmp_path):
    run([SAMPLE], config, out=tmp_path, progress=False, formats=("jsonl",))
    assert (tmp_path / "records.jsonl").is_file() and not (tmp_path / "records.parquet").exists()


def test_second_run_on_a_locked_folder_is_refused(config, tmp_path):
    with files.locked(tmp_path):
        with pytest.raises(PipelineError, match=r"\[E024\].*another `pipeline run`"):
            run([SAMPLE], config, out=tmp_path, progress=False)
    run([SAMPLE], config, out=tmp_path, progress=False)  # released: the next run goes ahead


def test_unwritable_output_is_refused_before_any_work(config, tmp_path):
    target = tmp_path / "a-file"
    target.write_text("x")
    with pytest.raises(PipelineError, match=r"\[E025\]"):
        run([SAMPLE], config, out=target, progress=False)


def test_leftover_temporary_files_are_swept(config, tmp_path):
    (tmp_path / ".records.jsonl.abc.tmp").write_text('{"half')
    run([SAMPLE], config, out=tmp_path, progress=False)
    assert not list(tmp_path.glob(".*.tmp"))


def test_worker_processes_write_the_same_outputs(config, tmp_path):
    inp = _articles(tmp_path / "in", 3)
    run([inp], config, out=tmp_path / "one", progress=False)
    result = run([inp], replace(config, n_process=2, batch_size=2), out=tmp_path / "two", progress=False)
    assert result.articles == 9
    assert _snapshot(tmp_path / "two") == _snapshot(tmp_path / "one")


def _start(inp: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", str(inp), "-o", str(out), "-q", "-c", str(ROOT / "config.toml")],
        cwd=ROOT,
        stderr=subprocess.PIPE,
    )


def _wait_for_files(proc: subprocess.Popen, out: Path, n: int) -> None:
    deadline = time.monotonic() + 300
    while len([p for p in out.glob("*.json") if p.name != "run.json"]) < n:
        assert proc.poll() is None, "the run ended before it could be stopped"
        assert time.monotonic() < deadline
        time.sleep(0.02)


@pytest.fixture(scope="module")
def corpus(config, tmp_path_factory):
    """300 articles and their outputs from one uninterrupted run."""
    inp = _articles(tmp_path_factory.mktemp("in"), 100)
    clean = tmp_path_factory.mktemp("clean")
    run([inp], config, out=clean, progress=False)
    return inp, clean


def _whole(out: Path) -> None:
    """Every file a killed run left is whole: old or new, never half."""
    for path in out.glob("*.json*"):
        if path.name.startswith("."):  # a write in flight (.NAME.XXXX.tmp): never read, swept by the next run
            continue
        text = path.read_text()
        [json.loads(line) for line in text.splitlines()] if path.suffix == ".jsonl" else json.loads(text)


def test_run_killed_at_three_points_resumes_to_identical_outputs(config, corpus, tmp_path):
    """A 300-article run SIGKILLed three times (early, in the middle, late), then run again to the end."""
    inp, clean = corpus
    out = tmp_path / "out"
    done = 0
    for more in (1, 100, 100):
        proc = _start(inp, out)
        _wait_for_files(proc, out, done + more)
        proc.kill()
        proc.wait()
        _whole(out)
        done = len([p for p in out.glob("*.json") if p.name != "run.json"])
    resumed = run([inp], config, out=out, progress=False)
    assert resumed.skipped >= done - 1 and resumed.articles + resumed.skipped == 300
    assert _snapshot(out) == _snapshot(clean)
    assert pq.read_table(out / "records.parquet").equals(pq.read_table(clean / "records.parquet"))
    assert pq.read_table(out / "facts.parquet").equals(pq.read_table(clean / "facts.parquet"))


def test_sigterm_stops_cleanly_and_says_so(corpus, tmp_path):
    inp, out = corpus[0], tmp_path / "out"
    proc = _start(inp, out)
    _wait_for_files(proc, out, 2)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 128 + signal.SIGTERM
    report = json.loads((out / "run.json").read_text())
    assert report["interrupted"] is True and report["this_run"]["processed"] < 300
    assert "run again to finish" in proc.stderr.read().decode()


def test_run_json_names_the_components_run(config, nlp, tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"title": "Deal", "text": "Acme Group paid $5 million on Tuesday."}\n', "utf8")
    run([feed], config, out=tmp_path / "out", progress=False)
    report = json.loads((tmp_path / "out" / "run.json").read_text())
    assert report["components"] == nlp.pipe_names
    assert "senter" in nlp.pipe_names and "parser" not in nlp.pipe_names, (
        "the senter sets sentences; the parser is asked"
    )


def test_words_of_a_run_do_not_stay_in_the_vocabulary(config, nlp, tmp_path):
    """spaCy memory zones: strings first seen in a batch are freed, so a long feed's names
    and figures do not grow memory."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"title": "Deal", "text": "Zorbluxia Holdings paid $5 million to Qwimtrel Ltd."}\n', "utf8")
    run([feed], config, out=tmp_path / "out", progress=False)
    assert "Zorbluxia" in (tmp_path / "out" / "records.jsonl").read_text()
    assert "Zorbluxia" not in nlp.vocab.strings and "Qwimtrel" not in nlp.vocab.strings
