"""The tables' cache file: a table built from data packages (places from GeoNames and
pycountry, currencies from CLDR) is built once per installed version and kept in the user's
cache folder, so a process loads it in milliseconds instead of building it (~1.2 s of CPU
per process here, for a daily feed of ten articles as for a million).

A file's name is a digest of what its table was built from: the versions of the packages it
reads, the source of the module that builds it and the options it was built with (from
config). Change any and the next process builds the table anew into a new file. Two
processes building at once each write a temporary file of their own and rename it into
place, which is atomic: a reader sees a whole file or none. A file that cannot be read is
built anew; a folder that cannot be written only costs the time of building.

Large regexes (every currency name, every date form: 25k-61k characters, 0.03-0.13 s of
CPU each to compile) keep their compiled program in the same folder (``compiled``), keyed by
the regex and the Python that compiled it.

The folder is ``$PIPELINE_CACHE`` if set, else ``$XDG_CACHE_HOME/pipeline`` or
``~/.cache/pipeline``; ``PIPELINE_CACHE=off`` builds every table in every process. The files
are pickles, read only from that folder: the user's own, as trusted as the installed code.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

ENV = "PIPELINE_CACHE"
T = TypeVar("T")


def folder() -> Path | None:
    """Where tables are kept; None when the cache is off."""
    given = os.environ.get(ENV)
    if given == "off":
        return None
    if given:
        return Path(given)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pipeline"


def cached(name: str, build: Callable[[], T], packages: Iterable[str], source: str, options: object = ()) -> T:
    """The table ``build()`` makes, from the cache file when one was built from the same
    ``packages`` (their installed versions), ``source`` (the building module's file) and
    ``options`` (their ``repr``); else built now and written for the next process."""
    where = folder()
    if where is None:
        return build()
    path = where / f"{name}-{key(packages, source, options)}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a damaged or foreign file: build the table anew
        pass
    table = build()
    _write(path, table)
    return table


def compiled(regex: str, flags: int = 0) -> re.Pattern:
    r"""``re.compile(regex, flags)``, its compiled program read from the cache file when a
    process of the same Python compiled the same regex before; else compiled now and kept.

    Python pickles a pattern as its source, compiled again on loading; what is kept here is
    the program ``re`` makes of it (its ``_sre`` code), handed back to ``_sre.compile``, which
    checks it. The file's name is a digest of the regex, its flags, the Python version and
    ``_sre.MAGIC``; anything unexpected (another Python's internals, a damaged file) falls
    back to ``re.compile``. The result equals ``re.compile(regex, flags)`` (``==`` compares
    the programs).

    >>> compiled(r"(?P<n>\d+)\s*(?:ha|hectares?)", re.I).match("5 Hectares").group("n")
    '5'
    """
    flags = int(flags)
    where = folder()
    if where is None or flags & re.DEBUG:
        return re.compile(regex, flags)
    try:
        import _sre

        name = f"{sys.version}\n{_sre.MAGIC}\n{flags}\n{regex}"
    except ImportError:
        return re.compile(regex, flags)
    path = where / f"regex-{hashlib.sha256(name.encode('utf8', 'surrogatepass')).hexdigest()[:16]}.pickle"
    try:
        with open(path, "rb") as f:
            kept, program = pickle.load(f)
        if kept == name:
            return _sre.compile(regex, *program)
    except FileNotFoundError:
        pass
    except Exception:  # noqa: BLE001 - a damaged or foreign file: compile anew
        pass
    program = _program(regex, flags)
    if program is None:
        return re.compile(regex, flags)
    _write(path, (name, program))
    return _sre.compile(regex, *program)


def _program(regex: str, flags: int) -> tuple | None:
    """What ``re`` hands ``_sre.compile`` after the regex itself (as ``re._compiler.compile``
    builds it), or None where this Python's ``re`` is built otherwise."""
    try:
        from re import _compiler, _parser

        parsed = _parser.parse(regex, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for group, i in groupindex.items():
            indexgroup[i] = group
        return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)
    except (ImportError, AttributeError, TypeError):
        return None


def key(packages: Iterable[str], source: str, options: object = ()) -> str:
    """A digest of what a table is built from (16 hex digits)."""
    h = hashlib.sha256()
    for package in sorted(packages):
        h.update(f"{package}=={_version(package)}\n".encode())
    h.update(Path(source).read_bytes())
    h.update(repr(options).encode())
    return h.hexdigest()[:16]


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


def _write(path: Path, table: object) -> None:
    """Write ``table`` to ``path`` atomically (a temporary file renamed into place); any
    error only leaves the table unkept."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(table, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - an unpicklable table or a full disk: not kept, still returned
        Path(tmp).unlink(missing_ok=True)
