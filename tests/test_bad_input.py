"""A user's worst day at the input end: each bad input gets one clear [E0xx]/[W0xx] message with
its file (and line), the good article beside it is still processed, and the run says so."""

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.engines.batches import parse
from pipeline.engines.run import run
from pipeline.input import read_articles
from pipeline.outputs.index import article_files
from pipeline.records import Article

ROOT = Path(__file__).resolve().parent.parent
GOOD = "## Good one\n\nThe park covers 2.2 square kilometers."
BODY = "The park covers 2.2 square kilometers and cost $5 million."


def _jsonl(*rows: str) -> bytes:
    return ("\n".join(rows) + "\n").encode()


def _nested(depth: int) -> str:
    return '{"title": "T", "text": "x", "extra": ' + '{"a": ' * depth + "1" + "}" * depth + "}"


# (id, files in the input folder beside good.md, config changes, expected (code, level) list, articles read from them)
CASES = [
    ("utf16-bom", {"a.md": f"## Sixteen\n\n{BODY}".encode("utf-16")}, {}, [], 1),
    ("utf16-le-no-bom", {"a.md": f"## Sixteen\n\n{BODY}".encode("utf-16-le")}, {}, [], 1),
    ("utf16-be-no-bom", {"a.md": f"## Sixteen\n\n{BODY}".encode("utf-16-be")}, {}, [], 1),
    ("utf8-bom", {"a.md": b"\xef\xbb\xbf" + f"## Caf\u00e9\n\n{BODY}".encode()}, {}, [], 1),
    (
        "bad-byte-in-utf8",
        {"a.md": "## Caf\u00e9 na\u00efve\n\n".encode() + b"bad \xff byte\n\n" + BODY.encode()},
        {},
        [("W003", "warning")],
        1,
    ),
    ("nul-bytes", {"a.md": b"## A\n\nText\x00\x00more"}, {}, [("E013", "error")], 0),
    (
        "file-over-limit",
        {"a.md": b"## Big\n\n" + b"word " * 250_000},
        {"max_file_bytes": 2**20},
        [("E015", "error")],
        0,
    ),
    (
        "jsonl-line-over-limit",
        {
            "a.jsonl": _jsonl(
                '{"title": "T", "text": "' + "x" * 3 * 2**20 + '"}', f'{{"title": "Small", "text": "{BODY}"}}'
            )
        },
        {"max_file_bytes": 2**20},
        [("E016", "error")],
        1,
    ),
    ("jsonl-array", {"a.jsonl": _jsonl("[1, 2]")}, {}, [("E016", "error")], 0),
    ("jsonl-number", {"a.jsonl": _jsonl("42")}, {}, [("E016", "error")], 0),
    ("jsonl-null", {"a.jsonl": _jsonl("null")}, {}, [("E016", "error")], 0),
    ("jsonl-nested-100000", {"a.jsonl": _jsonl(_nested(100_000))}, {}, [("E016", "error")], 0),
    ("jsonl-text-list", {"a.jsonl": _jsonl('{"title": "T", "text": ["a", "b"]}')}, {}, [("E016", "error")], 0),
    ("jsonl-text-object", {"a.jsonl": _jsonl('{"title": "T", "text": {"a": 1}}')}, {}, [("E016", "error")], 0),
    (
        "jsonl-lone-surrogate",
        {"a.jsonl": _jsonl('{"title": "T \\ud800", "text": "Cost $5 \\udc00 million."}')},
        {},
        [("W004", "warning")],
        1,
    ),
    (
        "jsonl-bad-byte",
        {
            "a.jsonl": _jsonl(
                '{"title": "Caf\u00e9", "text": "bad \xff byte"}'.encode("latin-1").decode("latin-1")
            ).replace(b"\xc3\xbf", b"\xff")
        },
        {},
        [("W003", "warning")],
        1,
    ),
    (
        "unclosed-front-matter",
        {"a.md": f"---\npublished: 2023-10-24\n\n## Headline\n\n{BODY}".encode()},
        {},
        [("W005", "warning")],
        1,
    ),
    ("oversize-chunked", {"a.md": ("## Long\n\n" + f"{BODY}\n\n" * 40).encode()}, {"max_article_chars": 500}, [], 1),
    (
        "oversize-rejected",
        {"a.md": ("## Long\n\n" + f"{BODY}\n\n" * 40).encode()},
        {"max_article_chars": 500, "oversize": "reject"},
        [("E028", "error")],
        1,
    ),
    (
        "huge-single-token",
        {"a.md": b"## Token\n\n" + b"a" * 300_000},
        {"max_article_chars": 100_000},
        [("W009", "warning")],
        1,
    ),
    ("empty", {"a.md": b""}, {}, [("E012", "error")], 0),
    # issue 21: the probe's second pass
    (
        "utf16-jsonl-bom",
        {
            "a.jsonl": _jsonl(f'{{"title": "One", "text": "{BODY}"}}', f'{{"title": "Two", "text": "{BODY}"}}')
            .decode()
            .encode("utf-16")
        },
        {},
        [],
        2,
    ),
    # a run spaCy's tokenizer takes apart in quadratic time (10,000 "$": 19.5 s), read in pieces
    (
        "dollar-run-5000",
        {"a.md": b"## Dollars\n\n" + b"$" * 5_000 + b"\n\n" + BODY.encode()},
        {},
        [("W009", "warning")],
        1,
    ),
    (
        "file-name-not-utf8",
        {os.fsdecode(b"bad\xff.md"): f"## Bad name\n\n{BODY}".encode()},
        {},
        [("W008", "warning")],
        1,
    ),
]


