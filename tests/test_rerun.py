"""A re-run over up-to-date articles: it imports neither spaCy nor pyarrow, reads only the head
of each output file, and keeps the index files only when they hold the same articles."""

import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.engines import local, process
from pipeline.engines.job import up_to_date
from pipeline.engines.run import run
from pipeline.outputs import index, layout

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
TEXTS = {
    "deal": "Acme Group paid $5 million for 3 hectares on 3 May 2021.",
    "plant": "Borlo Ltd will open a plant of 20,000 square metres in March 2024.",
    "fund": "The Northwind Fund raised 40 million euros last year.",
}


def _feed(folder: Path, names) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    feed = folder / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": n, "title": n.title(), "text": TEXTS[n]}) + "\n" for n in names), "utf8")
    return feed


def _index(out: Path) -> tuple[str, object]:
    return (out / "records.jsonl").read_text("utf8"), pq.read_table(out / "records.parquet")


def _clean_index(config, tmp_path: Path, names) -> tuple[str, object]:
    """The index an uninterrupted run over ``names`` writes into a fresh folder."""
    clean = tmp_path / f"clean-{'-'.join(names)}"
    run([_feed(clean / "in", names)], config, out=clean / "out", progress=False)
    return _index(clean / "out")


def _same_index(out: Path, expected: tuple[str, object]) -> bool:
    jsonl, table = _index(out)
    return jsonl == expected[0] and table.equals(expected[1])


def test_rerun_with_nothing_to_do_imports_neither_spacy_nor_pyarrow(config, tmp_path):
    feed, out = _feed(tmp_path / "in", TEXTS), tmp_path / "out"
    run([feed], config, out=out, progress=False)
    code = (
        "import sys\nfrom pathlib import Path\nfrom pipeline.config import load_config\nfrom pipeline.engines.run import run\n"
        "r = run([Path(sys.argv[1])], load_config(Path(sys.argv[3])), out=Path(sys.argv[2]), progress=False)\n"
        "assert (r.articles, r.skipped) == (0, 3), r\n"
        "print(sorted(m for m in ('spacy', 'thinc', 'pyarrow', 'numpy') if m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(feed), str(out), str(ROOT / "config.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]", "a re-run with nothing to process loads no model and writes no Parquet"
    assert json.loads((out / "run.json").read_text())["components"], "run.json still names the components"


def test_unchanged_index_is_kept_and_force_rebuilds_it(config, tmp_path):
    feed, out = _feed(tmp_path / "in", TEXTS), tmp_path / "out"
    run([feed], config, out=out, progress=False)
    written = {name: (out / name).stat().st_mtime_ns for name in ("records.jsonl", "records.parquet")}
    again = run([feed], config, out=out, progress=False)
    assert (again.articles, again.skipped) == (0, 3)
    assert {name: (out / name).stat().st_mtime_ns for name in written} == written, "nothing to rebuild: kept"
    run([feed], config, out=out, progress=False, force=True)
    assert all((out / name).stat().st_mtime_ns != t for name, t in written.items()), "--force rebuilds"
    assert _same_index(out, _clean_index(config, tmp_path, TEXTS))


# (what changes between a full run over deal+plant and the next run, the articles the index then holds)
CHANGES = [
    ("an output file deleted", lambda inp, out: (out / "plant.json").unlink(), ["deal", "plant"]),
    ("records.jsonl deleted", lambda inp, out: (out / "records.jsonl").unlink(), ["deal", "plant"]),
    ("records.parquet deleted", lambda inp, out: (out / "records.parquet").unlink(), ["deal", "plant"]),
    ("an input added", lambda inp, out: _feed(inp, ["deal", "plant", "fund"]), ["deal", "plant", "fund"]),
    ("an input removed, nothing to process", lambda inp, out: _feed(inp, ["deal"]), ["deal"]),
    ("inputs reordered, nothing to process", lambda inp, out: _feed(inp, ["plant", "deal"]), ["plant", "deal"]),
    ("the index marker deleted", lambda inp, out: (out / layout.BUILT).unlink(), ["deal", "plant"]),
    ("the index marker unreadable", lambda inp, out: (out / layout.BUILT).write_text("{"), ["deal", "plant"]),
    ("the index marker not an object", lambda inp, out: (out / layout.BUILT).write_text("[]"), ["deal", "plant"]),
]


@pytest.mark.parametrize("change, holds", [(c, h) for _, c, h in CHANGES], ids=[n for n, _, _ in CHANGES])
def test_index_after_a_change_is_what_a_clean_run_writes(config, tmp_path, change, holds):
    inp, out = tmp_path / "in", tmp_path / "out"
    run([_feed(inp, ["deal", "plant"])], config, out=out, progress=False)
    change(inp, out)
    run([inp / "feed.jsonl"], config, out=out, progress=False)
    assert _same_index(out, _clean_index(config, tmp_path, holds))


