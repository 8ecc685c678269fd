"""The Dask engine writes the same folder as the local engine, byte for byte."""
import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from pipeline.engines.dask import dask_engine
from pipeline.run import run

ROOT = Path(__file__).resolve().parent.parent


def _inputs(folder: Path) -> Path:
    """Varied inputs: dev articles of different lengths, the sample page, and a JSONL file."""
    folder.mkdir()
    for path in sorted((ROOT / "articles" / "dev").glob("*.md"))[:5]:
        shutil.copy(path, folder / path.name)
    shutil.copy(ROOT / "articles" / "000_0fe4684b8b822597.txt", folder / "sample.txt")
    rows = [{"title": "Port deal", "text": "The port paid $3 million for 40 hectares on 3 May 2021.", "published": "2021-06-01"},
            {"title": "Empty", "text": ""}]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), "utf8")
    return folder


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name not in (".pipeline.lock", "run.json")}


def _report(out: Path) -> dict:
    report = json.loads((out / "run.json").read_text("utf8"))
    report.pop("timings")
    return report


def test_dask_engine_output_is_identical_to_local(config, tmp_path):
    inp = _inputs(tmp_path / "in")
    local = run([inp], config, out=tmp_path / "local", progress=False)
    two = replace(config, n_process=2, batch_size=2)  # a LocalCluster of 2 workers on 127.0.0.1
    on_dask = run([inp], two, out=tmp_path / "dask", progress=False, engine=dask_engine())
    assert on_dask.articles == local.articles == 9 and on_dask.records == local.records
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")
    assert _report(tmp_path / "dask") == _report(tmp_path / "local")
    again = run([inp], two, out=tmp_path / "dask", progress=False, engine=dask_engine())
    assert (again.articles, again.skipped) == (0, local.articles), "up-to-date articles never reach the cluster"


def test_cli_rejects_an_unknown_engine(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(tmp_path), "--engine", "spark", "-q"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2 and "[E063]" in proc.stderr and "Traceback" not in proc.stderr
