"""Saved web pages (.html, .htm): the article's main text by trafilatura, without menus, ads,
share buttons, related links or comments, its paragraphs and headings kept one to a
paragraph; title, author (the byline), site name (the source), URL and publication date from
the page's metadata (htmldate, through trafilatura: JSON-LD ``datePublished``, ``<meta>``,
``<time datetime>``). ``page`` reads one page's bytes for the other formats that carry HTML
(JSONL ``html`` lines, web archive responses, feed entries).

Bytes are decoded by the page's declared charset (an HTTP header's, else its ``<meta>``);
a page that is not in the charset it declares is decoded as what it is, with a warning. A
page with no main text is a problem (``E080``), never an empty article. Nothing is fetched.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path

from ...config import Config
from ...errors import Errors
from ...records import Problem
from ..decode import decode, read_content
from ..metadata import stated_date
from .base import Entry, Reader, Source

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
# Elements of trafilatura's XML whose text is one paragraph each (a list item, a heading, a quote).
_BLOCKS = ("p", "head", "item", "quote", "cell", "code")
# Ads and promotions inside an article's body that trafilatura keeps: blocks whose class or id
# is one of these words, or starts with one and a hyphen ("ad-slot", "promo-box").
_AD_WORDS = ("ad", "ads", "advert", "advertisement", "sponsored", "promo", "newsletter", "subscribe", "paywall")
# One expression, one walk of the tree (trafilatura compiles and walks each expression of a
# list in turn: eighteen of them cost a fifth of reading a page).
_PRUNE = (
    "//*[(@class or @id) and ("
    + " or ".join(
        f"contains(concat(' ', normalize-space(@{attr}), ' '), ' {word} ') or "
        f"contains(concat(' ', normalize-space(@{attr})), ' {word}-')"
        for attr in ("class", "id")
        for word in _AD_WORDS
    )
    + ")]"
)


def read(source: Source, config: Config) -> Iterator[Entry | Problem]:
    """The page's article, after the problems met reading it."""
    path = source.path
    data, problems = read_content(path, config)
    yield from problems
    if data is None:
        return
    yield from page(path, data, config)


READER = Reader((".html", ".htm"), read, count=lambda source, config: 1)


def page(
    path: Path,
    data: bytes | str,
    config: Config,
    *,
    line: int | None = None,
    charset: str | None = None,
    fallback: Entry | None = None,
    where: str = "",
) -> Iterator[Entry | Problem]:
    """One HTML page's article (or an ``E080`` problem), after the problems met decoding it.

    ``charset`` is what an HTTP header declared; ``fallback`` gives what the page's metadata
    does not (a web archive's date and target URI); ``where`` names the record in messages.
    """
    if isinstance(data, bytes):
        text, problems = decode_html(path, data, charset, config.encoding_fallback)
        yield from (replace(p, line=line) if line else p for p in problems)
        if text is None:
            return
    else:
        text = data
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    found = main_text(text, fallback.url if fallback else None)
    if found is None:
        yield Problem(str(path), line, Errors.E080.format(path=path, where=where))
        return
    title, body, meta = found
    published, problems = stated_date(meta.get("date"), path, line)
    yield from problems
    base = fallback or Entry(path, "", "")
    title = title or base.title
    if not title:  # no <title> and none given: the first paragraph is the headline
        title, _, body = body.partition("\n\n")
    yield Entry(
        path,
        title,
        body,
        line=line,
        given_id=base.given_id,
        published=published or base.published,
        source=meta.get("sitename") or meta.get("hostname") or base.source,
        url=meta.get("url") or base.url,
        currency=base.currency,
        byline=meta.get("author") or base.byline,
        digest=digest,
    )


