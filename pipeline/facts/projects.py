"""What a tenant will build on the land it takes: ``X takes 25 acres for a $45 million paint
plant``, ``Y gets 30 hectares for a unit worth Rs 1,800 crore``, ``Z leased 22,000 sq m with an
investment of $310 million``. The amount is the plant's cost, not the land's price: it is an
``investment`` of the land's buyer (docs/labelling.md: the land deal and the investment are two
facts), and the property deal keeps no price.

Read from the parse of the deal's sentence: an amount is a project's when the way up the tree
from it to the deal's trigger passes a word for a plant (FACILITY_WORDS, by its surface form)
or an investment noun (``with an investment of``, ``an outlay of``).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from ..extractors import dep
from . import roles as rolemod
from .records import Fact, Trigger

# Surface forms of what is built on the land; "worth" and "of" hang the amount on them.
FACILITY_WORDS = frozenset(
    "plant plants factory factories unit units facility facilities mill mills line lines complex campus "
    "centre center depot refinery base yard hub capacity".split()
)
# "with an investment of $310 million", "an outlay of Rs 8,000 crore": the amount is spent on the land.
SPEND_WORDS = frozenset({"investment", "investments", "outlay", "capex"})


def split(sent: Span, tree: Span, fact: Fact, held: list[rolemod.Held], triggers: list[int]) -> list[Fact]:
    """A property fact, then an investment fact for each project amount under its trigger
    (its buyer the investor); the property fact without the amounts that are a project's.
    ``triggers``: the sentence indices of the sentence's property triggers (an amount belongs
    to the nearest one above it)."""
    own = {i for t, i, _ in fact.asked if t is tree}
    found, words = [], set()
    for h in held:
        if h.type != "money":
            continue
        word = _project_word(tree, rolemod._head(tree, h), set(triggers))
        if word is not None and word[1] in own and word[0] not in words:
            found.append((h, word[0], word[1]))
            words.add(word[0])  # "worth Tk 4,200 crore ($344 million)": one amount, the first
    if not found:
        return [fact]
    ids = {h.id for h, *_ in found}
    price = fact.roles.get("price")
    kept = replace(fact, roles={r: v for r, v in fact.roles.items() if not (r == "price" and price in ids)})
    out = [kept]
    for h, word, trigger in found:
        token = sent[word]  # the article's token: ``tree`` is the sentence parsed on its own
        investor, rule = _gapped(tree, held, trigger, word), "the party named before it in a clause with no verb"
        if investor is None:
            investor, rule = fact.roles.get("buyer"), "the buyer of the land it is built on"
        if not investor:
            continue
        out.append(
            replace(
                fact,
                type="investment",
                roles={"investor": investor, "amount": h.id},
                trigger=Trigger(token.text, token.idx, token.idx + len(token.text)),
                why={"investor": rule, "amount": f"the cost of the '{token.text}'"},
                negated=fact.negated,
            )
        )
    return out


PLACE_PREPS = frozenset({"at", "in", "on", "near", "from", "of"})


def _gapped(tree: Span, held: list[rolemod.Held], trigger: int, word: int) -> str | None:
    """``X gets 30 ha for a facility of Rs 1,800 crore, Y 8 ha for a depot worth Rs 310 crore``:
    the last organisation named between the trigger and the plant word, not in a place phrase
    (``at Bahrain International Investment Park``), builds the plant; None when there is none."""
    last = None
    for h in held:
        if h.type != "organisation" or not trigger < h.start < word:
            continue
        head = rolemod._head(tree, h)
        if dep(head) == "pobj" and head.head.lower_ in PLACE_PREPS:
            continue
        last = h.id
    return last


def _project_word(tree: Span, head: Token, triggers: set[int]) -> tuple[int, int] | None:
    """(the plant or investment word, the trigger above it), both sentence indices, when the way
    up from an amount's root to a property trigger passes a plant word or an investment noun; or
    None (``paid $5m for a plot``: a price)."""
    word = None
    token = below = head
    for _ in range(8):
        i = token.i - tree.start
        if i in triggers:
            return (word, i) if word is not None else None
        lower = token.lower_
        if word is None and token.i != head.i and (lower in FACILITY_WORDS or lower in SPEND_WORDS):
            if below.lower_ == "for":
                return None  # "a unit of Y, for RMB 592 million": a price hung on the wrong noun
            word = i
        if token.head.i == token.i:
            return None
        below, token = token, token.head
    return None
