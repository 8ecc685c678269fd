"""Which record fills which role of a trigger, read from the dependency parse of its sentence.

An organisation's *relation* to the trigger is read off the parse: ``subject`` (nsubj of the
trigger, of a verb it completes, ``agreed to buy``, or of the verb whose object a noun
trigger is, ``completed the acquisition``; ``by`` in a passive), ``object`` (dobj, dative,
a passive's subject), ``possessive`` (``Acme's takeover``), or the preposition that joins
it to the trigger or its object (``from``, ``to``, ``in``, ``of``, ``by``...). The trigger's
frame (triggers.VERBS) says which role each relation fills. Amounts, areas and dates fill
their type's role by nearness in the tree. Each filled role carries the rule that filled it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..extractors import dep, lemma, pos
from .records import LIST_ROLES, ROLES, money_role

# frame -> relation -> role
FRAMES: dict[str, dict[str, str]] = {
    "buy": {
        "subject": "buyer",
        "possessive": "buyer",
        "object": "target",
        "of": "target",
        "in": "target",
        "from": "seller",
        "for": "target",
    },
    "sell": {
        "subject": "seller",
        "possessive": "seller",
        "object": "target",
        "of": "target",
        "in": "target",
        "to": "buyer",
    },
    "invest": {
        "subject": "investor",
        "possessive": "investor",
        "in": "recipient",
        "into": "recipient",
        "object": "recipient",
        "by": "investor",  # "a $46 million plant by X"
    },
    "raise": {
        "subject": "company",
        "possessive": "company",
        "for": "company",
        "in": "company",
        "from": "investors",
        "by": "investors",
        "with": "investors",
        "including": "investors",
    },
    "award": {
        "subject": "awarder",
        "possessive": "awarder",
        "to": "contractor",
        "object": "contractor",
        "by": "awarder",
    },
    "win": {
        "subject": "contractor",
        "possessive": "awarder",
        "to": "contractor",
        "from": "awarder",
        "by": "awarder",
        "with": "awarder",
    },
    "order": {"subject": "awarder", "possessive": "awarder", "from": "contractor"},
    "lend": {"subject": "lender", "possessive": "lender", "to": "borrower", "object": "borrower"},
    "borrow": {
        "subject": "borrower",
        "possessive": "borrower",
        "from": "lender",
        "with": "lender",
        "to": "borrower",
        "by": "lender",
        "for": "borrower",
    },
    "plan": {"subject": "body", "possessive": "body"},
    "aim": {"subject": "body", "possessive": "body"},  # a goal with a by-date: its date is the by-date
    "complete": {},  # "The line is due to open in 2027": the line is no planner; the date is its by-date
    # a lease: the tenant is the buyer, the landlord the seller ("X leased a plot from Y");
    # with a "to" or "with" party the subject is the landlord (LESSOR).
    # "the authority allotted 6.5 ha to X", "X was allotted 6.5 ha": the allottee buys
    "allot": {"subject": "seller", "possessive": "seller", "object": "buyer", "to": "buyer"},
    "lease": {"subject": "buyer", "possessive": "buyer", "from": "seller", "to": "buyer", "with": "buyer"},
}
LESSOR = {"subject": "seller", "possessive": "seller"}  # "Y leased 5 ha to X", "Y signed a lease with X"
# frame -> verb a noun trigger is the object of -> the role its subject fills, when it is not
# the frame's subject: "X led the round" names an investor, "Y provided the loan" a lender.
GOVERNED: dict[str, dict[str, str]] = {
    "raise": {"lead": "investors", "join": "investors", "back": "investors", "participate": "investors"},
    "borrow": {
        "provide": "lender",
        "extend": "lender",
        "arrange": "lender",
        "grant": "lender",
        "offer": "lender",
        "lead": "lender",
        "pledge": "lender",
        "approve": "lender",
        "agree": "lender",
    },
    "win": {"award": "awarder", "grant": "awarder", "give": "awarder", "hand": "awarder"},
}
# A property deal has no target: the thing bought is the site (a span) or its area.
PROPERTY = {"target": None}
SUBJECTS = {
    "nsubj": "subject",
    "agent": "subject",
    "nsubjpass": "object",
    "dobj": "object",
    "dative": "object",
    "poss": "possessive",
}
CLIMB = {"xcomp", "ccomp", "conj", "advcl", "relcl", "acl", "pcomp", "prep", "acomp"}  # a verb the trigger completes
NEAR = 5  # steps in the tree: an amount, area or date farther from its trigger fills no role
NEAR_TYPE = {"area": 7}  # an area hangs lower (on the plot, the site): farther areas were right 6 times in 8 on dev
# What a company is valued at is not what it raised: "values Lingjing at 9 billion yuan",
# "at a $7.5b valuation". Read from the words, the parser often takes "values" for a noun.
RAISED = frozenset({"funding", "investment"})
VALUE_WORDS = frozenset({"value", "values", "valued", "valuing", "valuation", "valuations"})
HEDGES = frozenset({"about", "around", "roughly", "nearly", "some", "approximately", "almost", "a", "an", "over"})


@dataclass(frozen=True)
class Held:
    """A record's mention in the sentence: its record, type and its tokens (sentence indices)."""

    id: str
    type: str
    start: int
    end: int


