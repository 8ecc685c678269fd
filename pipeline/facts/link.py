"""One article's facts: choose the sentences that hold a trigger and an amount or area,
parse only those (one call of the parser per article), read each trigger's roles and status,
fold what a sentence says twice, and let a role still empty borrow from the sentence before.

>>> from spacy.lang.en import English
>>> find(English()("Nothing here."), [], "a")
[]
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace

from spacy.tokens import Doc, Span

from ..extractors import dep, lemma, parsed, pos
from ..model.attributes import parse_ahead
from . import projects
from . import roles as rolemod
from . import status as statusmod
from .records import LIST_ROLES, ROLES, Fact, Trigger, money_role, to_dict
from .triggers import NOUNS, PRECEDENCE, PROJECTS, Found, completions, other_stories, triggers

AGENT = {kind: roles[0] for kind, roles in ROLES.items()}  # the role a pronoun subject stands for
# A subject that stands for an organisation named before: a pronoun, or a noun for one.
PRONOUNS = frozenset(
    "it they its their company group firm lender bank investor developer operator consortium maker carmaker "
    "automaker chipmaker producer manufacturer unit venture fund insurer utility builder contractor".split()
)


def find(doc: Doc, records: list[dict], article: str) -> list[dict]:
    """The fact records of one article, from its checked records (dicts with ids and mentions)
    and its Doc (sentences set). Roles point only at these records."""
    mentions = sorted(
        (m["start"], m["end"], r["id"], r["type"]) for r in records for m in r.get("mentions", ()) if r.get("id")
    )
    if not any(kind in ("money", "area") for *_, kind in mentions):
        return []
    starts = [m[0] for m in mentions]
    sents = _sentences(doc)
    chosen, kinds_seen = [], set()
    for k, sent in enumerate(sents):
        if other_stories(sent):
            continue
        held = mentions[bisect_left(starts, sent.start_char) : bisect_left(starts, sent.end_char)]
        kinds = {kind for *_, kind in held}
        if kinds & {"money", "area"}:
            found = triggers(sent, "area" in kinds)
            if found:
                chosen.append((k, sent, held, found))
                kinds_seen |= {f.type for f in found}
        elif "organisation" in kinds:
            found = []
            if kinds_seen and _definite_noun_word(sent):
                found = [f for f in triggers(sent, False) if f.type in kinds_seen and _definite(sent, f)]
            if not found and len({m[2] for m in held if m[3] == "organisation"}) >= 2:
                found = [f for f in triggers(sent, False) if f.type in PARTIES_ONLY]
            if found:  # "The round was led by X": names for a fact already found; "X won a contract from Y"
                chosen.append((k, sent, held, found))
        if "date" in kinds and not (chosen and chosen[-1][0] == k and any(f.type == "plan" for f in chosen[-1][3])):
            due = completions(sent)
            if due and chosen and chosen[-1][0] == k:
                chosen[-1] = (k, sent, held, chosen[-1][3] + due)
            elif due:
                chosen.append((k, sent, held, due))
    if not chosen:
        return []
    parse_ahead([(doc, [(s.start_char, s.end_char) for _, s, _, _ in chosen])])
    facts: list[tuple[int, Fact]] = []
    for k, sent, held, found in chosen:
        tree = parsed(doc, sent.start, sent.end)
        inside = [_held(doc, sent, m) for m in held]
        inside = [h for h in inside if h is not None]
        found = _heads_only(tree, found)
        facts += [(k, f) for f in _sentence_facts(doc, sent, tree, found, inside, mentions, article, facts, k)]
    facts = [(k, f) for k, f in _borrow_back(_refer_back(facts)) if _enough(f)]
    return [to_dict(_with_texts(_with_status(f)), n) for n, (_, f) in enumerate(facts, 1)]


TEXTS = "text roles"  # a fact's text roles wait in its why until it is kept: no rule counts them


def _with_texts(fact: Fact) -> Fact:
    """The fact with its text roles (place, site, what, round) among its roles, each saying why."""
    spans = {r: v for r, v in fact.why.get(TEXTS, {}).items() if r not in fact.roles}
    why = {r: w for r, w in fact.why.items() if r != TEXTS}
    why.update({r: "text: the trigger's " + ("phrase" if r != "place" else "in/at name") for r in spans})
    return replace(fact, roles={**fact.roles, **spans}, why=why)


def _with_status(fact: Fact) -> Fact:
    """The status of the first of the fact's triggers whose sentence gives one; read only for
    the facts kept (reading a sentence's lemmas for a status was a third of the stage's time)."""
    said = next((s for s in (statusmod.status(tree, i, set(gov)) for tree, i, gov in fact.asked) if s), None)
    return replace(fact, status=said, asked=())


DEFINITE = frozenset({"the", "this", "that"})
NOUN_WORDS = frozenset(NOUNS) | frozenset(f"{w}s" for w in NOUNS)


def _definite_noun_word(sent: Span) -> bool:
    """Whether the sentence holds ``the``/``this``/``that`` before a trigger noun (its surface
    form): a cheap test before any lemma is read."""
    words = [t.lower_ for t in sent]
    return any(w in DEFINITE and nxt in NOUN_WORDS for w, nxt in zip(words, words[1:]))


def _definite(sent: Span, f: Found) -> bool:
    """A noun trigger right after ``the``, ``this`` or ``that``: ``the round``, ``the loan``."""
    return f.noun and f.i > 0 and sent[f.i - 1].lower_ in DEFINITE


def _heads_only(tree: Span, found: list[Found]) -> list[Found]:
    """``acquisition loans``: a trigger noun that only modifies a trigger of another type
    (a compound on it) starts no fact of its own."""
    types = {f.i: f.type for f in found}
    return [
        f
        for f in found
        if not (dep(tree[f.i]) == "compound" and types.get(tree[f.i].head.i - tree.start, f.type) != f.type)
    ]


def _sentences(doc: Doc) -> list[Span]:
    try:
        return list(doc.sents)
    except ValueError:  # no sentence boundaries set
        return [doc[:]]


def _held(doc: Doc, sent: Span, m: tuple) -> rolemod.Held | None:
    span = doc.char_span(m[0], m[1], alignment_mode="expand")
    if span is None or span.start < sent.start or span.end > sent.end:
        return None
    return rolemod.Held(m[2], m[3], span.start - sent.start, span.end - sent.start)


def _sentence_facts(doc, sent, tree, found: list[Found], held, mentions, article, earlier, k: int) -> list[Fact]:
    """One fact per type per sentence (its triggers' roles folded, the first trigger's kept),
    then an amount claimed by a type earlier in PRECEDENCE leaves later types without it.
    A fact of a definite noun (``the round``) with no amount is kept for ``_refer_back``."""
    by_type: dict[tuple[str, int], Fact] = {}  # (type, clause) -> fact: one per type, or per clause
    subjects: dict[tuple[str, int], int | None] = {}
    definite = set()
    for f in found:
        if f.type == "investment" and _market_total(tree, f):
            continue
        if _period_total(tree, f):
            continue
        roles, why = rolemod.assign(tree, f.i, f.type, f.frame, held)
        if _bare_project(tree, f, roles, held):
            continue
        why[TEXTS] = rolemod.texts(tree, sent, f.i, f.type, held)  # joined to the roles of the facts kept
        governors = rolemod._governors(tree[f.i])
        if AGENT[f.type] not in roles:
            _pronoun_subject(doc, sent, tree, f, mentions, roles, why, earlier, k)
        _role_noun_subject(tree, f, earlier, roles, why)
        if _definite(sent, f):
            definite.add(f.type)
        if f.frame in ("complete", "aim"):
            why[DUE] = True
        token = sent[f.i]
        fact = Fact(
            article=article,
            type=f.type,
            roles=roles,
            trigger=Trigger(token.text, token.idx, token.idx + len(token.text)),
            sentence=sent.text.strip(),
            asked=((tree, f.i, frozenset(governors)),),
            negated=statusmod.negated(tree[f.i], governors),
            why=why,
        )
        key = _clause_key(by_type, subjects, f.type, _clause_subject(tree, f, held))
        old = by_type.get(key)
        if old is None:
            by_type[key] = _unshared(fact, [v for k, v in by_type.items() if k[0] == f.type])
        else:
            merged = {**fact.roles, **old.roles}
            by_type[key] = replace(
                old,
                roles=merged,
                why={**fact.why, **old.why},
                asked=old.asked + fact.asked,
                negated=old.negated or fact.negated,
            )
    out, claimed, owner = [], set(), _owners(sent, tree, by_type, held)
    for kind, n in sorted(by_type, key=lambda k: (PRECEDENCE.index(k[0]), k[1])):
        fact = by_type[kind, n]
        money = fact.roles.get(money_role(kind))
        if money is None and None in claimed:
            continue  # an area-only fact of a type before it: a later type with no amount adds nothing
        if money is not None and owner.get(money, kind) != kind:
            if kind == "plan" or "area" not in fact.roles:
                continue  # "raised $40m in a round ... to invest" is one funding fact
            # "allotted 300 acres to X, which will invest Rs 14,700 crore": the deal keeps its area
            fact = replace(fact, roles={r: v for r, v in fact.roles.items() if r != money_role(kind)})
            money = None
        if not {money_role(kind), "area"} & set(fact.roles):
            if kind in definite:
                out.append(replace(fact, why={**fact.why, REFERS: True}))
            elif _two_parties(fact) or _due(fact):
                out.append(fact)
            continue
        claimed.add(money)
        out.append(fact)
    out = _with_projects(sent, tree, out, held, [f.i for f in found if f.type == "property"])
    out += _gapped(tree, out, held)
    return sorted((one for fact in out for one in _each_joined(fact)), key=lambda f: f.trigger.start)


def _with_projects(
    sent: Span, tree: Span, facts: list[Fact], held: list[rolemod.Held], triggers: list[int]
) -> list[Fact]:
    """Each property fact split from the plants built on its land (``projects``): ``X takes 25
    acres for a $45 million plant`` is X's land deal and X's investment, unless a fact of the
    sentence already holds that investment's amount."""
    spent = {f.roles.get("amount") for f in facts if f.type == "investment"}
    out = []
    for fact in facts:
        if fact.type != "property":
            out.append(fact)
            continue
        out += [
            f
            for f in projects.split(sent, tree, fact, held, triggers)
            if f.type == "property" or f.roles["amount"] not in spent
        ]
    return out


