"""The words that start a fact: a table of lemmas, each with its fact type and its *frame*
(which way the roles point: in ``buy`` the subject is the buyer, in ``sell`` the seller),
and the rules that turn a trigger into a type in its sentence (a purchase of land is a
``property`` deal; ``raise`` is ``funding`` only beside a funding word).

Each table is data: one line per word, so adding a trigger is one line.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..extractors import lemma_among, pos
from .status import wordlike

# lemma -> (fact type, frame). Frames are in roles.FRAMES. "acquisition" becomes "property"
# when the sentence is about land or buildings (LAND_WORDS, or an area record in it).
VERBS: dict[str, tuple[str, str]] = {
    "buy": ("acquisition", "buy"),
    "acquire": ("acquisition", "buy"),
    "purchase": ("acquisition", "buy"),
    "merge": ("acquisition", "buy"),
    "sell": ("acquisition", "sell"),
    "divest": ("acquisition", "sell"),
    "offload": ("acquisition", "sell"),
    "invest": ("investment", "invest"),
    "inject": ("investment", "invest"),
    "build": ("investment", "invest"),
    "construct": ("investment", "invest"),
    "raise": ("funding", "raise"),
    "award": ("contract", "award"),
    "grant": ("contract", "award"),
    "win": ("contract", "win"),
    "secure": ("contract", "win"),
    "land": ("contract", "win"),
    "order": ("contract", "order"),
    "pick": ("contract", "award"),  # "X picked Y to build ...": only beside a job word (HIRE_WORDS)
    "choose": ("contract", "award"),
    "select": ("contract", "award"),
    "appoint": ("contract", "award"),
    "lend": ("loan", "lend"),
    "loan": ("loan", "lend"),
    "borrow": ("loan", "borrow"),
    "plan": ("plan", "plan"),
    "earmark": ("plan", "plan"),
    "allocate": ("plan", "plan"),
    "pledge": ("plan", "plan"),
    "budget": ("plan", "plan"),
    "spend": ("plan", "plan"),
    "aim": ("plan", "plan"),
    "target": ("plan", "plan"),
    "want": ("plan", "plan"),
    "commit": ("investment", "invest"),
    "put": ("investment", "invest"),  # "put $1.5 billion into X": only with in/into (NEEDS)
    "expand": ("investment", "invest"),
    "develop": ("investment", "invest"),
    "list": ("funding", "raise"),
    "lease": ("acquisition", "lease"),
    "rent": ("acquisition", "lease"),
    "pay": ("acquisition", "buy"),
    "auction": ("acquisition", "sell"),
    "offer": ("acquisition", "sell"),  # land offered for sale: only about land (LAND_VERBS)
    "allot": ("acquisition", "allot"),
    "transfer": ("acquisition", "sell"),
    "receive": ("acquisition", "buy"),
    "get": ("acquisition", "buy"),
    "take": ("acquisition", "buy"),  # "X took 74 mu for $5m": only about land (LAND_VERBS)
}
# Verbs that start a fact only about land or buildings (a property deal): "paid a dividend",
# "leased aircraft" are none.
LAND_ONLY = frozenset({"lease", "rent", "pay", "auction", "go"})  # lemmas
# Verbs that start a fact only about land, as verbs: "offered plots to X"; the noun "offer" is a bid.
LAND_VERBS = frozenset({"offer", "allot", "transfer", "receive", "get", "hand", "take"})
NOUNS: dict[str, tuple[str, str]] = {
    "acquisition": ("acquisition", "buy"),
    "takeover": ("acquisition", "buy"),
    "buyout": ("acquisition", "buy"),
    "purchase": ("acquisition", "buy"),
    "merger": ("acquisition", "buy"),
    "stake": ("acquisition", "buy"),
    "lease": ("acquisition", "lease"),
    "sale": ("acquisition", "sell"),
    "investment": ("investment", "invest"),
    "grant": ("investment", "invest"),
    "offer": ("acquisition", "buy"),
    "bid": ("acquisition", "buy"),
    "proposal": ("acquisition", "buy"),
    "bond": ("funding", "raise"),
    "bonds": ("funding", "raise"),
    "ipo": ("funding", "raise"),
    "offering": ("funding", "raise"),
    "placement": ("funding", "raise"),
    "listing": ("funding", "raise"),
    "debenture": ("funding", "raise"),
    "tranche": ("loan", "borrow"),
    "funding": ("funding", "raise"),
    "financing": ("loan", "borrow"),  # "will provide $24m of financing", "financing arranged by X"
    "round": ("funding", "raise"),
    "contract": ("contract", "win"),
    "tender": ("contract", "win"),
    "concession": ("contract", "win"),
    "order": ("contract", "win"),
    "package": ("contract", "win"),
    "loan": ("loan", "borrow"),
    "facility": ("loan", "borrow"),
    "credit": ("loan", "borrow"),
    "plan": ("plan", "plan"),
    "target": ("plan", "plan"),
    "budget": ("plan", "plan"),
}
# A plant or project with its cost on it is an investment when nothing else in the sentence
# starts a fact (WEAK): "will add a gearbox line worth US$85 million", "a Rp4.6 trillion plant by
# X"; link keeps it only when the amount hangs right on the word (PROJECT_STEPS).
PROJECTS = frozenset("plant factory line unit mill complex campus base expansion project".split())
PROJECT_TYPE = ("investment", "invest")
PHRASES: dict[tuple[str, str], tuple[str, str]] = {  # (lemma, next word) -> type, frame
    ("take", "over"): ("acquisition", "buy"),
    ("set", "aside"): ("plan", "plan"),
    ("go", "to"): ("acquisition", "sell"),  # "the last plot went to X"
    ("set", "up"): ("investment", "invest"),
    ("hand", "over"): ("acquisition", "sell"),  # "hand over plots to X"
}
PLURAL_NOT = frozenset({"sales", "targets", "budgets", "plans", "leases"})  # revenue, goals: not one deal
LAND_WORDS = frozenset(
    "land site plot plots parcel building buildings tower towers property properties estate office offices "
    "hectares acres mall hotel warehouse".split()
)
SITE_WORDS = frozenset("plot site parcel land".split())  # a tender for one of these sells land
FUNDING_WORDS = frozenset(
    "round series seed funding financing venture ipo investors backers bond bonds placement offering listing".split()
)
# Verbs that start a fact only with one of these words in the sentence: "put $1bn into X".
HIRE_WORDS = frozenset("contract contracts concession deal tender build supply operate run develop construct".split())
NEEDS = {
    "put": frozenset({"in", "into"}),
    "pick": HIRE_WORDS,
    "choose": HIRE_WORDS,
    "select": HIRE_WORDS,
    "appoint": HIRE_WORDS,
}
# Land verbs that start a contract in a sentence about contracts, not land: the taker wins,
# "went to X": X wins.
JOB_TOO = frozenset({"take", "go"})
JOB_WORDS = frozenset("contract contracts package packages tender concession".split())
# Verbs whose fact is of another type after a bare "will": "X will spend $50m on a plant" is
# an investment, "X would spend", "plans to spend" a plan.
COMMITTED = {"spend": ("investment", "invest")}
# Verbs that start no fact before one of these words: "take on staff", "take part".
NOT_BEFORE = {"take": frozenset({"on", "part", "place", "effect"})}
# Nouns that start a fact only when the sentence has no other trigger: "raised its offer for X
# to A$1.42 billion" is a purchase, "the bid will be paid for with a term loan" a loan.
WEAK = frozenset({"offer", "bid", "proposal", "offers", "bids"}) | PROJECTS
CONTRACT_WORDS = frozenset(
    "contract contracts tender order orders deal concession bid project licence license package packages".split()
)
# Every lemma that may start a fact: a word that cannot lemmatize to one is never lemmatized.
TRIGGER_LEMMAS = frozenset(VERBS) | frozenset(NOUNS) | frozenset(base for base, _ in PHRASES) | PROJECTS

# Trigger types in the order they claim a sentence's amount: a funding round's money is not
# also an investment; a plan word only makes a plan when nothing more definite is there.
PRECEDENCE = ("funding", "property", "acquisition", "contract", "loan", "investment", "plan")


@dataclass(frozen=True)
class Found:
    """A trigger token (index into the sentence), its type and frame, and whether it is a noun."""

    i: int
    type: str
    frame: str
    noun: bool


def triggers(sent: Span, has_area: bool) -> list[Found]:
    """The triggers of a sentence, in order. ``has_area``: an area record lies in it.

    Lemmas and POS are read only for words that may lemmatize to a trigger (through the
    door's ``lemma_among``); the types are settled against the sentence's words (land,
    funding and contract words)."""
    words = {t.lower_ for t in sent}
    found = []
    for k, token in enumerate(sent):
        if not wordlike(token):
            continue  # a number or a mark is never a trigger: its POS and lemma are not read
        base = lemma_among(token, TRIGGER_LEMMAS)  # no trigger's lemma: its POS is not read either
        if base is None:
            continue
        kind = pos(token)
        if kind not in ("VERB", "NOUN", "PROPN"):
            continue
        nxt = sent[k + 1].lower_ if k + 1 < len(sent) else ""
        hit = PHRASES.get((base, nxt)) or (VERBS.get(base) if kind == "VERB" else NOUNS.get(base))
        if kind == "VERB" and base in COMMITTED and _after_will(sent, k):
            hit = COMMITTED[base]
        if hit is None and kind == "NOUN" and base in VERBS and base in NOUNS:
            hit = NOUNS[base]
        if hit is None and kind == "NOUN" and token.lower_ in PROJECTS:
            hit = PROJECT_TYPE
        if hit is None or (kind != "VERB" and token.lower_ in PLURAL_NOT):
            continue
        typed = _typed(hit, token, words, has_area)
        job = kind == "VERB" and base in JOB_TOO and typed != "property" and bool(words & JOB_WORDS)
        if job:
            hit, typed = ("contract", "win"), "contract"  # "X took the second package", "the rest went to X"
        elif (base in LAND_ONLY or (kind == "VERB" and base in LAND_VERBS)) and typed != "property":
            continue
        if base in NEEDS and not words & NEEDS[base]:
            continue
        if nxt in NOT_BEFORE.get(base, ()):
            continue
        if typed:
            frame = "buy" if typed == "property" and hit[1] == "win" else hit[1]  # "won a tender for a plot"
            found.append(Found(k, typed, frame, kind != "VERB"))
    strong = [f for f in found if sent[f.i].lower_ not in WEAK]
    return strong or found


def _after_will(sent: Span, k: int) -> bool:
    """Whether the word at ``k`` follows ``will`` (``will also``, ``will now``)."""
    before = [t.lower_ for t in sent[max(0, k - 3) : k]]
    while before and before[-1] in ("also", "now", "further", "then", "still"):
        before.pop()
    return bool(before) and before[-1] == "will"


# A plan with a by-date: "is due to open in 2027", "scheduled to be ready by 2026", "will be
# finished by March". Surface words, no lemma: the cue word is the trigger (frame "complete").
# The verb after "due to" must say the thing will be there: "is due to vote", "due to start in
# April", "due to close" are no plans.
DUE_WORDS = frozenset({"due", "scheduled", "slated", "set"})
DUE_VERBS = frozenset("open be enter launch finish complete fly operate reopen".split())  # due to ...
DUE_NOUNS = frozenset({"completion", "delivery", "opening", "launch"})  # due for ...
DONE_WORDS = frozenset({"ready", "finished", "completed", "complete", "operational"})  # after a be
BE_WORDS = frozenset({"be", "is", "are", "was", "were", "been"})
# A goal with a by-date: "X aims to fill the park by 2030", "wants the line finished by 2027":
# the subject is the planner (frame "aim").
AIM_WORDS = frozenset("aims aiming wants targets hopes hoped".split())
NOT_FACTS = ("related", "also read", "read more", "read also", "see also")  # a line that reports other stories


def other_stories(sent: Span) -> bool:
    """Whether the sentence is a line pointing at other stories (``Related: X buys Y``, ``Also
    read: ...``, ``(Also read: ...)``): what it reports is no fact of this article."""
    words = [t.lower_ for t in sent if t.text not in ("(", "[", "\n", "\n\n") and not t.is_space][:2]
    return " ".join(words).startswith(NOT_FACTS)


def completions(sent: Span) -> list[Found]:
    """The first completion cue of a sentence (``due to open``, ``scheduled to be ready``, ``due
    for completion``, ``will be finished``) as a plan trigger, or nothing; from the words alone."""
    words = [t.lower_ for t in sent]
    if other_stories(sent):
        return []
    for k, w in enumerate(words):
        nxt, after = words[k + 1 : k + 3] + [""] * (2 - len(words[k + 1 : k + 3]))
        prev = words[k - 1] if k else ""
        if w in DUE_WORDS and ((nxt == "to" and after in DUE_VERBS) or (nxt == "for" and after in DUE_NOUNS)):
            return [Found(k, "plan", "complete", False)]
        if w in DONE_WORDS and prev in BE_WORDS:
            return [Found(k, "plan", "complete", False)]
        if w in AIM_WORDS and "by" in words[k + 1 :]:
            return [Found(k, "plan", "aim", False)]
    return []


def _typed(hit: tuple[str, str], token: Token, words: set[str], has_area: bool) -> str | None:
    kind, frame = hit
    if kind == "acquisition" and (has_area or words & LAND_WORDS):
        return "property"
    if frame == "raise" and not words & FUNDING_WORDS:
        return None  # "raised prices", "raise the issue"
    if kind == "contract" and frame == "win" and "contract" not in words and words & SITE_WORDS:
        return "property"  # a land tender: the winner buys the site
    if frame == "win" and not token.lower_.startswith(("contract", "tender", "concession")):
        if not words & CONTRACT_WORDS:
            return None  # "won the election", "secured a majority"
    return kind
