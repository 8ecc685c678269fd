"""The run's index files, rebuilt from the per-article files: records.jsonl and records.parquet.

Rebuilt after every run from the articles of that run's inputs, one file at a time, so
they always match the folder and never need every record in memory. A run that wrote no
article keeps them when they were built from the same articles (ids and keys, in order):
``BUILT`` says what they were built from, and is removed before any article's file or index
file is written, so a run killed half-way never leaves it vouching for a stale index. On a
cluster each worker writes the index of its own part (``write_index`` under a part's name)
and the client joins the parts (``merge_index``): the same bytes, without reading every
article again.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from . import files
from .layout import ARTICLE_SUFFIX, BUILT, FORMATS, INDEX, REPORTS, facts_name, index_file

ROW_GROUP = 2_000  # rows in a Parquet row group; DuckDB reads row groups this size fine
# Rows held as Python dicts at a time, before they become Arrow columns: 2,000 of them (a row
# group's worth) took ~7 MB, left the process's heap larger after a 10,000-page run's index
# than after a 100-page run's (~400 rows), and cost ~12 MB of peak memory more.
BATCH = 200
# Arrow's memory pool while writing Parquet, unless the user's environment names one: Arrow's
# default (mimalloc) kept 25 MB more over a 10,000-page run's index than the system allocator,
# and more the more row groups (benchmarks/memory.py --warc), for the same bytes written.
ARROW_POOL = "system"


def _arrow():
    """pyarrow and pyarrow.parquet, loaded on first use with ARROW_POOL as Arrow's default memory
    pool (Arrow reads ``ARROW_DEFAULT_MEMORY_POOL`` once, when it loads)."""
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", ARROW_POOL)
    import pyarrow
    import pyarrow.parquet

    return pyarrow, pyarrow.parquet


def article_records(out: Path, ids: Iterable[str], key: str = "records") -> Iterator[dict]:
    """Every record (or, with ``key="facts"``, every fact) of the given articles' output files, in order."""
    for article in ids:
        path = out / f"{article}{ARTICLE_SUFFIX}"
        if path.is_file():
            yield from json.loads(path.read_text("utf8")).get(key, [])


def write_index(out: Path, ids: list[str], formats: Iterable[str] = FORMATS, name: str = INDEX) -> None:
    """``name``.jsonl and/or ``name``.parquet in ``out`` for ``ids``, each written atomically."""
    if "jsonl" in formats:
        with files.atomic(out / index_file("jsonl", name)) as f:
            for rec in article_records(out, ids):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if "parquet" in formats:
        write_parquet(out / index_file("parquet", name), article_records(out, ids))
    write_facts_index(out, ids, formats, facts_name(name))


def write_facts_index(out: Path, ids: list[str], formats: Iterable[str], name: str) -> None:
    """facts.jsonl and/or facts.parquet: one row per fact, its roles as role -> record ids."""
    if "jsonl" in formats:
        with files.atomic(out / index_file("jsonl", name)) as f:
            for fact in article_records(out, ids, "facts"):
                f.write(json.dumps(fact, ensure_ascii=False) + "\n")
    if "parquet" in formats:
        _write_rows(
            out / index_file("parquet", name), map(_fact_row, article_records(out, ids, "facts")), _facts_schema()
        )


def _facts_schema():
    pa, _ = _arrow()

    return pa.schema(
        [
            ("article", pa.string()),
            ("id", pa.string()),
            ("type", pa.string()),
            ("roles", pa.map_(pa.string(), pa.list_(pa.string()))),
            ("trigger", pa.string()),
            ("trigger_start", pa.int64()),
            ("sentence", pa.string()),
            ("status", pa.string()),
            ("negated", pa.bool_()),
        ]
    )


def _fact_row(fact: dict) -> dict:
    """A fact as a flat row; every role's filler as a list (one id, several ids, or a span's text)."""
    roles = {
        role: [v["text"] if isinstance(v, dict) else v for v in (value if isinstance(value, list) else [value])]
        for role, value in fact["roles"].items()
    }
    return {
        "article": fact["article"],
        "id": fact["id"],
        "type": fact["type"],
        "roles": list(roles.items()),
        "trigger": fact["trigger"]["text"],
        "trigger_start": fact["trigger"]["start"],
        "sentence": fact["sentence"],
        "status": fact.get("status"),
        "negated": fact.get("negated", False),
    }


def rebuild_index(out: Path, ids: list[str], formats: Iterable[str], digest: str) -> None:
    """records.jsonl and/or records.parquet for ``ids``, kept as they are when they were built
    from the same ``digest`` (of the articles' ids and keys) and no article's file was written
    since: they already hold what a rebuild would write."""
    if index_current(out, formats, digest):
        return
    forget_index(out)
    write_index(out, ids, formats)
    files.write_json(out / BUILT, {index_file(fmt): digest for fmt in formats})


def index_current(out: Path, formats: Iterable[str], digest: str) -> bool:
    """Whether every records.<format> is there and was built from ``digest`` (not known: no)."""
    try:
        built = json.loads((out / BUILT).read_text("utf8"))
    except (OSError, ValueError):
        return False
    return isinstance(built, dict) and all(
        built.get(index_file(fmt)) == digest and (out / index_file(fmt)).is_file() for fmt in formats
    )


def forget_index(out: Path) -> None:
    """No index file is known current: called before an article's file or an index file is written."""
    (out / BUILT).unlink(missing_ok=True)