def main_text(html: str, url: str | None = None) -> tuple[str, str, dict] | None:
    """(title, body with one paragraph per block, metadata) of a page; None when it has no main
    text. Metadata keys: ``author``, ``date`` (ISO), ``sitename``, ``hostname``, ``url``.

    >>> page = "<html><head><title>Big deal | Site</title></head><body><nav>Home News</nav>" \\
    ...     "<article><h1>Big deal</h1><p>" + "Acme bought Foo for $5 million on Monday. " * 4 + "</p>" \\
    ...     "<p>It closes in May.</p></article><footer>Cookies</footer></body></html>"
    >>> title, body, meta = main_text(page)
    >>> title, body.endswith("It closes in May."), "Home" in body
    ('Big deal', True, False)
    """
    from lxml import etree
    from trafilatura.core import Document, bare_extraction, determine_returnstring
    from trafilatura.settings import Extractor

    _english_text_dates()
    # trafilatura.extract(html, url=url, output_format="xml", with_metadata=True, include_comments=False,
    # include_tables=True, include_images=False, include_links=False, deduplicate=False, prune_xpath=_PRUNE),
    # step by step, less the content fingerprint it adds to the XML (a hash of the page's words,
    # a sixth of reading a page, which nothing here reads).
    options = Extractor(
        output_format="xml",
        comments=False,
        tables=True,
        images=False,
        links=False,
        dedup=False,
        url=url,
        with_metadata=True,
    )
    document = bare_extraction(html, options=options, as_dict=False, prune_xpath=_PRUNE)
    if not isinstance(document, Document):
        return None
    found = determine_returnstring(document, options)
    if not found:
        return None
    doc = etree.fromstring(found.encode())
    main = doc.find("main")
    paragraphs = []
    for element in main.iter(*_BLOCKS) if main is not None else ():
        if element.getparent() is not None and element.getparent().tag in _BLOCKS:
            continue  # a paragraph inside a quote: its quote is the block
        text = " ".join("".join(element.itertext()).split())
        if text:
            paragraphs.append(text)
    meta = {key: doc.get(key) for key in ("title", "author", "date", "sitename", "hostname", "url")}
    title = " ".join((meta.pop("title") or "").split())
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # the headline, kept in the main text by some pages
    if not any(any(c.isalpha() for c in p) for p in paragraphs):
        return None
    if meta["author"]:
        meta["author"] = " and ".join(a.strip() for a in meta["author"].split(";") if a.strip())
    return title, "\n\n".join(paragraphs), {k: v for k, v in meta.items() if v}


@cache
def _english_text_dates() -> None:
    """htmldate's last resort, a date written only in a page's text, asks dateparser in every
    language it knows: the first such page loaded the tables of some 200 locales (measured: the
    process grew by 70 MB at page 1,597 of a generated archive, so a run over 10,000 pages
    peaked 28% above one over 100). The pipeline reads English; so does that fallback now (the
    settings are htmldate's own, its languages English). Dates in a page's metadata, ``<time>``
    or URL are read as before."""
    from dateparser import DateDataParser
    from htmldate import extractors

    parser = DateDataParser(
        languages=["en"],
        settings={
            "NORMALIZE": True,
            "PARSERS": ["custom-formats", "absolute-time"],
            "PREFER_DATES_FROM": "past",
            "PREFER_LOCALE_DATE_ORDER": True,
            "RETURN_AS_TIMEZONE_AWARE": False,
            "STRICT_PARSING": True,
        },
    )
    extractors.get_external_parser = lambda: parser


def decode_html(
    path: Path, data: bytes, declared: str | None, fallback: str | None
) -> tuple[str | None, list[Problem]]:
    """A page's text by the charset it declares (``declared``: an HTTP header's, else its
    ``<meta>``); a page not valid in that charset, or UTF-8 declared as a single-byte charset,
    is decoded as what it is (``decode``) with warning W081.

    >>> decode_html(Path("p.html"), '<meta charset="utf-8"><p>Café'.encode("cp1252"), None, "cp1252")[1][0].message[:6]
    '[W081]'
    >>> decode_html(Path("p.html"), '<meta charset="iso-8859-1"><p>Café'.encode("latin-1"), None, "cp1252")
    ('<meta charset="iso-8859-1"><p>Café', [])
    """
    name = declared or _declared(data)
    try:
        codec = codecs.lookup(name).name if name else None
    except LookupError:
        codec = None
    if codec:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            pass
        else:
            if codec.startswith("utf") or data.isascii() or not _utf8(data):
                return text, []
        text, problems = decode(path, data, fallback)
        used = "UTF-8" if not problems else fallback or "UTF-8"
        return text, [Problem(str(path), None, Errors.W081.format(path=path, declared=name, used=used), "warning")]
    return decode(path, data, fallback)


def _declared(data: bytes) -> str | None:
    r"""The charset a page's ``<meta>`` declares, in its first 4 KB.

    >>> _declared(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'), _declared(b"<p>")
    ('windows-1251', None)
    """
    match = _CHARSET.search(data[:4096])
    return match[1].decode("ascii") if match else None


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
