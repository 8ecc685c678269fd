"""Input files -> articles: folders walked, markdown split at headings, JSONL read by line.

Bad input never raises: each bad file or line becomes a ``Problem`` carrying its message
from errors.py, and reading goes on with the rest.
"""
from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Iterator, Sequence

from .clean import clean
from .config import Config
from .currencies import known_code
from .errors import Errors

SUFFIXES = (".md", ".txt", ".jsonl")
JSONL_OPTIONAL = ("id", "published", "url", "source", "currency_default")
MAX_ID_CHARS = 80  # ids are file names; headlines can be long

_HEADLINE = re.compile(r"^#{1,2}[ \t]+(\S.*?)(?:[ \t]+#+)?[ \t]*$")
_META = re.compile(r"^([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_SAFE_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?")


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    byline: str | None
    published: date | None
    source: str
    path: str
    line: int | None
    url: str | None
    text: str  # cleaned: title + "\n\n" + body; every offset downstream points into it
    currency_default: str | None = None  # ISO code a bare "$" means, when the article or its source says


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str
    level: str  # "error" or "warning"


def read_articles(paths: Sequence[Path], config: Config, published: date | None = None) -> tuple[list[Article], list[Problem]]:
    """Every article under ``paths`` (config.input when empty), in input order, and every problem met.

    ``published`` overrides every other publication date.
    """
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_articles(paths, config, published):
        (problems if isinstance(item, Problem) else articles).append(item)
    return articles, problems


def iter_articles(paths: Sequence[Path], config: Config, published: date | None = None) -> Iterator[Article | Problem]:
    """Articles and problems in input order, lazily: one file, or one JSONL line, at a time."""
    run = _Run(config, published)
    seen: set[str] = set()
    for path in paths or [config.input]:
        for file in run.files(Path(path)):
            yield from run.drain()
            real = os.path.realpath(file)  # unlike Path.resolve, never raises on a symlink loop
            if real not in seen:  # a file named twice is read once
                seen.add(real)
                for _ in run.read(file):
                    yield from run.drain()
        yield from run.drain()


