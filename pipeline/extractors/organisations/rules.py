"""The decision rules, one small function each: a test on one surface string's case that, when
it holds, gives a verdict and the rule's name. Their order lives in ``decision.RULES``: a rule
here may assume every rule before it there has not decided."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from ...config import OrganisationOptions
from ...knowledge import legal_forms, places
from ...knowledge.currencies import known_code
from .._calendar import months, weekdays
from .evidence import Evidence

# Sources strong enough to accept a name on their own (a city's name aside).
_STRONG = {"legal", "cue", "agency", "defined"}
_ROAD = re.compile(r"^(?:[AMIN]-?\d{1,3}|[A-Z]{1,2}\d{1,3}[A-Z]?)$")
_JOINED_CITY = 100_000

# Capitals with a lower-case letter at most inside, then a plural "s": "MoUs", "MSMEs", "SEZs".
_PLURAL_ACRONYM = re.compile(r"^[A-Z][A-Za-z]?[A-Z]+s$")


@dataclass(frozen=True)
class Case:
    """What the rules may look at for one surface string."""

    name: str
    sources: frozenset[str]
    evidence: Evidence
    options: OrganisationOptions
    signs: Mapping[str, str]  # money signs ("US$"): never organisations

    @cached_property
    def words(self) -> list[str]:
        return self.name.split()

    @cached_property
    def head(self) -> str:
        """The word that says what the name is: the last, or the one before ``of`` (``Port of Durban``)."""
        words = self.words
        return words[words.index("of") - 1] if "of" in words[1:] else words[-1]

    @cached_property
    def labels(self) -> Counter:
        """The model's labels over every mention of the name (a name-ending ``'s`` aside)."""
        return self.evidence.labels.get(re.sub(r"['’]s$", "", self.name), Counter())

    @cached_property
    def placey(self) -> int:
        """How often the model calls the name a place or a nationality."""
        labels = self.labels
        return labels["GPE"] + labels["LOC"] + labels["FAC"] + labels["NORP"]

    @property
    def strong(self) -> bool:
        return bool(self.sources & _STRONG)

    @property
    def only_listed(self) -> bool:
        """Found only in a list beside an accepted name (and perhaps by the model)."""
        return "listed" in self.sources and not self.sources - {"listed", "model"}


class Reason(NamedTuple):
    """What a rule decided, and its name."""

    accepted: bool
    rule: str


Rule = Callable[[Case], "Reason | None"]


def _rule(name: str, accepts: bool) -> Callable[[Callable[[Case], bool]], Rule]:
    """A test on a case made a rule: it returns its reason when the test holds, else ``None``."""
    reason = Reason(accepts, name)

    def make(test: Callable[[Case], bool]) -> Rule:
        def rule(case: Case) -> Reason | None:
            return reason if test(case) else None

        rule.__name__, rule.__doc__, rule.reason = test.__name__, test.__doc__, reason
        return rule

    return make


# --- what the data say the name is, whatever the evidence ----------------------------------


@_rule("headline-only", accepts=False)
def headline_only(c: Case) -> bool:
    """Written only in lines whose case says nothing: a headline confirms, never finds."""
    return not c.sources


@_rule("stop-word", accepts=False)
def stop_word(c: Case) -> bool:
    return c.name.lower() in c.options.stop_word_set


@_rule("nationality-acronym", accepts=False)
def nationality_acronym(c: Case) -> bool:
    """A nationality before a business acronym: ``Chinese EV``, ``Indian IT`` (the model reads
    the pair as one name; the article calls the first word a nationality elsewhere). A place
    before a country's short name stays a name: ``Santander UK``."""
    *before, last = c.words
    return (
        bool(before)
        and last.isupper()
        and last.lower() in c.options.stop_word_set
        and all(c.evidence.labels.get(w, {}).get("NORP") for w in before)
    )


@_rule("thing-suffix", accepts=False)
def thing_suffix(c: Case) -> bool:
    """An event, award or product: ``Davis Cup``, ``Nobel Prize``, ``Hang Seng Index``; the head
    of an of-name is the word before ``of`` (``Office of Insurance Regulation`` is an office)."""
    return c.head in c.options.thing_suffixes