@pytest.mark.parametrize("files, changes, expected, n_articles", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_reported_and_the_rest_processed(config, tmp_path, files, changes, expected, n_articles):
    inp, out = tmp_path / "in", tmp_path / "out"
    inp.mkdir()
    (inp / "good.md").write_text(GOOD, "utf8")
    for name, data in files.items():
        (inp / name).write_bytes(data)
    result = run([inp], replace(config, **changes), out=out, progress=False)
    got = [(p.message[1:5], p.level) for p in result.problems]
    assert got == expected, [p.message for p in result.problems]
    for problem in result.problems:
        assert str(inp / next(iter(files))) in problem.message and "Traceback" not in problem.message
    assert result.failed == any(level == "error" for _, level in expected)
    report = json.loads((out / "run.json").read_text())
    assert report["failed"] == result.failed and report["inputs"] == 1 + n_articles
    assert (out / "good-one.json").is_file(), "the good article is processed whatever its neighbour holds"
    for path in article_files(out):
        doc = json.loads(path.read_text(), parse_constant=pytest.fail)  # no NaN/Infinity
        for rec in doc["records"]:
            for m in rec["mentions"]:
                assert doc["text"][m["start"] : m["end"]] == m["text"]


def test_utf16_and_bad_byte_texts_read_right(config, tmp_path):
    (tmp_path / "a.md").write_bytes("## Caf\u00e9\n\nNa\u00efve.".encode("utf-16-le"))
    (tmp_path / "b.md").write_bytes("## Caf\u00e9\n\n".encode() + b"one \xff two")
    (tmp_path / "c.md").write_bytes("## Caf\u00e9\n\nThirty-two.".encode("utf-32"))  # issue 21: not UTF-16
    (tmp_path / "d.md").write_bytes("## 上海\n\n浦东新区投资五十亿元。".encode("utf-16-le"))  # issue 21: not binary
    articles, problems = read_articles([tmp_path], config)
    assert [a.text for a in articles] == [
        "Caf\u00e9\n\nNa\u00efve.",
        "Caf\u00e9\n\none \ufffd two",
        "Caf\u00e9\n\nThirty-two.",
        "上海\n\n浦东新区投资五十亿元。",
    ]
    assert [(p.message[1:5], p.line) for p in problems] == [("W003", 3)]
    assert "line(s) 3" in problems[0].message


def test_oversize_article_is_parsed_in_pieces_with_offsets_into_the_whole_text(config, nlp, tmp_path):
    paragraphs = [
        f"Paragraph {n}: the Shanghai Precision Medicine Institute paid $5 million on May {n + 1}, 2023."
        for n in range(30)
    ]
    page = tmp_path / "a.md"
    page.write_text("## Long one\n\n" + "\n\n".join(paragraphs), "utf8")
    whole = run([page], config, out=tmp_path / "whole", progress=False)
    chunked = run([page], replace(config, max_article_chars=400), out=tmp_path / "chunked", progress=False)
    assert whole.problems == chunked.problems == []
    doc = json.loads((tmp_path / "chunked" / "long-one.json").read_text())
    assert len(doc["text"]) > 2000
    starts = [m["start"] for r in doc["records"] for m in r["mentions"]]
    assert max(starts) > 2000, "offsets point into the whole text, not into a piece"
    for rec in doc["records"]:
        for m in rec["mentions"]:
            assert doc["text"][m["start"] : m["end"]] == m["text"]
    money = [r for r in doc["records"] if r["type"] == "money"]
    assert len(money[0]["mentions"]) == 30, "one fact across the pieces is still one record"


def test_a_text_spacy_refuses_costs_only_its_own_article(config, nlp):
    def article(n: int, text: str) -> Article:
        return Article(f"a{n}", "T", None, None, "s", "in.jsonl", n, None, text)

    articles = [article(1, "Fine text."), article(2, "Broken \ud800 text."), article(3, "Also fine.")]
    docs = parse(nlp, articles, config)
    assert [d.text for d in (docs[0], docs[2])] == ["Fine text.", "Also fine."]
    assert "[E020]" in docs[1].message and docs[1].line == 2


# --- article ids that would escape, collide or be refused as file names -------------------

ID_CASES = [
    ("../../x", "x"),
    ("/abs", "abs"),
    ("CON", "CON-2"),
    ("aux", "aux-2"),
    ("nul.txt", "nul-txt"),
    ("run", "run-2"),
    ("evaluation", "evaluation-2"),
    ("records", "records-2"),
    ("!!!???", "t"),
    ("x" * 500, None),
    ("\u4e0a\u6d77" * 200, None),
    ("\u0645\u0631\u062d\u0628\u0627", "\u0645\u0631\u062d\u0628\u0627"),
]


def test_ids_are_safe_file_names(config, tmp_path):
    rows = [json.dumps({"id": given, "title": "T", "text": BODY}) for given, _ in ID_CASES]
    rows += [
        json.dumps({"title": "Same Headline!", "text": BODY}),
        json.dumps({"title": "same headline?", "text": BODY}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(rows) + "\n", "utf8")
    out = tmp_path / "out"
    result = run([tmp_path / "feed.jsonl"], config, out=out, progress=False)
    assert result.problems == [] and result.articles == len(rows)
    ids = [json.loads(p.read_text())["article"]["id"] for p in article_files(out)]
    assert len(ids) == len(set(ids)) == len(rows), "no article's output overwrote another's"
    for _, expected in ID_CASES:
        if expected:
            assert expected in ids, expected
    windows = {"con", "prn", "aux", "nul", *(f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10))}
    for name in os.listdir(out):
        assert len(name.encode()) <= 255 and not set(name) & set('<>:"/\\|?*') and not name.endswith((" ", "."))
        assert name.split(".")[0].lower() not in windows
        assert (out / name).resolve().parent == out.resolve()
    assert {"same-headline", "same-headline-2"} <= set(ids)


# --- the command line and the folder walk ---------------------------------------------------


def test_unreadable_path_on_the_command_line_is_e011_and_the_rest_runs(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    (tmp_path / "good.md").write_text(GOOD, "utf8")
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")  # stat fails: too many levels of links
    args = [
        "run",
        str(tmp_path / "loop.md"),
        str(tmp_path / "good.md"),
        "-o",
        str(tmp_path / "out"),
        "-q",
        "-c",
        str(ROOT / "config.toml"),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1 and "[E011]" in result.output and "loop.md" in result.output
    assert (tmp_path / "out" / "good-one.json").is_file()
    bad_date = CliRunner().invoke(app, args[:3] + ["--published", "0001-01-01"] + args[3:])
    assert bad_date.exit_code == 2 and "[E021]" in bad_date.output


def test_links_out_of_the_input_folder_are_followed_only_when_asked(config, tmp_path):
    outside, inp = tmp_path / "outside", tmp_path / "in"
    (outside / "sub").mkdir(parents=True)
    inp.mkdir()
    (outside / "far.md").write_text("## Far\n\nA.", "utf8")
    (outside / "sub" / "deep.md").write_text("## Deep\n\nB.", "utf8")
    (inp / "near.md").write_text("## Near\n\nC.", "utf8")
    (inp / "far.md").symlink_to(outside / "far.md")
    (inp / "sub").symlink_to(outside / "sub")
    (inp / "again.md").symlink_to(inp / "near.md")  # inside the folder: followed, read once
    (inp / "loop").symlink_to(inp)  # a loop ends
    articles, problems = read_articles([inp], config)
    assert [a.id for a in articles] == ["near"]
    assert sorted(p.message[1:5] for p in problems) == ["W006", "W006"]
    articles, problems = read_articles([inp], config, follow_links=True)
    assert sorted(a.id for a in articles) == ["deep", "far", "near"] and problems == []


# --- the output folder refuses a write (issue 21): a coded message, run.json still written -----


def _refuse(monkeypatch, errno: int, *, also_report: bool = False):
    """Make the atomic rename of every article file fail with ``errno`` (run.json's too when ``also_report``):
    the disk fills after the run's first check of the folder."""
    from pipeline.outputs import files

    real = os.replace

    def replace_(src, dst):
        if Path(dst).suffix == ".json" and (also_report or Path(dst).name != "run.json"):
            raise OSError(errno, os.strerror(errno), str(dst))
        return real(src, dst)

    monkeypatch.setattr(files.os, "replace", replace_)


@pytest.mark.parametrize("errno", [28, 27], ids=["disk-full", "file-too-large"])
def test_write_failure_is_e029_once_and_run_json_written(config, tmp_path, monkeypatch, errno):
    for n in range(3):
        (tmp_path / f"a{n}.md").write_text(f"## Article {n}\n\n{BODY}", "utf8")
    out = tmp_path / "out"
    out.mkdir()
    _refuse(monkeypatch, errno)
    result = run([tmp_path], config, out=out, progress=False)
    assert [p.message[1:5] for p in result.problems] == ["E029"], "one message, not one per article"
    assert "article-0.json" in result.problems[0].message and result.failed
    assert json.loads((out / "run.json").read_text())["failed"] is True


def test_write_failure_of_run_json_is_one_line_and_exit_1(config, tmp_path, monkeypatch):
    from pipeline.errors import PipelineError

    (tmp_path / "a.md").write_text(GOOD, "utf8")
    (tmp_path / "out").mkdir()
    _refuse(monkeypatch, 28, also_report=True)
    with pytest.raises(PipelineError, match=r"\[E029\] .*run.json: cannot write"):
        run([tmp_path / "a.md"], config, out=tmp_path / "out", progress=False)


def test_records_jsonl_is_a_folder_is_e029_and_run_json_written(config, tmp_path):
    (tmp_path / "a.md").write_text(GOOD, "utf8")
    out = tmp_path / "out"
    (out / "records.jsonl").mkdir(parents=True)
    result = run([tmp_path / "a.md"], config, out=out, progress=False)
    assert [p.message[1:5] for p in result.problems] == ["E029"] and "records.jsonl" in result.problems[0].message
    assert json.loads((out / "run.json").read_text())["failed"] is True


def test_lock_file_that_cannot_be_opened_is_e025(config, tmp_path):
    from pipeline.errors import PipelineError

    (tmp_path / "a.md").write_text(GOOD, "utf8")
    (tmp_path / "out" / ".pipeline.lock").mkdir(parents=True)  # as a foreign-owned file would: open fails
    with pytest.raises(PipelineError, match=r"\[E025\] .*\.pipeline\.lock"):
        run([tmp_path / "a.md"], config, out=tmp_path / "out", progress=False)


# --- promises the README makes (issue 21, point 4) ----------------------------------------------


def _cli(*args: str):
    from typer.testing import CliRunner

    from pipeline.cli import app

    return CliRunner().invoke(app, [*args, "-c", str(ROOT / "config.toml")])


def test_bad_published_date_is_e018_an_error_and_exit_1(tmp_path):
    """E018 leaves the article undated: an error, as E027 is for a bad currency, so the run exits 1."""
    (tmp_path / "a.md").write_text(f"---\npublished: 2023-13-45\n---\n{GOOD}", "utf8")
    result = _cli("run", str(tmp_path / "a.md"), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 1 and "[E018]" in result.output
    report = json.loads((tmp_path / "out" / "run.json").read_text())
    assert report["failed"] is True and [p["level"] for p in report["problems"]] == ["error"]
    assert (tmp_path / "out" / "good-one.json").is_file(), "the article is still read, undated"


def test_run_in_into_in_out_never_reads_its_own_outputs(tmp_path):
    """`pipeline run in -o in/out`, twice: the second run does not read records.jsonl (one E016 per
    record, exit 1 forever) nor facts.jsonl as articles."""
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.md").write_text(f"## Good one\n\n{BODY}", "utf8")
    for expected_output in ("0 up to date, 1 processed", "1 up to date, 0 processed"):
        result = _cli("run", str(inp), "-o", str(inp / "out"))
        assert result.exit_code == 0 and "[E0" not in result.output, result.output
        assert result.output.startswith(expected_output), result.output
    assert json.loads((inp / "out" / "run.json").read_text())["problems"] == []


def test_resumed_run_json_counts_this_run_and_what_the_folder_holds(config, tmp_path):
    """A run killed after some articles leaves their files and no index; the resumed run's run.json
    said only what it did (2,124 records against 4,243 in records.jsonl). Now both, each named."""
    from pipeline.outputs import layout

    for n in range(4):
        (tmp_path / f"a{n}.md").write_text(f"## Article {n}\n\n{BODY}", "utf8")
    out = tmp_path / "out"
    run([tmp_path], config, out=out, progress=False)
    for name in ("article-0.json", "article-1.json", "records.jsonl", "records.parquet", layout.BUILT):
        (out / name).unlink()  # as a run killed after writing article-2 and article-3 leaves the folder
    resumed = run([tmp_path], config, out=out, progress=False)
    report = json.loads((out / "run.json").read_text())
    lines = [json.loads(line) for line in (out / "records.jsonl").read_text().splitlines()]
    by_type = {kind: sum(r["type"] == kind for r in lines) for kind in report["folder"]["records"]}
    assert report["this_run"] == {"processed": 2, "up_to_date": 2, "records": resumed.records}
    assert report["folder"] == {"articles": 4, "records": by_type}
    assert sum(by_type.values()) == 2 * sum(resumed.records.values()) > 0
