"""config.toml -> one frozen options object, read once and passed down.

Defaults ship in ``defaults.toml``; the user's file is layered on top. A key the
defaults do not name, or a value of the wrong type, fails before any work starts.
"""

from __future__ import annotations

import codecs
import hashlib
import importlib.util
import json
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from functools import cached_property
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import Errors, PipelineError
from .knowledge.currencies import known_code

# Tables whose entries are the user's to add; everything else is a fixed schema.
OPEN_TABLES = {
    "published.sources",
    "money.signs",
    "money.words",
    "money.subunits",
    "money.sources",
    "money.domains.labels",
    "area.units",
    "organisations.aliases",
    "sets",
    "dates.order_by_source",
}
# How a numeric date like 3/7/2019 is read: month first or day first.
DATE_ORDERS = ("MDY", "DMY")
SET_KEYS = ("input", "output", "gold")
# What an article over input.max_article_chars gets: parsed in pieces, or rejected.
OVERSIZE = ("chunk", "reject")


@dataclass(frozen=True)
class DataSet:
    """A named input folder with its own outputs and gold, scored on its own (sample, dev, test)."""

    name: str
    input: Path
    output: Path
    gold: Path


@dataclass(frozen=True)
class MoneyOptions:
    """Config's additions to the CLDR currency table (currencies.py) and the rules around it."""

    signs: Mapping[str, tuple[str, ...]]  # written before the number, case kept -> ISO codes, usual first
    words: Mapping[str, str]  # written after it, lower case -> ISO code
    subunits: Mapping[str, tuple[str, ...]]  # "cents" -> the signs or names whose hundredth it is ("$",)
    preferred: tuple[str, ...]  # which reading of an ambiguous form wins
    not_currency_words: tuple[str, ...]
    not_codes: tuple[str, ...]
    weight_words: tuple[str, ...]  # make "pounds" a weight
    sources: Mapping[str, str]  # source name -> the article's own currency
    generic_domains: tuple[str, ...]  # country-code domains that say nothing of the country
    domain_labels: Mapping[str, str]  # domain labels that are no ISO 3166 code -> ISO code

    def __reduce__(self):
        """Picklable for worker processes, like Config: mapping proxies travel as dicts."""
        state = {k: dict(v) if isinstance(v, MappingProxyType) else v for k, v in vars(self).items()}
        return _money_from_state, (state,)


def _money_from_state(state: dict) -> MoneyOptions:
    return MoneyOptions(**{k: MappingProxyType(v) if isinstance(v, dict) else v for k, v in state.items()})


@dataclass(frozen=True)
class OrganisationOptions:
    """The ``[organisations]`` word lists, read by the span ruler (model/nlp.py) and the
    organisation extractor. Lists keep the order written (the ruler's patterns are built from
    them); the sets the extractor tests words against are worked out once, on first use."""

    suffixes: tuple[str, ...]  # a capitalised name ending in one is an organisation
    of_suffixes: tuple[str, ...]  # ... and may go on with "of": "Technical University of Munich"
    prefixes: tuple[str, ...]  # head words that come first: "Banco", "Industrias"
    legal_forms: tuple[str, ...]  # mixed-case forms beside cleanco's: "Co", "GmbH"
    particles: tuple[str, ...]  # may stand inside a name: "de", "&"
    place_suffixes: tuple[str, ...]  # a name ending in one is a place: "District"
    place_nouns: tuple[str, ...]  # lower-case nouns after a place: "the Huasco valley"
    place_modifiers: tuple[str, ...]  # "Jiading New City" is a place
    thing_suffixes: tuple[str, ...]  # events, awards, products: "Cup", "Index"
    thing_nouns: tuple[str, ...]  # "its Onslow Iron project"
    programme_words: tuple[str, ...]  # "Project Nexus", "Hurricane Milton"
    stop_words: tuple[str, ...]  # never organisations: "CEO", "Government"
    cue_before: tuple[str, ...]  # "shares of" X
    cue_after: tuple[str, ...]  # X "shares"
    cue_possessive: tuple[str, ...]  # X's "chief executive"
    cue_kinds: tuple[str, ...]  # "brewer" X
    person_roles: tuple[str, ...]  # "analyst" X is a person
    aliases: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # written -> canonical

    @cached_property
    def stop_word_set(self) -> frozenset[str]:
        """``stop_words`` lower-cased: a name is tested whatever its case."""
        return frozenset(w.lower() for w in self.stop_words)

    @cached_property
    def role_set(self) -> frozenset[str]:
        """``person_roles`` lower-cased (``MP`` is written in capitals)."""
        return frozenset(w.lower() for w in self.person_roles)

    @cached_property
    def legal_form_set(self) -> frozenset[str]:
        """``legal_forms`` as the set ``knowledge.legal_forms`` takes (one object, so its cache hits)."""
        return frozenset(self.legal_forms)

    @cached_property
    def suffix_set(self) -> frozenset[str]:
        """``suffixes`` as a set: every candidate's last word is tested against them."""
        return frozenset(self.suffixes)

    @cached_property
    def particle_set(self) -> frozenset[str]:
        """``particles`` as a set: tested at every word a name might go on over."""
        return frozenset(self.particles)

    @cached_property
    def cue_kind_set(self) -> frozenset[str]:
        """``cue_kinds`` as a set: every word of an article is tested against them."""
        return frozenset(self.cue_kinds)

    @cached_property
    def cue_phrases_before(self) -> Mapping[str, tuple[list[str], ...]]:
        """``cue_before`` phrases, lower-cased and split, by their first word."""
        by_first: dict[str, list[list[str]]] = {}
        for phrase in self.cue_before:
            words = phrase.lower().split()
            by_first.setdefault(words[0], []).append(words)
        return MappingProxyType({first: tuple(phrases) for first, phrases in by_first.items()})

    @cached_property
    def cue_phrases_possessive(self) -> tuple[list[str], ...]:
        """``cue_possessive`` phrases, lower-cased and split."""
        return tuple(p.lower().split() for p in self.cue_possessive)

    def __reduce__(self):
        """Picklable for worker processes: the fields only (sets are worked out again), the
        aliases as a dict."""
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        return _organisations_from_state, ({**state, "aliases": dict(self.aliases)},)