def _gapped(tree: Span, facts: list[Fact], held: list[rolemod.Held]) -> list[Fact]:
    """Clauses with no verb of their own after a deal: ``X will invest $145m in a plant and Y
    $90m in a mill``, ``X gets 30 ha for a unit, Y 8 ha for a depot``. An organisation named
    right before an amount or area that no fact of the sentence holds, after a trigger verb
    whose fact has its subject's party, is a fact of that type with that party and that figure."""
    used = {v for f in facts for v in f.roles.values() if isinstance(v, str)}
    out = []
    for fact in facts:
        agent = AGENT[fact.type]
        trig = next((i for t, i, _ in fact.asked if t is tree), None)
        if trig is None or pos(tree[trig]) != "VERB" or not isinstance(fact.roles.get(agent), str):
            continue
        orgs = {h.end: h for h in held if h.type == "organisation" and h.start > trig}
        for h in held:
            party = orgs.get(h.start)
            role = money_role(fact.type) if h.type == "money" else "area" if h.type == "area" else None
            if party is None or role is None or role not in ROLES[fact.type] or h.id in used:
                continue
            used.add(h.id)
            why = {agent: "the party of a clause with no verb", role: "its figure, after the party"}
            out.append(replace(fact, roles={agent: party.id, role: h.id}, why={**why, TEXTS: {}}))
    return out


