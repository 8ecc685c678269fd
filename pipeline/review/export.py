"""Review decisions out: gold files in the format ``pipeline evaluate`` reads, merged into
existing gold, or the decision log itself (one row per decision, with reviewer and time).

Merging uses evaluate's own matcher (``evaluate.agrees``): a gold record the review
confirms stays as it is (note, optional and all); one the review rejected or corrected
is a conflict, settled only with ``--force``; one the review did not touch stays.
Facts accepted or corrected in the review join the gold file's ``facts`` list (its
existing facts stay; one the same as a reviewed fact is not written twice), each role named
by the text of the gold record it matches; a role whose record is not in the gold is left
out, with a warning.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..errors import Errors, PipelineError
from ..evaluation import scoring as ev
from ..outputs.files import write_json, write_jsonl, write_text
from . import facts as factmod
from . import folder
from .store import Decision, Store, record_key, text_hash

FORMATS = ("gold", "jsonl", "csv")
_GOLD_FIELDS = ("type", "value", "currency", "unit", "original", "qualifier", "min", "max", "end", "approximate")
_LOG_FIELDS = (
    "id",
    "time",
    "reviewer",
    "action",
    "article",
    "key",
    "version",
    "undone",
    "note",
    "text_hash",
    "extracted",
    "corrected",
    "session",
)
_SAFE_ID = re.compile(r"[\w][\w.-]*")


@dataclass
class Report:
    summary: str = ""
    warnings: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)


def export(config: Config, outputs: Path, out: Path | None, fmt: str, force: bool) -> Report:
    """Export the decisions about ``outputs`` (kept in ``<outputs>/review.sqlite`` unless
    ``review.database`` is set) as ``fmt``: gold, into that set's gold folder unless ``out``; jsonl or csv."""
    if fmt not in FORMATS:
        raise PipelineError(Errors.E048.format(what=f"--format {fmt!r}", how="use gold, jsonl or csv"))
    database = folder.database(config, outputs)
    if not database.is_file():
        raise PipelineError(
            Errors.E048.format(
                what=f"no review database at {database}",
                how=f"review some records with `pipeline review serve {outputs}` first",
            )
        )
    gold_dir = out or folder.gold(config, outputs)
    if fmt == "gold" and gold_dir is None:
        raise PipelineError(
            Errors.E048.format(
                what=f"{outputs} is the outputs folder of no set in config.toml, so it has no gold folder",
                how=f"say where to write the gold: pipeline review export {outputs} --out GOLD_FOLDER",
            )
        )
    store = Store(database)
    try:
        if fmt == "gold":
            return export_gold(store, Path(outputs), Path(gold_dir), force)
        return export_log(store, Path(out or Path(outputs) / f"review-decisions.{fmt}"), fmt)
    finally:
        store.close()


def export_log(store: Store, path: Path, fmt: str) -> Report:
    rows = [{k: row[k] for k in _LOG_FIELDS} for row in store.history()]
    if fmt == "jsonl":
        write_jsonl(path, rows)
    else:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=_LOG_FIELDS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(
                {k: _cell(json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v) for k, v in row.items()}
            )
        write_text(path, buffer.getvalue())
    return Report(summary=f"{len(rows)} decision(s) written to {path}", written=[path])


def _cell(value):
    r"""A CSV cell a spreadsheet shows as text: one starting with ``=``, ``+``, ``-``, ``@``, a tab or
    a carriage return would run as a formula (``=HYPERLINK(...)`` in a note), so it gets a leading ``'``.

    >>> _cell('=HYPERLINK("http://x")'), _cell("-1+2"), _cell("checked"), _cell(None)
    ('\'=HYPERLINK("http://x")', "'-1+2", 'checked', None)
    """
    return "'" + value if isinstance(value, str) and value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def export_gold(store: Store, outputs: Path, gold_dir: Path, force: bool) -> Report:
    report = Report()
    loaded, problems = ev.load_outputs(outputs)
    existing, gold_problems = ev.load_gold(gold_dir)
    report.warnings += problems + gold_problems
    malformed = {p.stem for p in gold_dir.glob("*.json")} - set(existing) if gold_dir.is_dir() else set()
    by_article: dict[str, list[Decision]] = {}
    for d in store.decisions().values():
        if d.action is not None:
            by_article.setdefault(d.article, []).append(d)
    files: dict[str, tuple[list[dict], list[dict] | None]] = {}
    stale = gone = undecided = from_review = kept = facts_reviewed = roles_left_out = 0
    for article, decisions in sorted(by_article.items()):
        data = loaded.get(article)
        if data is None or not _SAFE_ID.fullmatch(article):
            stale += len(decisions)
            continue
        produced = {record_key(r): r for r in data["records"] if isinstance(r, dict)}
        current = text_hash(data["text"])
        fact_decisions = [d for d in decisions if factmod.is_fact_key(d.key)]
        decisions = [d for d in decisions if not factmod.is_fact_key(d.key)]
        reviewed, rejected, corrected, used = [], [], [], set()
        for d in decisions:
            if d.text_hash != current:
                stale += 1
            elif d.action == "add":
                reviewed.append(_gold_form(d.corrected, d))
            elif d.key not in produced:
                gone += 1
            else:
                used.add(d.key)
                rec = produced[d.key]
                if d.action == "accept":
                    reviewed.append(_gold_form(rec, d))
                elif d.action == "correct":
                    reviewed.append(_gold_form(d.corrected, d))
                    corrected.append((rec, d.corrected))
                else:
                    rejected.append(rec)
        undecided += len(set(produced) - used)
        if not used and not reviewed and not fact_decisions:
            continue
        if article in malformed:
            report.conflicts.append(Errors.E049.format(path=gold_dir / f"{article}.json"))
            continue
        merged, conflicts = _merge(
            existing.get(article, []), reviewed, rejected, corrected, gold_dir / f"{article}.json"
        )
        report.conflicts += conflicts
        kept += len(merged) - sum(1 for r in merged if "review" in r)
        from_review += sum(1 for r in merged if "review" in r)
        facts, counts = _facts(data, fact_decisions, merged, current, _gold_facts(gold_dir / f"{article}.json"))
        stale, gone = stale + counts[0], gone + counts[1]
        facts_reviewed, roles_left_out = facts_reviewed + counts[2], roles_left_out + counts[3]
        files[article] = (merged, facts)
    if gone:
        report.warnings.append(Errors.W042.format(count=gone))
    if stale:
        report.warnings.append(Errors.W041.format(count=stale))
    if undecided:
        report.warnings.append(Errors.W040.format(count=undecided, where=" of the exported articles"))
    if report.conflicts and not force:
        report.summary = f"{len(report.conflicts)} conflict(s) with existing gold; nothing written (use --force to let the review win)."
        return report
    if roles_left_out:
        report.warnings.append(
            f"{roles_left_out} fact role(s) left out of the gold: their record is not in the gold; "
            "accept or add the record, then export again."
        )
    for article, (records, facts) in files.items():
        path = gold_dir / f"{article}.json"
        write_json(path, {"article": article, "records": records, **({"facts": facts} if facts is not None else {})})
        report.written.append(path)
    report.summary = (
        f"{len(files)} gold file(s) written to {gold_dir}: {from_review} record(s) from the review, "
        f"{kept} kept from existing gold" + (f"; {facts_reviewed} fact(s) from the review." if facts_reviewed else ".")
    )
    return report


