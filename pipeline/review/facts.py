"""Facts on the review page: each fact of an article as a line joining its records, decided
like a record (accept, reject, correct), kept in the same store under a key of its own, and
written to gold as the ``facts`` list ``pipeline evaluate`` scores.

A correction picks, for each record role, another record of the article (of the type the
role takes) or none, and a status; text roles (place, what, site, round) are kept as found.
In gold a role names its record by the gold record's text, so a role is written only when
its record is in that article's gold.

>>> fact_key({"type": "loan", "trigger": {"text": "loans", "start": 120, "end": 125}})
'fact:["loan", "loans", 120]'
"""

from __future__ import annotations

import json

from ..errors import Errors
from ..evaluation import scoring as ev
from ..facts.records import LIST_ROLES, ROLES, SPAN_ROLES, STATUSES, money_role
from .values import Invalid

PREFIX = "fact:"


def fact_key(fact: dict) -> str:
    """What identifies a fact across re-runs of the same text: its type and its trigger."""
    trigger = fact.get("trigger") or {}
    return PREFIX + json.dumps([fact.get("type"), trigger.get("text"), trigger.get("start")], ensure_ascii=False)


def is_fact_key(key: str) -> bool:
    return key.startswith(PREFIX)


def role_type(kind: str, role: str) -> str | None:
    """The record type a role of a fact of type ``kind`` takes; None for a text role.

    >>> role_type("property", "price"), role_type("plan", "area"), role_type("loan", "lender"), role_type("plan", "what")
    ('money', 'area', 'organisation', None)
    """
    if role in SPAN_ROLES:
        return None
    if role == money_role(kind):
        return "money"
    return {"area": "area", "date": "date"}.get(role, "organisation")


def facts_of(data: dict) -> tuple[dict, ...]:
    """The well-formed facts of an output file (a type known, roles an object)."""
    found = data.get("facts")
    return tuple(
        f
        for f in (found if isinstance(found, list) else [])
        if isinstance(f, dict) and f.get("type") in ROLES and isinstance(f.get("roles"), dict)
    )


def view(fact: dict, records: list[dict]) -> dict:
    """What the page shows of a fact: each role with the record (its index in ``records``,
    type and words) or the text that fills it, and the sentence cut around the trigger."""
    index = {r.get("id"): i for i, r in enumerate(records)}
    roles = []
    for role in ROLES[fact["type"]]:
        value = fact["roles"].get(role)
        for v in value if isinstance(value, list) else [value] if value else []:
            if isinstance(v, dict):
                roles.append({"role": role, "text": str(v.get("text", "")), "type": None, "rec": None})
            elif v in index:
                rec = records[index[v]]
                words = (rec.get("mentions") or [{}])[0].get("text") or str(rec.get("value"))
                roles.append({"role": role, "text": words, "type": rec["type"], "rec": index[v], "id": v})
    sentence, trigger = str(fact.get("sentence", "")), str((fact.get("trigger") or {}).get("text", ""))
    at = sentence.find(trigger) if trigger else -1
    cut = (sentence, "", "") if at < 0 else (sentence[:at], trigger, sentence[at + len(trigger) :])
    return {"roles": roles, "sentence": cut}


def choices(kind: str, records: list[dict]) -> list[dict]:
    """Per record role of the type, the records it may take: [{role, type, list, options: [(id, words)]}]."""
    out = []
    for role in ROLES[kind]:
        rtype = role_type(kind, role)
        if rtype is None:
            continue
        options = [
            (r["id"], (r.get("mentions") or [{}])[0].get("text") or str(r.get("value")))
            for r in records
            if r.get("type") == rtype and isinstance(r.get("id"), str)
        ]
        out.append({"role": role, "type": rtype, "list": role in LIST_ROLES, "options": options})
    return out


def corrected(fact: dict, fields: dict, records: list[dict]) -> dict:
    """The fact with the roles and status a reviewer picked. ``fields``: ``roles`` (role -> a
    record id, a list of ids for list roles, or "" for none) and ``status`` ("" for none).
    Every id must be a record of the article of the type the role takes."""
    kind = fact["type"]
    by_id = {r.get("id"): r for r in records}
    roles = dict(fact["roles"])
    picked = fields.get("roles") or {}
    if not isinstance(picked, dict):
        raise Invalid(Errors.E045.format(field="roles", reason="must be an object of role names and record ids"))
    for role, value in picked.items():
        rtype = role_type(kind, role) if role in ROLES[kind] else None
        if rtype is None:
            raise Invalid(Errors.E045.format(field="roles", reason=f"a {kind} fact has no record role {role!r}"))
        ids = [v for v in (value if isinstance(value, list) else [value]) if v]
        for v in ids:
            rec = by_id.get(v) if isinstance(v, str) else None
            if rec is None or rec.get("type") != rtype:
                raise Invalid(
                    Errors.E045.format(field=f"roles.{role}", reason=f"{v!r} is no {rtype} record of this article")
                )
        if not ids:
            roles.pop(role, None)
        else:
            roles[role] = ids if role in LIST_ROLES else ids[0]
    out = {k: v for k, v in fact.items() if k not in ("why", "status")}
    out["roles"] = {r: roles[r] for r in ROLES[kind] if r in roles}
    status = fields.get("status", fact.get("status") or "")
    if status not in ("", *STATUSES):
        raise Invalid(Errors.E045.format(field="status", reason=f"must be one of {', '.join(STATUSES)} or empty"))
    if status:
        out["status"] = status
    return out


def gold_form(fact: dict, records: list[dict], gold: list[dict], review: dict) -> tuple[dict, int]:
    """A reviewed fact as gold, roles named by the text of the gold record each record matches
    (``evaluate``'s matcher), and how many roles were left out because their record is not in
    the gold."""
    by_id = {r.get("id"): r for r in records}
    roles, dropped = {}, 0
    for role, value in fact["roles"].items():
        texts = []
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, dict):
                texts.append(str(v.get("text", "")))
                continue
            rec = by_id.get(v)
            same = next((g for g in gold if rec and g.get("type") == rec["type"] and ev.agrees(rec, g)), None)
            if same is None:
                dropped += 1
            else:
                texts.append(same["text"])
        if texts:
            roles[role] = texts if role in LIST_ROLES else texts[0]
    out = {"type": fact["type"], "trigger": (fact.get("trigger") or {}).get("text", "")}
    if fact.get("status"):
        out["status"] = fact["status"]
    if fact.get("negated"):
        out["negated"] = True
    out["roles"] = roles
    out["review"] = review
    return out, dropped