PROJECT_STEPS = 2  # "a $78 million factory", "a line worth US$60 million": the cost hangs on the word


def _bare_project(tree: Span, f: Found, roles: dict, held: list[rolemod.Held]) -> bool:
    """A plant or project word (triggers.PROJECTS) that starts no investment: its amount does
    not hang right under it (``the unit received $4 billion in subsidies``), or no investor is
    named (``The mill, which will cost R$25 billion``: a plan's figure, no one's investment)."""
    if not (f.noun and tree[f.i].lower_ in PROJECTS):
        return False
    money = next((h for h in held if h.id == roles.get("amount")), None)
    if money is None or "investor" not in roles:
        return True
    token = rolemod._head(tree, money)
    for _ in range(PROJECT_STEPS):
        token = token.head
        if token.i - tree.start == f.i:
            return False
    return True


def _each_joined(fact: Fact) -> list[Fact]:
    """The fact, then a copy of it for each party joined by ``and`` to one of its single roles
    (``the plots went to A and B``: A's fact and B's)."""
    joined = fact.why.get(rolemod.JOINED, {})
    fact = replace(fact, why={r: w for r, w in fact.why.items() if r != rolemod.JOINED})
    copies = [
        replace(
            fact, roles={**fact.roles, role: rid}, why={**fact.why, role: f"{fact.why.get(role, '')}, joined by and"}
        )
        for role, ids in joined.items()
        for rid in ids
        if fact.roles.get(role) != rid
    ]
    return [fact, *copies]


