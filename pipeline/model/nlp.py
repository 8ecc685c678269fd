"""The spaCy step: the configured model plus a span ruler for organisation names, one pipeline.

The ruler writes candidate names to ``doc.spans["org_rules"]`` instead of overwriting
``doc.ents``, so the model's own GPE/ORG labels stay visible to the organisation extractor.
The tokenizer also splits wire separators and brackets glued to words (``(Wire)--Acme``),
so no token, and so no entity, spans a dateline and a name.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import numpy
import spacy
import srsly
from spacy.attrs import IS_SPACE, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from ..config import Config
from ..errors import Errors, PipelineError
from ..knowledge.cache import compiled
from ..knowledge.legal_forms import written_forms
from .attributes import LEMMATIZER, PARSER, RULER, SENTER, ask_instead
from .guard import RunGuard
from .meta import BREAKS, ORG_RULES, READS, location, meta
from .ruler import AnchoredRuler  # noqa: F401 - registers the anchored_span_ruler factory

# Loaded, not run: the extractors ask them about the few tokens they read (pipeline.model.attributes).
# A model without a senter runs its parser, which then sets the sentences.
ASKED = {
    RULER: "coarse POS (VERB, AUX) from the tags, for tense and name trimming",
    LEMMATIZER: "lemmas (`expected`, `had`) for tense",
    PARSER: "heads and labels for the verb a date hangs on and the noun after a year: "
    "only the sentences holding one are parsed",
}
# Capitalised words that start sentences but never names.
_NOT_NAME = [
    "the",
    "a",
    "an",
    "in",
    "at",
    "on",
    "of",
    "for",
    "by",
    "from",
    "with",
    "to",
    "and",
    "since",
    "during",
    "as",
    "after",
    "before",
    "this",
    "that",
    "these",
    "its",
    "their",
    "our",
    "his",
    "her",
    "when",
    "while",
    "under",
    "over",
    "into",
    "between",
    "among",
    "located",
    "covering",
    "it",
    "we",
    "they",
    "he",
    "she",
    "if",
    "but",
    "or",
]

# Repeats in a name are bounded ("{0,8}", not "*"): an unbounded one made the matcher
# quadratic on a long run of capitalised words (8,000 words: 31 s; bounded: 1 s).
_MANY, _ANY = "{1,8}", "{0,8}"

# Words kept whole: their first part spells a legal form ("Co"), so no name ends inside them, or
# their lower-case second part would end a name ("Wujiang State-owned Assets ... Co., Ltd.").
_HYPHENED_WORDS = (
    *(w for word in ("Co-operative", "Co-operatives", "Co-op", "Co-ops", "Co-operation") for w in (word, word.lower())),
    "State-owned",
)


def load_nlp(config: Config) -> Language:
    """Load the model once per process (cached per model and rule set)."""
    orgs = config.organisations
    return _load(config.model, orgs.suffixes, orgs.of_suffixes, orgs.legal_forms, orgs.particles, orgs.prefixes)


@lru_cache(maxsize=4)
def _load(
    model: str,
    suffixes: tuple[str, ...],
    of_suffixes: tuple[str, ...],
    legal_forms: tuple[str, ...] = (),
    particles: tuple[str, ...] = (),
    prefixes: tuple[str, ...] = (),
) -> Language:
    logging.getLogger("spacy").setLevel(logging.ERROR)
    names = meta(model)["components"]
    # The tokenizer is read below, with our infixes (spaCy's would load it with its own first).
    nlp = _pipeline(model, exclude=[*(c for c in names if c not in READS and c not in ASKED), "tokenizer"])
    if SENTER in nlp.component_names:
        nlp.enable_pipe(SENTER)
        nlp.add_pipe(BREAKS, after=SENTER)
    ask_instead(nlp)
    infixes = [*nlp.Defaults.infixes, r"--+", r"(?<=\w)[)\]](?=\W)", r"(?<=\W)[(\[](?=\w)"]
    _read_tokenizer(nlp, compiled("|".join(p for p in infixes if p.strip())))  # joined as spaCy joins them
    for form in written_forms():
        if "/" in form or form.islower() and form.count(".") >= 2:  # "A/S", "a.s.", "s.r.o.": one word, as written
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
    for form in _HYPHENED_WORDS:  # "Co-operative" is one word, not the legal form "Co" and a rest
        nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
    nlp.tokenizer = RunGuard(nlp.tokenizer)  # a long run without a space in pieces (guard.py)
    legal_forms = tuple(sorted(written_forms() | set(legal_forms)))
    # Every pattern holds an organisation word, a legal form, a word named by "of" or a prefix.
    ruler = nlp.add_pipe(
        "anchored_span_ruler",
        name="org_ruler",
        last=True,
        config={
            "spans_key": ORG_RULES,
            "anchor_words": sorted({*legal_forms, *of_suffixes, *prefixes}),
            "anchor_ending": ending(suffixes),
        },
    )
    patterns = org_patterns(suffixes, of_suffixes, legal_forms, particles, prefixes)
    ruler.add_patterns([{"label": "ORG", "pattern": p} for p in patterns])
    return nlp


def _read_tokenizer(nlp: Language, infixes: re.Pattern) -> None:
    """The model's saved tokenizer, with ``infixes`` for its infixes. Its ~1,300 special cases
    (``don't``, ``Jan.``) are loaded once, after the infixes they are matched with: loaded by
    spaCy and then given other infixes, the tokenizer loaded them all again (0.07 s of CPU)."""
    saved = nlp.path / "tokenizer" if nlp.path else None
    if saved is None or not saved.is_file():  # no saved tokenizer: the language's own, as spaCy makes it
        nlp.tokenizer.infix_finditer = infixes.finditer
        return
    data = srsly.msgpack_loads(saved.read_bytes())
    special_cases = data.pop("exceptions", None)
    nlp.tokenizer.from_bytes(srsly.msgpack_dumps(data), exclude=["vocab"])  # empties the special cases first
    nlp.tokenizer.infix_finditer = infixes.finditer
    if special_cases is not None:
        nlp.tokenizer.rules = special_cases


def bare_pipeline(model: str, exclude: tuple[str, ...] = ()) -> Language:
    """The model ``model`` names, every component but ``exclude``, without our ruler or tokenizer changes."""
    return _pipeline(model, exclude=list(exclude))


def _pipeline(model: str, exclude: list[str]) -> Language:
    """The spaCy pipeline ``model`` names: an installed package or saved folder, or a folder
    written by ``pipeline train`` (its ``meta.json`` names a ``base``: that pipeline, with the
    folder's trained entity recogniser in place of the base's)."""
    base = meta(model).get("base")
    if not base:
        return spacy.load(location(model) or model, exclude=exclude)
    weights = location(model) / "ner"
    if not (weights / "model").is_file():
        raise PipelineError(Errors.E072.format(model=model, reason=f"{weights} holds no trained entity recogniser"))
    try:
        nlp = spacy.load(base, exclude=exclude)
    except OSError as err:
        raise PipelineError(
            Errors.E072.format(model=model, reason=f"its base model {base!r} is not installed ({err})")
        ) from err
    nlp.get_pipe("ner").from_disk(weights, exclude=["vocab"])
    return nlp


@Language.component(BREAKS)
def sentence_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence, and no sentence starts inside a word: the senter runs a
    headline on into the next paragraph, and starts one at the ``-`` of ``Pre-tax``. The starts
    are written back as one array: each ``token.is_sent_start = ...`` looked over the whole Doc
    for a parse first, quadratic in a long article."""
    spaced, starts, space = doc.to_array([SPACY, SENT_START, IS_SPACE]).T
    starts = starts.astype(numpy.int64)  # -1: not a start
    starts[numpy.flatnonzero((starts[1:] == 1) & (spaced[:-1] == 0) & (space[:-1] == 0)) + 1] = -1
    starts[[int(i) + 1 for i in numpy.flatnonzero(space[:-1]) if "\n" in doc[int(i)].text]] = 1
    doc.from_array([SENT_START], starts.astype(numpy.uint64))
    return doc


def ending(suffixes: tuple[str, ...]) -> str:
    """A word that is or ends in an organisation word: ``Group``, ``MedValley``, ``AgriBank``."""
    return rf"^(?:[A-Z]\w*)?(?:{'|'.join(re.escape(s) for s in suffixes)})$"


def org_patterns(
    suffixes: tuple[str, ...],
    of_suffixes: tuple[str, ...],
    legal_forms: tuple[str, ...] = (),
    particles: tuple[str, ...] = (),
    prefixes: tuple[str, ...] = (),
) -> list[list[dict]]:
    """Token patterns for capitalised names ending in an organisation word or a legal form
    (``Petronas Sdn Bhd``, ``Samsung Co., Ltd.``, ``Vesta, S.A.B. de C.V.``), a number inside
    one (``Tristar 3 Logistics LLC``, ``Andino 2 S.A.C.``), with or without a parenthesised part
    (``Shanghai (Nanxiang) Precision Medicine Industrial Park``), a leading year (``2040
    Ventures Fund``), joiners inside (``Procter & Gamble Co``, ``Banco de Bogota SA``,
    ``Coca-Cola Amatil Ltd``), going on with ``of`` (``Technical University of Munich``, ``Maritime
    and Port Authority of Singapore``), or
    opening with an organisation word of another language (``Industrias Peñoles``)."""
    ends = "|".join(re.escape(s) for s in suffixes)
    joiners = "|".join(re.escape(p) for p in (*particles, "-"))
    word = {"TEXT": {"REGEX": r"^[A-Z][\w&'.-]*$"}, "LOWER": {"NOT_IN": _NOT_NAME}}
    body = {"TEXT": {"REGEX": rf"^(?:[A-Z][\w&'.-]*|{joiners})$"}, "LOWER": {"NOT_IN": _NOT_NAME}, "OP": _ANY}
    suffix = {"TEXT": {"REGEX": ending(suffixes)}}
    legal = {"TEXT": {"IN": list(legal_forms)}}
    named_start = {"TEXT": {"REGEX": r"^[A-Z][\w&'.-]*$", "NOT_IN": list(legal_forms)}, "LOWER": {"NOT_IN": _NOT_NAME}}
    more_legal = {"TEXT": {"IN": [*legal_forms, ","]}, "OP": _ANY}
    year = {"TEXT": {"REGEX": r"^(?:19|20)\d\d$"}}
    inner = {"TEXT": {"REGEX": r"^(?:[A-Z][\w&'.]*|-|&)$"}, "OP": _MANY}
    of = {"LOWER": {"IN": ["of", "for"]}}
    the = {"LOWER": "the", "OP": "?"}
    named = {"TEXT": {"IN": list(of_suffixes)}}
    number = {"TEXT": {"REGEX": r"^\d{1,4}[A-Z]?$"}}  # "Mwangaza 24 Engineering Ltd", "Kalinga 5G Devices"
    comma = {"ORTH": ",", "OP": "?"}  # "Grupo Anáhuac Industrial, S.A. de C.V."
    return [
        [word, body, suffix],
        [named_start, body, {"LOWER": "and"}, word, body, suffix],
        [year, word, body, suffix],
        [word, body, comma, legal, more_legal],
        [word, body, comma, legal, {"LOWER": "de"}, legal],  # "S.A. de C.V.", "S.A.B. de C.V."
        [word, body, {"ORTH": {"IN": ["-", "–", "—"]}}, legal, more_legal],  # "Viglacera Corporation – JSC"
        [word, body, number, word, body, suffix],
        [word, body, number, dict(body), legal, more_legal],
        [named_start, body, {"LOWER": "and"}, word, body, legal, more_legal],
        [
            word,
            body,
            {"LOWER": {"IN": ["no.", "no"]}},
            {"ORTH": ".", "OP": "?"},
            number,
            legal,
            more_legal,
        ],  # "... No. 3 JSC"
        [word, body, {"ORTH": "("}, inner, {"ORTH": ")"}, dict(word, OP=_ANY), suffix],
        [word, body, {"ORTH": "("}, inner, {"ORTH": ")"}, dict(word, OP=_ANY), legal, more_legal],
        [named_start, body, {"LOWER": "and"}, word, body, {"ORTH": "("}, inner, {"ORTH": ")"}, legal, more_legal],
        *(
            [*lead, named, of, the, dict(word, OP=_MANY), *more, more_legal]  # "Bank of Chengdu Co., Ltd."
            for lead in ([dict(word, OP=_ANY)], [word, body])  # "Export-Import Bank of Korea"
            for more in (
                [],
                [of, the, dict(word, OP=_MANY)],
                [{"LOWER": "and"}, dict(word, OP=_MANY)],
                [{"LOWER": "and"}, dict(word, OP=_MANY), {"LOWER": "of"}, the, dict(word, OP=_MANY)],
                [
                    of,
                    the,
                    dict(word, OP=_MANY),
                    {"LOWER": "of"},
                    the,
                    dict(word, OP=_MANY),
                ],  # "... of the Republic of X"
            )
        ),
        [word, body, {"LOWER": "and"}, word, body, named, of, the, dict(word, OP=_MANY)],
        [{"TEXT": {"IN": list(prefixes)}}, body, word],
        # A single word that carries the suffix inside it: "MedValley".
        [{"TEXT": {"REGEX": rf"^[A-Z][a-z]+(?:{ends})$"}}],
    ]