def _organisations_from_state(state: dict) -> OrganisationOptions:
    return OrganisationOptions(**{**state, "aliases": MappingProxyType(state["aliases"])})


@dataclass(frozen=True)
class Config:
    model: str
    batch_size: int
    n_process: int
    input: Path
    output: Path
    gold: Path
    max_file_bytes: int
    encoding_fallback: str | None
    published_default: date | None
    published_by_source: Mapping[str, date]
    money: MoneyOptions
    area_units: Mapping[str, float]
    area_context_units: tuple[str, ...]
    area_land_words: tuple[str, ...]
    date_order: str
    date_order_by_source: Mapping[str, str]
    organisations: OrganisationOptions
    sets: Mapping[str, DataSet] = field(default_factory=lambda: MappingProxyType({}))
    root: Path = Path(".")  # the folder of config.toml; output paths are written relative to it
    digest: str = ""
    review_port: int = 8765
    review_database: Path | None = None  # None: <outputs reviewed>/review.sqlite
    max_article_chars: int = 1_000_000
    oversize: str = "chunk"  # or "reject": what an article over max_article_chars gets

    def __reduce__(self):
        """Picklable, for worker processes: the read-only mappings travel as plain dicts."""
        state = {f.name: getattr(self, f.name) for f in fields(self)}
        return _config_from_state, ({k: dict(v) if isinstance(v, MappingProxyType) else v for k, v in state.items()},)


def _config_from_state(state: dict) -> Config:
    return Config(**{k: MappingProxyType(v) if isinstance(v, dict) else v for k, v in state.items()})


def load_config(path: Path | None = None) -> Config:
    """Read the shipped defaults, layer ``path`` (if given) over them, and validate."""
    defaults = tomllib.loads(resources.files("pipeline").joinpath("defaults.toml").read_text("utf8"))
    raw_user: dict = {}
    base = Path.cwd()
    if path is not None:
        try:
            raw_user = tomllib.loads(Path(path).read_text("utf8"))
        except FileNotFoundError:
            raise PipelineError(Errors.E003.format(path=path, reason="no such file")) from None
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
            raise PipelineError(Errors.E003.format(path=path, reason=err)) from None
        base = Path(path).resolve().parent
    merged = _layer(defaults, raw_user, str(path), "")
    return _build(merged, base, str(path or "defaults.toml"), _digest(merged))


def _layer(defaults: dict, user: dict, path: str, prefix: str) -> dict:
    out = dict(defaults)
    for key, value in user.items():
        dotted = f"{prefix}{key}"
        if not key.strip():
            raise PipelineError(Errors.E002.format(path=path, key=dotted or '""', expected="a non-empty key", got=key))
        if prefix.rstrip(".") in OPEN_TABLES:
            out[key] = value
            continue
        if key not in defaults:
            known = ", ".join(f"{prefix}{k}" for k in defaults) or "(none)"
            raise PipelineError(Errors.E001.format(path=path, key=dotted, known=known))
        expected = defaults[key]
        if isinstance(expected, dict):
            if not isinstance(value, dict):
                raise PipelineError(Errors.E002.format(path=path, key=dotted, expected="a table", got=value))
            out[key] = _layer(expected, value, path, dotted + ".")
        else:
            out[key] = _check_type(value, expected, path, dotted)
    return out


