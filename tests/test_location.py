"""Outputs at an fsspec URL: the same files as in a folder, incremental runs and --prune
through fsspec; file:// URLs are local folders; an unknown or uninstalled protocol is a clear error."""

from dataclasses import replace
from pathlib import Path

import fsspec
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.engines.run import run
from pipeline.errors import PipelineError
from pipeline.outputs import files
from pipeline.outputs.location import RemotePath, location

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles" / "000_0fe4684b8b822597.txt"


def _memory(prefix: str) -> dict[str, bytes]:
    fs = fsspec.filesystem("memory")
    return {p.rsplit("/", 1)[-1]: fs.cat_file(p) for p in fs.find(prefix) if not p.endswith("/run.json")}


def test_memory_url_gets_the_files_a_folder_gets(config, tmp_path):
    run([SAMPLE], config, out=tmp_path, progress=False)
    first = run([SAMPLE], config, out="memory://test-location/a", progress=False)
    local = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.name not in (".pipeline.lock", "run.json")}
    assert _memory("/test-location/a") == local and first.articles == 3
    again = run([SAMPLE], config, out="memory://test-location/a", progress=False)
    assert (again.articles, again.skipped) == (0, 3), "up-to-date outputs are read back through fsspec"
    fsspec.filesystem("memory").pipe_file("/test-location/a/gone.json", b"{}")
    run([SAMPLE], config, out="memory://test-location/a", progress=False, prune=True)
    assert "gone.json" not in _memory("/test-location/a")


def test_cli_writes_to_a_url(tmp_path):
    result = CliRunner().invoke(
        app, ["run", str(SAMPLE), "-o", "memory://test-location/cli", "-q", "-c", str(ROOT / "config.toml")]
    )
    assert result.exit_code == 0, result.output
    assert {"records.jsonl", "records.parquet"} <= set(_memory("/test-location/cli"))


@pytest.mark.parametrize("binary", [False, True])
def test_remote_write_commits_only_when_whole(tmp_path, binary):
    """fsspec's commit-on-success, as S3 and GCS implement it, here on fsspec's local file system."""
    target = RemotePath(fsspec.filesystem("file"), str(tmp_path / "x.json"))
    (tmp_path / "x.json").write_bytes(b"old")
    with pytest.raises(RuntimeError), files.atomic(target, binary) as f:
        f.write(b"half" if binary else "half")
        raise RuntimeError
    assert (tmp_path / "x.json").read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["x.json"]
    with files.atomic(target, binary) as f:
        f.write(b"new" if binary else "new")
    assert (tmp_path / "x.json").read_bytes() == b"new"


@pytest.mark.parametrize(
    "url, expected",
    [
        ("file:///tmp/out", Path("/tmp/out")),
        ("outputs/dev", Path("outputs/dev")),
    ],
)
def test_local_urls_are_folders(url, expected):
    assert location(url) == expected


def test_memory_url_is_remote():
    where = location("memory://runs/day1")
    assert isinstance(where, RemotePath) and str(where / "a.json") == "memory:///runs/day1/a.json"


def test_memory_url_with_worker_processes_is_refused(config):
    """memory:// lives in one process: worker processes' writes would be lost."""
    with pytest.raises(PipelineError, match=r"\[E065\]"):
        run([SAMPLE], replace(config, n_process=2), out="memory://test-location/workers", progress=False)


@pytest.mark.parametrize("url", ["zzz://bucket/out", "s3://bucket/out"])
def test_unknown_or_uninstalled_file_system_is_a_clear_error(config, url):
    with pytest.raises(PipelineError, match=r"\[E064\]"):
        run([SAMPLE], config, out=url, progress=False)
