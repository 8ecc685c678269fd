"""The DuckDB queries docs/facts.md shows, run as written on dev outputs (the Parquet tables are
not committed, so the dev set is run into a scratch project first): each runs, and the property
query returns only what it asks for."""

import os
import re
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
QUERIES = [
    q.strip()
    for block in re.findall(r"```sql\n(.*?)```", (ROOT / "docs" / "facts.md").read_text("utf8"), re.S)
    for q in block.split(";\n")
    if q.strip()
]


pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def answers(set_outputs, tmp_path_factory):
    project = tmp_path_factory.mktemp("project")
    (project / "outputs").mkdir()
    (project / "outputs" / "dev").symlink_to(set_outputs["dev"][1])
    here = Path.cwd()
    os.chdir(project)  # the queries name outputs/dev/... as a user in the project folder would
    try:
        con = duckdb.connect()
        out = []
        for query in QUERIES:
            result = con.sql(query)
            out.append(result.fetchall() if result is not None else None)
        return out
    finally:
        os.chdir(here)


def test_the_documented_queries_run(answers):
    assert len(QUERIES) == 5 and len(answers) == 5


def test_property_deals_over_10_hectares_in_2024(answers):
    rows = answers[2]
    assert rows and all(hectares > 10 and date.startswith("2024") for _, hectares, _, _, date, _ in rows)


def test_biggest_acquisition_per_currency_is_one_row_each(answers):
    currencies = [row[0] for row in answers[3]]
    assert currencies and len(currencies) == len(set(currencies)) and currencies[0] == "USD"
