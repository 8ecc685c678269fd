"""The Dask engine writes the same folder as the local engine, byte for byte."""

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.engines.dask import _client, dask_engine
from pipeline.engines.run import run
from pipeline.errors import PipelineError
from pipeline.outputs.layout import BUILT

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def _inputs(folder: Path) -> Path:
    """Varied inputs: dev articles of different lengths, the sample page, a JSONL feed that the
    test cuts into several byte ranges (a bad line, a BOM, headlines that collide with each
    other and with a page's), and bad files."""
    folder.mkdir()
    for path in sorted((ROOT / "articles" / "dev").glob("*.md"))[:5]:
        shutil.copy(path, folder / path.name)
    shutil.copy(ROOT / "articles" / "000_0fe4684b8b822597.txt", folder / "sample.txt")
    rows = [
        json.dumps(r)
        for r in (
            {
                "title": "Port deal",
                "text": "The port paid $3 million for 40 hectares on 3 May 2021.",
                "published": "2021-06-01",
            },
            {"title": "Empty", "text": ""},
            {
                "title": "Port deal",
                "text": "Acme Ltd sold 12 hectares for A$9 million on Tuesday.",
                "published": "2022-02-01",
            },
        )
    ]
    rows += [
        json.dumps({"title": "Port deal", "text": f"The council spent ${n} million in {2000 + n}."})
        for n in range(1, 5)
    ]
    rows[5:5] = ["{not json"]  # line 6, in the feed's second byte range
    (folder / "feed.jsonl").write_bytes(b"\xef\xbb\xbf" + "".join(r + "\n" for r in rows).encode())
    (folder / "zz-port-deal.md").write_text("## Port deal\n\nA second page with the same headline.\n", "utf8")
    (folder / "empty.txt").write_text(" \n", "utf8")
    (folder / "binary.txt").write_bytes(b"\x00\x01PNG")
    return folder


def _files(out: Path) -> dict[str, bytes]:
    """Every file, but the lock, run.json and what the local engine notes its index was built from."""
    return {
        p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name not in (".pipeline.lock", "run.json", BUILT)
    }


def _report(out: Path) -> dict:
    report = json.loads((out / "run.json").read_text("utf8"))
    report.pop("timings")
    return report


@pytest.fixture(scope="module")
def cluster():
    """The LocalCluster `--engine dask` starts without --scheduler (2 workers on 127.0.0.1),
    kept for the module so its workers load the model once."""
    with _client(None, 2) as client:
        assert [w["host"] for w in client.scheduler_info()["workers"].values()] == ["127.0.0.1"] * 2
        yield client.scheduler.address


def test_dask_engine_output_is_identical_to_local(config, cluster, tmp_path):
    inp = _inputs(tmp_path / "in")
    local = run([inp], config, out=tmp_path / "local", progress=False)
    two = replace(config, batch_size=2)
    engine = dask_engine(cluster, part_bytes=200)  # the feed in several byte ranges, small files grouped
    on_dask = run([inp], two, out=(tmp_path / "dask").as_uri(), progress=False, engine=engine)
    assert on_dask.articles == local.articles == 15 and on_dask.records == local.records
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")
    assert _report(tmp_path / "dask") == _report(tmp_path / "local")
    codes = [(p["message"][1:5], Path(p["path"]).name, p["line"]) for p in _report(tmp_path / "dask")["problems"]]
    assert codes == [
        ("E013", "binary.txt", None),
        ("E012", "empty.txt", None),
        ("E016", "feed.jsonl", 2),
        ("E016", "feed.jsonl", 6),
    ]
    ids = [json.loads(line)["article"] for line in (tmp_path / "dask" / "records.jsonl").read_text().splitlines()]
    assert {"port-deal", "port-deal-2", "port-deal-6"} <= set(ids), "ids unique across byte ranges and files"

    # A run that stopped half-way: some outputs missing, the index gone, a part file left behind.
    for name in ("port-deal-3.json", "port-deal-6.json", "records.jsonl"):
        (tmp_path / "dask" / name).unlink()
    (tmp_path / "dask" / ".parts").mkdir()
    (tmp_path / "dask" / ".parts" / "000000.jsonl").write_text('{"half')
    again = run([inp], two, out=tmp_path / "dask", progress=False, engine=engine)
    assert (again.articles, again.skipped) == (2, local.articles - 2), "up-to-date articles are not processed again"
    assert _files(tmp_path / "dask") == _files(tmp_path / "local")


def test_memory_url_is_refused_before_any_work(config, tmp_path):
    """memory:// lives in one process: workers' writes would be lost."""
    (tmp_path / "a.md").write_text("## A\n\nText.\n", "utf8")
    with pytest.raises(PipelineError, match=r"\[E065\]"):
        run([tmp_path], config, out="memory://test-dask/out", progress=False, engine=dask_engine())


def test_cli_rejects_an_unknown_engine(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(tmp_path), "--engine", "spark", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "[E063]" in proc.stderr and "Traceback" not in proc.stderr


def test_dask_engine_on_web_archives_gives_the_local_records(config, cluster, tmp_path):
    """A folder of WARC files, each cut into byte ranges at any byte (as a large CC-NEWS archive
    is: its records split across workers by their offsets): the same folder, byte for byte, as
    the local engine's, and the same problems, skipped-record counts joined into one per archive."""
    from tests.newsfiles import warc
    from tests.test_read_html import NEWS_PAGE

    inp = tmp_path / "crawl"
    inp.mkdir()
    when = "2021-05-06T10:00:00Z"
    for n in range(3):
        pages = [
            (
                f"https://example.com/{n}/{k}",
                "text/html",
                200,
                when,
                NEWS_PAGE.replace("$3 million", f"${n}.{k} million").encode(),
            )
            for k in range(3)
        ]
        warc(
            inp / f"CC-NEWS-{n}.warc.gz",
            pages + [(f"https://example.com/{n}.pdf", "application/pdf", 200, when, b"%PDF")],
        )
    local = run([inp], config, out=tmp_path / "local", progress=False)
    sizes = [p.stat().st_size for p in sorted(inp.iterdir())]
    assert min(sizes) > 3 * 1500, sizes  # every archive in four ranges or more
    on_dask = run([inp], config, out=tmp_path / "dask", progress=False, engine=dask_engine(cluster, part_bytes=1500))
    assert local.articles == on_dask.articles == 9
    assert _files(tmp_path / "local") == _files(tmp_path / "dask")
    assert _report(tmp_path / "local")["problems"] == _report(tmp_path / "dask")["problems"]
