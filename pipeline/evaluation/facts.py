"""Scoring facts against gold: per type and per role P/R/F1, whole-fact exact match, and the
nearest-organisation baseline beside them.

A role is a tuple (article, fact type, role, record); a predicted role matches a gold one when
the same record fills the same role of a fact of the same type, the record compared with
``scoring.agrees`` (the record matcher). Gold roles name records by their text (the gold
record's ``text`` or one of its ``mentions``). Roles are compared as explicit sets.

Status and text roles (``place``, ``what``, ``site``, ``round``: spans of text) belong to one
fact, so each predicted fact is first paired with the gold fact of its type that shares the
most record roles with it (``_pair``). A status tuple is (article, type, fact, status) and a
text-role tuple (article, type, role, fact, text), the fact being the paired gold fact (or the
predicted fact itself, which then matches nothing); a predicted text matches a gold one of the
same role when one holds the other (any case, surrounding articles and spaces ignored).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .scoring import Counts, agrees, load_outputs, sentence_around

SPAN_ROLES = frozenset({"place", "what", "site", "round"})
MONEY_ROLE = {"acquisition": "price", "property": "price", "contract": "value"}
FIRST_ORG_ROLE = {
    "acquisition": "buyer",
    "investment": "investor",
    "funding": "company",
    "property": "buyer",
    "contract": "awarder",
    "loan": "lender",
    "plan": "body",
}


@dataclass
class FactScores:
    roles: dict[str, Counts] = field(default_factory=dict)  # "type.role" -> counts
    types: dict[str, Counts] = field(default_factory=dict)
    micro: Counts = Counts(0, 0, 0)
    exact: Counts = Counts(0, 0, 0)
    misses: list[str] = field(default_factory=list)
    articles: int = 0
    status: dict[str, Counts] = field(default_factory=dict)  # type -> counts of (fact, status)
    status_micro: Counts = Counts(0, 0, 0)
    text_roles: dict[str, Counts] = field(default_factory=dict)  # "type.role" -> counts, span roles
    text_micro: Counts = Counts(0, 0, 0)


def load_gold_facts(gold_dir: Path) -> dict[str, tuple[list[dict], list[dict]]]:
    """Article id -> (gold records, gold facts), for gold files that hold a ``facts`` list."""
    found = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        data = json.loads(path.read_text("utf8"))
        if isinstance(data, dict) and isinstance(data.get("facts"), list):
            found[path.stem] = (data["records"], data["facts"])
    return found


def evaluate_facts(outputs_dir: Path, gold_dir: Path, baseline: bool = False) -> FactScores | None:
    """Facts of ``outputs_dir`` (or the baseline's) against gold facts; None when no gold has facts."""
    gold = load_gold_facts(gold_dir)
    if not gold:
        return None
    outputs, _ = load_outputs(outputs_dir)
    common = {a: g for a, g in gold.items() if a in outputs}
    if not any(facts for _, facts in common.values()):
        return None  # none of the articles scored has gold facts
    if baseline:
        kind = Counter(f["type"] for _, facts in common.values() for f in facts).most_common(1)[0][0]
        predicted = {a: nearest_organisation(outputs[a]["records"], kind) for a in common}
    else:
        predicted = {a: outputs[a].get("facts", []) for a in common}
    return score_facts(predicted, {a: outputs[a] for a in common}, common)


def nearest_organisation(records: list[dict], kind: str) -> list[dict]:
    """The baseline: every money record linked to the organisation mentioned nearest it in its
    sentence, as a fact of type ``kind`` (the most frequent gold type)."""
    orgs = [(m, r["id"]) for r in records if r["type"] == "organisation" for m in r["mentions"]]
    out = []
    for rec in records:
        if rec["type"] != "money":
            continue
        m = rec["mentions"][0]
        near = [(abs(o["start"] - m["start"]), rid) for o, rid in orgs if o["sentence"] == m["sentence"]]
        if near:
            roles = {MONEY_ROLE.get(kind, "amount"): rec["id"], FIRST_ORG_ROLE[kind]: min(near)[1]}
            out.append({"type": kind, "roles": roles, "sentence": m["sentence"]})
    return out


def score_facts(
    predicted: dict[str, list[dict]], outputs: dict[str, dict], gold: dict[str, tuple[list[dict], list[dict]]]
) -> FactScores:
    result = FactScores(articles=len(gold))
    pred_roles, gold_roles, pred_facts, gold_facts = set(), set(), set(), set()
    pred_status, gold_status, pred_text, gold_text = set(), set(), set(), set()
    where = {}
    for article, (grecs, gfacts) in gold.items():
        text = outputs[article]["text"]
        by_id = {r["id"]: r for r in outputs[article]["records"]}
        gold_sets = []
        for n, fact in enumerate(gfacts):
            tuples = {(article, fact["type"], role, _gold_index(grecs, t)) for role, t in _fillers(fact)}
            gold_sets.append((fact["type"], {t[2:] for t in tuples}))
            gold_roles |= tuples
            gold_facts.add((article, fact["type"], frozenset(t[2:] for t in tuples)))
            for t in tuples:
                where[t] = _sentence_of(text, grecs[t[3]]["text"])
            if fact.get("status"):
                gold_status.add((article, fact["type"], n, fact["status"]))
            gold_text |= {(article, fact["type"], role, n, _words(t)) for role, t in _spans(fact)}
        for k, fact in enumerate(predicted[article]):
            tuples = set()
            for role, rid in _fillers(fact):
                rec = by_id.get(rid)
                g = next(
                    (i for i, gr in enumerate(grecs) if rec and gr["type"] == rec["type"] and agrees(rec, gr)), None
                )
                key = (article, fact["type"], role, g if g is not None else _shown(rec, rid))
                tuples.add(key)
                where.setdefault(key, fact["sentence"])
            pred_roles |= tuples
            pred_facts.add((article, fact["type"], frozenset(t[2:] for t in tuples)))
            paired = _pair(fact["type"], {t[2:] for t in tuples}, gold_sets)
            anchor = paired if paired is not None else f"predicted {k}"
            if fact.get("status"):
                pred_status.add((article, fact["type"], anchor, fact["status"]))
            for role, span in _spans(fact):
                said = _words(span)
                gold_said = next((g[4] for g in gold_text if g[:4] == (article, fact["type"], role, anchor)), None)
                if gold_said is not None and _overlaps(said, gold_said):
                    said = gold_said
                pred_text.add((article, fact["type"], role, anchor, said))
    keys = {(t[1], t[2]) for t in pred_roles | gold_roles}
    for kind, role in sorted(keys):
        p = {t for t in pred_roles if t[1:3] == (kind, role)}
        g = {t for t in gold_roles if t[1:3] == (kind, role)}
        result.roles[f"{kind}.{role}"] = Counts(len(p & g), len(p - g), len(g - p))
    for kind in sorted({k for k, _ in keys}):
        p = {t for t in pred_roles if t[1] == kind}
        g = {t for t in gold_roles if t[1] == kind}
        result.types[kind] = Counts(len(p & g), len(p - g), len(g - p))
    result.micro = Counts(len(pred_roles & gold_roles), len(pred_roles - gold_roles), len(gold_roles - pred_roles))
    result.exact = Counts(len(pred_facts & gold_facts), len(pred_facts - gold_facts), len(gold_facts - pred_facts))
    result.status = _counted(pred_status, gold_status, lambda t: t[1])
    result.status_micro = _count(pred_status, gold_status)
    result.text_roles = _counted(pred_text, gold_text, lambda t: f"{t[1]}.{t[2]}")
    result.text_micro = _count(pred_text, gold_text)
    for t in sorted(gold_status - pred_status, key=str):
        said = next((p[3] for p in pred_status if p[:3] == t[:3]), "none")
        result.misses.append(f"status {t[0]} {t[1]} (gold fact {t[2] + 1}) = {t[3]!r}, predicted {said!r}")
    for t in sorted(gold_text - pred_text, key=str):
        result.misses.append(f"missed {t[0]} {t[1]}.{t[2]} (gold fact {t[3] + 1}) = {t[4]!r}")
    for t in sorted(gold_roles - pred_roles, key=str):
        result.misses.append(f"missed {t[0]} {t[1]}.{t[2]} = {gold[t[0]][0][t[3]]['text']!r}\n    {where.get(t, '')}")
    for t in sorted(pred_roles - gold_roles, key=str):
        shown = t[3] if isinstance(t[3], str) else gold[t[0]][0][t[3]]["text"]
        result.misses.append(f"wrong  {t[0]} {t[1]}.{t[2]} = {shown!r}\n    {where.get(t, '')}")
    return result


def _pair(kind: str, roles: set, gold_sets: list[tuple[str, set]]) -> int | None:
    """The gold fact (its index) of type ``kind`` sharing the most record roles with a
    predicted fact's ``roles``; the first on a tie, None when none shares one."""
    best, shared = None, 0
    for n, (gold_kind, gold_roles) in enumerate(gold_sets):
        common = len(roles & gold_roles) if gold_kind == kind else 0
        if common > shared:
            best, shared = n, common
    return best


def _count(pred: set, gold: set) -> Counts:
    return Counts(len(pred & gold), len(pred - gold), len(gold - pred))


def _counted(pred: set, gold: set, key) -> dict[str, Counts]:
    return {
        k: _count({t for t in pred if key(t) == k}, {t for t in gold if key(t) == k})
        for k in sorted({key(t) for t in pred | gold})
    }


def _spans(fact: dict):
    """(role, text) for every text role of a fact: gold writes the text, outputs {text, start, end}."""
    for role, value in fact.get("roles", {}).items():
        if role in SPAN_ROLES and value:
            yield role, value["text"] if isinstance(value, dict) else value


def _words(text: str) -> str:
    """A text role as compared: lower case, spaces folded, a leading article dropped.

    >>> _words("  The  Kai Tak site ")
    'kai tak site'
    """
    words = text.lower().split()
    return " ".join(words[1:] if words[:1] in (["the"], ["a"], ["an"]) else words)


def _overlaps(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a in b or b in a)


def _shown(rec: dict | None, rid: str) -> str:
    return f"{rec['mentions'][0]['text']} ({rid})" if rec else rid


def _fillers(fact: dict):
    """(role, filler) for every record role of a fact, list roles flattened, span roles left out."""
    for role, value in fact.get("roles", {}).items():
        if role in SPAN_ROLES:
            continue
        yield from ((role, v) for v in (value if isinstance(value, list) else [value]))


def _gold_index(records: list[dict], text: str) -> int:
    """The gold record a gold fact names by its text (or one of its mentions)."""
    for exact in (True, False):
        for i, rec in enumerate(records):
            names = [rec["text"], *rec.get("mentions", [])]
            if any(n == text if exact else n.lower() == text.lower() for n in names):
                return i
    raise ValueError(f"gold fact role {text!r} names no gold record")


def _sentence_of(text: str, surface: str) -> str:
    at = text.find(surface)
    return sentence_around(text, at, at + len(surface)) if at >= 0 else ""


def render_facts(ev: FactScores, baseline: FactScores | None = None) -> str:
    """Per type and per role P/R/F1 (baseline beside), exact match, then the misses."""
    rows = [f"facts ({ev.articles} articles with fact gold): role-level P / R / F1 (TP FP FN)"]

    def row(name: str, c: Counts, b: Counts | None = None) -> str:
        s = c.scores
        line = f"  {name:28} {s.precision:.3f} / {s.recall:.3f} / {s.f1:.3f}  ({c.tp} {c.fp} {c.fn})"
        return line + (f"   baseline F1 {b.scores.f1:.3f}" if b is not None else "")

    for name, c in ev.types.items():
        rows.append(row(name, c, baseline.types.get(name, Counts(0, 0, 0)) if baseline else None))
    for name, c in ev.roles.items():
        rows.append(row("  " + name, c))
    rows.append(row("micro (all roles)", ev.micro, baseline.micro if baseline else None))
    rows.append(row("whole-fact exact match", ev.exact, baseline.exact if baseline else None))
    rows.append("status (of the paired gold fact), per type:")
    rows += [row("  " + name, c) for name, c in ev.status.items()]
    rows.append(row("status (all facts)", ev.status_micro))
    rows.append("text roles (place, what, site, round), per type and role:")
    rows += [row("  " + name, c) for name, c in ev.text_roles.items()]
    rows.append(row("text roles (all)", ev.text_micro))
    rows.append("fact misses and wrong roles (roles, status, text roles):")
    rows += ["  " + m for m in ev.misses]
    return "\n".join(rows) + "\n"
