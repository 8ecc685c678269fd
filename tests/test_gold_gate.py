"""Evaluation as a gate: the pipeline on the sample page against the hand-labelled gold."""
from pathlib import Path

from pipeline.evaluate import evaluate
from pipeline.run import run

ROOT = Path(__file__).resolve().parent.parent
MIN_MICRO_F1 = 0.95  # may be raised, never lowered silently


def test_gold_gate(config, tmp_path):
    run([ROOT / "articles"], config, out=tmp_path, progress=False)
    result = evaluate(tmp_path, config.gold)
    assert not result.problems, result.problems
    assert len(result.articles) == 3
    assert result.misses == [], "every non-optional gold record must be found"
    assert result.micro_f1 >= MIN_MICRO_F1
