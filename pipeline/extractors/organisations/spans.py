"""Token runs: what a name may be made of and where it stops. Shared by the candidate
sources, the evidence and the second pass over listed names, so all three cut names alike."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Doc, Token

from ...knowledge import legal_forms, places
from ...model.attributes import common_word
from .. import patterns, pos, remembered, text_of

LEADING = {"the", "a", "an"}
POSSESSIVE = {"'s", "’s", "'", "’"}
# Words before a name that say it is a place: "a plant near Chapais", "the northern Negev".
LOCATIVE = {
    "in",
    "near",
    "outside",
    "around",
    "across",
    "at",
    "into",
    "between",
    "northern",
    "southern",
    "eastern",
    "western",
    "north",
    "south",
    "east",
    "west",
}
YEAR = re.compile(rf"^{patterns.YEAR}$")
# Tokens a name never crosses (besides line breaks, commas before non-legal words and numbers).
# A legislator's title glues a party to a person: "BJP MLA Suresh Nallamilli", "Congress MP".
_TITLES = {"MP", "MPs", "MLA", "MLAs", "MLC", "MEP", "MEPs", "MNA"}
_BREAKS = {"(", ")", "[", "]", "--", "—", "–", ";", ":", "|", '"', "“", "”", "•", "·"}
# Words with digits that may be names: "3M", "G4S", "E3". Amounts ("NZ$1.9b", "RM2.40") are not.
_ALNUM_NAME = re.compile(r"^(?!\d+(?:bn|b|m|mn|k|tn|t|p|pc|x|s)$)(?:\d[A-Za-z]+|[A-Za-z]+\d[A-Za-z]*)$")
_WORDS = "pipeline.organisations.words"
_JOINERS = {"the", "and", "&", ",", "of", "for", "on", "'s", "’s", "'", "’"}
_RUN = re.compile(r"\w+")


@dataclass(frozen=True)
class Candidate:
    """A span that may name an organisation, and the evidence that put it forward."""

    start: int  # token offsets
    end: int
    source: str  # "legal" | "suffix" | "cue" | "agency" | "defined" | "kind" | "workplace" | "model" | "listed"


def written_at(doc: Doc, name: str) -> list[int]:
    """Where ``name`` may stand whole in the article's text, ascending, overlapping ones too:
    each place it is written with no word character right before it and, when it starts with
    a word, that word not running on (``Acme`` is never whole in ``Acmeville``).

    Such a name is looked up among the places its first word starts, read once per Doc:
    searching the whole text again for each name made an article's cost its length times
    the names in it.
    """
    text = text_of(doc)
    first = _RUN.match(name)
    if first is None:  # "(Wire) Ltd", "&Co": every place it is written
        found, at = [], text.find(name)
        while at >= 0:
            found.append(at)
            at = text.find(name, at + 1)
        return [at for at in found if not (at and _RUN.match(text, at - 1))]
    runs = remembered(doc, "word starts", lambda: _runs(text))
    return [at for at in runs.get(first.group(), ()) if text.startswith(name, at)]


def _runs(text: str) -> dict[str, list[int]]:
    """Where each word (a run of word characters) starts, by the word."""
    out: dict[str, list[int]] = {}
    for m in _RUN.finditer(text):
        out.setdefault(m.group(), []).append(m.start())
    return out


def generic(doc: Doc, start: int, end: int, extra: frozenset[str] = frozenset()) -> bool:
    """Whether ``doc[start:end]`` could never name a body on its own: only common nouns and
    adjectives that are no place, articles, joiners and legal forms (``Contracting SAOG``,
    ``Engineering Company``, ``the Demographic Challenge``; ``Godrej Properties`` and ``Punjab
    National Bank`` could). Such a run beside ``and`` belongs to the name on its other side."""
    for tok in doc[start:end]:
        if tok.lower_ in _JOINERS or legal_forms.is_legal_form([tok.text], extra):
            continue
        if not common_word(tok) or places.is_region(tok.text) or places.is_city(tok.text):
            return False
    return end > start


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc[start:end].text``, cut from the article's text instead of joined token by token."""
    if end <= start:
        return ""
    last = doc[end - 1]
    return text_of(doc)[doc[start].idx : last.idx + len(last)]


def words(doc: Doc) -> tuple[list[str], list[str]]:
    """Every token's text and lower-case form, read once per Doc from the string store (each
    spaCy token read builds an object)."""
    found = doc.user_data.get(_WORDS)
    if found is None:
        strings = doc.vocab.strings
        found = doc.user_data[_WORDS] = tuple(
            [strings[h] for h in column.tolist()] for column in doc.to_array([ORTH, LOWER]).T
        )
    return found


def name_word(tok: Token) -> bool:
    """A capitalised word that is no stop word (``The`` opens a sentence, not a name)."""
    return tok.text[:1].isupper() and (tok.is_alpha or "-" in tok.text or "&" in tok.text) and not tok.is_stop


def surface(doc: Doc, start: int, end: int) -> str:
    """The surface string a decision is made for: the words as written, with a possessive that
    belongs to the name (``McDonald's said``) kept."""
    written = span_text(doc, start, end)
    if end < len(doc) and doc[end].text in ("'s", "’s") and _name_possessive(doc, end):
        return written + doc[end].text
    return written


