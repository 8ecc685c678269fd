"""Atomic writes: a killed run leaves the old file or the new one, never half of one.

Local files go through a temporary file and ``os.replace``; outputs on other file systems
(``location.RemotePath``) through fsspec's commit-on-success (see ``RemotePath.atomic``).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from ..errors import Errors, PipelineError
from .layout import LOCK, PARTS, TMP_SUFFIX
from .location import RemotePath


@contextmanager
def atomic(path: Path, binary: bool = False) -> Iterator[IO]:
    """A file to write ``path`` through: it replaces ``path`` only when the block ends without error.

    Text is UTF-8; a lone surrogate (a file name that is not UTF-8, read by Python as ``\\udcff``)
    is written as its escape ``\\udcff``, which in a JSON string reads back as the same character."""
    if isinstance(path, RemotePath):
        with path.atomic(binary) as f:
            yield f
        return
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TMP_SUFFIX)
    try:
        with (
            os.fdopen(fd, "wb")
            if binary
            else os.fdopen(fd, "w", encoding="utf8", errors="backslashreplace", newline="\n") as f
        ):
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    with atomic(path) as f:
        f.write(text)


def sweep(folder: Path) -> int:
    """Remove temporary files and part files a killed run left behind in ``folder``; how many."""
    remove_tree(folder / PARTS)
    if isinstance(folder, RemotePath):  # fsspec writes leave no temporary files
        return 0
    stale = list(Path(folder).glob(f".*{TMP_SUFFIX}")) if Path(folder).is_dir() else []
    for path in stale:
        path.unlink(missing_ok=True)
    return len(stale)


def remove_tree(path: Path) -> None:
    if isinstance(path, RemotePath):
        path.remove_tree()
    else:
        shutil.rmtree(path, ignore_errors=True)


@lru_cache(maxsize=1)
def _umask() -> int:
    """The process umask (read once: reading it means setting it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_json(path: Path, obj: Any) -> None:
    write_text(path, json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def write_jsonl(path: Path, rows: Iterable[Any]) -> None:
    write_text(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold ``folder/.pipeline.lock`` for the block; a second run on the same folder is refused.

    The kernel drops the lock when its process dies, so a killed run never leaves a stale one.
    Object stores have no such lock: there, do not start two runs on one location.
    """
    if isinstance(folder, RemotePath):
        folder.mkdir(parents=True, exist_ok=True)
        yield
        return
    import fcntl

    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = open(folder / LOCK, "a+", encoding="utf8")  # noqa: SIM115 - closed by the with below
    except OSError as err:
        raise PipelineError(Errors.E025.format(path=folder / LOCK, reason=err.strerror or err)) from None
    with lock as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.seek(0)
            raise PipelineError(Errors.E024.format(folder=folder, pid=f.read().strip() or "?")) from None
        f.truncate(0)
        f.write(str(os.getpid()))
        f.flush()
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
