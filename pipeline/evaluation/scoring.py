"""Score pipeline outputs against hand-labelled gold: record-level and mention-level.

Records match one-to-one, per article and type, when their normalised values agree.
Mentions are scored SemEval-2013 style on sets of ``(article, type, start, end)`` tuples.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import Errors
from ..outputs.files import write_json
from ..outputs.layout import REPORTS
from ..records import TYPES

TOLERANCE = {"money": 0.005, "area": 0.01}
_ISO = re.compile(r"\d{4}(?:-(\d{2})(?:-\d{2})?|-W(\d{2})|-Q[1-4])?")
_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n\s*\n")

Span = tuple[str, str, int, int]  # (article, type, start, end)


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    f1: float

    def to_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def scores(self) -> Scores:
        return _scores(self.tp, self.tp + self.fp, self.tp, self.tp + self.fn)

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, **self.scores.to_dict()}


@dataclass(frozen=True)
class MentionScores:
    """Span scores of one type: strict (exact span) and partial (overlapping span)."""

    gold: int
    predicted: int
    strict: Scores
    partial: Scores

    def to_dict(self) -> dict:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "strict": self.strict.to_dict(),
            "partial": self.partial.to_dict(),
        }


@dataclass(frozen=True)
class Evaluation:
    """Per-type record counts, mention scores (per type and "all"), and every miss and false positive."""

    articles: tuple[str, ...]
    counts: dict[str, Counts]
    mentions: dict[str, MentionScores]
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unscored: list[str] = field(default_factory=list)

    @property
    def micro(self) -> Counts:
        return sum(self.counts.values(), Counts())

    @property
    def macro(self) -> Scores:
        """Mean over the types that have any gold or prediction."""
        present = [c.scores for c in self.counts.values() if c.tp + c.fp + c.fn]
        if not present:
            return Scores(0.0, 0.0, 0.0)
        return Scores(*(sum(getattr(s, k) for s in present) / len(present) for k in ("precision", "recall", "f1")))

    @property
    def micro_f1(self) -> float:
        return self.micro.scores.f1

    def to_dict(self) -> dict:
        return {
            "articles": list(self.articles),
            "types": {kind: c.to_dict() for kind, c in self.counts.items()},
            "micro": self.micro.to_dict(),
            "macro": self.macro.to_dict(),
            "mentions": {kind: m.to_dict() for kind, m in self.mentions.items()},
            "misses": self.misses,
            "false_positives": self.false_positives,
            "problems": self.problems,
            "unscored": self.unscored,
        }


# ---- loading ---------------------------------------------------------------------------


def evaluate(outputs_dir: Path, gold_dir: Path) -> Evaluation:
    """Score the article files in ``outputs_dir`` against the gold files in ``gold_dir``."""
    outputs, gold, problems = load(outputs_dir, gold_dir)
    predicted = {article: out["records"] for article, out in outputs.items()}
    texts = {article: out["text"] for article, out in outputs.items()}
    return replace(score(predicted, gold, texts), problems=problems)


def load(outputs_dir: Path, gold_dir: Path) -> tuple[dict[str, dict], dict[str, list[dict]], list[str]]:
    """Output article files by id, gold records of the articles that have an output, and problems."""
    problems = [Errors.E031.format(path=d) for d in (outputs_dir, gold_dir) if not Path(d).is_dir()]
    outputs, bad_outputs = load_outputs(outputs_dir)
    gold, bad_gold = load_gold(gold_dir)
    missing = [
        Errors.E032.format(path=Path(outputs_dir) / f"{a}.json", article=a)
        for a in gold
        if a not in outputs and Path(outputs_dir).is_dir()
    ]
    return outputs, {a: recs for a, recs in gold.items() if a in outputs}, problems + bad_outputs + bad_gold + missing


def load_outputs(outputs_dir: Path) -> tuple[dict[str, dict], list[str]]:
    """The pipeline's article files (``article``, ``text``, ``records``) by article id, and problems."""
    outputs, problems, paths = {}, [], {}
    for path in _json_files(outputs_dir):
        if path.name in REPORTS:
            continue
        data, reason = _read_json(path)
        if reason is None and not (
            isinstance(data, dict)
            and isinstance(data.get("article"), dict)
            and isinstance(data.get("text"), str)
            and isinstance(data.get("records"), list)
        ):
            reason = "not a pipeline article file (needs 'article', 'text' and 'records')"
        aid = data["article"].get("id") or path.stem if reason is None else None
        if reason is None and not isinstance(aid, str):
            reason = f"its article id is {aid!r}, not text"
        if reason:
            problems.append(Errors.E011.format(path=path, reason=reason))
        elif aid in outputs:
            problems.append(Errors.E050.format(path=path, article=aid, first=paths[aid]))
        else:
            outputs[aid], paths[aid] = data, path
    return outputs, problems


