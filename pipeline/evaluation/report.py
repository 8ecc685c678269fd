"""The accuracy report to look at: ``evaluation.html`` per set and one for all sets, and the
history every evaluation appends to (``evaluation-history.jsonl``).

Charts are Vega-Lite specifications built with altair and rendered to SVG here, by vl-convert,
with no network: the page carries no script, loads nothing and works opened from disk. Every
piece of article text goes through Jinja's autoescape; only the SVG vl-convert drew from our
own numbers and type names is inserted as markup.
"""

from __future__ import annotations

import json
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..config import Config
from ..outputs.files import write_text
from ..records import TYPES
from .scoring import Evaluation, agrees

REPORT = "evaluation.html"  # beside evaluation.json in each set's outputs
ALL_SETS = "evaluation-sets.html"  # every set on one page, in paths.output
HISTORY = "evaluation-history.jsonl"  # one line per set per `pipeline evaluate`, appended
CAUSES = ("wrong value", "wrong currency", "span too long", "span too short", "not found", "not in gold")


def causes(ev: Evaluation) -> list[dict]:
    """Every miss and false positive with the cause the pipeline can tell: a miss and a false
    positive of one article and type written with the same words are one wrong value (or currency),
    with words inside each other one span too long or short; the rest were not found / not in gold.

    >>> from pipeline.evaluation.scoring import Counts
    >>> e = Evaluation((), {}, {}, misses=[{"article": "a", "type": "money", "value": 5, "currency": "USD", "text": "$5"}],
    ...                false_positives=[{"article": "a", "type": "money", "value": 5, "currency": "AUD", "text": "$5"}])
    >>> [(r["kind"], r["cause"]) for r in causes(e)]
    [('miss', 'wrong currency'), ('false positive', 'wrong currency')]
    """
    rows, used = [], set()
    for miss in ev.misses:
        cause = "not found"
        for i, fp in enumerate(ev.false_positives):
            if i in used or (fp["article"], fp["type"]) != (miss["article"], miss["type"]):
                continue
            cause = _pair(miss, fp)
            if cause:
                used.add(i)
                rows.append({**fp, "kind": "false positive", "cause": cause})
                break
        rows.append({**miss, "kind": "miss", "cause": cause or "not found"})
    rows += [
        {**fp, "kind": "false positive", "cause": "not in gold"}
        for i, fp in enumerate(ev.false_positives)
        if i not in used
    ]
    order = {c: n for n, c in enumerate(CAUSES)}
    return sorted(
        rows,
        key=lambda r: (
            TYPES.index(r["type"]) if r["type"] in TYPES else 9,
            order[r["cause"]],
            r["article"],
            r["kind"] != "miss",
        ),
    )


def _pair(miss: dict, fp: dict) -> str | None:
    said, found = miss.get("text", ""), fp.get("text", "")
    if not said or not found:
        return None
    if said == found:
        wrong_currency = miss["type"] == "money" and miss.get("currency") != fp.get("currency")
        if wrong_currency and agrees({**fp, "currency": miss.get("currency")}, miss):
            return "wrong currency"
        return "wrong value"
    if said in found:
        return "span too long"
    if found in said:
        return "span too short"
    return None


def history_line(name: str, ev: Evaluation, config: Config) -> dict:
    """What one set's evaluation appends to its history: when, which code, model and config, the scores."""
    return {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(config.root),
        "model": config.model,
        "config_digest": config.digest,
        "set": name,
        "articles": len(ev.articles),
        "micro_f1": round(ev.micro_f1, 4),
        "types": {kind: c.scores.to_dict() for kind, c in ev.counts.items()},
    }


def append_history(path: Path, line: dict) -> list[dict]:
    """Append ``line`` to the history at ``path``; every line it now holds (unreadable ones skipped)."""
    with open(path, "a", encoding="utf8") as f:
        f.write(json.dumps(line, ensure_ascii=False) + "\n")
    return read_history(path)


