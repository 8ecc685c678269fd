"""What several extractors need to know about an article, worked out once per article and
carried on the ``Context``: where the story is from (its dateline's country), the currency
its source's web domain names, and, once money has been read, the countries whose currency
most of its amounts are in and how that country writes a numeric date.

Extractors share these facts, not each other's code (as spaCy components read what an earlier
component wrote on the Doc): money reads the dateline and domain, dates read the order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..config import MoneyOptions
from ..knowledge import places
from ..knowledge.currencies import Currencies, currencies
from ..records import Record
from . import _calendar as cal
from .patterns import DATELINE


@dataclass(frozen=True)
class ArticleFacts:
    """``dateline_country`` and ``domain_currency`` are known before any extractor runs;
    ``amount_countries`` and ``country_order`` once the money extractor has run."""

    dateline_country: str | None = None
    domain_currency: str | None = None
    amount_countries: tuple[str, ...] = ()
    country_order: str | None = None

    def with_amounts(self, records: Iterable[Record], options: MoneyOptions) -> ArticleFacts:
        """These facts, told the article's money records."""
        countries = home_countries(records, table(options))
        order = (cal.country_order([self.dateline_country]) if self.dateline_country else None) or cal.country_order(
            countries
        )
        return replace(self, amount_countries=countries, country_order=order)


def facts_of(text: str, source: str, options: MoneyOptions) -> ArticleFacts:
    """The facts an article's text and source name give before extraction."""
    return ArticleFacts(
        dateline_country=dateline_country(text), domain_currency=domain_currency(source, options, table(options))
    )


def dateline_country(text: str) -> str | None:
    """The alpha-2 code of the country of the article's dateline (``SYDNEY, May 4 -`` -> ``AU``).

    >>> dateline_country("NAIROBI, Aug 6 (Reuters) - Fees fell."), dateline_country("Fees fell - again.")
    ('KE', None)
    """
    for line in DATELINE.finditer(text, 0, min(len(text), 2000)):
        country = places.country_of(line.group("place"))
        if country:
            return country
    return None


def domain_currency(source: str, options: MoneyOptions, table: Currencies) -> str | None:
    """The currency a web domain's country-code label names: ``theage.com.au`` -> AUD.

    >>> from pipeline.config import load_config
    >>> options = load_config().money
    >>> [domain_currency(s, options, table(options)) for s in ("theage.com.au", "bbc.co.uk", "x.io", "Reuters")]
    ['AUD', 'GBP', None, None]
    """
    host = source.lower().strip().removeprefix("https://").removeprefix("http://").split("/")[0]
    if "." not in host:
        return None
    label = host.rsplit(".", 1)[1]
    if label in options.domain_labels:
        return options.domain_labels[label]
    if label in options.generic_domains or len(label) != 2:
        return None
    return table.countries.get(label.upper())


def home_countries(records: Iterable[Record], table: Currencies) -> tuple[str, ...]:
    """The countries (alpha-2) whose currency most of the article's amounts are in (the first
    written, on a tie). A dollar marked American (``US$``, ``USD``) does not count: it is how a
    writer elsewhere names it; a bare ``$`` counts as the dollar it was read as."""
    counts = Counter(r.currency for r in records if not (r.currency == "USD" and r.currency_basis == "written"))
    if not counts:
        return ()
    code = counts.most_common(1)[0][0]
    return tuple(t for t, c in table.countries.items() if c == code)


def key(options: MoneyOptions) -> tuple:
    """The money options the currency table and patterns are built from, hashable, so each is built once."""
    return (
        tuple(options.signs.items()),
        tuple(options.words.items()),
        options.preferred,
        options.not_currency_words,
        options.not_codes,
        tuple(options.subunits),
    )


def table(options: MoneyOptions) -> Currencies:
    """The currency table for these options (built once per process)."""
    return currencies(*key(options)[:5])