def merge_index(out: Path, parts: list[str], formats: Iterable[str] = FORMATS) -> None:
    """records.jsonl and/or records.parquet joined from the parts ``write_index`` wrote under
    these names, in this order: the bytes ``write_index`` gives for all their articles."""
    if "jsonl" in formats:
        with files.atomic(out / index_file("jsonl"), binary=True) as f:
            for name in parts:
                with (out / index_file("jsonl", name)).open("rb") as part:
                    shutil.copyfileobj(part, f, 2**20)
    if "parquet" in formats:
        for named, schema in ((lambda name: name, _schema()), (facts_name, _facts_schema())):
            _write_tables(
                out / index_file("parquet", named(INDEX)),
                (table for name in parts for table in _read_tables(out / index_file("parquet", named(name)), schema)),
                schema,
            )
    if "jsonl" in formats:
        with files.atomic(out / index_file("jsonl", facts_name()), binary=True) as f:
            for name in parts:
                with (out / index_file("jsonl", facts_name(name))).open("rb") as part:
                    shutil.copyfileobj(part, f, 2**20)


def write_parquet(path: Path, records: Iterable[dict]) -> None:
    """One row per record, typed columns, in row groups of ROW_GROUP records."""
    _write_rows(path, map(_row, records), _schema())


def _write_rows(path: Path, rows: Iterable[dict], schema) -> None:
    """``rows`` in ``schema``'s columns, made Arrow columns BATCH rows at a time and written in
    row groups of ROW_GROUP: what is held does not grow with the run."""
    pa, _ = _arrow()

    rows = iter(rows)
    _write_tables(
        path, (pa.Table.from_pylist(batch, schema) for batch in iter(lambda: list(islice(rows, BATCH)), [])), schema
    )


def _write_tables(path: Path, tables: Iterable, schema) -> None:
    """The rows of ``tables`` in row groups of exactly ROW_GROUP rows, then the rest (maybe none).
    A row group is written from the tables' chunks as they are (the same bytes as from one
    contiguous copy, which cost a second copy of the group)."""
    pa, pq = _arrow()

    with files.atomic(path, binary=True) as f, pq.ParquetWriter(f, schema) as writer:
        held, rows = [], 0
        for table in tables:
            held.append(table)
            rows += table.num_rows
            while rows >= ROW_GROUP:
                joined = pa.concat_tables(held)
                writer.write_table(joined.slice(0, ROW_GROUP), row_group_size=ROW_GROUP)
                held, rows = [joined.slice(ROW_GROUP)], rows - ROW_GROUP
        writer.write_table(pa.concat_tables(held) if held else schema.empty_table(), row_group_size=ROW_GROUP)


def _read_tables(path: Path, schema) -> Iterator:
    pa, pq = _arrow()

    with path.open("rb") as f:
        for batch in pq.ParquetFile(f).iter_batches(batch_size=ROW_GROUP):
            yield pa.Table.from_batches([batch]).cast(schema)


def _schema():
    pa, _ = _arrow()

    return pa.schema(
        [
            ("article", pa.string()),
            ("id", pa.string()),
            ("type", pa.string()),
            ("value", pa.float64()),
            ("value_text", pa.string()),
            ("currency", pa.string()),
            ("unit", pa.string()),
            ("original_value", pa.float64()),
            ("original_unit", pa.string()),
            ("qualifier", pa.string()),
            ("approximate", pa.bool_()),
            ("min", pa.float64()),
            ("max", pa.float64()),
            ("end", pa.string()),
            ("equivalent_of", pa.string()),
            ("flags", pa.list_(pa.string())),
            ("aliases", pa.list_(pa.string())),
            ("mentions", pa.int32()),
            ("text", pa.string()),
            ("start", pa.int64()),
            ("end_offset", pa.int64()),
            ("sentence", pa.string()),
        ]
    )


def _row(rec: dict) -> dict:
    """A record as a flat row: numbers in ``value``, ISO dates and names in ``value_text``.

    >>> r = _row({"article": "a", "id": "a:date-1", "type": "date", "value": "2025", "approximate": False,
    ...           "mentions": [{"text": "2025", "start": 3, "end": 7, "sentence": "By 2025."}]})
    >>> r["value"], r["value_text"], r["start"], r["mentions"]
    (None, '2025', 3, 1)
    """
    value = rec.get("value")
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    first = rec["mentions"][0] if rec.get("mentions") else {}
    original = rec.get("original") or {}
    return {
        "article": rec["article"],
        "id": rec["id"],
        "type": rec["type"],
        "value": float(value) if numeric else None,
        "value_text": None if numeric or value is None else str(value),
        "currency": rec.get("currency"),
        "unit": rec.get("unit"),
        "original_value": _float(original.get("value")),
        "original_unit": original.get("unit"),
        "qualifier": rec.get("qualifier"),
        "approximate": rec.get("approximate", False),
        "min": _float(rec.get("min")),
        "max": _float(rec.get("max")),
        "end": None if rec.get("end") is None else str(rec["end"]),
        "equivalent_of": rec.get("equivalent_of"),
        "flags": rec.get("flags", []),
        "aliases": rec.get("aliases", []),
        "mentions": len(rec.get("mentions", [])),
        "text": first.get("text"),
        "start": first.get("start"),
        "end_offset": first.get("end"),
        "sentence": first.get("sentence"),
    }


def _float(value) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def article_files(out: Path) -> Iterator[Path]:
    """The per-article output files in ``out`` (not the reports)."""
    for path in sorted(out.glob(f"*{ARTICLE_SUFFIX}")):
        if path.name not in REPORTS:
            yield path
