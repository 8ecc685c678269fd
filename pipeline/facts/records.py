"""The fact record: a type, roles filled by the article's record ids (or a span of text for
``place`` and ``what``), the trigger word, its sentence, and what the text says of its status.

>>> f = Fact("a", "acquisition", {"buyer": "a:organisation-1", "price": "a:money-2"},
...          Trigger("bought", 10, 16), "X bought Y for $5.", status="completed", why={"buyer": "subject"})
>>> to_dict(f, 1)["id"], list(to_dict(f, 1))
('a:fact-1', ['article', 'id', 'type', 'roles', 'trigger', 'sentence', 'status', 'why'])
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Fact type -> its roles, in the order they are written. Record roles name the record type
# that fills them in ROLE_TYPES; the money role of each type is MONEY_ROLE.
ROLES: dict[str, tuple[str, ...]] = {
    "acquisition": ("buyer", "seller", "target", "price", "date"),
    "investment": ("investor", "recipient", "amount", "place", "date"),
    "funding": ("company", "investors", "amount", "round", "date"),
    "property": ("buyer", "seller", "site", "area", "price", "place", "date"),
    "contract": ("awarder", "contractor", "value", "date"),
    "loan": ("lender", "borrower", "amount", "date"),
    "plan": ("body", "what", "amount", "area", "date"),
}
FACT_TYPES = tuple(ROLES)
MONEY_ROLE = {"acquisition": "price", "property": "price", "contract": "value"}  # else "amount"
STATUSES = ("agreed", "completed", "planned", "rumoured", "called off")
LIST_ROLES = frozenset({"investors", "lender", "contractor"})  # roles that take a list of ids
SPAN_ROLES = frozenset({"place", "what", "site", "round"})  # filled by {text, start, end}, not a record


def money_role(kind: str) -> str:
    return MONEY_ROLE.get(kind, "amount")


@dataclass(frozen=True)
class Trigger:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Fact:
    article: str
    type: str
    roles: dict  # role -> record id, [ids] or {text, start, end}
    trigger: Trigger
    sentence: str
    status: str | None = None
    negated: bool = False
    why: dict = field(default_factory=dict)  # role -> the rule that filled it
    # (parsed sentence, trigger index, governors) of each trigger folded into the fact, in
    # order: where ``find`` reads the status of the facts it keeps; not written.
    asked: tuple = field(default=(), compare=False, repr=False)


def to_dict(fact: Fact, n: int) -> dict:
    """The JSON form, id ``<article>:fact-<n>``; roles in the type's order, empty ones left out."""
    order = ROLES[fact.type]
    roles = {r: fact.roles[r] for r in order if fact.roles.get(r)}
    out = {
        "article": fact.article,
        "id": f"{fact.article}:fact-{n}",
        "type": fact.type,
        "roles": roles,
        "trigger": {"text": fact.trigger.text, "start": fact.trigger.start, "end": fact.trigger.end},
        "sentence": fact.sentence,
    }
    if fact.negated:
        out["negated"] = True
    if fact.status:
        out["status"] = fact.status
    out["why"] = {r: fact.why[r] for r in order if r in roles and r in fact.why}
    return out