def _check_type(value: Any, expected: Any, path: str, key: str) -> Any:
    if isinstance(expected, bool) or isinstance(value, bool):
        ok = isinstance(value, bool) and isinstance(expected, bool)
    elif isinstance(expected, float):
        ok = isinstance(value, (int, float)) and math.isfinite(value)
    else:
        ok = isinstance(value, type(expected))
    if isinstance(expected, list) and ok:
        ok = all(isinstance(v, str) for v in value)
    if not ok:
        kind = {str: "a string", int: "an integer", float: "a number", list: "a list of strings"}
        raise PipelineError(
            Errors.E002.format(
                path=path, key=key, expected=kind.get(type(expected), type(expected).__name__), got=value
            )
        )
    return value


def _iso(value: str, key: str) -> date | None:
    if value == "":
        return None
    try:
        found = date.fromisoformat(value)
    except (TypeError, ValueError):
        found = None
    if found is None or not 1000 <= found.year <= 2200:  # relative dates counted from it stay in the calendar
        raise PipelineError(Errors.E005.format(key=key, value=value))
    return found


def _positive(value: float, path: str, key: str) -> None:
    if value <= 0:
        raise PipelineError(Errors.E002.format(path=path, key=key, expected="a positive number", got=value))


def _build(c: dict, base: Path, path: str, digest: str) -> Config:
    model, inp = c["model"], c["input"]
    for key in ("batch_size", "n_process"):
        _positive(model[key], path, f"model.{key}")
    _positive(inp["max_file_mb"], path, "input.max_file_mb")
    _positive(inp["max_article_chars"], path, "input.max_article_chars")
    sources = {}
    for name, value in c["published"]["sources"].items():
        if not isinstance(value, str):
            raise PipelineError(Errors.E005.format(key=f"published.sources.{name}", value=value))
        sources[name] = _iso(value, f"published.sources.{name}")
    money = _money(c["money"], path)
    units = {}
    for unit, factor in c["area"]["units"].items():
        if isinstance(factor, bool) or not isinstance(factor, (int, float)) or not 0 < factor < math.inf:
            raise PipelineError(
                Errors.E002.format(
                    path=path,
                    key=f"area.units.{unit}",
                    expected="square metres per unit (a positive number)",
                    got=factor,
                )
            )
        units[unit.lower()] = float(factor)
    date_order = _date_order(c["dates"]["order"], path, "dates.order")
    orders = {
        name.lower(): _date_order(value, path, f"dates.order_by_source.{name}")
        for name, value in c["dates"]["order_by_source"].items()
    }
    orgs = c["organisations"]
    aliases = {}
    for written, canonical in orgs["aliases"].items():
        if not isinstance(canonical, str):
            raise PipelineError(
                Errors.E002.format(
                    path=path, key=f"organisations.aliases.{written}", expected="a string", got=canonical
                )
            )
        aliases[written] = canonical
    fallback = inp["encoding_fallback"] or None
    if fallback:
        try:
            if not codecs.lookup(fallback)._is_text_encoding:  # rot13, base64: bytes<->bytes or str<->str
                raise LookupError(fallback)
        except LookupError:
            raise PipelineError(
                Errors.E002.format(
                    path=path, key="input.encoding_fallback", expected='a Python codec name or ""', got=fallback
                )
            ) from None
    _check_model(model["name"])
    paths, review = c["paths"], c["review"]
    sets = {name: _data_set(name, value, base, path) for name, value in c["sets"].items()}
    if not 0 <= review["port"] <= 65535:
        raise PipelineError(
            Errors.E002.format(
                path=path, key="review.port", expected="a TCP port 0-65535 (0: any free port)", got=review["port"]
            )
        )
    return Config(
        model=model["name"],
        batch_size=model["batch_size"],
        n_process=model["n_process"],
        input=base / paths["input"],
        output=base / paths["output"],
        gold=base / paths["gold"],
        max_file_bytes=int(inp["max_file_mb"] * 1024 * 1024),
        encoding_fallback=fallback,
        published_default=_iso(c["published"]["default"], "published.default"),
        published_by_source=MappingProxyType(sources),
        money=money,
        area_units=MappingProxyType(units),
        area_context_units=tuple(u.lower() for u in c["area"]["context"]["units"]),
        area_land_words=tuple(w.lower() for w in c["area"]["context"]["land_words"]),
        date_order=date_order,
        date_order_by_source=MappingProxyType(orders),
        organisations=_organisations(orgs, aliases),
        sets=MappingProxyType(sets),
        root=base,
        digest=digest,
        review_port=review["port"],
        review_database=base / review["database"] if review["database"].strip() else None,
        max_article_chars=inp["max_article_chars"],
        oversize=_oversize(inp["oversize"], path),
    )