def load_gold(gold_dir: Path) -> tuple[dict[str, list[dict]], list[str]]:
    """Gold records by article id; a malformed file is left out whole and named in the problems."""
    gold, problems = {}, []
    for path in _json_files(gold_dir):
        data, reason = _read_json(path)
        reason = reason or _gold_error(data, path.stem)
        if reason:
            problems.append(Errors.E030.format(path=path, reason=reason))
        else:
            gold[path.stem] = data["records"]
    return gold, problems


def _json_files(folder: Path) -> list[Path]:
    return sorted(Path(folder).glob("*.json")) if Path(folder).is_dir() else []


def _read_json(path: Path) -> tuple[Any, str | None]:
    try:
        return json.loads(path.read_text("utf8")), None
    except json.JSONDecodeError as err:
        return None, f"bad JSON ({err.msg} at line {err.lineno}, column {err.colno})"
    except (OSError, UnicodeDecodeError) as err:
        return None, f"cannot read ({err})"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_iso(value: str) -> bool:
    """An ISO date at some granularity that names a real day, month, week or quarter.

    >>> [_is_iso(v) for v in ("2025", "2024-02-29", "2025-02-29", "2025-13", "2026-W53", "2025-W53", "2025-Q5")]
    [True, True, False, False, True, False, False]
    """
    match = _ISO.fullmatch(value)
    if match is None:
        return False
    month, week = match.groups()
    try:
        if len(value) == 10:
            date.fromisoformat(value)
        if week is not None:
            date.fromisocalendar(int(value[:4]), int(week), 1)
    except ValueError:
        return False
    return month is None or 1 <= int(month) <= 12


_VALUES: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "money": ("a number in currency units, or null for a vague amount", lambda v: v is None or _is_number(v)),
    "area": ("a number of square metres", _is_number),
    "date": (
        "an ISO date such as 2025, 2023-10, 2023-10-13, 2023-W42 or 2023-Q4 (null for a vague period)",
        lambda v: v is None or (isinstance(v, str) and _is_iso(v)),
    ),
    "organisation": ("a non-empty canonical name", lambda v: isinstance(v, str) and v.strip() != ""),
}


def _gold_error(data: Any, stem: str) -> str | None:
    """Why a parsed gold file cannot be scored, or None.

    >>> _gold_error({"records": [{"type": "money", "value": "lots", "text": "lots"}]}, "a")
    "record 1: 'value' of a money record must be a number in currency units, or null for a vague amount"
    """
    if not isinstance(data, dict) or not isinstance(data.get("records"), list):
        return "missing 'records' (the file must be an object with a 'records' list)"
    if data.get("article", stem) != stem:
        return f"'article' is {data['article']!r} but the file is named {stem}.json"
    for n, rec in enumerate(data["records"], 1):
        reason = gold_record_error(rec)
        if reason:
            return f"record {n}: {reason}"
    return None


def gold_record_error(rec: Any) -> str | None:
    if not isinstance(rec, dict) or "type" not in rec:
        return f"no 'type' (one of {', '.join(TYPES)})"
    if rec["type"] not in _VALUES:
        return f"unknown type {rec['type']!r} (one of {', '.join(TYPES)})"
    expected, valid = _VALUES[rec["type"]]
    if "value" not in rec or not valid(rec["value"]):
        return f"'value' of a {rec['type']} record must be {expected}"
    if not (isinstance(rec.get("text"), str) and rec["text"].strip()):
        return "'text' must be the words as written in the article"
    if not (isinstance(rec.get("mentions", []), list) and all(isinstance(m, str) for m in rec.get("mentions", []))):
        return "'mentions' must be a list of strings"
    return None


# ---- record-level matching -------------------------------------------------------------


def agrees(pred: dict, gold: dict) -> bool:
    """Whether a predicted record states the gold record's fact (same type assumed)."""
    kind = gold["type"]
    if kind == "money":
        return (
            pred.get("currency") == gold.get("currency")
            and _close(pred.get("value"), gold["value"], kind)
            and ("max" not in gold or _close(pred.get("max"), gold["max"], kind))
        )
    if kind == "area":
        return _close(pred.get("value"), gold["value"], kind)
    if kind == "date":
        return pred.get("value") == gold["value"] and ("end" not in gold or pred.get("end") == gold["end"])
    return isinstance(pred.get("value"), str) and _org_key(pred["value"]) == _org_key(gold["value"])


