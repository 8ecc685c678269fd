"""Where outputs go: a local folder, or any fsspec URL (``s3://bucket/news``, ``gs://...``).

``location`` gives a ``Path`` for a local folder (``file://`` URLs included, so local writes
keep the temporary file + ``os.replace`` and the folder lock of pipeline/files.py) and a
``RemotePath`` for anything else: the few ``Path`` methods the runner, the index and the
engines use, over the URL's fsspec file system. The file system's package must be installed
where the run and its workers are (``s3fs`` for S3, ``gcsfs`` for GCS).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import IO, Any

from ..errors import Errors, PipelineError


def location(value: str | Path) -> Path | RemotePath:
    """``value`` as a local ``Path`` or, for a URL of another file system, a ``RemotePath``.

    >>> location("outputs"), location("file:///tmp/out")
    (PosixPath('outputs'), PosixPath('/tmp/out'))
    >>> str(location("memory://runs/day1") / "a.json")
    'memory:///runs/day1/a.json'
    """
    if isinstance(value, (Path, RemotePath)) or "://" not in str(value):
        return value if isinstance(value, RemotePath) else Path(value)
    try:
        import fsspec

        fs, path = fsspec.core.url_to_fs(str(value))
    except (ImportError, ValueError) as err:  # an unknown protocol, or its package not installed
        raise PipelineError(Errors.E064.format(url=value, reason=err)) from None
    where = RemotePath(fs, path.rstrip("/"))
    return Path(path) if "file" in where.protocols else where


@dataclass(frozen=True)
class RemotePath:
    """A file or folder on an fsspec file system, with the ``Path`` methods the pipeline uses."""

    fs: Any  # fsspec.AbstractFileSystem; picklable, so workers get their own connection
    path: str

    def __truediv__(self, name: str) -> RemotePath:
        return RemotePath(self.fs, f"{self.path}/{name}")

    def __str__(self) -> str:
        return self.fs.unstrip_protocol(self.path)

    def __lt__(self, other: RemotePath) -> bool:
        return self.path < other.path

    @property
    def protocols(self) -> tuple[str, ...]:
        """The file system's names: ("s3", "s3a"), ("memory",)."""
        return (self.fs.protocol,) if isinstance(self.fs.protocol, str) else tuple(self.fs.protocol)

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def stem(self) -> str:
        return Path(self.name).stem

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix

    @property
    def parent(self) -> RemotePath:
        return RemotePath(self.fs, self.path.rsplit("/", 1)[0])

    def exists(self) -> bool:
        return self.fs.exists(self.path)

    def is_file(self) -> bool:
        return self.fs.isfile(self.path)

    def is_dir(self) -> bool:
        return self.fs.isdir(self.path)

    def mkdir(self, parents: bool = False, exist_ok: bool = False) -> None:
        self.fs.makedirs(self.path, exist_ok=exist_ok)

    def iterdir(self) -> Iterator[RemotePath]:
        for path in sorted(self.fs.ls(self.path, detail=False)):
            yield RemotePath(self.fs, path.rstrip("/"))

    def glob(self, pattern: str) -> Iterator[RemotePath]:
        """Entries of this folder whose name matches ``pattern`` (names starting with "." only if it does)."""
        return (p for p in self.iterdir() if fnmatch(p.name, pattern) and (pattern[:1] == "." or p.name[:1] != "."))

    def open(self, mode: str = "r", encoding: str | None = None) -> IO:
        return self.fs.open(self.path, mode, encoding=encoding) if "b" not in mode else self.fs.open(self.path, mode)

    def read_bytes(self) -> bytes:
        return self.fs.cat_file(self.path)

    def read_text(self, encoding: str = "utf8") -> str:
        return self.read_bytes().decode(encoding)

    def unlink(self, missing_ok: bool = False) -> None:
        try:
            self.fs.rm_file(self.path)
        except FileNotFoundError:
            if not missing_ok:
                raise

    def remove_tree(self) -> None:
        if self.fs.exists(self.path):
            self.fs.rm(self.path, recursive=True)

    @contextmanager
    def atomic(self, binary: bool = False) -> Iterator[IO]:
        """A file that appears only when the block ends without error.

        fsspec's ``autocommit=False``: S3 and GCS upload, then ``commit`` makes the object
        (a single PUT, or a multipart upload completed: readers see the old object or the new
        one, never half); ``discard`` drops it. File systems without transactions (``memory://``)
        write in place.
        """
        raw = self.fs.open(self.path, "wb", autocommit=False)
        try:
            f = raw if binary else io.TextIOWrapper(raw, encoding="utf8", newline="\n")
            yield f
            if not binary:
                f.flush()
                f.detach()
            raw.close()
            raw.commit()
        except BaseException:
            getattr(raw, "discard", lambda: None)()
            raise
