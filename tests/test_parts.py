"""Inputs read in parts (the Dask engine's way) give what one reader gives: the same articles,
ids, problems and line numbers, however the files are cut; part index files join into the
same records.jsonl and records.parquet."""

import json
import os
import subprocess
import sys
from dataclasses import asdict, replace

import pyarrow.parquet as pq
import pytest

from pipeline.engines import parts as parts_module
from pipeline.engines.parts import Numbering, plan, read_first, read_part, renamed
from pipeline.input import iter_articles
from pipeline.outputs import index
from pipeline.records import Problem


def _in_parts(paths, config, part_bytes):
    """What the Dask client and its workers do, here in one process."""
    numbering, found, parts = Numbering(), [], []
    for step in plan(paths, config, part_bytes=part_bytes):
        if isinstance(step, Problem):
            found.append(step)
            continue
        first = read_first(step, config, None)
        part, renames = numbering(step, *first.ids())
        parts.append(part)
        found.extend(read_part(part, config, None, renamed(renames), first))
    return found, parts


def _key(item):
    return asdict(item)


@pytest.fixture
def inputs(tmp_path):
    """Colliding ids across files and pieces, a BOM, a bad line, an overlong line, blank lines."""
    rows = [
        f'{{"title": "Same", "text": "First {i}."}}' if i % 3 else f'{{"title": "Same", "text": "Line {i}"}}'
        for i in range(12)
    ]
    rows[4] = "{not json"
    rows[7] = '{"title": "Long", "text": "' + "x" * 3000 + '"}'
    rows[9] = ""
    (tmp_path / "a.md").write_text("## Same\n\nA page.\n", "utf8")
    (tmp_path / "b.jsonl").write_bytes(b"\xef\xbb\xbf" + "\n".join(rows).encode() + b"\n")
    (tmp_path / "c.txt").write_text("", "utf8")
    (tmp_path / "d.jsonl").write_text('{"title": "Same", "text": "Last."}', "utf8")  # no final newline
    return tmp_path


@pytest.mark.parametrize("part_bytes", [1, 17, 40, 100, 333, 2000, 10**9])
def test_parts_read_as_one_reader_reads(config, inputs, part_bytes):
    cfg = replace(config, max_file_bytes=2048)
    whole = list(iter_articles([inputs], cfg))
    found, parts = _in_parts([inputs], cfg, part_bytes)
    assert [_key(x) for x in found] == [_key(x) for x in whole]
    lines = [p for p in whole if isinstance(p, Problem)]
    assert [(p.message[1:5], p.path.rsplit("/")[-1], p.line) for p in lines] == [
        ("E016", "b.jsonl", 5),
        ("E016", "b.jsonl", 8),
        ("E012", "c.txt", None),
    ]
    ids = [a.id for a in whole if not isinstance(a, Problem)]
    assert ids[:3] == ["same", "same-2", "same-3"] and len(set(ids)) == len(ids)
    pieces = [piece for part in parts for piece in part if piece.path.name == "b.jsonl"]
    if part_bytes < 100:
        assert len(pieces) > 3, "a JSONL file over part_bytes is cut into byte ranges"
        assert all(
            piece.start == 0 or (inputs / "b.jsonl").read_bytes()[piece.start - 1] == ord("\n") for piece in pieces
        )
    if part_bytes == 10**9:
        assert len(parts) == 1, "small files are grouped into one part"