def _close(pred: Any, gold: Any, kind: str) -> bool:
    """Within the type's relative tolerance of the gold number; two nulls agree.

    >>> _close(100.4, 100, "money"), _close(100.6, 100, "money"), _close(None, None, "money")
    (True, False, True)
    """
    if pred is None or gold is None:
        return pred is None and gold is None
    return _is_number(pred) and abs(pred - gold) <= TOLERANCE[kind] * abs(gold)


def _org_key(name: str) -> str:
    """An organisation name compared case-insensitively, without a leading "the" or a final full stop.

    >>> _org_key("  the Fudan\\n University"), _org_key("THE Shanghai MedValley"), _org_key("Tiffany & Co.")
    ('fudan university', 'shanghai medvalley', 'tiffany & co')
    """
    key = " ".join(name.split()).lower().rstrip(".")
    return key[4:] if key.startswith("the ") else key


def _matching(preds: dict[int, dict], golds: dict[int, dict]) -> set[tuple[int, int]]:
    """A maximum one-to-one set of agreeing (gold, pred) index pairs (augmenting paths)."""
    owner: dict[int, int] = {}

    def claim(g: int, seen: set[int]) -> bool:
        for p, pred in preds.items():
            if p not in seen and agrees(pred, golds[g]):
                seen.add(p)
                if p not in owner or claim(owner[p], seen):
                    owner[p] = g
                    return True
        return False

    for g in golds:
        claim(g, set())
    return {(g, p) for p, g in owner.items()}


def _align(preds: dict[int, dict], golds: dict[int, dict]) -> tuple[set[tuple[int, int]], set[int]]:
    """Required gold matched first; then optional gold absorb (ignore) left-over predictions."""
    required = {i: g for i, g in golds.items() if not g.get("optional")}
    optional = {i: g for i, g in golds.items() if g.get("optional")}
    matched = _matching(preds, required)
    taken = {j for _, j in matched}
    rest = {j: p for j, p in preds.items() if j not in taken}
    return matched, {j for _, j in _matching(rest, optional)}


# ---- scoring ---------------------------------------------------------------------------


def score(predicted: dict[str, list[dict]], gold: dict[str, list[dict]], texts: dict[str, str]) -> Evaluation:
    """Score the articles in ``gold``; predicted articles without gold are listed as unscored."""
    preds = {a: [r for r in predicted.get(a, []) if r.get("type") in TYPES] for a in gold}
    gold_keys = {(a, r["type"], i) for a, recs in gold.items() for i, r in enumerate(recs) if not r.get("optional")}
    pred_keys = {(a, r["type"], j) for a, recs in preds.items() for j, r in enumerate(recs)}
    hits, ignored = set(), set()
    for article in gold:
        for kind in TYPES:
            p = {j: r for j, r in enumerate(preds[article]) if r["type"] == kind}
            g = {i: r for i, r in enumerate(gold[article]) if r["type"] == kind}
            matched, absorbed = _align(p, g)
            hits |= {(article, kind, i, j) for i, j in matched}
            ignored |= {(article, kind, j) for j in absorbed}
    missed = gold_keys - {(a, k, i) for a, k, i, _ in hits}
    false_pos = pred_keys - {(a, k, j) for a, k, _, j in hits} - ignored
    counts = {kind: Counts(len(_of(hits, kind)), len(_of(false_pos, kind)), len(_of(missed, kind))) for kind in TYPES}
    return Evaluation(
        articles=tuple(sorted(gold)),
        counts=counts,
        mentions=_mention_level(preds, gold, texts),
        misses=[_miss(gold[a][i], a, texts.get(a, "")) for a, _, i in sorted(missed)],
        false_positives=[_false_positive(preds[a][j], a, texts.get(a, "")) for a, _, j in sorted(false_pos)],
        unscored=sorted(set(predicted) - set(gold)),
    )


def _scores(right_pred: int, n_pred: int, right_gold: int, n_gold: int) -> Scores:
    precision = right_pred / n_pred if n_pred else 0.0
    recall = right_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1)


def _miss(rec: dict, article: str, text: str) -> dict:
    surfaces = [rec["text"], *rec.get("mentions", [])]
    spans = [s for surface in surfaces for s in _occurrences(text, surface)[:1]]
    sentence = sentence_around(text, *spans[0]) if spans else ""
    return {"article": article, **_fact(rec), "text": rec["text"], "sentence": sentence}