@_rule("plural-acronym", accepts=False)
def plural_acronym(c: Case) -> bool:
    """An acronym with a plural ``s`` counts things, not a body: ``MoUs``, ``MSMEs``, ``SEZs``."""
    return _PLURAL_ACRONYM.match(c.name) is not None


@_rule("calendar-word", accepts=False)
def calendar_word(c: Case) -> bool:
    """``Monday``, ``March``; a page's ``Mon Sep`` (every word a weekday or a month)."""
    return all(w.lower().rstrip(".") in months() or w.lower().rstrip(".") in weekdays() for w in c.words)


@_rule("bare-legal-form", accepts=False)
def bare_legal_form(c: Case) -> bool:
    """A legal form alone: ``Ltd``, ``S.A.``; not a wire's credit that spells like one (``-- APS``)."""
    return (
        len(c.words) <= 3 and legal_forms.is_legal_form(c.words, c.options.legal_form_set) and "agency" not in c.sources
    )


@_rule("kind-word", accepts=False)
def kind_word(c: Case) -> bool:
    """A kind noun alone, capitalised: ``Brewer``, ``Watchdog``."""
    return c.name.lower() in c.options.cue_kind_set


@_rule("programme-word", accepts=False)
def programme_word(c: Case) -> bool:
    """``Project Nexus``, ``Hurricane Milton``, ``Estadio Azteca``."""
    return c.words[0] in c.options.programme_words


@_rule("road", accepts=False)
def road(c: Case) -> bool:
    """``M25``, ``A-7``, ``I-95``."""
    return bool(_ROAD.match(c.name))


@_rule("region", accepts=False)
def region(c: Case) -> bool:
    return places.is_region(c.name)


@_rule("big-city", accepts=False)
def big_city(c: Case) -> bool:
    return places.is_big_city(c.name)


@_rule("no-letters", accepts=False)
def no_letters(c: Case) -> bool:
    return not any(ch.isalpha() for ch in c.words[-1])


@_rule("one-letter", accepts=False)
def one_letter(c: Case) -> bool:
    """A letter alone: a share class (``series B shares``) or what ``M/s`` leaves."""
    return len(c.name.rstrip(".")) == 1


@_rule("title-of", accepts=False)
def title_of(c: Case) -> bool:
    """A person's title with ``of``: ``Head of Government``, ``Secretary of Commerce``."""
    return len(c.words) > 2 and c.words[1] == "of" and c.words[0].lower() in c.options.role_set


@_rule("currency-code", accepts=False)
def currency_code(c: Case) -> bool:
    return known_code(c.name)


@_rule("currency-sign", accepts=False)
def currency_sign(c: Case) -> bool:
    return c.name in c.signs


@_rule("joined-places", accepts=False)
def joined_places(c: Case) -> bool:
    """Places joined with ``&``/``and``: ``Marseille & Nice``, unless written with a legal form
    (towns are also partners' names: ``Kirkland & Ellis``, so every part must be a region or a
    city of ``_JOINED_CITY`` people)."""
    parts = re.split(r" (?:&|and) ", c.name)
    return (
        len(parts) > 1
        and all(places.is_region(p) or places.population(p) >= _JOINED_CITY for p in parts)
        and "legal" not in c.sources
    )


# --- the strongest evidence accepts, unless the name is a city -----------------------------


@_rule("legal-form", accepts=True)
def legal_form(c: Case) -> bool:
    return "legal" in c.sources and not places.is_city(c.name)


@_rule("defined-acronym", accepts=True)
def defined_acronym(c: Case) -> bool:
    """Spelled out before its acronym in brackets: ``Food and Drug Administration (FDA)``."""
    return "defined" in c.sources and not places.is_city(c.name)


@_rule("agency", accepts=True)
def agency(c: Case) -> bool:
    """A wire's credit in a dateline (``(Reuters) -``) or on the article's last line (``-- APS``)."""
    return "agency" in c.sources and not places.is_city(c.name)


@_rule("cue", accepts=True)
def cue(c: Case) -> bool:
    """``shares of X``, ``X's chief executive``, partners' names."""
    return "cue" in c.sources and not places.is_city(c.name)


# --- what the article says of the name rejects; then a kind noun or strong evidence accepts -


