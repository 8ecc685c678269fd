"""Self-agreement of the gold: a second, blind labelling of five dev articles scored against the first.

    python docs/agreement/score.py

Each labelling is scored as the prediction of the other with the very matcher
`pipeline evaluate` uses (optional records neither rewarded nor punished); the F1 per
type of both directions and their mean are printed as a markdown table.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pipeline.config import load_config  # noqa: E402
from pipeline.evaluation.scoring import score  # noqa: E402
from pipeline.input.ingest import read_articles  # noqa: E402
from pipeline.records.record import TYPES  # noqa: E402

SECOND = Path(__file__).resolve().parent / "second"


def as_predictions(records: list[dict], text: str) -> list[dict]:
    """Required gold records in the pipeline's form, each mention at its first place in the text."""
    out = []
    for rec in records:
        if rec.get("optional"):
            continue
        start = max(text.find(rec["text"]), 0)
        out.append({**rec, "mentions": [{"text": rec["text"], "start": start, "end": start + len(rec["text"])}]})
    return out


def main() -> None:
    config = load_config(ROOT / "config.toml")
    dev = config.sets["dev"]
    texts = {a.id: a.text for a in read_articles([dev.input], config)[0]}
    first = {p.stem: json.loads((dev.gold / p.name).read_text())["records"] for p in sorted(SECOND.glob("*.json"))}
    second = {p.stem: json.loads(p.read_text())["records"] for p in sorted(SECOND.glob("*.json"))}
    one = score({a: as_predictions(r, texts[a]) for a, r in second.items()}, first, texts)
    two = score({a: as_predictions(r, texts[a]) for a, r in first.items()}, second, texts)
    print(f"{len(first)} articles; records (first / second labelling, optional included): "
          f"{sum(map(len, first.values()))} / {sum(map(len, second.values()))}\n")
    print("| type | second vs first | first vs second | mean F1 |\n|---|---:|---:|---:|")
    for kind in (*TYPES, "micro"):
        a, b = (ev.micro_f1 if kind == "micro" else ev.counts[kind].scores.f1 for ev in (one, two))
        print(f"| {kind} | {a:.3f} | {b:.3f} | {(a + b) / 2:.3f} |")
    for name, ev in (("in the first labelling only", one.misses), ("in the second labelling only", two.misses)):
        print(f"\n{name}: {len(ev)}")
        for m in ev:
            print(f"  {m['article'][:40]}  {m['type']}  {m.get('value')} {m.get('currency', '')}  \"{m['text']}\"")


if __name__ == "__main__":
    main()