def assign(sent: Span, trigger: int, kind: str, frame: str, held: list[Held]) -> tuple[dict, dict]:
    """(role -> record id or [ids], role -> rule) for the trigger at sentence index ``trigger``
    of the parsed sentence ``sent``, from the records ``held`` in it."""
    roles: dict = {}
    why: dict = {}
    table = FRAMES[frame] | (PROPERTY if kind == "property" else {})
    allowed = set(ROLES[kind])
    heads = {h: _head(sent, h) for h in held}
    at = sent[trigger]
    if dep(at) == "compound" and pos(at.head) == "NOUN" and at.head.i > at.i:
        trigger = at.head.i - sent.start  # "a credit line with X": the phrases hang on the head noun
    orgs = frozenset(sent.start + i for h in held if h.type == "organisation" for i in range(h.start, h.end))
    relations = {
        h: _relation(sent, heads[h], trigger, orgs)
        for h in held
        if h.type == "organisation" and not _inside(h, trigger) and not _dateline(sent, h)
    }
    if frame == "lease" and {"to", "with"} & set(relations.values()):
        table = table | LESSOR
    signer = kind == "contract" and frame == "win"
    if signer and "with" in relations.values() and any(r == "subject of sign" for r in relations.values()):
        table = table | BUYER_SIGNS  # "the agency signed a contract with X": X is hired
    filled: dict[str, Held] = {}  # role -> the mention that filled it
    # a trigger's own subject before one it shares with a verb above it: "X took 90 ha, while Y
    # got 110 ha": Y gets them, though "got" hangs on "took"
    for h, relation in sorted(relations.items(), key=lambda hr: bool(hr[1] and hr[1].startswith("subject of "))):
        role = table.get(relation) if relation else None
        if relation and relation.startswith("subject of "):
            verb = relation.removeprefix("subject of ")
            role = GOVERNED.get(frame, {}).get(verb, table.get("subject"))
            if table is not None and verb == "sign" and "with" in table and table["with"] == "contractor":
                role = "awarder"
            if frame == "invest" and verb == "sign" and pos(sent[trigger]) != "VERB":
                role = None  # "the zone signed 18 projects with a planned investment of ...": a host
        if signer and role == "contractor" and relation in ("subject", "subject of sign") and _public(sent, h):
            role = "awarder"  # "the Ministry of Defence signed contracts worth ...": a public buyer
        if role and role in allowed:
            first = filled.setdefault(role, h)
            if role in roles and role not in LIST_ROLES and first != h and _conjoined(heads[h], heads[first]):
                why.setdefault(JOINED, {}).setdefault(role, []).append(h.id)  # "went to A and B": a fact each
            _fill(roles, why, role, h.id, relation)
    for rtype, role in (("money", money_role(kind)), ("area", "area"), ("date", "date")):
        if role not in allowed:
            continue
        near = [
            (d, abs(h.start - trigger), h)
            for h in held
            if h.type == rtype
            for d in [_distance(sent, heads[h], trigger)]
        ]
        near = [
            n
            for n in near
            if n[0] <= NEAR_TYPE.get(rtype, NEAR)
            and not (rtype == "money" and kind in RAISED and _valuation(sent, n[2]))
            and not (rtype == "money" and _per_unit(sent, n[2]))
            and not (rtype == "date" and _dateline_date(sent, n[2]))
        ]
        if near:
            d, _, best = min(near, key=lambda n: (n[0], n[1]))
            _fill(roles, why, role, best.id, f"nearest {rtype} ({d} steps)")
    return roles, why


