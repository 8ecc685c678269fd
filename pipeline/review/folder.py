"""The outputs folder under review owns its decisions and names its gold.

Decisions live beside the outputs reviewed (``<outputs>/review.sqlite``) unless
``review.database`` is configured; the gold is that of the configured set whose output
folder it is, so reviewing ``../out2`` never touches the sample set's decisions or gold.
"""

from __future__ import annotations

from pathlib import Path

from ..config import Config, DataSet

DATABASE = "review.sqlite"


def database(config: Config, outputs: Path) -> Path:
    """Where the decisions about ``outputs`` are kept.

    >>> from pipeline.config import load_config
    >>> database(load_config(), Path("/tmp/out2"))
    PosixPath('/tmp/out2/review.sqlite')
    """
    return Path(config.review_database) if config.review_database else Path(outputs) / DATABASE


def data_set(config: Config, outputs: Path) -> tuple[str, DataSet] | None:
    """The configured set whose output folder ``outputs`` is, if any."""
    here = Path(outputs).resolve()
    for name, ds in config.sets.items():
        if Path(ds.output).resolve() == here:
            return name, ds
    return None


def gold(config: Config, outputs: Path) -> Path | None:
    """The gold folder of ``outputs``: its set's, else paths.gold when it is paths.output, else none."""
    found = data_set(config, outputs)
    if found:
        return Path(found[1].gold)
    if Path(config.output).resolve() == Path(outputs).resolve():
        return Path(config.gold)
    return None
