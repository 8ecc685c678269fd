"""Bytes -> text: BOMs, UTF-16 without one, UTF-8 with a few bad bytes, the fallback codec
(``input.encoding_fallback``) and binary files.

Never raises for bad input: each function returns the text (None when there is none to
read) with the problems that say what was done to get it.
"""

from __future__ import annotations

import codecs
import re
import stat
from pathlib import Path
from typing import BinaryIO

from ..config import Config
from ..errors import Errors
from ..records import Problem


def read_text(path: Path, config: Config) -> tuple[str | None, list[Problem]]:
    """A whole file's text with "\\n" line ends, or None when it cannot be read, is over
    ``input.max_file_mb``, is binary or empty; with the problems that say why."""
    data, problems = read_bytes(path, config)
    if data is None:
        return None, problems
    text, problems = decode(path, data, config.encoding_fallback)
    if text is not None and not text.strip():
        return None, problems + [Problem(str(path), None, Errors.E012.format(path=path))]
    return (None if text is None else re.sub(r"\r\n?", "\n", text)), problems


def read_content(path: Path, config: Config) -> tuple[bytes | None, list[Problem]]:
    """``read_bytes``, with a file of nothing but whitespace refused (E012): what every reader
    of a markup format (HTML, feeds) needs before parsing."""
    data, problems = read_bytes(path, config)
    if data is not None and not data.strip():
        return None, problems + [Problem(str(path), None, Errors.E012.format(path=path))]
    return data, problems


def read_bytes(path: Path, config: Config) -> tuple[bytes | None, list[Problem]]:
    """A whole file's bytes, or None when it cannot be read or is over ``input.max_file_mb``;
    with the problems that say why (an empty file gives b"": its reader says what that means)."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return None, [Problem(str(path), None, Errors.E011.format(path=path, reason="not a regular file"))]
        if info.st_size > config.max_file_bytes:
            return None, [
                Problem(
                    str(path),
                    None,
                    Errors.E015.format(path=path, size_mb=info.st_size / 2**20, limit_mb=config.max_file_bytes / 2**20),
                )
            ]
        return path.read_bytes(), []
    except OSError as err:
        return None, [Problem(str(path), None, Errors.E011.format(path=path, reason=err.strerror or err))]


def decode(path: Path, data: bytes, fallback: str | None) -> tuple[str | None, list[Problem]]:
    """UTF-16 (by its BOM or its zero bytes), else UTF-8; a UTF-8 file with a few bad bytes
    keeps its UTF-8 (bad bytes read as U+FFFD, lines named): cp1252 would garble the whole
    file for a few bytes; a file with no UTF-8 in it at all is read with ``fallback``."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE starts both
        try:
            return data.decode("utf-32"), []
        except UnicodeDecodeError:
            pass
    utf16 = _utf16(data)
    if utf16:
        try:
            return data.decode(utf16), []
        except UnicodeDecodeError:
            pass
    if b"\0" in data:
        return None, [Problem(str(path), None, Errors.E013.format(path=path))]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    bad, utf8 = _bad_utf8_lines(data)
    if utf8:
        shown = ", ".join(map(str, bad[:5])) + (f" and {len(bad) - 5} more" if len(bad) > 5 else "")
        return data.decode("utf-8-sig", errors="replace"), [
            Problem(str(path), bad[0], Errors.W003.format(path=path, lines=shown), "warning")
        ]
    if fallback is None:
        return None, [Problem(str(path), None, Errors.E014.format(path=path))]
    return data.decode(fallback, errors="replace"), [
        Problem(str(path), None, Errors.W001.format(path=path, encoding=fallback), "warning")
    ]


def decode_line(
    path: Path, number: int, data: bytes, bom: bool, fallback: str | None
) -> tuple[str | None, list[Problem]]:
    """Line ``number`` of a line-per-article file, decoded alone (a feed is never read whole):
    UTF-8 (after a BOM when ``bom``: the file's first line), with bad bytes as U+FFFD when the
    rest is UTF-8, else ``fallback``; None when the line is not UTF-8 and there is no fallback.

    >>> decode_line(Path("f.jsonl"), 3, "Café".encode("cp1252"), False, "cp1252")[0]
    'Café'
    >>> decode_line(Path("f.jsonl"), 3, "Café".encode("cp1252"), False, None)[1][0].message[:6]
    '[E016]'
    """
    try:
        return data.decode("utf-8-sig" if bom else "utf-8"), []
    except UnicodeDecodeError:
        pass
    raw = data.decode("utf-8", errors="replace")
    if any(c > "\x7f" and c != "\ufffd" for c in raw):  # UTF-8 with a bad byte, not another encoding
        return raw, [Problem(str(path), number, Errors.W003.format(path=path, lines=number), "warning")]
    if fallback is None:
        return None, [Problem(str(path), number, Errors.E016.format(path=path, line=number, reason="not UTF-8"))]
    return data.decode(fallback, errors="replace"), [
        Problem(str(path), number, Errors.W001.format(path=f"{path}:{number}", encoding=fallback), "warning")
    ]


def _utf16(data: bytes) -> str | None:
    r"""The codec of a UTF-16 file: "utf-16" with a BOM, "utf-16-le"/"utf-16-be" without one
    when every other byte is mostly zero (text in the ASCII range), else None.

    >>> _utf16("é".encode("utf-16")), _utf16("## Hi".encode("utf-16-le")), _utf16("## Hi".encode("utf-16-be"))
    ('utf-16', 'utf-16-le', 'utf-16-be')
    >>> _utf16(b"## Hi"), _utf16(b"A\x00\x01\x02"), _utf16("上海市浦东新区\n张江".encode("utf-16-le"))
    (None, None, 'utf-16-le')
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
    if 0 in head and len(head) >= 16:  # text outside ASCII (CJK): the byte order that reads as text
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                chars = head.decode(codec)
            except UnicodeDecodeError:
                continue
            if sum(c.isprintable() or c in "\n\r\t" for c in chars) >= 0.98 * len(chars):
                return codec
    return None


def transcoded(f: BinaryIO) -> BinaryIO:
    """A line-per-article file opened at its start, as UTF-8 bytes: a UTF-16 or UTF-32 file (by
    its BOM) is read through a recoder, so its lines split where its characters do; any other file
    is returned as it is.

    >>> import io
    >>> transcoded(io.BufferedReader(io.BytesIO('{"t": "é"}\\n{}'.encode("utf-16")))).readline()
    b'{"t": "\\xc3\\xa9"}\\n'
    """
    head = f.peek(4)[:4] if hasattr(f, "peek") else b""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32")) + tuple(
        (bom, "utf-16") for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    ):
        if head.startswith(bom):
            return codecs.EncodedFile(f, "utf-8", codec, errors="replace")
    return f


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
