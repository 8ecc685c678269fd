"""Web archives (.warc, .warc.gz; Common Crawl's CC-NEWS among them), streamed by warcio one
record at a time: memory holds one record, whatever the archive's size.

Response records with status 200 and an HTML content type are read as web pages
(``html.page``), with the record's WARC-Date and WARC-Target-URI when the page's metadata has
no date or URL; the article's id comes from the URI (titles repeat across a crawl). Every
other record (requests, metadata, redirects, 404s, PDFs, images) is skipped and counted, in
one warning per archive (``W080``) that ``run.json`` keeps.

A damaged record (bad gzip data, a truncated archive) is a problem (``E085``) naming its
byte offset; reading goes on at the next record found after it (the next gzip member of a
.warc.gz, the next ``WARC/1.`` header of a .warc), so one bad record loses only itself. warcio
ends quietly at an archive cut inside its last record, so that record is checked whole.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ...config import Config
from ...errors import Errors
from ...records import Problem
from ..ids import uri_id
from . import html
from .base import Entry, Reader, Source

# trafilatura and htmldate keep bounded caches of what they have seen (thousands of entries:
# ~11 MB after 10,000 pages); emptied every this many pages, memory stays that of one record.
CACHE_PAGES = 100
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP = b"\x1f\x8b\x08"
_WARC = b"\nWARC/1."


def read(source: Source, config: Config) -> Iterator[Entry | Problem]:
    """The archive's HTML pages' articles in archive order, then how many records were skipped.

    A byte range of a .warc.gz (``source.start``, ``source.end``: the Dask engine's cut of a
    large archive) holds the records whose gzip member starts in it: reading starts at the first
    member start at or after ``start`` and stops before the first at or after ``end``. Its
    skipped-record warning is always given, with its range's counts, and ``joined`` adds up the
    ranges' warnings into the one warning the whole archive gives."""
    path = source.path
    try:
        f = open(path, "rb")
    except OSError as err:
        yield Problem(str(path), None, Errors.E011.format(path=path, reason=err.strerror or err))
        return
    skipped: Counter[str] = Counter()
    pages = 0
    ranged = source.start > 0 or source.end is not None
    with f:
        gz = f.read(3) == _GZIP
        size = f.seek(0, 2)
        end = size if source.end is None else min(source.end, size)
        offset = _first_member(f, source.start) if source.start else 0
        while offset is not None and offset < end:
            records = _records(f, offset)
            last = cut = None  # the last record read and where it starts; where the archive cuts it
            try:
                for record in records:
                    if records.offset >= end:  # this record and the rest are the next range's
                        last = None
                        break
                    last = (max(offset, records.offset), record)
                    kind = _skip(record)
                    if kind:
                        skipped[kind] += 1
                        continue
                    pages += 1
                    if pages % CACHE_PAGES == 0:
                        _reset_caches()
                    yield from _page(path, record, config)
                # warcio's offset is past a record cut short at the end of the file too: that it
                # reached ``end`` says nothing until the last record is known whole
                if last and not _whole(f, *last, gz, records.offset):
                    cut = last[0]
                elif records.offset >= end or not _rest(f, records.offset).strip():
                    break
                raise EOFError()  # warcio stops quietly at a record cut short: the rest is damaged
            except Exception as err:  # warcio, zlib and gzip raise many kinds for damaged bytes
                bad = max(offset, records.offset)
                offset = _resync(f, bad + 1, gz)
                bad = bad if cut is None else cut
                resumed = (
                    f"reading went on at byte {offset}" if offset is not None else "nothing after it could be read"
                )
                yield Problem(
                    str(path), None, Errors.E085.format(path=path, offset=bad, reason=_reason(err), resumed=resumed)
                )
    if skipped or not pages or ranged:
        yield _skipped(str(path), skipped, pages)


def _skipped(path: str, skipped: Counter[str], pages: int) -> Problem:
    kinds = ", ".join(f"{n:,} {kind}" for kind, n in sorted(skipped.items(), key=lambda kv: (-kv[1], kv[0])))
    message = Errors.W080.format(path=path, skipped=sum(skipped.values()), kinds=kinds or "none", read=pages)
    return Problem(path, None, message, "warning")


_W080 = re.compile(
    r"\[W080\] .*: [\d,]+ web archive record\(s\) skipped, not HTML responses \((.*)\); ([\d,]+) HTML page\(s\) read\.$"
)
_KIND = re.compile(r"([\d,]+) (.+)")


def joined(warnings: list[Problem]) -> Problem | None:
    """The ranges' skipped-record warnings of one archive, in order, as the one warning reading it
    whole gives (None when that gives none: every record was a page).

    >>> one = _skipped("a.warc.gz", Counter({"request records": 2, "status 404": 1}), 1)
    >>> two = _skipped("a.warc.gz", Counter({"request records": 1}), 1)
    >>> joined([one, two]).message
    '[W080] a.warc.gz: 4 web archive record(s) skipped, not HTML responses (3 request records, 1 status 404); 2 HTML page(s) read.'
    >>> joined([_skipped("a.warc.gz", Counter(), 3)]) is None
    True
    """
    skipped: Counter[str] = Counter()
    pages = 0
    for warning in warnings:
        kinds, read = _W080.match(warning.message).groups()
        pages += int(read.replace(",", ""))
        for kind in kinds.split(", ") if kinds != "none" else ():
            n, name = _KIND.match(kind).groups()
            skipped[name] += int(n.replace(",", ""))
    if not skipped and pages:
        return None
    return _skipped(warnings[0].path, skipped, pages)


def cuttable(path: Path) -> bool:
    """A .warc.gz: each record is a gzip member, found from any byte by its header (a plain .warc
    is read whole: its record headers could be text inside a page)."""
    return path.name.lower().endswith(".gz")