@dataclass
class _Run:
    """One call's state: the options, what was found and not yet handed out, and the ids given so far."""

    config: Config
    published: date | None
    found: list[Article | Problem] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def drain(self) -> Iterator[Article | Problem]:
        found, self.found = self.found, []
        yield from found

    def problem(self, path: Path | str, line: int | None, message: str, level: str = "error") -> None:
        self.found.append(Problem(str(path), line, message, level))

    def files(self, path: Path) -> list[Path]:
        try:
            mode = path.stat().st_mode
        except (FileNotFoundError, NotADirectoryError):
            self.problem(path, None, Errors.E010.format(path=path))
            return []
        except OSError as err:
            self.problem(path, None, Errors.E011.format(path=path, reason=err.strerror or err))
            return []
        if stat.S_ISDIR(mode):
            found = list(self._walk(path))
            if not found:
                self.problem(path, None, Errors.E019.format(path=path))
            return found
        if path.suffix.lower() not in SUFFIXES:
            self.problem(path, None, Errors.E017.format(path=path, suffix=path.suffix))
            return []
        return [path]

    def _walk(self, folder: Path) -> Iterator[Path]:
        """Input files under ``folder``, sorted; hidden files and folders and other suffixes skipped."""
        def unreadable(err: OSError) -> None:
            self.problem(err.filename, None, Errors.E011.format(path=err.filename, reason=err.strerror))

        fenced = self._fenced(folder)
        for root, dirs, names in os.walk(folder, onerror=unreadable):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and os.path.realpath(os.path.join(root, d)) not in fenced)
            for name in sorted(names):
                if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                    yield Path(root, name)

    def _fenced(self, folder: Path) -> set[str]:
        """Folders a walk must not enter: other sets' inputs (dev/ inside articles/) and output folders."""
        sets = self.config.sets.values()
        folders = [s.input for s in sets] + [s.output for s in sets] + [self.config.output]
        return {os.path.realpath(f) for f in folders} - {os.path.realpath(folder)}

    def read(self, path: Path) -> Iterator[None]:
        """Read one file, pausing after each JSONL line so the caller can hand out what was found."""
        if path.suffix.lower() == ".jsonl":
            yield from self._jsonl(path)
            return
        text = self._text(path)
        if text is not None:
            self._markdown(path, text)
        yield

    def _text(self, path: Path) -> str | None:
        """The file's text with "\\n" line ends, or None after recording why not."""
        try:
            info = path.stat()
            if not stat.S_ISREG(info.st_mode):
                self.problem(path, None, Errors.E011.format(path=path, reason="not a regular file"))
                return None
            if info.st_size > self.config.max_file_bytes:
                self.problem(path, None, Errors.E015.format(
                    path=path, size_mb=info.st_size / 2**20, limit_mb=self.config.max_file_bytes / 2**20))
                return None
            data = path.read_bytes()
        except OSError as err:
            self.problem(path, None, Errors.E011.format(path=path, reason=err.strerror or err))
            return None
        if b"\0" in data:
            self.problem(path, None, Errors.E013.format(path=path))
            return None
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            fallback = self.config.encoding_fallback
            if fallback is None:
                self.problem(path, None, Errors.E014.format(path=path))
                return None
            text = data.decode(fallback, errors="replace")
            self.problem(path, None, Errors.W001.format(path=path, encoding=fallback), "warning")
        if not text.strip():
            self.problem(path, None, Errors.E012.format(path=path))
            return None
        return re.sub(r"\r\n?", "\n", text)

    def _markdown(self, path: Path, text: str) -> None:
        lines = text.split("\n")
        meta, start = _front_matter(lines)
        sections = _sections(lines[start:])
        if not sections:
            self.problem(path, None, Errors.E012.format(path=path))
            return
        value, line = meta.get("published", ("", None))
        published = self._date(value, path, line)
        fields = {key: value for key, (value, _) in meta.items()}
        value, line = meta.get("currency_default", ("", None))
        currency = self._currency(value, path, line)
        for title, body in sections:
            self._add(path, title or fields.get("title") or _stem_title(path), body, published=published,
                      source=fields.get("source"), url=fields.get("url"), currency=currency)

    def _jsonl(self, path: Path) -> Iterator[None]:
        """One line at a time, so a dump of any size streams; input.max_file_mb bounds each line."""
        try:
            with open(path, "rb") as lines:
                number = 0
                for number, data in enumerate(lines, start=1):
                    if len(data) > self.config.max_file_bytes:
                        self.problem(path, number, Errors.E016.format(path=path, line=number, reason=(
                            f"line of {len(data) / 2**20:.1f} MB is over input.max_file_mb")))
                    elif data.strip():
                        self._jsonl_line(path, number, data)
                    yield
        except OSError as err:
            self.problem(path, None, Errors.E011.format(path=path, reason=err.strerror or err))
            return
        if number == 0:
            self.problem(path, None, Errors.E012.format(path=path))

    def _jsonl_line(self, path: Path, number: int, data: bytes) -> None:
        try:
            raw = data.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            if self.config.encoding_fallback is None:
                self.problem(path, number, Errors.E016.format(path=path, line=number, reason="not UTF-8"))
                return
            raw = data.decode(self.config.encoding_fallback, errors="replace")
            self.problem(path, number, Errors.W001.format(path=f"{path}:{number}", encoding=self.config.encoding_fallback), "warning")
        try:
            row = _row(raw)
        except ValueError as err:
            self.problem(path, number, Errors.E016.format(path=path, line=number, reason=err))
            return
        self._add(path, row["title"], row["text"], line=number, given_id=row.get("id"),
                  published=self._date(row.get("published"), path, number),
                  source=row.get("source"), url=row.get("url"),
                  currency=self._currency(row.get("currency_default"), path, number))

    def _date(self, value: str | None, path: Path, line: int | None) -> date | None:
        if not value:
            return None
        try:
            return _iso_date(value)
        except ValueError:
            self.problem(path, line, Errors.E018.format(path=path, line=line, value=value), "warning")
            return None

    def _currency(self, value: str | None, path: Path, line: int | None) -> str | None:
        if not value:
            return None
        if not known_code(value):
            self.problem(path, line, Errors.E027.format(path=path, line=line, value=value))
            return None
        return value

    def _add(self, path: Path, title: str, body: str, *, line: int | None = None, given_id: str | None = None,
             published: date | None = None, source: str | None = None, url: str | None = None,
             currency: str | None = None) -> None:
        cleaned = clean(title, body)
        title = cleaned.text.partition("\n\n")[0]  # clean collapses whitespace: the title has no blank line
        source = source or path.stem
        by_source = self.config.published_by_source
        published = (self.published or published or by_source.get(source) or by_source.get(path.stem)
                     or self.config.published_default)
        by_source = self.config.money.sources
        currency = currency or by_source.get(source) or by_source.get(path.stem)
        base = _safe_id(given_id or "") or _slug(title) or _safe_id(path.stem) or "article"
        self.found.append(Article(self._unique(base), title, cleaned.byline, published, source,
                                     str(path), line, url or None, cleaned.text, currency))

    def _unique(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``... if taken; compared ignoring case, as some file systems do."""
        new, n = base, 1
        while new.lower() in self.ids:
            n += 1
            new = f"{base}-{n}"
        self.ids.add(new.lower())
        return new


def _front_matter(lines: list[str]) -> tuple[dict[str, tuple[str, int]], int]:
    """A leading ``---`` block of ``key: value`` lines -> ({key: (value, line number)}, first body line).

    Indented and ``-`` lines (values of keys we do not read) are skipped; any other line
    means the ``---`` was a rule, not front matter.

    >>> _front_matter(["---", "published: 2023-10-24", 'source: "Shanghai Daily"', "tags:", "  - x", "---", "## T"])
    ({'published': ('2023-10-24', 2), 'source': ('Shanghai Daily', 3), 'tags': ('', 4)}, 6)
    >>> _front_matter(["---", "Not front matter.", "---"]), _front_matter(["---", "a: b"])
    (({}, 0), ({}, 0))
    """
    if not lines or lines[0].strip() != "---":
        return {}, 0
    meta = {}
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return meta, i + 1
        match = _META.match(line)
        if match:
            meta[match[1].lower()] = (_unquote(match[2]), i + 1)
        elif line.strip() and not line[0].isspace() and not line.startswith(("#", "-")):
            return {}, 0
    return {}, 0


def _unquote(value: str) -> str:
    """
    >>> _unquote('"Shanghai Daily"'), _unquote("'x'"), _unquote('"')
    ('Shanghai Daily', 'x', '"')
    """
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'" else value


def _sections(lines: list[str]) -> list[tuple[str | None, str]]:
    """(headline, body) per ``#``/``##`` heading; text before the first heading is kept,
    untitled, when it holds any letters.

    >>> _sections(["Page 3", "", "## One", "a", "## Two", "# Three", "b"])
    [(None, 'Page 3\\n'), ('One', 'a'), ('Two', ''), ('Three', 'b')]
    >>> _sections(["", "12", "## One ##", "### sub", "a"])
    [('One', '### sub\\na')]
    """
    sections: list[tuple[str | None, str]] = []
    title: str | None = None
    body: list[str] = []
    for line in lines + [None]:
        match = _HEADLINE.match(line) if line is not None else None
        if match or line is None:
            text = "\n".join(body)
            if title is not None or any(c.isalpha() for c in text):
                sections.append((title, text))
            title, body = match and match[1], []
        else:
            body.append(line)
    return sections


def _row(raw: str) -> dict:
    """One JSONL line checked: an object with non-empty string title and text, optional string fields.

    >>> _row('{"title": "T", "text": "Body", "url": null, "extra": 1}')
    {'title': 'T', 'text': 'Body', 'url': None, 'extra': 1}
    >>> _row('{"title": "T", "text": " "}')
    Traceback (most recent call last):
    ValueError: 'text' must be a non-empty string
    """
    try:
        row = json.loads(raw)
    except json.JSONDecodeError as err:
        raise ValueError(f"bad JSON ({err})") from None
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None
    if not isinstance(row, dict):
        raise ValueError(f"expected a JSON object, got {type(row).__name__}")
    for key in ("title", "text"):
        if not isinstance(row.get(key), str) or not row[key].strip():
            raise ValueError(f"'{key}' must be a non-empty string")
    for key in JSONL_OPTIONAL:
        if row.get(key) is not None and not isinstance(row[key], str):
            raise ValueError(f"'{key}' must be a string, got {row[key]!r}")
    return row


def _iso_date(text: str) -> date:
    """An ISO date; a datetime gives its date as written.

    >>> _iso_date("2023-10-24"), _iso_date("2023-10-24T08:00:00Z")
    (datetime.date(2023, 10, 24), datetime.date(2023, 10, 24))
    """
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        return datetime.fromisoformat(text).date()


def _stem_title(path: Path) -> str:
    """
    >>> _stem_title(Path("notes/jiading_medical-valley.md"))
    'jiading medical valley'
    """
    return " ".join(re.sub(r"[_-]", " ", path.stem).split()) or path.name


def _slug(text: str) -> str:
    """The id a headline gives: lower case, apostrophes dropped, other non-alphanumerics -> "-".

    >>> _slug("Shanghai MedValley strengthens Jiading's biopharma sector")
    'shanghai-medvalley-strengthens-jiadings-biopharma-sector'
    >>> _slug("US$13.7 billion: what’s next?"), _slug("../.."), _slug("¿?")
    ('us-13-7-billion-whats-next', '', '')
    >>> len(_slug("word " * 40)) <= MAX_ID_CHARS
    True
    """
    slug = re.sub(r"[\W_]+", "-", re.sub(r"['’]", "", text.lower())).strip("-")
    if len(slug) > MAX_ID_CHARS:
        cut = slug[:MAX_ID_CHARS + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut[:MAX_ID_CHARS]
    return slug.strip("-")


def _safe_id(text: str) -> str:
    """``text`` if it is already a safe file name, else its slug ("" if nothing is left).

    >>> _safe_id("Article_01"), _safe_id("../etc/passwd"), _safe_id(".."), _safe_id("a..b")
    ('Article_01', 'etc-passwd', '', 'a-b')
    """
    if len(text) <= MAX_ID_CHARS and _SAFE_ID.fullmatch(text) and ".." not in text:
        return text
    return _slug(text)