def _false_positive(rec: dict, article: str, text: str) -> dict:
    first = (rec.get("mentions") or [{}])[0]
    sentence = first.get("sentence") or (sentence_around(text, first["start"], first["end"]) if first else "")
    return {
        "article": article,
        "id": rec.get("id", ""),
        **_fact(rec),
        "text": first.get("text", ""),
        "sentence": " ".join(sentence.split()),
    }


def _fact(rec: dict) -> dict:
    return {k: rec[k] for k in ("type", "value", "currency", "max", "end") if k in rec}


# ---- mention-level ---------------------------------------------------------------------


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Every place ``surface`` is written in ``text`` as whole words.

    >>> _occurrences("MedValley and Shanghai MedValley, not MedValleys", "MedValley")
    [(0, 9), (23, 32)]
    """
    pattern = re.compile(rf"(?<!\w){re.escape(surface)}(?!\w)")
    return [m.span() for m in pattern.finditer(text)]


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``, whitespace collapsed.

    >>> sentence_around("It opened. It cost 10 yuan. Done.", 19, 26)
    'It cost 10 yuan.'
    """
    left = max((m.end() for m in _BOUNDARY.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _BOUNDARY.finditer(text, end)), len(text))
    return " ".join(text[left:right].split())


def gold_spans(gold: dict[str, list[dict]], texts: dict[str, str]) -> tuple[set[Span], set[Span]]:
    """(required, optional-only) spans: each gold surface's occurrences not inside a longer gold span."""
    required, optional = set(), set()
    for article, records in gold.items():
        for rec in records:
            spans = {
                (article, rec["type"], s, e)
                for surface in [rec["text"], *rec.get("mentions", [])]
                for s, e in _occurrences(texts.get(article, ""), surface)
            }
            (optional if rec.get("optional") else required).update(spans)
    every = required | optional
    inner = {a for a in every if any(_inside(a, b) for b in every)}
    return required - inner, optional - inner - required


def _inside(a: Span, b: Span) -> bool:
    return a[:2] == b[:2] and b[2] <= a[2] and a[3] <= b[3] and a[3] - a[2] < b[3] - b[2]


def _overlap(a: Span, b: Span) -> bool:
    return a[:2] == b[:2] and a[2] < b[3] and b[2] < a[3]


def _mention_level(
    preds: dict[str, list[dict]], gold: dict[str, list[dict]], texts: dict[str, str]
) -> dict[str, MentionScores]:
    predicted = {
        (a, r["type"], m["start"], m["end"]) for a, recs in preds.items() for r in recs for m in r.get("mentions", [])
    }
    required, optional = gold_spans(gold, texts)
    return {
        kind: _span_scores(_of(predicted, kind), _of(required, kind), _of(optional, kind)) for kind in (*TYPES, "all")
    }


def _of(keys: set[tuple], kind: str) -> set[tuple]:
    """The ``(article, type, ...)`` keys of one type, or all of them."""
    return keys if kind == "all" else {k for k in keys if k[1] == kind}


def _span_scores(pred: set[Span], gold: set[Span], optional: set[Span]) -> MentionScores:
    """Predictions that hit only optional gold are ignored, like optional records."""
    strict_ignored = (pred & optional) - gold
    hit = {p for p in pred if any(_overlap(p, g) for g in gold)}
    partial_ignored = {p for p in pred - hit if any(_overlap(p, o) for o in optional)}
    found = {g for g in gold if any(_overlap(p, g) for p in pred)}
    return MentionScores(
        gold=len(gold),
        predicted=len(pred),
        strict=_scores(len(pred & gold), len(pred - strict_ignored), len(pred & gold), len(gold)),
        partial=_scores(len(hit), len(pred - partial_ignored), len(found), len(gold)),
    )


# ---- reports ---------------------------------------------------------------------------


def render(ev: Evaluation) -> str:
    """The evaluation as terminal text: record table, mention table, misses, false positives, problems."""
    parts = [
        _record_table(ev),
        _mention_table(ev),
        _listing("Misses (in the gold, not found)", ev.misses),
        _listing("False positives (found, not in the gold)", ev.false_positives),
    ]
    if ev.problems:
        parts.append("Problems\n" + "\n".join(f"  {p}" for p in ev.problems))
    if ev.unscored:
        parts.append("Unscored (output but no gold file): " + ", ".join(ev.unscored))
    return "\n\n".join(parts) + "\n"