DASHES = frozenset({"-", "--", "—", "–"})


def _dateline(sent: Span, h: Held) -> bool:
    """Whether a mention is the news agency of a dateline, ``KUALA LUMPUR, Sept 23 (Bernama) --``:
    alone in brackets that a dash follows. An agency is no party to what it reports."""
    before = sent[h.start - 1].text if h.start > 0 else ""
    after = [t.text for t in sent[h.end : h.end + 2]]
    return before == "(" and after[:1] == [")"] and after[1:] and after[1] in DASHES


def _dateline_date(sent: Span, h: Held) -> bool:
    """Whether a date is a dateline's, ``HONG KONG, Sept 18 -``, ``JAKARTA, Dec 3 (Reuters) -``:
    only capitals and commas before it, a bracket or a dash after it. The day a story was filed
    is no deal's date."""
    before = [t for t in sent[: h.start] if not t.is_space]
    after = sent[h.end].text if h.end < len(sent) else ""
    return (
        bool(before)
        and before[-1].text == ","
        and all(t.text == "," or t.is_upper for t in before)
        and (after == "(" or after in DASHES)
    )


def _valuation(sent: Span, h: Held) -> bool:
    """Whether the amount ``h`` is a valuation: after ``at`` with a value word before it in the
    sentence, or right before ``valuation``."""
    after = sent[h.end].lower_ if h.end < len(sent) else ""
    if after in VALUE_WORDS:
        return True
    i = h.start - 1
    while i >= 0 and sent[i].lower_ in HEDGES:
        i -= 1
    return i >= 0 and sent[i].lower_ == "at" and any(t.lower_ in VALUE_WORDS for t in sent[:i])


UNIT_WORDS = frozenset(
    "share shares square sq acre acres hectare hectares mu rai feddan metre meter foot feet kilowatt kilowatt-hour "
    "kwh megawatt tonne ton unit kg kilogram barrel".split()
)


def _per_unit(sent: Span, h: Held) -> bool:
    """Whether the amount ``h`` is a rate, not a deal's sum: ``per`` or ``each`` after it, or
    ``a``/``an`` and a unit (``212p a share``, ``Rp 1.1 million per square metre``)."""
    after = [t.lower_ for t in sent[h.end : h.end + 2]]
    if after[:1] in (["per"], ["each"]):
        return True
    return len(after) == 2 and after[0] in ("a", "an") and after[1] in UNIT_WORDS


JOINED = "joined"  # in a fact's why: role -> the ids joined by "and" to its filler (one fact each)


def _conjoined(a: Token, b: Token) -> bool:
    """Whether two names are joined by ``and``/``or`` (one a conj of the other, through others)."""
    for x, y in ((a, b), (b, a)):
        token = x
        while dep(token) == "conj" and token.head.i != token.i:
            token = token.head
            if token.i == y.i:
                return True
    return False


def _fill(roles: dict, why: dict, role: str, rid: str, rule: str) -> None:
    if role in LIST_ROLES:
        if rid not in roles.setdefault(role, []):
            roles[role].append(rid)
            why.setdefault(role, rule)
    elif role not in roles:
        roles[role], why[role] = rid, rule


def _inside(h: Held, i: int) -> bool:
    return h.start <= i < h.end


def _head(sent: Span, h: Held) -> Token:
    """The mention's root in the parse: its token whose head lies outside it."""
    tokens = sent[h.start : h.end]
    for t in tokens:
        if not (tokens.start <= t.head.i < tokens.end) or t.head.i == t.i:
            return t
    return tokens[0]