def read_history(path: Path) -> list[dict]:
    lines = []
    if Path(path).is_file():
        for text in Path(path).read_text("utf8").splitlines():
            try:
                row = json.loads(text)
            except ValueError:
                continue
            if isinstance(row, dict) and "time" in row:
                lines.append(row)
    return lines


def _commit(root: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


# ---- charts ------------------------------------------------------------------------------


def _svg(chart) -> Markup:
    import vl_convert

    return Markup(vl_convert.vegalite_to_svg(chart.to_json()))  # drawn from our numbers, no article text


def f1_chart(systems: dict[str, Evaluation]) -> Markup:
    """F1 per type, one bar per system (the pipeline, the libraries alone) or per set."""
    import altair as alt

    rows = [
        {"type": kind, "system": name, "F1": round(ev.counts[kind].scores.f1, 4)}
        for name, ev in systems.items()
        for kind in TYPES
    ]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("F1:Q", scale=alt.Scale(domain=[0, 1])),
            y=alt.Y("type:N", sort=list(TYPES), title=None),
            yOffset=alt.YOffset("system:N", sort=list(systems)),
            color=alt.Color("system:N", sort=list(systems), title=None),
            tooltip=["type:N", "system:N", "F1:Q"],
        )
        .properties(width=420, height=alt.Step(14))
    )
    return _svg(chart)


def history_chart(history: list[dict]) -> Markup | None:
    """F1 over time per type (and micro), one line per type; per set when there are several."""
    import altair as alt

    if not history:
        return None
    rows = []
    for line in history:
        label = line.get("set") or "outputs"
        for kind, scores in (line.get("types") or {}).items():
            rows.append({"time": line["time"], "type": kind, "set": label, "F1": scores.get("f1", 0)})
        rows.append({"time": line["time"], "type": "micro", "set": label, "F1": line.get("micro_f1", 0)})
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_line(point=True)
        .encode(
            x=alt.X("time:T", title=None, axis=alt.Axis(format="%Y-%m-%d %H:%M", labelAngle=-30)),
            y=alt.Y("F1:Q", scale=alt.Scale(zero=False)),
            color=alt.Color("type:N", sort=[*TYPES, "micro"], title=None),
            strokeDash=alt.StrokeDash("set:N", title=None),
        )
        .properties(width=560, height=220)
    )
    return _svg(chart)


# ---- pages -------------------------------------------------------------------------------


def _env() -> Environment:
    return Environment(
        loader=PackageLoader("pipeline.evaluation", "templates"), autoescape=select_autoescape(default=True)
    )


def set_page(name: str, ev: Evaluation, history: list[dict], review_port: int, alone: Evaluation | None = None) -> str:
    """One set's report: F1 bars (beside the libraries alone when scored), P/R/F1 per type, the
    mention-level table, misses and false positives by type and cause, F1 over time."""
    systems = {"pipeline": ev, **({"libraries alone": alone} if alone else {})}
    rows = causes(ev)
    families = {}
    for row in rows:
        families.setdefault((row["type"], row["cause"]), []).append(row)
    return (
        _env()
        .get_template("report.html")
        .render(
            title=f"Accuracy: set {name}" if name else "Accuracy",
            ev=ev,
            types=TYPES,
            f1=f1_chart(systems),
            compared=alone is not None,
            history=history_chart(history),
            runs=len(history),
            families=families,
            review=f"http://127.0.0.1:{review_port or 8765}/article/",
            sets=None,
        )
    )


def sets_page(evaluations: dict[str, Evaluation], combined: Evaluation, history: list[dict]) -> str:
    """Every set on one page: F1 per type per set and combined, and every set's history."""
    return (
        _env()
        .get_template("report.html")
        .render(
            title="Accuracy: all sets",
            ev=combined,
            types=TYPES,
            f1=f1_chart({**evaluations, "combined": combined}),
            compared=False,
            history=history_chart(history),
            runs=len(history),
            families=None,
            review="",
            sets=evaluations,
        )
    )


def write_page(path: Path, html: str) -> None:
    write_text(path, html)