def test_index_written_by_a_run_killed_before_it_said_so_is_not_kept(config, tmp_path, monkeypatch):
    """A run over deal alone (nothing to process) is killed after writing its records.* but
    before saying what they hold: back to deal+plant, nothing is processed, and the index is
    still rebuilt."""
    inp, out = tmp_path / "in", tmp_path / "out"
    run([_feed(inp, ["deal", "plant"])], config, out=out, progress=False)
    write_index = index.write_index
    with monkeypatch.context() as m:
        m.setattr(index, "write_index", lambda *args: (write_index(*args), _killed()))
        with pytest.raises(KeyboardInterrupt):
            run([_feed(inp, ["deal"])], config, out=out, progress=False)
    assert "Borlo" not in (out / "records.jsonl").read_text()
    again = run([_feed(inp, ["deal", "plant"])], config, out=out, progress=False)
    assert (again.articles, again.skipped) == (0, 2)
    assert _same_index(out, _clean_index(config, tmp_path, ["deal", "plant"]))


def test_article_written_by_a_run_killed_before_the_index_is_indexed(config, tmp_path, monkeypatch):
    """plant fails, so the index lacks it; the next run writes plant and is killed before its
    index; the run after has nothing to process, the same articles and keys, and still rebuilds."""
    inp, out = tmp_path / "in", tmp_path / "out"
    feed = _feed(inp, ["deal", "plant"])
    extract = process.extract
    with monkeypatch.context() as m:
        m.setattr(process, "extract", lambda doc, article, config: _fail_plant(extract, doc, article, config))
        assert run([feed], config, out=out, progress=False).failed
    assert "Borlo" not in (out / "records.jsonl").read_text()
    with monkeypatch.context() as m:
        m.setattr(local, "rebuild_index", _killed)
        with pytest.raises(KeyboardInterrupt):
            run([feed], config, out=out, progress=False)
    again = run([feed], config, out=out, progress=False)
    assert (again.articles, again.skipped) == (0, 2)
    assert _same_index(out, _clean_index(config, tmp_path, ["deal", "plant"]))


def _killed(*args, **kwargs):
    raise KeyboardInterrupt


def _fail_plant(extract, doc, article, config):
    if article.id == "plant":
        raise RuntimeError("boom")
    return extract(doc, article, config)


KEY = "0123456789abcdef0123456789abcdef"
# (an output file's content, whether up_to_date finds KEY in it)
HEADS = [
    ("as written", json.dumps({"article": {"id": "a", "key": KEY}, "text": "t", "records": []}, indent=2), True),
    ("another key", json.dumps({"article": {"id": "a", "key": "f" * 32}, "text": "t", "records": []}, indent=2), False),
    ("no key", json.dumps({"article": {"id": "a"}, "text": "t", "records": []}, indent=2), False),
    ("key not last", json.dumps({"article": {"key": KEY, "id": "a"}, "text": "t", "records": []}, indent=2), True),
    ("key only in a record", json.dumps({"article": {"id": "a"}, "records": [{"key": KEY}]}, indent=2), False),
    ("key only in the text", json.dumps({"article": {"id": "a"}, "text": f'\n    "key": "{KEY}"'}, indent=2), False),
    ("not laid out one field a line", json.dumps({"article": {"id": "a", "key": KEY}, "text": "t"}), False),
    ("not JSON", "\x00\x01", False),
]


@pytest.mark.parametrize("content, expected", [(c, e) for _, c, e in HEADS], ids=[n for n, _, _ in HEADS])
def test_up_to_date_reads_the_key_from_the_head(tmp_path, content, expected):
    path = tmp_path / "a.json"
    path.write_text(content, "utf8")
    assert up_to_date(path, KEY) is expected
    assert up_to_date(tmp_path / "missing.json", KEY) is False


def test_an_output_laid_out_otherwise_is_written_again(config, tmp_path):
    feed, out = _feed(tmp_path / "in", ["deal"]), tmp_path / "out"
    run([feed], config, out=out, progress=False)
    written = (out / "deal.json").read_text("utf8")
    (out / "deal.json").write_text(json.dumps(json.loads(written)), "utf8")  # one line: the key is not in its head
    again = run([feed], config, out=out, progress=False)
    assert (again.articles, again.skipped) == (1, 0)
    assert (out / "deal.json").read_text("utf8") == written
