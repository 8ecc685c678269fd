"""Evaluation as a gate: the pipeline on every set (sample, dev, test) against its hand-labelled gold.

F1 floors live in eval_floors.json per set, with a hash of the gold they were set on: a floor
may be raised (measured figure minus 0.02, never above it), but a change to a set's gold fails
here until someone looks at that set's floors again.
"""

import hashlib
import json
from pathlib import Path

import pytest

from pipeline.evaluation.baselines import evaluate_baselines
from pipeline.evaluation.scoring import evaluate
from pipeline.records import TYPES

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
FLOORS = json.loads((ROOT / "tests" / "eval_floors.json").read_text())["sets"]


def _gold_hash(gold: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(gold.glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def scored(set_outputs):
    return {name: evaluate(out, ds.gold) for name, (ds, out) in set_outputs.items()}


def test_every_set_has_floors(config):
    assert set(config.sets) == set(FLOORS), "each set in config.toml needs floors in tests/eval_floors.json"


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_unchanged_since_floors_were_set(config, name):
    assert _gold_hash(config.sets[name].gold) == FLOORS[name]["gold_sha256"], (
        f"the gold of set {name} changed: re-measure, then update its floors and gold_sha256 in tests/eval_floors.json"
    )


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_gold_gate(scored, name):
    result, floors = scored[name], FLOORS[name]
    assert not result.problems, result.problems
    assert len(result.articles) == floors["articles"]
    assert result.micro_f1 >= floors["min_f1"]["micro"]
    for kind in TYPES:
        assert result.counts[kind].scores.f1 >= floors["min_f1"][kind], (name, kind)


def test_sample_every_gold_record_found(scored):
    assert scored["sample"].misses == [], "every non-optional gold record of the sample page must be found"


@pytest.mark.parametrize("name", ["sample"])
def test_pipeline_beats_every_library_alone(scored, set_outputs, config, name):
    ds, out = set_outputs[name]
    alone = evaluate_baselines(out, ds.gold, config)
    for kind in TYPES:
        assert scored[name].counts[kind].scores.f1 > alone.counts[kind].scores.f1, (name, kind)


@pytest.mark.parametrize("name", sorted(n for n in FLOORS if "facts" in FLOORS[n]))
def test_fact_gate(set_outputs, name):
    """Facts against the set's fact gold: role F1 (micro and per type), whole-fact exact match and
    status each at or above its floor, and roles at least 0.25 above the nearest-organisation baseline."""
    from pipeline.evaluation.facts import evaluate_facts

    ds, out = set_outputs[name]
    floors = FLOORS[name]["facts"]
    scored = evaluate_facts(out, ds.gold)
    assert scored is not None and scored.articles == floors["articles"]
    got = {
        "roles": scored.micro,
        "exact": scored.exact,
        "status": scored.status_micro,
        **{f"type.{kind}": c for kind, c in scored.types.items()},
    }
    for key, floor in floors["min_f1"].items():
        assert got[key].scores.f1 >= floor, (name, key, got[key].scores.f1)
    baseline = evaluate_facts(out, ds.gold, baseline=True)
    assert scored.micro.scores.f1 >= baseline.micro.scores.f1 + 0.25