def _owners(sent: Span, tree: Span, by_type: dict[tuple[str, int], Fact], held: list[rolemod.Held]) -> dict[str, str]:
    """amount id -> the type whose fact keeps it when several facts of a sentence name it: the
    first in PRECEDENCE (``raised $40m in a round ... to invest`` is funding), unless the amount
    hangs right on another's trigger (one step in the tree): ``the purchase, funded partly by a
    $1.3b loan from X`` is the loan's amount. A plan never takes an amount that way."""
    heads = {h.id: rolemod._head(tree, h) for h in held}
    best: dict[str, tuple] = {}
    for (kind, _), fact in by_type.items():
        money = fact.roles.get(money_role(kind))
        if money not in heads:
            continue
        steps = min(rolemod._distance(tree, heads[money], i) for _, i, _ in fact.asked)
        rank = (kind == "plan" or steps > 1, PRECEDENCE.index(kind))
        if money not in best or rank < best[money][0]:
            best[money] = (rank, kind)
    return {money: kind for money, (_, kind) in best.items()}


def _clause_subject(tree: Span, f: Found, held: list[rolemod.Held]) -> int | None:
    """The subject of a trigger verb's own clause (its token index) when it names an
    organisation: ``X paid $5m for a plot, while Y took 74 mu``: X and Y."""
    if f.noun:
        return None
    subject = next((c for c in tree[f.i].children if dep(c) in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    words = {t.i - tree.start for t in subject.subtree}
    named = any(h.type == "organisation" and h.start in words for h in held)
    return subject.i if named else None


def _clause_key(by_type: dict, subjects: dict, kind: str, subject: int | None) -> tuple[str, int]:
    """Where a trigger's roles go: the fact of its type in the sentence, unless it and every
    fact of its type so far have subjects of their own naming different organisations (a second
    deal in a clause of its own: a new fact)."""
    keys = [k for k in by_type if k[0] == kind]
    same = next((k for k in keys if subjects[k] == subject), None)
    if not keys or same is not None:
        key = same or (kind, 0)
    elif subject is not None and all(subjects[k] is not None for k in keys):
        key = (kind, len(keys))
    else:
        key = keys[0]
    subjects.setdefault(key, subject)
    return key


def _unshared(fact: Fact, others: list[Fact]) -> Fact:
    """A second fact of a type in a sentence without the amount or area a fact before it holds."""
    held = {v for other in others for r, v in other.roles.items() if r in (money_role(fact.type), "area")}
    return replace(fact, roles={r: v for r, v in fact.roles.items() if not (isinstance(v, str) and v in held)})


MARKET_WORDS = frozenset({"foreign", "direct"})  # "foreign direct investment", "foreign investment"


def _market_total(tree: Span, f: Found) -> bool:
    """An investment that is a market's total, no one's deal: ``foreign direct investment
    reached ...``, ``foreign investors had committed $9.2 billion``."""
    trig = tree[f.i]
    if f.noun and f.i > 0 and tree[f.i - 1].lower_ in MARKET_WORDS:
        return True
    chain = {trig.i, *rolemod._governors(trig)}
    return any(t.head.i in chain and rolemod.dep(t) == "nsubj" and t.lower_ == "investors" for t in tree)


def _period_total(tree: Span, f: Found) -> bool:
    """A total over a period, no one deal: the trigger verb has ``since``, ``so far`` or ``to
    date`` on it (``lent N64bn to farmers since 2024``, ``had sold 3,280 mu so far this year``),
    or its phrase gives an average (``sold 640 mu in 2025 at an average of ...``). Not ``since``
    on a clause (``has put $5 billion into X since the series began``: a sum with no parts given
    is a fact, docs/labelling.md)."""
    trig = tree[f.i]
    if f.noun:
        return False
    for c in trig.children:
        nxt = c.doc[c.i + 1].lower_ if c.i + 1 < len(c.doc) else ""
        prev = c.doc[c.i - 1].lower_ if c.i > 0 else ""
        if c.lower_ == "since" or (c.lower_ == "far" and prev == "so") or (c.lower_ == "to" and nxt == "date"):
            return True
    return any(t.lower_ == "average" for t in trig.subtree)


def _enough(fact: Fact) -> bool:
    """A fact needs an amount or area and one more role, or two parties (``X won a contract
    from Y``, ``X bought Y``: deals with no amount are facts too)."""
    filled = [r for r, v in fact.roles.items() if v]
    return (
        (len(filled) >= 2 and bool({money_role(fact.type), "area"} & set(filled))) or _two_parties(fact) or _due(fact)
    )


DUE = "due by"  # marks, in a plan's why, a completion cue (``due to open``): its date is a by-date


def _due(fact: Fact) -> bool:
    """A plan read from a completion cue with a date (``The line is due to open in 2027``): its
    by-date makes it a plan even with no amount or area."""
    return fact.type == "plan" and bool(fact.why.get(DUE)) and "date" in fact.roles


# Types whose facts may have no amount when two parties are named: a plan has one party.
PARTIES_ONLY = frozenset(PRECEDENCE) - {"plan"}


def _two_parties(fact: Fact) -> bool:
    """Whether the fact names two different organisations in its roles (its type may go without
    an amount: PARTIES_ONLY)."""
    if fact.type not in PARTIES_ONLY:
        return False
    ids = set()
    for role, value in fact.roles.items():
        if role in (money_role(fact.type), "area", "date"):
            continue
        ids |= set(value) if isinstance(value, list) else {value} if isinstance(value, str) else set()
    return len(ids) >= 2


def _pronoun_subject(doc, sent, tree, f: Found, mentions, roles: dict, why: dict, earlier, k: int) -> None:
    """``It bought ...``, ``The company will invest ...``: the subject stands for a party of the
    fact found in the sentence before (``... went to X. The company plans to invest ...``: X),
    else for the organisation that is the subject of the sentence before."""
    trig = tree[f.i]
    chain = {trig.i, *rolemod._governors(trig)}
    subject = next(
        (t for t in tree if t.head.i in chain and rolemod.dep(t) in ("nsubj", "poss") and t.i != t.head.i), None
    )
    if subject is None or not (pos(subject) == "PRON" or subject.lower_ in PRONOUNS):
        return
    verb = lemma(subject.head).lower() if subject.head.i != trig.i else ""
    role = rolemod.GOVERNED.get(f.frame, {}).get(verb) or rolemod.FRAMES[f.frame].get("subject")
    if not role or role not in ROLES[f.type] or role in roles:
        return  # asked before the sentence before is parsed
    rid, rule = _previous_party(earlier, k), "pronoun subject: a party of the fact in the sentence before"
    if rid is None:
        rid, rule = _previous_subject(doc, sent, mentions), "pronoun subject: the subject of the sentence before"
    if rid is not None:
        roles[role] = [rid] if role in LIST_ROLES else rid
        why[role] = rule


# A fact's parties, the one a pronoun in the next sentence most likely stands for first.
PARTIES = ("buyer", "investor", "company", "contractor", "borrower", "body", "seller", "awarder", "lender", "investors")


def _previous_party(earlier: list[tuple[int, Fact]], k: int) -> str | None:
    """The first party (PARTIES) of the last fact found, when it is in the sentence before ``k``."""
    if not earlier or earlier[-1][0] != k - 1:
        return None
    for role in PARTIES:
        value = earlier[-1][1].roles.get(role)
        if value:
            return value[0] if isinstance(value, list) else value
    return None


def _previous_subject(doc: Doc, sent: Span, mentions: list[tuple]) -> str | None:
    """The organisation named in the subject of the main verb of the sentence before (that
    sentence is parsed for it), or None."""
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    tree = parsed(doc, prev.start, prev.end)
    root = next((t for t in tree if t.head.i == t.i), None)
    subject = next((c for c in root.children if dep(c) in ("nsubj", "nsubjpass")), None) if root is not None else None
    if subject is None:
        return None
    words = list(subject.subtree)
    start, end = prev[words[0].i - tree.start].idx, prev[words[-1].i - tree.start].idx + 1
    return next((m[2] for m in mentions if m[3] == "organisation" and start <= m[0] < end), None)


# "The buyer has lined up loans": a definite role noun stands for that role of the last fact
# before it that names one.
ROLE_NOUNS = {
    "buyer": "buyer",
    "acquirer": "buyer",
    "purchaser": "buyer",
    "bidder": "buyer",
    "seller": "seller",
    "vendor": "seller",
    "borrower": "borrower",
    "lender": "lender",
}
REFERS = "refers back"  # marks, in a fact's why, a definite-noun fact with no amount of its own


def _role_noun_subject(tree: Span, f: Found, earlier: list[tuple[int, Fact]], roles: dict, why: dict) -> None:
    """``The buyer has lined up loans of ...``: the subject ``the buyer`` stands for the buyer of
    the last fact before this sentence that names one; it fills the role the frame gives a subject."""
    role = rolemod.FRAMES[f.frame].get("subject")
    if not role or role not in ROLES[f.type] or role in roles:
        return
    trig = tree[f.i]
    chain = {trig.i, *rolemod._governors(trig)}
    subject = next((t for t in tree if t.head.i in chain and rolemod.dep(t) == "nsubj" and t.i != t.head.i), None)
    if subject is None or subject.lower_ not in ROLE_NOUNS or subject.i == tree.start:
        return
    if subject.doc[subject.i - 1].lower_ not in DEFINITE:
        return
    named = ROLE_NOUNS[subject.lower_]
    for _, fact in reversed(earlier):
        value = fact.roles.get(named)
        if isinstance(value, str):
            roles[role] = [value] if role in LIST_ROLES else value
            why[role] = f"'the {subject.lower_}': the {named} of an earlier fact"
            return


def _refer_back(facts: list[tuple[int, Fact]]) -> list[tuple[int, Fact]]:
    """``The round was led by X``: a fact of a definite noun with no amount that names a party
    adds its roles to the last fact of its type before it, unless a role both fill names
    different records; list roles (investors, lenders) are joined. Not for plans (``the
    budget`` names no deal)."""
    out: list[tuple[int, Fact]] = []
    for k, fact in facts:
        if not fact.why.get(REFERS):
            out.append((k, fact))
            continue
        why = {r: w for r, w in fact.why.items() if r != REFERS}
        if fact.type == "plan" or not set(fact.roles) - {"date"}:
            continue  # "the budget", "the plan" name no party; a date alone adds no party either
        at = next((n for n in range(len(out) - 1, -1, -1) if out[n][1].type == fact.type), None)
        if at is None:
            continue
        old = out[at][1]
        if any(r in old.roles and r not in LIST_ROLES and old.roles[r] != v for r, v in fact.roles.items()):
            continue
        roles, said = dict(old.roles), dict(old.why)
        for r, v in fact.roles.items():
            if r in LIST_ROLES:
                roles[r] = list(dict.fromkeys([*roles.get(r, []), *v]))
            else:
                roles[r] = v
            said.setdefault(r, f"{why.get(r, '')}, a later sentence ('the {fact.trigger.text}')")
        out[at] = (out[at][0], replace(old, roles=roles, why=said))
    return out


def _borrow_back(facts: list[tuple[int, Fact]]) -> list[tuple[int, Fact]]:
    """``The deal, worth ...``: a fact that names no organisation, right after a fact of the
    same type in the sentence before that has no amount, gives that fact its amount and date."""
    out: list[tuple[int, Fact]] = []
    for k, fact in facts:
        prev = out[-1] if out else None
        orgs = [r for r in fact.roles if r not in (money_role(fact.type), "area", "date")]
        if prev and prev[0] == k - 1 and prev[1].type == fact.type and not orgs:
            p = prev[1]
            add = {r: v for r, v in fact.roles.items() if r not in p.roles}
            if add:
                why = {r: f"{fact.why.get(r, '')}, the sentence after" for r in add}
                out[-1] = (prev[0], replace(p, roles={**p.roles, **add}, why={**p.why, **why}))
                continue
        out.append((k, fact))
    return out