@_rule("thing-noun", accepts=False)
def thing_noun(c: Case) -> bool:
    """Every mention followed by a noun of a thing: ``its Onslow Iron project``."""
    return c.name in c.evidence.things


@_rule("place-suffix", accepts=False)
def place_suffix(c: Case) -> bool:
    return c.head in c.options.place_suffixes


@_rule("city", accepts=False)
def city(c: Case) -> bool:
    """A city's name with no strong evidence and no kind noun."""
    return places.is_city(c.name) and not c.strong and "kind" not in c.sources


@_rule("person-by-role", accepts=False)
def person_by_role(c: Case) -> bool:
    """The article gives the name a person's role: ``chief executive Lim Boon Hock``."""
    return c.name in c.evidence.persons


@_rule("city-with-strong-source", accepts=True)
def city_with_strong_source(c: Case) -> bool:
    """A city's name the article makes a company: ``shares of Reading`` (the strong rules skip cities)."""
    return c.strong


@_rule("kind", accepts=True)
def kind(c: Case) -> bool:
    """After a kind noun: ``Dutch brewer Heineken``, ``operators such as Lumo``."""
    return "kind" in c.sources


# --- found only in a list beside an accepted name -------------------------------------------
# One word is an organisation too, unless a person's or a known place's name (the model calls
# an unknown word a person or place); longer names as the model says. (A city's name never gets
# here: ``city`` rejected it.)


@_rule("listed-model-place-or-person", accepts=False)
def listed_model_place_or_person(c: Case) -> bool:
    return c.only_listed and len(c.words) > 1 and bool(c.placey or c.labels["PERSON"])


@_rule("listed-person-part", accepts=False)
def listed_person_part(c: Case) -> bool:
    return c.only_listed and c.name in c.evidence.person_parts


@_rule("listed-located", accepts=False)
def listed_located(c: Case) -> bool:
    return c.only_listed and c.name in c.evidence.located


@_rule("listed-nationality", accepts=False)
def listed_nationality(c: Case) -> bool:
    return c.only_listed and bool(c.labels["NORP"])


@_rule("listed", accepts=True)
def listed(c: Case) -> bool:
    """``Lloyds Banking Group and Barclays``."""
    return c.only_listed


# --- the ruler's organisation word, the model's labels --------------------------------------


@_rule("model-place", accepts=False)
def model_place(c: Case) -> bool:
    """The model calls it a place or nationality more often than an organisation."""
    return c.placey > c.labels["ORG"]


@_rule("modified-place", accepts=False)
def modified_place(c: Case) -> bool:
    """A place name with only a modifier before an organisation word: ``Jiading New City``; the
    place known from the article's own labels or from the place tables (a model that calls the
    whole name an organisation labels no place inside it)."""
    words, modifiers = c.words, c.options.place_modifiers

    def placed(w: str) -> bool:
        return w in c.evidence.place_words or w in modifiers or places.is_city(w) or places.is_region(w)

    head = words[:-1] if words[-1] in c.options.suffixes else words
    return any(w in modifiers for w in head) and all(placed(w) for w in head)


@_rule("workplace", accepts=True)
def workplace(c: Case) -> bool:
    """``an analyst at Maybank``: ``at`` after a role names a workplace."""
    return "workplace" in c.sources


@_rule("ruler-suffix", accepts=True)
def ruler_suffix(c: Case) -> bool:
    """The span ruler's name ending in (or opening with) an organisation word: ``Acme University``."""
    return "suffix" in c.sources


@_rule("located", accepts=False)
def located(c: Case) -> bool:
    """Written as a place wherever it occurs: ``near Chapais``, ``the Huasco valley``."""
    return c.name in c.evidence.located


@_rule("person-name-part", accepts=False)
def person_name_part(c: Case) -> bool:
    """The first or last word of a person's full name in the article."""
    return c.name in c.evidence.person_parts


@_rule("model-person", accepts=False)
def model_person(c: Case) -> bool:
    return c.labels["PERSON"] > c.labels["ORG"]


@_rule("model-org", accepts=True)
def model_org(c: Case) -> bool:
    return bool(c.sources & {"model", "listed"}) and c.labels["ORG"] >= c.placey
