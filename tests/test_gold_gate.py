"""Evaluation as a gate: the pipeline on the sample page against the hand-labelled gold.

F1 floors live in eval_floors.json with a hash of the gold they were set on: a floor may be
raised, but a change to the gold fails here until someone looks at the floors again.
"""
import hashlib
import json
from pathlib import Path

import pytest

from pipeline.baselines import evaluate_baselines
from pipeline.evaluate import evaluate
from pipeline.records import TYPES
from pipeline.run import run

ROOT = Path(__file__).resolve().parent.parent
FLOORS = json.loads((ROOT / "tests" / "eval_floors.json").read_text())


def _gold_hash(gold: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(gold.glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def scored(config, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    run([ROOT / "articles"], config, out=out, progress=False)
    return out, evaluate(out, config.gold)


def test_gold_unchanged_since_floors_were_set(config):
    assert _gold_hash(config.gold) == FLOORS["gold_sha256"], (
        "the gold changed: re-check tests/eval_floors.json and update its gold_sha256")


def test_gold_gate(scored):
    _, result = scored
    assert not result.problems, result.problems
    assert len(result.articles) == 3
    assert result.misses == [], "every non-optional gold record must be found"
    assert result.micro_f1 >= FLOORS["min_f1"]["micro"]
    for kind in TYPES:
        assert result.counts[kind].scores.f1 >= FLOORS["min_f1"][kind], kind


def test_pipeline_beats_every_library_alone(scored, config):
    out, result = scored
    alone = evaluate_baselines(out, config.gold, config)
    for kind in TYPES:
        assert result.counts[kind].scores.f1 > alone.counts[kind].scores.f1, kind