def _name_possessive(doc: Doc, i: int) -> bool:
    """``'s`` at ``i`` ends a name rather than marking a possessive: what follows is no noun."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return (
        nxt is None
        or nxt.is_space
        or nxt.is_punct
        or pos(nxt) in ("VERB", "AUX", "ADP", "CCONJ", "ADV")
        or nxt.lower_ == "of"
    )


def legal_start(doc: Doc, start: int, end: int, extra: frozenset[str]) -> int | None:
    """Where the trailing legal form of ``doc[start:end]`` starts, if it ends in one."""
    for i in range(start + 1, end):
        if legal_forms.is_legal_form([t.text for t in doc[i:end]], extra):
            return i
    return None


def after_role(doc: Doc, i: int, roles: frozenset[str]) -> bool:
    """Token ``i`` follows a person's role in the same phrase: ``a partner at``, ``head of
    commodities research at`` (a workplace follows; ``at`` alone is a place word)."""
    for tok in reversed(doc[max(0, i - 4) : i]):
        if tok.is_punct:
            return False
        if tok.lower_ in roles and tok.is_lower:
            return True
    return False


def pieces(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """``doc[start:end]`` cut at every token a name cannot cross, each piece trimmed."""
    out, piece = [], start
    for i in range(start, end + 1):
        if i == end or _is_break(doc, i):
            trimmed = trim(doc, piece, i)
            if trimmed and not (i < end and doc[i].like_num and trimmed[1] >= i - 1):
                out.append(trimmed)  # a name the model runs into a number is an index or product: "FTSE 100"
            piece = i + 1
    return out


def _is_break(doc: Doc, i: int) -> bool:
    tok = doc[i]
    if tok.is_space or "\n" in tok.text or tok.text in _BREAKS or tok.text in _TITLES:
        return True
    if tok.text == ",":
        return i + 1 >= len(doc) or not legal_forms.is_legal_form([doc[i + 1].text])
    if tok.text in ("-", "/") and i > 0 and (doc[i - 1].whitespace_ or tok.whitespace_):
        return True  # " - " separates; "Coca-Cola" and "A/S" do not
    if tok.text in POSSESSIVE and i + 1 < len(doc) and doc[i + 1].text[:1].isupper():
        return not (
            doc[i + 1].ent_iob_ == "I"
            and doc[i + 1].ent_type_ == "ORG"
            and doc[i - 1].ent_type_ == "ORG"
            and (_common_run(doc, i + 1) or tok.text in ("'", "’") and doc[i - 1].text.endswith("s"))
        )
        # "Japan's Astellas", "Bertelsmann's RTL Group" are two; the model's "Moody's Investors Service"
        # and "Milk Producers' Union Ltd" (a plural's apostrophe) one
    return tok.like_num or (any(c.isdigit() for c in tok.text) and not _ALNUM_NAME.match(tok.text))


def _common_run(doc: Doc, i: int) -> bool:
    """The model's name goes on from token ``i`` in common words only (``Investors Service``)."""
    end = i
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return all(common_word(t) for t in doc[i:end])


def trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop leading articles and lower-case words, cut at the first lower-case verb, drop
    trailing possessives, punctuation and lower-case function words; ``None`` when nothing
    name-like is left."""
    while start < end and (doc[start].lower_ in LEADING or not doc[start].text[:1].isupper()):
        start += 1
    for i in range(start + 1, end):
        if pos(doc[i]) in ("VERB", "AUX") and not doc[i].text[:1].isupper():
            end = i
            break
    while end > start and (
        doc[end - 1].text in POSSESSIVE
        or doc[end - 1].is_punct
        and doc[end - 1].text != "."
        or doc[end - 1].lower_ in ("and", "&", "of")
        or doc[end - 1].is_lower
        and doc[end - 1].is_stop  # "Al Maktoum International Airport for" + "Dh1.6 billion"
    ):
        end -= 1
    if end > start and doc[end - 1].text == "." and end - start == 1:
        end -= 1
    return (start, end) if end > start else None


def run_before(doc: Doc, i: int, particles: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The capitalised words ending just before token ``i`` (particles between them)."""
    start = i
    while (
        start > 0
        and i - start < 6
        and (
            name_word(doc[start - 1])
            or start > 1
            and start < i
            and doc[start - 1].text in particles
            and name_word(doc[start - 2])
        )
    ):
        start -= 1
    return trim(doc, start, i) if start < i else None


def run_after(doc: Doc, i: int, particles: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The capitalised words starting at token ``i`` (after an optional ``the``), on over an
    ``and`` inside the model's entity when what follows could not be a name of its own (``Eli
    Lilly and Company``)."""
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    end = i
    while (
        end < len(doc)
        and end - i < 6
        and (
            name_word(doc[end])
            or end > i
            and end + 1 < len(doc)
            and doc[end].text in particles
            and name_word(doc[end + 1])
        )
    ):
        end += 1
    if end > i and end + 1 < len(doc) and doc[end].lower_ in ("and", "&") and doc[end].ent_iob_ == "I":
        more = end + 1
        while more < len(doc) and more - end < 4 and name_word(doc[more]):
            more += 1
        if more > end + 1 and generic(doc, end + 1, more):
            end = more  # "Eli Lilly and Company", "Marks and Spencer"
    return trim(doc, i, end) if end > i else None