def _relation(sent: Span, head: Token, trigger: int, orgs: frozenset[int] = frozenset()) -> str | None:
    """How an organisation whose mention's root is ``head`` stands to the trigger, or None.
    ``orgs``: the doc indices of the tokens of the sentence's organisation mentions."""
    trig = sent[trigger]
    while (dep(head) in ("appos", "conj", "compound") or _name_in_name(head)) and head.head.i != head.i:
        head = head.head  # "Acme and Beta bought", "its parent, Acme, bought"
    while dep(head) == "pobj" and head.head.lower_ == "of" and dep(head.head.head) in ("pobj", "dobj", "nsubj"):
        head = head.head.head  # "to an alliance of X": X stands where the alliance does
        while dep(head) in ("appos", "conj") and head.head.i != head.i:
            head = head.head
    if _led_by(head):
        head = head.head.head.head  # "to a consortium led by X": X stands where the consortium does
        while dep(head) in ("appos", "conj") and head.head.i != head.i:
            head = head.head
    relative = _relative_subject(head, trig)
    if relative is not None:
        return relative
    label = dep(head)
    up = head.head
    if label in SUBJECTS:
        governed = up
        rel = SUBJECTS[label]
        if governed.i == trig.i:
            return rel
        if rel == "subject" and governed.i in _governors(trig):
            verb = lemma(governed).lower()
            if verb == "add" and dep(trig) == "dobj" and trig.head.i == governed.i:
                return "subject of add"  # "X will add a $60 million line": no report, its object is the trigger
            if verb in REPORTING and _own_subject(trig, governed, orgs):
                return None  # "X said its unit Y has won ...": Y, not X, is the party
            if verb in REPORTING:
                said = _pronoun_clause(trig, governed)
                if said is not None:  # "X said it had approved a loan": X approved it
                    return "subject" if said.i == trig.i else f"subject of {lemma(said).lower()}"
                return None  # "The site attracted eight bids, the Lands Department said": a reporter
            return f"subject of {verb}"
        if rel == "possessive" and _joined(governed, trig):
            return rel
        return None
    if label == "pobj" and dep(up) in ("prep", "agent", "dative"):  # "awarded ... to X": to as dative
        word = "by" if dep(up) == "agent" else up.lower_
        if _joined(up.head, trig):
            return "subject" if word == "by" and dep(up) == "agent" and not _is_noun(trig) else word
    return None


REPORTING = frozenset({"say", "tell", "announce", "report", "state", "add", "note", "disclose", "confirm"})


def _own_subject(trig: Token, verb: Token, orgs: frozenset[int]) -> bool:
    """Whether a word between the trigger and the reporting ``verb`` above it (the trigger
    itself included) has a subject of its own that names an organisation (``orgs``): ``X said
    its unit Y has won`` (Y wins); not ``X said it would buy``, ``X said its board had approved``,
    ``Kenya has signed loans ..., the Treasury said`` (a country is no party)."""
    token = trig
    path = {trig.i}
    while token.i != verb.i and token.head.i != token.i:
        path.add(token.i)
        token = token.head
    for i in path:
        for c in trig.doc[i].children:
            if dep(c) in ("nsubj", "nsubjpass") and c.i not in path and any(t.i in orgs for t in c.subtree):
                return True
    return False


RELATIVES = frozenset({"which", "who", "that"})


def _relative_subject(head: Token, trig: Token) -> str | None:
    """``came from X, which agreed to invest ...``: X is the subject of a relative clause whose
    verb is the trigger or governs it (its subject ``which``/``who``/``that``)."""
    for verb in head.children:
        if dep(verb) != "relcl":
            continue
        if not any(dep(c) in ("nsubj", "nsubjpass") and c.lower_ in RELATIVES for c in verb.children):
            continue
        if verb.i == trig.i:
            return "subject"
        if verb.i in _governors(trig):
            return f"subject of {lemma(verb).lower()}"
    return None


def _pronoun_clause(trig: Token, verb: Token) -> Token | None:
    """The word between the trigger and the reporting ``verb`` above it (the trigger included)
    whose subject is a pronoun or a noun with one (``it``, ``its board``), lowest first: the
    reporter stands where that subject does (``X said it had handed the contract to Y``)."""
    token = trig
    while token.i != verb.i and token.head.i != token.i:
        for c in token.children:
            if dep(c) in ("nsubj", "nsubjpass") and (
                pos(c) == "PRON" or any(dep(g) == "poss" and pos(g) == "PRON" for g in c.children)
            ):
                return token
        token = token.head
    return None


