"""The output folder's names, said once: what a run writes there besides ``<article-id>.json``.

Every module that writes, reads or skips one of these files takes its name from here, and
``input.ids`` keeps article ids off them (``RESERVED_IDS``), so an article never overwrites a report.

>>> index_file("parquet"), index_file("jsonl", f"{PARTS}/000001")
('records.parquet', '.parts/000001.jsonl')
"""

from __future__ import annotations

ARTICLE_SUFFIX = ".json"  # one file per article: <article-id>.json
RUN_REPORT = "run.json"  # counts, problems, timings, versions: rewritten by every run
EVALUATION_REPORT = "evaluation.json"  # written by `pipeline evaluate` into the set's outputs
REPORTS = (RUN_REPORT, EVALUATION_REPORT)  # .json files that are not articles

INDEX = "records"  # the index files: records.jsonl and records.parquet, every record of the run
FACTS = "facts"  # facts.jsonl and facts.parquet: every fact record of the run (docs/facts.md)
FORMATS = ("jsonl", "parquet")
BUILT = ".pipeline.index"  # {"records.jsonl": digest, ...}: the Tally.digest each index file was built from
PARTS = ".parts"  # the Dask engine's per-part index files, joined into records.* and removed
LOCK = ".pipeline.lock"  # held while a run writes the folder
PROBE = ".pipeline.probe"  # written and removed before any work, to see the folder is writable
TMP_SUFFIX = ".tmp"  # atomic writes go through .<name>.<random>.tmp

# Ids whose <id>.json would be a report, or be mistaken for the index.
RESERVED_IDS = frozenset(
    {RUN_REPORT.removesuffix(ARTICLE_SUFFIX), EVALUATION_REPORT.removesuffix(ARTICLE_SUFFIX), INDEX, FACTS}
)


def index_file(fmt: str, name: str = INDEX) -> str:
    """The index file of format ``fmt`` (``jsonl`` or ``parquet``) for ``name``: the run's, or a part's."""
    return f"{name}.{fmt}"


def facts_name(name: str = INDEX) -> str:
    """The facts index beside the records index ``name``: the run's, or a part's.

    >>> facts_name(), facts_name(f"{PARTS}/000001")
    ('facts', '.parts/000001.facts')
    """
    return FACTS if name == INDEX else f"{name}.{FACTS}"
