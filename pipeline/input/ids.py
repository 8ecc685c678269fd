"""Article ids, which are file names in the output folder: the id an article gives (its own,
its headline's slug, its file's name), made safe, and made unique across a run in input order.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..outputs.layout import RESERVED_IDS

MAX_ID_BYTES = 80  # ids are file names: 255 bytes at most, and room for "-2", ".json" and temp names
# Names Windows refuses whatever their extension.
WINDOWS_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10))})

_SAFE_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?")


def base_id(given: str | None, title: str, path: Path) -> str:
    """The id an article asks for: its own id if safe, else its headline's slug, else its file's name.

    >>> base_id("Article_01", "T", Path("a.md")), base_id(None, "Big deal", Path("a.md")), base_id("", "¿?", Path("x/b.md"))
    ('Article_01', 'big-deal', 'b')
    >>> base_id(None, "上海", Path("..."))
    '上海'
    >>> base_id(None, "!!", Path("..."))
    'article'
    """
    return _safe_id(given or "") or _slug(title) or _safe_id(path.stem) or "article"


def uri_id(uri: str) -> str:
    """The id a web archive record asks for: its URI without scheme and ``www.``, as a slug
    (titles repeat across a crawl, URIs do not).

    >>> uri_id("https://www.example.com/news/2024/05/01/Big-Deal.html?ref=rss")
    'example-com-news-2024-05-01-big-deal-html-ref-rss'
    """
    return _slug(re.sub(r"^[a-z][a-z0-9+.-]*://(www\.)?", "", uri.strip(), flags=re.I))


class Ids:
    """Ids in input order: ``base``, or ``base-2``, ``base-3``... if taken or reserved; compared
    ignoring case, as some file systems do. One per run, so ids are unique across the run.

    >>> ids = Ids(); [ids(b) for b in ("a", "A", "a", "run", "nul.txt", "a-4", "a", "A")]
    ['a', 'A-2', 'a-3', 'run-2', 'nul-txt', 'a-4', 'a-5', 'A-6']
    """

    def __init__(self) -> None:
        self.taken: set[str] = set()
        # base -> the last suffix given it: the next free one is never lower, as ``taken``
        # only grows. Trying from 2 each time was quadratic in the articles sharing a headline
        # (a page split at ~2,000 `# a` headings: 3.2 s of ids for 1M characters).
        self._last: dict[str, int] = {}

    def __call__(self, base: str) -> str:
        if _reserved(base):  # "nul.txt": no suffix after the dot makes it a name Windows takes
            base = base.replace(".", "-")
        new, n = base, 1
        while new.casefold() in self.taken or _reserved(new):
            n = max(n, self._last.get(base, 1)) + 1
            new = f"{base}-{n}"
        if n > 1:  # only bases that met a clash are remembered
            self._last[base] = n
        folded = new.casefold()
        # An id already in lower case (a web page's URI slug) is kept once, not twice: the set
        # and the run's list of ids (``engines.job.Tally``) hold the same string.
        self.taken.add(new if folded == new else folded)
        return new


def _slug(text: str) -> str:
    """The id a headline gives: lower case, apostrophes dropped, other non-alphanumerics -> "-",
    at most MAX_ID_BYTES bytes of UTF-8 (file systems count bytes: 255 at most).

    >>> _slug("Shanghai MedValley strengthens Jiading's biopharma sector")
    'shanghai-medvalley-strengthens-jiadings-biopharma-sector'
    >>> _slug("US$13.7 billion: what’s next?"), _slug("../.."), _slug("¿?")
    ('us-13-7-billion-whats-next', '', '')
    >>> len(_slug("word " * 40)) <= MAX_ID_BYTES, len(_slug("上海医疗" * 100).encode()) <= MAX_ID_BYTES
    (True, True)
    """
    slug = re.sub(r"[\W_]+", "-", re.sub(r"['’]", "", unicodedata.normalize("NFC", text).lower())).strip("-")
    if len(slug.encode()) > MAX_ID_BYTES:
        cut = slug.encode()[: MAX_ID_BYTES + 1].decode("utf-8", errors="ignore")
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:-1]
    return slug.strip("-")


def _safe_id(text: str) -> str:
    """``text`` if it is already a safe file name, else its slug ("" if nothing is left).

    >>> _safe_id("Article_01"), _safe_id("../etc/passwd"), _safe_id(".."), _safe_id("a..b"), _safe_id("/abs")
    ('Article_01', 'etc-passwd', '', 'a-b', 'abs')
    """
    if len(text) <= MAX_ID_BYTES and _SAFE_ID.fullmatch(text) and ".." not in text:
        return text
    return _slug(text)


def _reserved(article_id: str) -> bool:
    """Ids whose file would be a report's (``run.json``) or a name Windows refuses (``CON``, ``aux.x``).

    >>> [_reserved(i) for i in ("run", "Evaluation", "CON", "aux.x", "lpt9", "console", "runs")]
    [True, True, True, True, True, False, False]
    """
    return article_id.lower() in RESERVED_IDS or article_id.split(".")[0].lower() in WINDOWS_NAMES