BUYER_SIGNS = {"with": "contractor"}
PUBLIC_WORDS = frozenset(
    "ministry authority agency department government council commission board municipality "
    "administration secretariat directorate".split()
)


def _public(sent: Span, h: Held) -> bool:
    """Whether an organisation's name holds a public body's word (ministry, authority...)."""
    return any(t.lower_ in PUBLIC_WORDS for t in sent[h.start : h.end])


LEAD_VERBS = frozenset({"led", "headed", "formed"})
GROUP_WORDS = frozenset({"consortium", "venture", "group", "alliance", "partnership", "team", "syndicate"})


def _led_by(head: Token) -> bool:
    """``a consortium led by X``: X is the object of ``by`` on a participle that modifies a
    group word (consortium, joint venture, alliance...)."""
    by = head.head
    verb = by.head
    return (
        dep(head) == "pobj"
        and by.lower_ == "by"
        and verb.lower_ in LEAD_VERBS
        and dep(verb) == "acl"
        and verb.head.lower_ in GROUP_WORDS
        and dep(verb.head) in ("pobj", "dobj", "nsubj", "nsubjpass")
    )


def _joined(token: Token, trig: Token) -> bool:
    """Whether ``token`` is the trigger or a word hanging on it one step (its object or a noun
    in a prepositional phrase of it): ``bought a stake in X``, ``a Series B round led by X``."""
    if token.i == trig.i:
        return True
    if trig.head.i == token.i and dep(trig) in ("nsubjpass", "dobj"):
        return True  # "the round was led by X": the verb a noun trigger hangs on
    if token.head.i == trig.i and dep(token) in ("dobj", "attr", "npadvmod", "acl", "nsubjpass", "amod"):
        return True
    if dep(token) in ("pobj",) and token.head.head.i == trig.i:
        return True
    if dep(token) == "acl" and _joined(token.head, trig):
        return True  # "a round led by X"
    if dep(token) == "conj" and token.head.i == trig.i and pos(token) == "VERB":
        return True  # "sell its battery and display films business to X": a verb joined to the trigger
    return False


def _name_in_name(token: Token) -> bool:
    """``Shenzhen Capital Group and China Merchants Bank International joined``: a name the
    parser hung as a modifier (nmod) on the next name stands where that name does."""
    return dep(token) == "nmod" and pos(token) == "PROPN" and pos(token.head) == "PROPN"


def _governors(trig: Token) -> set[int]:
    """The verbs whose subject is the trigger's: ``agreed to buy``, ``completed the takeover``,
    ``plans to invest``, up through complements and objects."""
    found = set()
    token = trig
    for _ in range(4):
        label = dep(token)
        if token.head.i == token.i:
            break
        if label in CLIMB or label in ("dobj", "nsubjpass", "pobj", "attr", "appos"):
            if label == "conj" and any(dep(c) in ("nsubj", "nsubjpass") for c in token.children):
                break  # "A signed a deal, and B agreed to build": B's verb has its own subject
            token = token.head
            found.add(token.i)
            if pos(token) in ("VERB", "AUX") and label in ("dobj", "xcomp", "nsubjpass"):
                continue
        else:
            break
    return found


def _is_noun(token: Token) -> bool:
    return pos(token) in ("NOUN", "PROPN")


def _distance(sent: Span, head: Token, trigger: int) -> int:
    """Steps in the tree between a mention's root and the trigger (through their common ancestor)."""
    up = {}
    token, n = sent[trigger], 0
    while True:
        up[token.i] = n
        if token.head.i == token.i:
            break
        token, n = token.head, n + 1
    token, n = head, 0
    while token.i not in up:
        if token.head.i == token.i:
            return 99
        token, n = token.head, n + 1
    return n + up[token.i]


# Text roles (place, site, what, round): spans of the trigger's sentence, read off the parse.
ROUND_WORDS = frozenset("round ipo offering bond bonds placement debentures notes".split())
PLACE_PREPS = frozenset({"in", "at"})