def _data_set(name: str, value: Any, base: Path, path: str) -> DataSet:
    key = f"sets.{name}"
    if not name.strip() or not isinstance(value, dict) or set(value) != set(SET_KEYS):
        raise PipelineError(
            Errors.E002.format(
                path=path, key=key, got=value, expected="a table with exactly input, output and gold (folders)"
            )
        )
    for part in SET_KEYS:
        if not (isinstance(value[part], str) and value[part].strip()):
            raise PipelineError(
                Errors.E002.format(path=path, key=f"{key}.{part}", expected="a folder path", got=value[part])
            )
    return DataSet(name, *(base / value[part] for part in SET_KEYS))


def _one_or_more(value: Any, path: str, key: str, expected: str) -> list[str]:
    """A table value written as one string or a list of them (``"$"``, ``["AED", "MAD"]``)."""
    listed = [value] if isinstance(value, str) else value
    if not isinstance(listed, list) or not listed or not all(isinstance(v, str) and v for v in listed):
        raise PipelineError(Errors.E002.format(path=path, key=key, expected=expected, got=value))
    return listed


def _money(m: dict, path: str) -> MoneyOptions:
    """The money section, every ISO code checked against CLDR's list."""

    def code(value: Any, key: str) -> str:
        if not (isinstance(value, str) and known_code(value)):
            raise PipelineError(Errors.E006.format(path=path, key=key, value=value))
        return value

    def table(name: str, lower: bool) -> Mapping[str, str]:
        return MappingProxyType({(k.lower() if lower else k): code(v, f"money.{name}.{k}") for k, v in m[name].items()})

    signs = {
        sign: tuple(
            code(c, f"money.signs.{sign}")
            for c in _one_or_more(codes, path, f"money.signs.{sign}", "an ISO code like 'AED', or a list of them")
        )
        for sign, codes in m["signs"].items()
    }
    subunits = {
        word.lower(): tuple(
            _one_or_more(forms, path, f"money.subunits.{word}", "a currency sign or name like '$', or a list of them")
        )
        for word, forms in m["subunits"].items()
    }
    return MoneyOptions(
        signs=MappingProxyType(signs),
        words=table("words", lower=True),
        subunits=MappingProxyType(subunits),
        preferred=tuple(code(c, "money.preferred") for c in m["preferred"]),
        not_currency_words=tuple(w.lower() for w in m["not_currency_words"]),
        not_codes=tuple(m["not_codes"]),
        weight_words=tuple(w.lower() for w in m["weight_words"]),
        sources=table("sources", lower=False),
        generic_domains=tuple(d.lower().lstrip(".") for d in m["domains"]["generic"]),
        domain_labels=MappingProxyType(
            {k.lower().lstrip("."): code(v, f"money.domains.labels.{k}") for k, v in m["domains"]["labels"].items()}
        ),
    )


def _organisations(o: dict, aliases: dict[str, str]) -> OrganisationOptions:
    """The organisations section: every word list as written, the aliases checked above."""
    lists = {f.name: tuple(o[f.name]) for f in fields(OrganisationOptions) if f.name != "aliases"}
    return OrganisationOptions(**lists, aliases=MappingProxyType(aliases))


def _date_order(value: Any, path: str, key: str) -> str:
    if not (isinstance(value, str) and value.upper() in DATE_ORDERS):
        raise PipelineError(
            Errors.E002.format(
                path=path,
                key=key,
                expected=" or ".join(f'"{o}"' for o in DATE_ORDERS) + " (month or day first in 3/7/2019)",
                got=value,
            )
        )
    return value.upper()


def _check_model(name: str) -> None:
    """Fail on a model that is neither an installed package, a saved pipeline folder, nor a
    folder written by ``pipeline train`` (shipped ones by name), before any work."""
    from .model.meta import location  # spaCy-free: reads paths only

    folder = location(name)
    if folder is not None:
        trained = (folder / "ner" / "model").is_file()
        if not ((trained or (folder / "config.cfg").is_file()) and (folder / "meta.json").is_file()):
            raise PipelineError(Errors.E007.format(model=name))
        return
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # "a.b" with no package a, or an empty name
        found = False
    if not found:
        raise PipelineError(Errors.E004.format(model=name))


def _oversize(value: str, path: str) -> str:
    if value not in OVERSIZE:
        raise PipelineError(
            Errors.E002.format(
                path=path, key="input.oversize", expected=" or ".join(f'"{o}"' for o in OVERSIZE), got=value
            )
        )
    return value


def _digest(merged: dict) -> str:
    """What the outputs depend on: every setting but the review page's, which changes no record."""
    extraction = {k: v for k, v in merged.items() if k != "review"}
    return hashlib.sha256(json.dumps(extraction, sort_keys=True, default=str).encode()).hexdigest()[:16]
