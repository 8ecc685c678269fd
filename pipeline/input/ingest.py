"""Input files -> articles (``records.Article``): folders walked, markdown split at headings, JSONL read by line.

Bad input never raises: each bad file or line becomes a ``Problem`` carrying its message
from errors.py, and reading goes on with the rest.

Reading goes by parts (``plan``): a part is a list of pieces, each a whole file or a byte
range of a JSONL file that starts and ends at line starts, so parts can be read anywhere
(``read_part``) and give the articles, problems and line numbers one reader would.
"""
from __future__ import annotations

import codecs
import json
import os
import re
import stat
from itertools import count
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterator, Sequence

from .clean import clean, heading_text
from ..config import Config
from ..knowledge.currencies import known_code
from ..errors import Errors
from ..outputs.layout import RESERVED_IDS
from ..records import Article, Problem
from ..records.invariants import YEARS

SUFFIXES = (".md", ".txt", ".jsonl")
JSONL_OPTIONAL = ("id", "published", "url", "source", "currency_default")
MAX_ID_BYTES = 80  # ids are file names: 255 bytes at most, and room for "-2", ".json" and temp names
# Names Windows refuses whatever their extension.
WINDOWS_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10))})

_HEADLINE = re.compile(r"^#{1,2}[ \t]+(\S.*)$")
_META = re.compile(r"^([A-Za-z][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_SURROGATE = re.compile("[\ud800-\udfff]")  # JSON's "\\ud800" escapes give these; no codec writes them
_SAFE_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?")


def read_articles(paths: Sequence[Path], config: Config, published: date | None = None,
                  follow_links: bool = False) -> tuple[list[Article], list[Problem]]:
    """Every article under ``paths`` (config.input when empty), in input order, and every problem met.

    ``published`` overrides every other publication date; ``follow_links`` follows symbolic
    links that lead out of a folder walked.
    """
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_articles(paths, config, published, follow_links):
        (problems if isinstance(item, Problem) else articles).append(item)
    return articles, problems


def iter_articles(paths: Sequence[Path], config: Config, published: date | None = None,
                  follow_links: bool = False) -> Iterator[Article | Problem]:
    """Articles and problems in input order, lazily: one file, or one JSONL line, at a time."""
    ids = Ids()
    for step in plan(paths or [config.input], config, follow_links):
        if isinstance(step, Problem):
            yield step
        else:
            yield from read_part(step, config, published, ids)


@dataclass(frozen=True)
class Piece:
    """A whole input file, or bytes ``start`` to ``end`` of a JSONL file (both line starts),
    whose first line is line number ``line`` of the file."""

    path: Path
    start: int = 0
    end: int | None = None
    line: int = 1


Part = tuple[Piece, ...]


def plan(paths: Sequence[Path], config: Config, follow_links: bool = False,
         part_bytes: int | None = None) -> Iterator[Part | Problem]:
    """The inputs as parts, in input order, and the problems met finding them (missing files,
    empty folders, links leading out). A file named twice is read once.

    Without ``part_bytes`` each file is a part. With it, JSONL files larger than that are cut
    into pieces of about ``part_bytes`` at line starts, and consecutive files and pieces are
    grouped into parts of at least ``part_bytes`` (many small files make one task, not many).
    """
    run = _Run(config, None, follow_links)
    seen: set[str] = set()
    group: list[Piece] = []
    size = 0
    for path in paths:
        for file in run.files(Path(path)):
            yield from run.drain()
            real = os.path.realpath(file)  # unlike Path.resolve, never raises on a symlink loop
            if real in seen:
                continue
            seen.add(real)
            if part_bytes is None:
                yield (Piece(file),)
                continue
            for piece, n in _cut(file, part_bytes):
                group.append(piece)
                size += n
                if size >= part_bytes:
                    yield tuple(group)
                    group, size = [], 0
        yield from run.drain()
    if group:
        yield tuple(group)


def read_part(part: Part, config: Config, published: date | None = None,
              ids: Callable[[str], str] | None = None) -> Iterator[Article | Problem]:
    """A part's articles and problems in order. ``ids`` turns an article's base id (from its
    id, headline or file name) into its id; the default makes them unique within the part."""
    yield from _read(_Run(config, published, ids=ids or Ids()), part)


def part_ids(part: Part, config: Config) -> tuple[list[str], list[int]]:
    """A first, cheap pass over a part: its articles' base ids in order, and the lines each
    JSONL piece holds (so later pieces of the file can be numbered). Problems are left to
    the real read."""
    run = _Run(config, None, ids=lambda base: base)
    bases = [a.id for a in _read(run, part) if isinstance(a, Article)]
    return bases, [run.lines.get(piece, 0) for piece in part]


def _read(run: _Run, part: Part) -> Iterator[Article | Problem]:
    for piece in part:
        for _ in run.read(piece):
            yield from run.drain()
        yield from run.drain()


class Numbering:
    """The client's side of the two passes over parts: from each part's first pass (in input
    order), the ids its second pass must rename to stay unique across the run, and the
    number of each JSONL piece's first line."""

    def __init__(self) -> None:
        self.ids = Ids()
        self.lines: dict[Path, int] = {}

    def __call__(self, part: Part, bases: list[str], counts: list[int]) -> tuple[Part, dict[int, str]]:
        renames = {i: new for i, base in enumerate(bases) if (new := self.ids(base)) != base}
        numbered = []
        for piece, lines in zip(part, counts):
            if piece.start:
                piece = replace(piece, line=self.lines.get(piece.path, 1))
            self.lines[piece.path] = piece.line + lines
            numbered.append(piece)
        return tuple(numbered), renames


def renamed(renames: dict[int, str]) -> Callable[[str], str]:
    """Ids for a part's second pass: the n-th article's base id, or the id the client gave it."""
    n = count()
    return lambda base: renames.get(next(n), base)


class Ids:
    """Ids in input order: ``base``, or ``base-2``, ``base-3``... if taken or reserved; compared
    ignoring case, as some file systems do. One per run, so ids are unique across the run.

    >>> ids = Ids(); [ids(b) for b in ("a", "A", "a", "run", "nul.txt")]
    ['a', 'A-2', 'a-3', 'run-2', 'nul-txt']
    """

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def __call__(self, base: str) -> str:
        if _reserved(base):  # "nul.txt": no suffix after the dot makes it a name Windows takes
            base = base.replace(".", "-")
        new, n = base, 1
        while new.casefold() in self.taken or _reserved(new):
            n += 1
            new = f"{base}-{n}"
        self.taken.add(new.casefold())
        return new


@dataclass
class _Run:
    """One reader's state: the options, what was found and not yet handed out, how ids are
    given, and the lines each JSONL piece held."""

    config: Config
    published: date | None
    follow_links: bool = False
    ids: Callable[[str], str] = field(default_factory=lambda: Ids())
    found: list[Article | Problem] = field(default_factory=list)
    lines: dict[Piece, int] = field(default_factory=dict)

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
        """Input files under ``folder``, sorted; hidden files and folders and other suffixes skipped.

        Links are followed while they stay inside ``folder``; one leading out is skipped with a
        warning unless ``--follow-links``. Each real folder is walked once, so a loop ends.
        """
        def unreadable(err: OSError) -> None:
            self.problem(err.filename, None, Errors.E011.format(path=err.filename, reason=err.strerror))

        fenced = self._fenced(folder)
        root = os.path.realpath(folder)
        walked = {root}
        for top, dirs, names in os.walk(folder, onerror=unreadable, followlinks=True):
            keep = []
            for d in sorted(dirs):
                real = os.path.realpath(os.path.join(top, d))
                if d.startswith(".") or real in fenced or real in walked or not self._inside(Path(top, d), real, root):
                    continue
                walked.add(real)
                keep.append(d)
            dirs[:] = keep
            for name in sorted(names):
                if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES \
                        and self._inside(Path(top, name), os.path.realpath(os.path.join(top, name)), root):
                    yield Path(top, name)

    def _inside(self, path: Path, real: str, root: str) -> bool:
        """Whether a walk may read ``path``: not a link, a link inside ``root``, or --follow-links."""
        if self.follow_links or not path.is_symlink() or real == root or real.startswith(root.rstrip(os.sep) + os.sep):
            return True
        self.problem(path, None, Errors.W006.format(path=path, target=real, root=root), "warning")
        return False

    def _fenced(self, folder: Path) -> set[str]:
        """Folders a walk must not enter: other sets' inputs (dev/ inside articles/) and output folders."""
        sets = self.config.sets.values()
        folders = [s.input for s in sets] + [s.output for s in sets] + [self.config.output]
        return {os.path.realpath(f) for f in folders} - {os.path.realpath(folder)}

    def read(self, piece: Piece) -> Iterator[None]:
        """Read one piece, pausing after each JSONL line so the caller can hand out what was found."""
        if piece.path.suffix.lower() == ".jsonl":
            yield from self._jsonl(piece)
            return
        text = self._text(piece.path)
        if text is not None:
            self._markdown(piece.path, text)
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
        text = self._decode(path, data)
        if text is None:
            return None
        if not text.strip():
            self.problem(path, None, Errors.E012.format(path=path))
            return None
        return re.sub(r"\r\n?", "\n", text)

    def _decode(self, path: Path, data: bytes) -> str | None:
        """UTF-16 (by its BOM or its zero bytes), else UTF-8; a UTF-8 file with a few bad bytes
        keeps its UTF-8 (bad bytes read as U+FFFD, lines named); a file with no UTF-8 in it
        at all is read with input.encoding_fallback."""
        utf16 = _utf16(data)
        if utf16:
            try:
                return data.decode(utf16)
            except UnicodeDecodeError:
                pass
        if b"\0" in data:
            self.problem(path, None, Errors.E013.format(path=path))
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
        bad, utf8 = _bad_utf8_lines(data)
        if utf8:
            shown = ", ".join(map(str, bad[:5])) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
            self.problem(path, bad[0], Errors.W003.format(path=path, lines=shown), "warning")
            return data.decode("utf-8-sig", errors="replace")
        fallback = self.config.encoding_fallback
        if fallback is None:
            self.problem(path, None, Errors.E014.format(path=path))
            return None
        self.problem(path, None, Errors.W001.format(path=path, encoding=fallback), "warning")
        return data.decode(fallback, errors="replace")

    def _markdown(self, path: Path, text: str) -> None:
        lines = text.split("\n")
        meta, start, closed = _front_matter(lines)
        if not closed:
            self.problem(path, start, Errors.W005.format(path=path, line=start), "warning")
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

    def _jsonl(self, piece: Piece) -> Iterator[None]:
        """One line at a time, so a dump of any size streams; input.max_file_mb bounds each line."""
        path, count = piece.path, 0
        size = None if piece.end is None else piece.end - piece.start
        try:
            with open(path, "rb") as lines:
                lines.seek(piece.start)
                for count, data in enumerate(_lines(lines, self.config.max_file_bytes, size), start=1):
                    number = piece.line + count - 1
                    if data is None:
                        self.problem(path, number, Errors.E016.format(path=path, line=number, reason=(
                            f"line is over input.max_file_mb ({self.config.max_file_bytes / 2**20:.1f} MB)")))
                    elif data.strip():
                        self._jsonl_line(path, number, data, bom=piece.start == 0 and count == 1)
                    yield
        except OSError as err:
            self.problem(path, None, Errors.E011.format(path=path, reason=err.strerror or err))
            return
        self.lines[piece] = count
        if count == 0 and piece.start == 0:
            self.problem(path, None, Errors.E012.format(path=path))

    def _jsonl_line(self, path: Path, number: int, data: bytes, bom: bool) -> None:
        try:
            raw = data.decode("utf-8-sig" if bom else "utf-8")
        except UnicodeDecodeError:
            raw = data.decode("utf-8", errors="replace")
            if any(c > "\x7f" and c != "\ufffd" for c in raw):  # UTF-8 with a bad byte, not another encoding
                self.problem(path, number, Errors.W003.format(path=path, lines=number), "warning")
            elif self.config.encoding_fallback is None:
                self.problem(path, number, Errors.E016.format(path=path, line=number, reason="not UTF-8"))
                return
            else:
                raw = data.decode(self.config.encoding_fallback, errors="replace")
                self.problem(path, number, Errors.W001.format(path=f"{path}:{number}", encoding=self.config.encoding_fallback), "warning")
        try:
            row = _row(raw)
        except ValueError as err:
            self.problem(path, number, Errors.E016.format(path=path, line=number, reason=err))
            return
        if any(isinstance(v, str) and _SURROGATE.search(v) for v in row.values()):
            row = {k: _SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in row.items()}
            self.problem(path, number, Errors.W004.format(path=path, line=number), "warning")
        self._add(path, row["title"], row["text"], line=number, given_id=row.get("id"),
                  published=self._date(row.get("published"), path, number),
                  source=row.get("source"), url=row.get("url"),
                  currency=self._currency(row.get("currency_default"), path, number))

    def _date(self, value: str | None, path: Path, line: int | None) -> date | None:
        if not value:
            return None
        try:
            return iso_date(value)
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
        self.found.append(Article(self.ids(base), title, cleaned.byline, published, source,
                                     str(path), line, url or None, cleaned.text, currency))


def _lines(f, limit: int, size: int | None = None) -> Iterator[bytes | None]:
    """The lines of a binary file (the next ``size`` bytes of it, if given), None for each one
    over ``limit`` bytes: never more than ``limit`` bytes in memory, however long a line is."""
    left = size if size is not None else float("inf")
    while left > 0:
        line = f.readline(limit + 1)
        if not line:
            return
        left -= len(line)
        if len(line) <= limit:
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = f.readline(2**20)
            left -= len(line)
        yield None


def _cut(file: Path, part_bytes: int) -> list[tuple[Piece, int]]:
    """``file`` as (piece, bytes) pairs: a JSONL file over ``part_bytes`` in pieces of about
    that size, each starting at a line start; any other file (or one that cannot be read
    here: the reader reports it) whole."""
    try:
        size = file.stat().st_size
        if file.suffix.lower() != ".jsonl" or size <= part_bytes:
            return [(Piece(file), size)]
        starts = [0]
        with open(file, "rb") as f:
            while starts[-1] < (start := _line_start(f, starts[-1] + part_bytes)) < size:
                starts.append(start)
    except OSError:
        return [(Piece(file), 0)]
    ends = starts[1:] + [size]
    return [(Piece(file, a, b), b - a) for a, b in zip(starts, ends)]


def _line_start(f, offset: int) -> int:
    """The first line start at or after ``offset`` (the end of the file if none)."""
    f.seek(offset - 1)  # a line starts at ``offset`` when the byte before it ends a line
    while chunk := f.read(2**16):
        newline = chunk.find(b"\n")
        if newline >= 0:
            return f.tell() - len(chunk) + newline + 1
    return f.tell()


def _front_matter(lines: list[str]) -> tuple[dict[str, tuple[str, int]], int, bool]:
    """A leading ``---`` block of ``key: value`` lines -> ({key: (value, line number)}, first body
    line, whether it was closed).

    Indented and ``-`` lines (values of keys we do not read) are skipped; any other line
    before a key means the ``---`` was a rule, not front matter. A block that holds keys but
    is never closed ends after its last key line (closed False: the caller warns).

    >>> _front_matter(["---", "published: 2023-10-24", 'source: "Shanghai Daily"', "tags:", "  - x", "---", "## T"])
    ({'published': ('2023-10-24', 2), 'source': ('Shanghai Daily', 3), 'tags': ('', 4)}, 6, True)
    >>> _front_matter(["---", "Not front matter.", "---"]), _front_matter(["a: b"])
    (({}, 0, True), ({}, 0, True))
    >>> _front_matter(["---", "published: 2023-10-24", "", "## Headline", "Body."])
    ({'published': ('2023-10-24', 2)}, 2, False)
    """
    if not lines or lines[0].strip() != "---":
        return {}, 0, True
    meta = {}
    last = 0  # the last line that belongs to the block
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return meta, i + 1, True
        match = _META.match(line)
        if match:
            meta[match[1].lower()] = (_unquote(match[2]), i + 1)
            last = i
        elif line[:1].isspace() and line.strip() or line.startswith("-"):
            last = i
        elif line.strip() and not line.startswith("#"):
            break
    return (meta, last + 1, False) if meta else ({}, 0, True)


def _utf16(data: bytes) -> str | None:
    r"""The codec of a UTF-16 file: "utf-16" with a BOM, "utf-16-le"/"utf-16-be" without one
    when every other byte is mostly zero (text in the ASCII range), else None.

    >>> _utf16("é".encode("utf-16")), _utf16("## Hi".encode("utf-16-le")), _utf16("## Hi".encode("utf-16-be"))
    ('utf-16', 'utf-16-le', 'utf-16-be')
    >>> _utf16(b"## Hi"), _utf16(b"A\x00\x01\x02")
    (None, None)
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        return None
    even, odd = head[0::2].count(0) / (len(head) / 2), head[1::2].count(0) / (len(head) / 2)
    if odd > 0.5 and even < 0.05:
        return "utf-16-le"
    if even > 0.5 and odd < 0.05:
        return "utf-16-be"
    return None


def _bad_utf8_lines(data: bytes) -> tuple[list[int], bool]:
    r"""(numbers of the lines that are not UTF-8, whether any other line holds non-ASCII UTF-8).

    >>> _bad_utf8_lines("Café\nna\xefve\n".encode() + b"x\xff\n"), _bad_utf8_lines("Café".encode("cp1252"))
    (([3], True), ([1], False))
    """
    bad, utf8 = [], False
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(number)
        else:
            utf8 = utf8 or not line.isascii()
    return bad, utf8


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
            title, body = match and heading_text(match[1]), []
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


def iso_date(text: str) -> date:
    """An ISO date; a datetime gives its date as written.

    >>> iso_date("2023-10-24"), iso_date("2023-10-24T08:00:00Z")
    (datetime.date(2023, 10, 24), datetime.date(2023, 10, 24))

    Years outside 1000-2200 are refused: relative dates counted from them would leave the calendar.

    >>> iso_date("0001-01-01")
    Traceback (most recent call last):
    ValueError: year 1 is outside 1000-2200
    """
    text = text.strip()
    try:
        found = date.fromisoformat(text)
    except ValueError:
        found = datetime.fromisoformat(text).date()
    if not YEARS[0] <= found.year <= YEARS[1]:
        raise ValueError(f"year {found.year} is outside {YEARS[0]}-{YEARS[1]}")
    return found


def _stem_title(path: Path) -> str:
    """
    >>> _stem_title(Path("notes/jiading_medical-valley.md"))
    'jiading medical valley'
    """
    return " ".join(re.sub(r"[_-]", " ", path.stem).split()) or path.name


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
        cut = slug.encode()[:MAX_ID_BYTES + 1].decode("utf-8", errors="ignore")
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