def _gold_facts(path: Path) -> list[dict] | None:
    """The ``facts`` list of an existing gold file (None when it has none)."""
    try:
        data = json.loads(path.read_text("utf8"))
    except (OSError, ValueError):
        return None
    found = data.get("facts") if isinstance(data, dict) else None
    return found if isinstance(found, list) else None


def _facts(
    data: dict, decisions: list[Decision], gold: list[dict], current: str, existing: list[dict] | None
) -> tuple[list[dict] | None, tuple[int, int, int, int]]:
    """The gold file's facts: the existing ones, then each fact accepted or corrected in the
    review (not one the same as an existing fact); and (stale, gone, from the review, roles
    left out)."""
    produced = {factmod.fact_key(f): f for f in factmod.facts_of(data)}
    out = list(existing or [])
    stale = gone = added = left_out = 0
    for d in decisions:
        if d.text_hash != current:
            stale += 1
        elif d.key not in produced:
            gone += 1
        elif d.action in ("accept", "correct"):
            fact = d.corrected if d.action == "correct" else produced[d.key]
            review = {"action": d.action, "by": d.reviewer, "at": d.time}
            form, dropped = factmod.gold_form(fact, data["records"], gold, review)
            left_out += dropped
            if d.note:
                form["note"] = d.note
            same = [f for f in out if f.get("type") == form["type"] and f.get("roles") == form["roles"]]
            if not same:
                out.append(form)
                added += 1
    return (out if out or existing is not None else None), (stale, gone, added, left_out)


def _merge(
    gold: list[dict], reviewed: list[dict], rejected: list[dict], corrected: list[tuple[dict, dict]], path: Path
) -> tuple[list[dict], list[str]]:
    """Existing gold first (kept, confirmed, or in conflict with the review), then the review's new records."""
    merged, conflicts, covered = [], [], set()
    for n, g in enumerate(gold, 1):
        same = {i for i, r in enumerate(reviewed) if r["type"] == g["type"] and ev.agrees(r, g)}
        if same:
            covered |= same
            merged.append(g)
            continue
        against = next((f"rejected {_fact(r)}" for r in rejected if r["type"] == g["type"] and ev.agrees(r, g)), None)
        against = against or next(
            (
                f"corrected {_fact(old)} to {_fact(new)}"
                for old, new in corrected
                if old["type"] == g["type"] and ev.agrees(old, g)
            ),
            None,
        )
        if against:
            conflicts.append(Errors.E046.format(path=path, n=n, fact=_fact(g), review=against))
        else:
            merged.append(g)
    return merged + [r for i, r in enumerate(reviewed) if i not in covered], conflicts


def _gold_form(rec: dict, d: Decision) -> dict:
    """A record as gold: its normalised fields, the words as written, and who decided it when."""
    out = {k: rec[k] for k in _GOLD_FIELDS if rec.get(k) is not None}
    texts = list(dict.fromkeys(m["text"] for m in rec.get("mentions", []) if m.get("text", "").strip()))
    out["text"] = texts[0] if texts else str(rec.get("value"))
    if texts[1:]:
        out["mentions"] = texts[1:]
    if d.note:
        out["note"] = d.note
    out["review"] = {"action": d.action, "by": d.reviewer, "at": d.time}
    return out


def _fact(rec: dict) -> str:
    value = "null" if rec.get("value") is None else str(rec["value"])
    return " ".join(
        p for p in (rec["type"], value, rec.get("currency") or "", f"..{rec['end']}" if rec.get("end") else "") if p
    )
