"""RSS and Atom feeds (.rss, .atom, .xml), by feedparser: one article per entry, its full
content when the feed carries it (``content:encoded``, Atom ``content``), else its summary,
with its title, link (the url; never downloaded: nothing is fetched at run time) and date
(``published``, else ``updated``). The entry's HTML is read to paragraphs, markup dropped.

An XML file that is no feed, or a feed with no usable entry, is a problem (``E086``,
``E087``); an entry with no text is skipped with a warning (``W082``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit

from ...config import Config
from ...errors import Errors
from ...records import Problem
from ..decode import read_content
from .base import Entry, Reader, Source

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "section", "article"}


def read(source: Source, config: Config) -> Iterator[Entry | Problem]:
    """The feed's entries that have a title and text, in feed order."""
    import feedparser

    path = source.path
    data, problems = read_content(path, config)
    yield from problems
    if data is None:
        return
    feed = feedparser.parse(data)  # bytes, never a URL: feedparser fetches nothing
    if not feed.entries:
        reason = feed.get("bozo_exception") or "no RSS <item> or Atom <entry> in it"
        yield Problem(str(path), None, Errors.E086.format(path=path, reason=reason))
        return
    found = 0
    for n, item in enumerate(feed.entries, start=1):
        html = _content(item)
        body = paragraphs(html) if html else ""
        title = " ".join(item.get("title", "").split())
        if not body:
            yield Problem(str(path), None, Errors.W082.format(path=path, entry=n, title=title), "warning")
            continue
        if not title:
            title, _, body = body.partition("\n\n")
        found += 1
        link = item.get("link") or None
        yield Entry(
            path,
            title,
            body,
            published=_date(item),
            source=urlsplit(link).hostname if link else None,
            url=link,
            byline=item.get("author") or None,
            digest=hashlib.sha256(f"{title}\0{html}".encode()).hexdigest()[:32],
        )
    if not found:
        yield Problem(str(path), None, Errors.E087.format(path=path))


def count(source: Source, config: Config) -> int:
    """The feed's entries (feedparser alone; their HTML is not read to paragraphs)."""
    import feedparser

    data, _ = read_content(source.path, config)
    return 0 if data is None else len(feedparser.parse(data).entries)


READER = Reader((".rss", ".atom", ".xml"), read, count=count)


def _content(item) -> str:
    """The entry's full content, else its summary (HTML or plain text)."""
    for content in item.get("content") or ():
        if content.get("value", "").strip():
            return content["value"]
    return item.get("summary", "") or ""


def _date(item) -> date | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = item.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def paragraphs(html: str) -> str:
    """HTML (or plain text) as paragraphs, one per block element or ``<br>``, blank-line separated.

    >>> paragraphs("<p>One <b>bold</b>\\n word.</p><p>Two.<br><br>Three.</p>"), paragraphs("Plain text.")
    ('One bold word.\\n\\nTwo.\\n\\nThree.', 'Plain text.')
    """
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except Exception:  # lxml raises ParserError and others for markup it cannot parse
        return " ".join(html.split())
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    pieces: list[str] = []

    def walk(element) -> None:
        if element.tag in _BLOCKS or element.tag == "br":
            pieces.append("\n\n")
        if element.text and element.tag not in ("script", "style"):
            pieces.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
        if element.tag in _BLOCKS:
            pieces.append("\n\n")

    walk(root)
    blocks = (" ".join(block.split()) for block in "".join(pieces).split("\n\n"))
    return "\n\n".join(b for b in blocks if b)