def render_summary(ev: Evaluation) -> str:
    """The record and mention tables only, and the problems: what ``--summary`` prints."""
    parts = [_record_table(ev), _mention_table(ev)]
    if ev.problems:
        parts.append("Problems\n" + "\n".join(f"  {p}" for p in ev.problems))
    return "\n\n".join(parts) + "\n"


def _record_table(ev: Evaluation) -> str:
    head = f"Records: {len(ev.articles)} article(s) scored\n{'type':<14}{'TP':>5}{'FP':>5}{'FN':>5}{'P':>8}{'R':>8}{'F1':>8}"
    rows = [_count_row(kind, c) for kind, c in ev.counts.items()] + [_count_row("micro", ev.micro)]
    macro = ev.macro
    rows.append(f"{'macro':<14}{'':>15}{macro.precision:>8.3f}{macro.recall:>8.3f}{macro.f1:>8.3f}")
    return "\n".join([head, *rows])


def _count_row(name: str, c: Counts) -> str:
    s = c.scores
    return f"{name:<14}{c.tp:>5}{c.fp:>5}{c.fn:>5}{s.precision:>8.3f}{s.recall:>8.3f}{s.f1:>8.3f}"


def _mention_table(ev: Evaluation) -> str:
    head = (
        f"Mentions (SemEval-2013 style; strict = exact span, partial = overlap)\n"
        f"{'type':<14}{'gold':>5}{'pred':>5}{'strict P':>10}{'R':>7}{'F1':>7}{'partial P':>11}{'R':>7}{'F1':>7}"
    )
    rows = [
        f"{kind:<14}{m.gold:>5}{m.predicted:>5}{m.strict.precision:>10.3f}{m.strict.recall:>7.3f}{m.strict.f1:>7.3f}"
        f"{m.partial.precision:>11.3f}{m.partial.recall:>7.3f}{m.partial.f1:>7.3f}"
        for kind, m in ev.mentions.items()
    ]
    return "\n".join([head, *rows])


def _listing(title: str, rows: list[dict]) -> str:
    lines = [f"{title}: {len(rows)}"]
    for row in rows:
        lines.append(f'  {row["article"]}  {row["type"]}  {_shown(row)}  "{row["text"]}"')
        lines.append(f"      in: {row['sentence'] or '(surface not found in the cleaned text)'}")
    return "\n".join(lines)


def _shown(row: dict) -> str:
    """A fact as a reader says it: ``100000000000 CNY``, ``133334 m²``, ``2023-10-16..2023-10-20``."""
    value = "null" if row["value"] is None else str(row["value"])
    if "max" in row:
        value += f"..{row['max']}"
    if "end" in row:
        value += f"..{row['end']}"
    return value + {"money": f" {row.get('currency')}", "area": " m²"}.get(row["type"], "")


def combine(evaluations: list[Evaluation]) -> Evaluation:
    """Several sets' evaluations as one: counts summed per type, lists joined."""
    return Evaluation(
        articles=tuple(a for ev in evaluations for a in ev.articles),
        counts={kind: sum((ev.counts[kind] for ev in evaluations), Counts()) for kind in TYPES},
        mentions={},
        misses=[m for ev in evaluations for m in ev.misses],
        false_positives=[f for ev in evaluations for f in ev.false_positives],
        problems=[p for ev in evaluations for p in ev.problems],
        unscored=[u for ev in evaluations for u in ev.unscored],
    )


def render_sets(evaluations: dict[str, Evaluation]) -> str:
    """Per-type F1 of each set and of all sets together, as a markdown table."""
    columns = {**evaluations, "combined": combine(list(evaluations.values()))}
    return render_comparison(columns)


def render_comparison(evaluations: dict[str, Evaluation]) -> str:
    """Per-type F1 of several systems side by side, as a markdown table."""
    names = list(evaluations)
    lines = ["| F1 | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for kind in TYPES:
        lines.append(
            f"| {kind} | " + " | ".join(f"{ev.counts[kind].scores.f1:.3f}" for ev in evaluations.values()) + " |"
        )
    lines.append("| micro | " + " | ".join(f"{ev.micro_f1:.3f}" for ev in evaluations.values()) + " |")
    lines.append("| macro | " + " | ".join(f"{ev.macro.f1:.3f}" for ev in evaluations.values()) + " |")
    return "\n".join(lines) + "\n"


def write_report(ev: Evaluation, path: Path) -> None:
    """Write ``ev.to_dict()`` atomically, e.g. to ``outputs/evaluation.json``."""
    write_json(path, ev.to_dict())
