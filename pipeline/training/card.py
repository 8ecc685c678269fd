"""The model card written beside a trained model: what it was trained on and under which
licences, how long, and how it scores before and after on text it did not learn from."""

from __future__ import annotations

from pathlib import Path


def write_card(path: Path, info: dict) -> None:
    """Write ``MODEL_CARD.md`` from a trained model's ``meta.json`` contents."""
    trained = info["trained"]
    lines = [
        f"# {info['name']}: entity recogniser fine-tuned for news organisations",
        "",
        f"Base: `{info['base']}` {info.get('base_version') or ''} (spaCy {info.get('spacy_version') or ''}). "
        "Only the entity recogniser was trained (its own embedding layer); tagger, parser, attribute ruler "
        "and lemmatizer are the base model's, unchanged. Same architecture and size as the base's recogniser.",
        "",
        f"Weights: `ner/model`, sha256 `{info['weights_sha256']}`. Training config: `training.cfg`.",
        "",
        "## Data",
        "",
        "| source | kind | licence | documents trained on | held out |",
        "|---|---|---|---:|---:|",
        *[
            f"| {s['name']} | {s['kind']} | {s.get('licence') or 'ours'} | {s['train_docs']} | "
            f"{s.get('held_out', s.get('test_docs', 0))} |"
            for s in trained["sources"]
        ],
        "",
        "Gold organisations are labelled ORG at every whole-word occurrence of their names; optional ones are "
        "left unknown; the base model's other entities are kept as labels (rehearsal against forgetting).",
        "",
        f"## Training\n\n{trained['epochs']} epochs over {trained['train_docs']} documents in {trained['seconds']} s "
        "(CPU).",
        "",
        "## Scores before (base model) and after, on text not trained on",
        "",
        "Entity-level precision / recall / F1 per label. On held-out articles, ORG is scored against gold; other "
        "labels against the base model's own entities, so their 'before' is 1.0 by construction and their "
        "'after' measures what was kept.",
        "",
    ]
    for check, before in info["scores"]["before"].items():
        after = info["scores"]["after"].get(check, {})
        lines += [f"### {check}", "", "| label | before P / R / F | after P / R / F |", "|---|---|---|"]
        for label in ["all", *sorted(k for k in before if k != "all")]:
            b, a = before.get(label, {}), after.get(label, {})
            lines.append(f"| {label} | {_prf(b)} | {_prf(a)} |")
        lines.append("")
    if trained["held_out"]:
        lines += ["Held-out articles: " + ", ".join(f"`{a}`" for a in trained["held_out"]), ""]
    path.write_text("\n".join(lines), "utf8")


def _prf(s: dict) -> str:
    if not s:
        return "-"
    return " / ".join(f"{s.get(k, 0):.3f}" for k in ("p", "r", "f"))