def texts(tree: Span, sent: Span, trigger: int, kind: str, held: list[Held] = ()) -> dict:
    """role -> {text, start, end} for the text roles of ``kind``: ``site`` (the thing bought or
    leased: the trigger's object, or ``for`` a plot), ``what`` (what a plan plans: its object or
    ``on`` what money is spent), ``place`` (a proper name after ``in``/``at`` on the trigger or
    its object) and ``round`` (``Series B round``, ``green bond``). ``tree`` is the parsed
    sentence, ``sent`` the article's sentence (its offsets); a word inside an amount or a date
    record (``held``) is no site, thing or place: ``for`` or ``on`` after it is tried instead."""
    allowed = set(ROLES[kind])
    trig = tree[trigger]
    out = {}
    figures = {i + tree.start for h in held if h.type in ("money", "date") for i in range(h.start, h.end)}
    obj = _object(trig)
    if obj is not None and obj.i in figures:
        obj = _prep_object(trig, ("for", "on")) or _prep_object(obj, ("for", "on", "of"))
        obj = None if obj is not None and obj.i in figures else obj
    if "site" in allowed and obj is not None:
        out["site"] = _span(tree, sent, obj)
    if "what" in allowed:
        thing = obj if obj is not None else _prep_object(trig, ("on", "for"))
        if thing is not None:
            out["what"] = _span(tree, sent, thing)
    if "place" in allowed:
        for head in (trig, obj):
            place = _place(head) if head is not None else None
            if place is not None and place.i not in figures and not any(ch.isdigit() for ch in place.text):
                out["place"] = _span(tree, sent, place, names_only=True)
                break
    if "round" in allowed:
        word = trig if trig.lower_ in ROUND_WORDS else next((t for t in tree if t.lower_ in ROUND_WORDS), None)
        if word is not None:
            start = word.i
            while (
                start > tree.start and start - 1 not in figures and pos(tree.doc[start - 1]) in ("PROPN", "NOUN", "ADJ")
            ):
                start -= 1  # "Series B round", "green bond"
            out["round"] = _cut(tree, sent, start - tree.start, word.i + 1 - tree.start)
    return out


def _object(trig: Token) -> Token | None:
    """The trigger's object (a verb's dobj, ``for`` a plot after ``paid``), or None."""
    if pos(trig) == "VERB":
        obj = next((c for c in trig.children if dep(c) == "dobj"), None)
        if obj is None:
            obj = _prep_object(trig, ("for",))
        return obj
    return None


def _prep_object(token: Token, words: tuple[str, ...]) -> Token | None:
    for c in token.children:
        if dep(c) == "prep" and c.lower_ in words:
            return next((g for g in c.children if dep(g) == "pobj"), None)
    return None


def _place(head: Token) -> Token | None:
    """A proper name after ``in``/``at`` hanging on ``head`` (one level down its phrases)."""
    for c in head.children:
        if dep(c) == "prep" and c.lower_ in PLACE_PREPS:
            p = next((g for g in c.children if dep(g) == "pobj"), None)
            if p is not None and pos(p) == "PROPN":
                return p
    return None


def _span(tree: Span, sent: Span, token: Token, names_only: bool = False) -> dict:
    """The phrase a token heads: its whole subtree, or for a name only the name's words."""
    if names_only:
        words = [t for t in token.subtree if t.i <= token.i]
        start = token.i
        for t in reversed(words[:-1]):
            if t.i == start - 1 and (pos(t) == "PROPN" or dep(t) == "compound"):
                start = t.i
            else:
                break
        return _cut(tree, sent, start - tree.start, token.i + 1 - tree.start)
    sub = list(token.subtree)
    return _cut(tree, sent, sub[0].i - tree.start, sub[-1].i + 1 - tree.start)


def _cut(tree: Span, sent: Span, start: int, end: int) -> dict:
    """{text, start, end} of sentence tokens [start, end) (indices in the sentence), with the
    article's offsets."""
    first, last = sent[start], sent[end - 1]
    begin, stop = first.idx, last.idx + len(last.text)
    return {"text": sent.doc.text[begin:stop], "start": begin, "end": stop}