def test_part_index_files_join_into_the_same_bytes(tmp_path, monkeypatch):
    """Records and facts, each in row groups of ROW_GROUP rows however the parts cut them."""
    monkeypatch.setattr(index, "ROW_GROUP", 7)  # several row groups, cut across parts
    ids = []
    for i in range(40):
        recs = [
            {
                "article": f"a{i}",
                "id": f"a{i}:{j}",
                "type": "money" if j % 2 else "date",
                "value": 1.5 * j if j % 2 else "2020-01",
                "flags": ["x"] * (j % 3),
                "mentions": [{"text": "t", "start": j, "end": j + 1, "sentence": "s"}],
            }
            for j in range(i % 6)
        ]
        found = [
            {
                "article": f"a{i}",
                "id": f"a{i}:fact-{j}",
                "type": "funding",
                "roles": {"amount": f"a{i}:{j}", "investor": [f"a{i}:0"], "what": {"text": "a plant", "start": j}},
                "trigger": {"text": "raised", "start": j},
                "sentence": "s",
                "status": "done" if j % 2 else None,
            }
            for j in range(i % 4)
        ]
        (tmp_path / f"a{i}.json").write_text(json.dumps({"article": {}, "records": recs, "facts": found}))
        ids.append(f"a{i}")
    index.write_index(tmp_path, ids)
    names = [f"{kind}.{fmt}" for kind in ("records", "facts") for fmt in ("jsonl", "parquet")]
    whole = {n: (tmp_path / n).read_bytes() for n in names}
    for cuts in ([], [1, 2, 3, 20, 39], [10, 11, 12]):
        bounds = [0, *cuts, 40]
        names = [f".parts/{k}" for k in range(len(bounds) - 1)]
        for name, a, b in zip(names, bounds, bounds[1:]):
            index.write_index(tmp_path, ids[a:b], name=name)
        index.merge_index(tmp_path, names)
        assert {n: (tmp_path / n).read_bytes() for n in whole} == whole, cuts
    facts = pq.ParquetFile(tmp_path / "facts.parquet")
    assert facts.metadata.num_rows == 60 and facts.metadata.num_row_groups == 9  # 60 facts, 7 a group


@pytest.mark.parametrize("named, pool", [(None, "system"), ("mimalloc", "mimalloc")])
def test_parquet_is_written_with_the_system_allocator_unless_the_environment_names_one(named, pool):
    """Arrow's default pool, mimalloc, kept ~25 MB more than the system allocator at the end of
    a 10,000-page run (benchmarks/memory.py --warc); Arrow reads the choice once, as it loads."""
    env = {k: v for k, v in os.environ.items() if k != "ARROW_DEFAULT_MEMORY_POOL"}
    if named:
        env["ARROW_DEFAULT_MEMORY_POOL"] = named
    code = "from pipeline.outputs import index; print(index._arrow()[0].default_memory_pool().backend_name)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == pool


def test_a_part_is_read_once_but_a_later_line_range(config, inputs, tmp_path, monkeypatch):
    """The first pass keeps what it read, so the second reads only the byte ranges of a JSONL
    file after its first (their line numbers are the client's): a web archive cut into ranges,
    whose reading (trafilatura) is the cost, is read once per range and gives what reading
    it whole gives."""
    from tests.newsfiles import warc

    pages = [(f"https://example.com/n/{n}", "text/html", 200, "2024-03-05T10:00:00Z", _page(n)) for n in range(30)]
    warc(inputs / "crawl.warc.gz", pages)
    whole = list(iter_articles([inputs], config))
    reads, original = [], parts_module.read_source

    def counted(source, *args):
        reads.append(source)
        return original(source, *args)

    monkeypatch.setattr(parts_module, "read_source", counted)
    found, parts = _in_parts([inputs], config, 2000)
    articles = [_key(x) for x in whole if not isinstance(x, Problem)]
    assert [_key(x) for x in found if not isinstance(x, Problem)] == articles  # each range warns of its own skips
    sources = [source for part in parts for source in part]
    archive = [s for s in sources if s.path.name == "crawl.warc.gz"]
    assert len(archive) > 2 and [s for s in reads if s.path.name == "crawl.warc.gz"] == archive
    later = [s for s in sources if s.path.name == "b.jsonl" and s.start > 0]
    assert len(reads) == len(sources) + len(later)


def _page(n: int) -> bytes:
    return (
        f"<html><head><title>Plant {n} opens</title></head><body><nav>Home News</nav><article>"
        f"<h1>Plant {n} opens</h1><p>Acme Corp opened plant {n} in Ohio on Monday, the company said. "
        f"It cost $ {n} million and employs {n + 10} people, said a spokesperson.</p></article></body></html>"
    ).encode()