def count(source: Source, config: Config) -> int:
    """The archive's HTML pages, from record headers only (what reading would skip is not counted;
    a damaged archive is counted up to the damage)."""
    pages = 0
    with open(source.path, "rb") as f:
        try:
            for record in _records(f, 0):
                pages += _skip(record) is None
        except Exception:  # damage: reading reports it; the count is what came before
            pass
    return pages


READER = Reader((".warc", ".warc.gz"), read, count=count, by_records=cuttable)


def _reset_caches() -> None:
    from trafilatura.meta import reset_caches

    reset_caches()


def _records(f: BinaryIO, offset: int):
    from warcio.archiveiterator import ArchiveIterator

    f.seek(offset)
    return ArchiveIterator(f)


def _skip(record) -> str | None:
    """Why a record is not read as a page (its kind, for the count), None for an HTML page.

    >>> class R: rec_type, http_headers = "request", None
    >>> _skip(R())
    'request records'
    """
    if record.rec_type != "response":
        return f"{record.rec_type} records"
    headers = record.http_headers
    if headers is None:
        return "responses without HTTP headers"
    status = headers.get_statuscode()
    if status != "200":
        return f"status {status}"
    mime = (headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if mime not in _HTML_TYPES:
        return mime or "no content type"
    return None


def _page(path: Path, record, config: Config) -> Iterator[Entry | Problem]:
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    limit = config.max_file_bytes
    data = _read(record.content_stream(), limit + 1)
    where = f" (web archive record {uri})"
    if len(data) > limit:
        message = Errors.E015.format(path=f"{path} {uri}", size_mb=len(data) / 2**20, limit_mb=limit / 2**20)
        yield Problem(str(path), None, message)
        return
    if _short(record):
        raise EOFError()  # the archive ends inside this page: a part of a page is no article
    content_type = record.http_headers.get_header("Content-Type") or ""
    charset = content_type.partition("charset=")[2].strip(" \"';") or None
    fallback = Entry(path, "", "", given_id=uri_id(uri) or None, published=_warc_date(record), url=uri or None)
    yield from html.page(path, data, config, charset=charset, fallback=fallback, where=where)


def _read(stream, most: int) -> bytes:
    """At most ``most`` bytes of ``stream``, read in pieces: one ``read(most)`` asks for a buffer
    of ``most`` bytes (input.max_file_mb: 20 MB) per record, and after a few thousand records
    the process kept tens of MB more than a short archive's run."""
    pieces, size = [], 0
    while size < most and (piece := stream.read(min(2**16, most - size))):
        pieces.append(piece)
        size += len(piece)
    return b"".join(pieces)


def _warc_date(record) -> date | None:
    value = record.rec_headers.get_header("WARC-Date") or ""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _short(record) -> bool:
    """Whether the archive ended before the record's Content-Length bytes (warcio reads what is
    there as the whole record), or its header was cut before its Content-Length."""
    left = getattr(record.raw_stream, "limit", None)  # warcio's LimitReader: what Content-Length promised, unread
    return left is None or left > 0


def _whole(f: BinaryIO, start: int, record, gz: bool, after: int) -> bool:
    """Whether the record at ``start`` (read up to ``after``) ends where it says: all its
    Content-Length bytes there and, in a .warc.gz, its gzip member closed by its trailer; in a
    .warc, its header's Content-Length whole and the blank lines that close a record read.
    warcio reads an archive cut inside its last record as a shorter record, or as the whole one
    when only the member's last bytes are gone, and stops with no error."""
    if _short(record):
        return False
    if not gz:
        f.seek(max(after - 4, 0))
        return (record.rec_headers.get_header("Content-Length") or "").isdigit() and f.read(4) == b"\r\n\r\n"
    member = zlib.decompressobj(31)
    f.seek(start)
    while not member.eof and (chunk := f.read(2**16)):
        member.decompress(chunk, 2**16)  # output bounded: only where the member ends matters
        while member.unconsumed_tail and not member.eof:
            member.decompress(member.unconsumed_tail, 2**16)
    return member.eof


def _rest(f: BinaryIO, offset: int) -> bytes:
    """A few bytes from ``offset`` on: blank padding after the last record is no damage."""
    f.seek(offset)
    return f.read(64)


def _resync(f: BinaryIO, start: int, gz: bool) -> int | None:
    """The offset of the first record start at or after ``start``: the next gzip member header,
    or the next ``WARC/1.`` line; None at the end of the file."""
    marker = _GZIP if gz else _WARC
    f.seek(start)
    at = start
    tail = b""
    while chunk := f.read(2**20):
        found = (tail + chunk).find(marker)
        if found >= 0:
            return at - len(tail) + found + (0 if gz else 1)
        tail = chunk[-len(marker) + 1 :]
        at += len(chunk)
    return None


def _first_member(f: BinaryIO, start: int) -> int | None:
    """The first gzip member at or after ``start`` that holds a WARC record (the three header
    bytes can occur inside compressed data: each candidate is tried); None if there is none."""
    at = start
    while (found := _resync(f, at, True)) is not None:
        f.seek(found)
        try:
            if zlib.decompressobj(31).decompress(f.read(4096), 16).startswith(b"WARC/"):
                return found
        except zlib.error:
            pass
        at = found + 1
    return None


def _reason(err: Exception) -> str:
    """
    >>> _reason(zlib.error("invalid distance too far back")), _reason(EOFError())
    ('zlib.error: invalid distance too far back', 'EOFError: the archive ends inside a record')
    """
    name = "zlib.error" if isinstance(err, zlib.error) else type(err).__name__
    return f"{name}: {str(err).strip() or 'the archive ends inside a record'}"
