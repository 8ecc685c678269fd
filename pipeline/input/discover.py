"""Finding the input files: the paths given, folders walked, and what is skipped.

A folder is walked sorted; hidden files and folders, files of a format no reader reads, other
sets' input folders and output folders are skipped, and so is any folder a run writes or has
written (it holds the run's lock file): ``pipeline run in -o in/out`` never reads its own
``records.jsonl`` as articles. Links are followed while they stay inside
the folder; one leading out is skipped with a warning unless ``follow_links``. Each real
folder is walked once, so a link loop ends; a file named twice is read once.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..config import Config
from ..errors import Errors
from ..outputs.layout import LOCK
from ..records import Problem
from .readers import SUFFIXES, suffix


def find(paths: Sequence[Path], config: Config, follow_links: bool = False) -> Iterator[Path | Problem]:
    """The input files under ``paths``, in input order, each once; before each path's files,
    the problems met finding them (missing files, empty folders, links leading out)."""
    seen: set[str] = set()
    for path in paths:
        problems: list[Problem] = []
        found = _files(Path(path), config, follow_links, problems)
        yield from problems
        for file in found:
            real = os.path.realpath(file)  # unlike Path.resolve, never raises on a symlink loop
            if real not in seen:
                seen.add(real)
                if _undecodable(str(file)):
                    yield Problem(str(file), None, Errors.W008.format(path=file), "warning")
                yield file


def _undecodable(name: str) -> bool:
    r"""Whether a file name held bytes that are not UTF-8 (Python keeps them as surrogates).

    >>> _undecodable(os.fsdecode(b"bad\xff.md")), _undecodable("café.md")
    (True, False)
    """
    return any("\udc80" <= c <= "\udcff" for c in name)


def _files(path: Path, config: Config, follow_links: bool, problems: list[Problem]) -> list[Path]:
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        problems.append(Problem(str(path), None, Errors.E010.format(path=path)))
        return []
    except OSError as err:
        problems.append(Problem(str(path), None, Errors.E011.format(path=path, reason=err.strerror or err)))
        return []
    if stat.S_ISDIR(mode):
        found = list(_walk(path, config, follow_links, problems))
        if not found:
            problems.append(Problem(str(path), None, Errors.E019.format(path=path)))
        return found
    if suffix(path) not in SUFFIXES:
        problems.append(Problem(str(path), None, Errors.E017.format(path=path, suffix=path.suffix)))
        return []
    return [path]


def _walk(folder: Path, config: Config, follow_links: bool, problems: list[Problem]) -> Iterator[Path]:
    """Input files under ``folder``, sorted, as the module docstring says."""

    def unreadable(err: OSError) -> None:
        problems.append(Problem(str(err.filename), None, Errors.E011.format(path=err.filename, reason=err.strerror)))

    def inside(path: Path, real: str) -> bool:
        """Whether the walk may read ``path``: not a link, a link inside ``root``, or ``follow_links``."""
        if follow_links or not path.is_symlink() or real == root or real.startswith(root.rstrip(os.sep) + os.sep):
            return True
        problems.append(Problem(str(path), None, Errors.W006.format(path=path, target=real, root=root), "warning"))
        return False

    fenced = _fenced(folder, config)
    root = os.path.realpath(folder)
    walked = {root}
    for top, dirs, names in os.walk(folder, onerror=unreadable, followlinks=True):
        keep = []
        for d in sorted(dirs):
            real = os.path.realpath(os.path.join(top, d))
            if (
                d.startswith(".")
                or real in fenced
                or real in walked
                or os.path.lexists(os.path.join(real, LOCK))  # an output folder, of this run or another
                or not inside(Path(top, d), real)
            ):
                continue
            walked.add(real)
            keep.append(d)
        dirs[:] = keep
        for name in sorted(names):
            if (
                not name.startswith(".")
                and suffix(Path(name)) in SUFFIXES
                and inside(Path(top, name), os.path.realpath(os.path.join(top, name)))
            ):
                yield Path(top, name)


def _fenced(folder: Path, config: Config) -> set[str]:
    """Folders a walk must not enter: other sets' inputs (dev/ inside articles/) and output folders."""
    sets = config.sets.values()
    folders = [s.input for s in sets] + [s.output for s in sets] + [config.output]
    return {os.path.realpath(f) for f in folders} - {os.path.realpath(folder)}
