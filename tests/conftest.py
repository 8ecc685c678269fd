"""Shared fixtures: the config and the spaCy pipeline are loaded once per test session."""

from pathlib import Path

import pytest

from pipeline.config import load_config

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def config():
    return load_config(ROOT / "config.toml")


@pytest.fixture(scope="session")
def nlp(config):
    from pipeline.model.nlp import load_nlp

    return load_nlp(config)


@pytest.fixture(scope="session")
def set_outputs(config, tmp_path_factory):
    """Every configured set (sample, dev, test) run once into a fresh folder: {name: (set, folder)}."""
    from pipeline.engines.run import run

    done = {}
    for name, ds in config.sets.items():
        out = tmp_path_factory.mktemp(f"out-{name}")
        run([ds.input], config, out=out, progress=False)
        done[name] = (ds, out)
    return done


@pytest.fixture
def review_copy(tmp_path, config):
    """A copy of the committed sample outputs and a config whose review database lives beside it."""
    import shutil

    out = tmp_path / "outputs"
    out.mkdir()
    for path in (ROOT / "outputs").glob("*.json"):
        shutil.copy(path, out / path.name)
    return out, reviewed_set(config, out, config.sets["sample"].gold)


@pytest.fixture
def as_reviewed():
    return reviewed_set


def reviewed_set(config, out, gold):
    """``config`` whose sample set's outputs are ``out`` and gold ``gold``: review decisions go
    beside ``out`` (no review.database), export's gold default is ``gold``."""
    from dataclasses import replace
    from types import MappingProxyType

    from pipeline.config import DataSet

    sample = config.sets["sample"]
    return replace(
        config,
        gold=gold,
        review_database=None,
        sets=MappingProxyType({"sample": DataSet("sample", sample.input, out, gold)}),
    )


# Hypothesis: a bounded run in CI; `pytest --hypothesis-profile=long` for a long local run.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "long",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("ci")
