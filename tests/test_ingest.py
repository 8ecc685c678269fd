"""Reading input: the sample page end to end, then one case table per concern."""

import json
import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from pipeline.input import read_articles

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "articles" / "000_0fe4684b8b822597.txt"


def write(folder: Path, files: dict) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf8"))


def codes(problems):
    return [(p.message[1:5], p.level, p.line) for p in problems]


def table(*rows, names):
    return pytest.mark.parametrize(names, [r[1:] for r in rows], ids=[r[0] for r in rows])


# --- the sample page -------------------------------------------------------------


def test_sample_page(config):
    articles, problems = read_articles([SAMPLE], config)
    assert problems == []
    assert [(a.id, a.byline, a.published, a.line) for a in articles] == [
        ("shanghai-medvalley-strengthens-jiadings-biopharma-sector", "Staff Reporters", date(2023, 10, 24), None),
        ("ambitious-plans-unveiled-at-precision-medicine-forum", "Yu Chao and Li Xinran", date(2023, 10, 24), None),
        ("shanghai-intelligent-mobility-design-valley-commences-in-anting", "Hu Min", date(2023, 10, 24), None),
    ]
    assert {a.source for a in articles} == {"000_0fe4684b8b822597"}
    assert all(a.text.startswith(a.title + "\n\n") for a in articles)
    first, second, third = (a.text for a in articles)
    for needle in (
        "US$13.7 billion",
        "200 mu (133,333 sqm)",
        "scientific research institutes",
        "The Shanghai MedValley, an integrated",
        "— Yu Chao",
    ):
        assert needle in first
    assert "Staff Reporters" not in first
    assert "A precision medicine forum" in second
    assert "running from October 16 to\n\nAt the forum" in second
    assert "auto shape and engineering design" in third


def test_sample_folder_skips_gold_json(config, tmp_path):
    write(tmp_path, {"page.txt": SAMPLE.read_text("utf8"), "gold/page.json": "{}"})
    articles, problems = read_articles([tmp_path], config)
    assert (len(articles), problems) == (3, [])


# --- splitting files into articles: (id, file name, content, [(title, id, byline)]) ----


@table(
    (
        "no-heading-title-from-stem",
        "jiading_med-valley.md",
        "Hu Min\n\nIt opened.",
        [("jiading med valley", "jiading-med-valley", "Hu Min")],
    ),
    (
        "front-matter-title",
        "x.md",
        "---\ntitle: Valley opens\n---\nIt opened.",
        [("Valley opens", "valley-opens", None)],
    ),
    (
        "preamble-with-content-kept",
        "x.md",
        "Page 3 notes.\n\n## Headline\nIt opened.",
        [("x", "x", None), ("Headline", "headline", None)],
    ),
    ("blank-preamble-dropped", "x.md", "\n \n12\n## Headline\nIt opened.", [("Headline", "headline", None)]),
    (
        "h1-and-h2-split-h3-stays",
        "x.md",
        "# One\nA.\n## Two\n### Sub\nB.",
        [("One", "one", None), ("Two", "two", None)],
    ),
    ("closing-hashes-and-marks", "x.md", "## US\\$1 *deal* ##\nA.", [("US$1 deal", "us-1-deal", None)]),
    ("heading-without-body", "x.md", "## One\n## Two\nB.", [("One", "one", None), ("Two", "two", None)]),
    (
        "horizontal-rule-not-front-matter",
        "x.md",
        "---\nJust a rule here.\n---\n## One\nA.",
        [("x", "x", None), ("One", "one", None)],
    ),
    names="name, content, expected",
)
def test_split(config, tmp_path, name, content, expected):
    write(tmp_path, {name: content})
    articles, problems = read_articles([tmp_path / name], config)
    assert problems == []
    assert [(a.title, a.id, a.byline) for a in articles] == expected


def test_txt_without_heading_is_titled_from_its_name_and_the_title_is_not_in_its_text(config, tmp_path):
    """Issue 20: a .txt file without a heading got its file name as title, and that title was put
    before its text as a first paragraph (extractors read it; offsets were shifted by it). The title
    names the article; the text is the file's own, and offsets point into it."""
    body = "Acme Holdings paid $5 million for the site.\n\nThe deal closed on May 3, 2023."
    write(tmp_path, {"acme_deal-notes.txt": body, "preamble.md": "Page 3 notes.\n\n## Headline\nIt opened."})
    (article,), problems = read_articles([tmp_path / "acme_deal-notes.txt"], config)
    assert problems == [] and (article.id, article.title) == ("acme-deal-notes", "acme deal notes")
    assert article.text == body
    untitled, titled = read_articles([tmp_path / "preamble.md"], config)[0]
    assert (untitled.title, untitled.text) == ("preamble", "Page 3 notes.")
    assert (titled.title, titled.text) == ("Headline", "Headline\n\nIt opened.")
    front = tmp_path / "front.txt"
    front.write_text("---\ntitle: Valley opens\n---\nIt opened.", "utf8")
    (stated,), _ = read_articles([front], config)
    assert stated.text == "Valley opens\n\nIt opened.", "a title the file states is its headline"


def test_front_matter_fields(config, tmp_path):
    write(tmp_path, {"x.md": '---\nsource: "Shanghai Daily"\nurl: https://x.test/a\nauthor: ignored\n---\n## A\nB.'})
    (article,), _ = read_articles([tmp_path / "x.md"], config)
    assert (article.source, article.url, article.path, article.line) == (
        "Shanghai Daily",
        "https://x.test/a",
        str(tmp_path / "x.md"),
        None,
    )


# --- ids: (id, headlines in run order, expected ids) ---------------------------------


@table(
    ("apostrophes-dropped", ["Jiading's plan, Shanghai’s too"], ["jiadings-plan-shanghais-too"]),
    ("punctuation-runs", ["US$13.7 billion: what next?"], ["us-13-7-billion-what-next"]),
    (
        "repeat-gets-suffix",
        ["Same headline", "Same headline", "Same headline"],
        ["same-headline", "same-headline-2", "same-headline-3"],
    ),
    (
        "suffix-taken-by-another-headline",
        ["Same headline", "Same headline 2", "Same headline", "Same headline"],
        ["same-headline", "same-headline-2", "same-headline-3", "same-headline-4"],
    ),
    ("empty-slug-falls-back-to-stem", ["?!"], ["page_1"]),
    ("long-headline-capped", ["word " * 40], ["-".join(["word"] * 16)]),
    names="headlines, expected",
)
def test_ids(config, tmp_path, headlines, expected):
    write(tmp_path, {"page_1.md": "".join(f"## {h}\nText.\n" for h in headlines)})
    articles, _ = read_articles([tmp_path], config)
    assert [a.id for a in articles] == expected


def test_ids_unique_across_files_and_jsonl(config, tmp_path):
    write(
        tmp_path,
        {
            "a.md": "## Same headline\nA.",
            "b.jsonl": json.dumps({"title": "Same headline", "text": "B."})
            + "\n"
            + json.dumps({"id": "../../etc/passwd", "title": "T", "text": "C."})
            + "\n"
            + json.dumps({"id": "Keep_Me.01", "title": "T", "text": "D."}),
        },
    )
    articles, _ = read_articles([tmp_path], config)
    assert [a.id for a in articles] == ["same-headline", "same-headline-2", "etc-passwd", "Keep_Me.01"]


def test_file_named_twice_read_once(config, tmp_path):
    write(tmp_path, {"a.md": "## A\nA."})
    articles, _ = read_articles([tmp_path, tmp_path / "a.md"], config)
    assert [a.id for a in articles] == ["a"]


# --- publication date: (id, front-matter lines, override, by_source, default, expected) ---

D1, D2, D3, D4 = date(2023, 1, 1), date(2024, 2, 2), date(2023, 10, 24), date(2020, 5, 5)


@table(
    ("override-wins", "published: 2023-01-01", D2, {"page": D3}, D4, D2),
    ("front-matter-beats-config", "published: 2023-01-01", None, {"page": D3}, D4, D1),
    ("datetime-takes-date", "published: 2023-10-24T08:00:00Z", None, {}, None, D3),
    ("by-source-name", "source: Shanghai Daily", None, {"Shanghai Daily": D3, "page": D1}, D4, D3),
    ("by-file-stem", "source: Shanghai Daily", None, {"page": D3}, D4, D3),
    ("config-default", "", None, {}, D4, D4),
    ("undated", "", None, {}, None, None),
    ("invalid-falls-through", "published: next week", None, {"page": D3}, None, D3),
    names="front, override, by_source, default, expected",
)
def test_published(config, tmp_path, front, override, by_source, default, expected):
    write(tmp_path, {"page.md": f"---\n{front}\n---\n## A\nB."})
    config = replace(config, published_by_source=by_source, published_default=default)
    (article,), _ = read_articles([tmp_path / "page.md"], config, published=override)
    assert article.published == expected


# --- the article's own currency: (id, front-matter lines, money.sources, expected) ---


@table(
    ("front-matter", "currency_default: NZD", {"theage.com.au": "AUD"}, "NZD"),
    ("by-source", "source: theage.com.au", {"theage.com.au": "AUD"}, "AUD"),
    ("by-file-stem", "source: x", {"page": "CAD"}, "CAD"),
    ("none", "source: x", {}, None),
    names="front, by_source, expected",
)
def test_currency_default(config, tmp_path, front, by_source, expected):
    write(tmp_path, {"page.md": f"---\n{front}\n---\n## A\nB."})
    config = replace(config, money=replace(config.money, sources=by_source))
    (article,), _ = read_articles([tmp_path / "page.md"], config)
    assert article.currency_default == expected


def test_currency_default_jsonl(config, tmp_path):
    write(tmp_path, {"a.jsonl": b'{"title": "T", "text": "A.", "source": "x", "currency_default": "SGD"}\n'})
    (article,), problems = read_articles([tmp_path / "a.jsonl"], config)
    assert article.currency_default == "SGD" and problems == []


# --- bad input: (id, files, config changes, path to read, expected problems, articles) ----


@table(
    ("empty-file", {"a.txt": b""}, {}, "a.txt", [("E012", "error", None)], 0),
    ("whitespace-only", {"a.txt": b" \n\t\r\n"}, {}, "a.txt", [("E012", "error", None)], 0),
    ("front-matter-only", {"a.md": b"---\ntitle: x\n---\n\n"}, {}, "a.md", [("E012", "error", None)], 0),
    ("binary", {"a.txt": b"## A\x00\x01\x02"}, {}, "a.txt", [("E013", "error", None)], 0),
    (
        "not-utf8-no-fallback",
        {"a.txt": "## Café".encode("cp1252")},
        {"encoding_fallback": None},
        "a.txt",
        [("E014", "error", None)],
        0,
    ),
    ("too-big", {"a.txt": b"## A\n" + b"x " * 100}, {"max_file_bytes": 100}, "a.txt", [("E015", "error", None)], 0),
    ("missing-path", {}, {}, "nope.md", [("E010", "error", None)], 0),
    ("unsupported-suffix", {"a.json": b"{}"}, {}, "a.json", [("E017", "error", None)], 0),
    ("empty-folder", {"sub/a.json": b"{}"}, {}, "sub", [("E019", "error", None)], 0),
    (
        "bad-published",
        {"a.md": b"---\ntitle: T\npublished: 2023-13-45\n---\nA."},
        {},
        "a.md",
        [("E018", "error", 3)],
        1,
    ),
    (
        "unknown-currency-default",
        {"a.md": b"---\ntitle: T\ncurrency_default: AUS\n---\nA."},
        {},
        "a.md",
        [("E027", "error", 3)],
        1,
    ),
    (
        "unknown-currency-default-jsonl",
        {"a.jsonl": b'{"title": "T", "text": "A.", "currency_default": "dollars"}\n'},
        {},
        "a.jsonl",
        [("E027", "error", 1)],
        1,
    ),
    names="files, changes, target, expected, n_articles",
)
def test_bad_input(config, tmp_path, files, changes, target, expected, n_articles):
    write(tmp_path, files)
    articles, problems = read_articles([tmp_path / target], replace(config, **changes))
    assert codes(problems) == expected
    assert len(articles) == n_articles
    assert all(str(tmp_path / target) in p.message and p.path == str(tmp_path / target) for p in problems)


def test_cp1252_decoded_with_warning(config, tmp_path):
    write(tmp_path, {"a.txt": "## Café prices\n\nA coffee cost €5 – cheap.".encode("cp1252")})
    (article,), problems = read_articles([tmp_path / "a.txt"], config)
    assert codes(problems) == [("W001", "warning", None)]
    assert "cp1252" in problems[0].message
    assert article.text == "Café prices\n\nA coffee cost €5 – cheap."


def test_bad_files_do_not_stop_the_rest(config, tmp_path):
    write(tmp_path, {"a.txt": b"", "b.txt": b"\x00", "c.md": "## Fine\nText."})
    os.mkfifo(tmp_path / "d.txt")  # not a regular file: must not block
    articles, problems = read_articles([tmp_path, tmp_path / "missing"], config)
    assert [a.id for a in articles] == ["fine"]
    assert [c for c, _, _ in codes(problems)] == ["E012", "E013", "E011", "E010"]


def test_folder_walk_sorted_and_filtered(config, tmp_path):
    write(
        tmp_path,
        {
            "b.txt": "## B\nB.",
            "a.md": "## A\nA.",
            "c.jsonl": '{"title": "C", "text": "C."}',
            "sub/d.MD": "## D\nD.",
            "gold/x.json": "{}",
            "notes.docx": b"PK",  # a format no reader reads (.pdf is read since issue 19)
            ".hidden.md": "## H\nH.",
            ".git/e.md": "## E\nE.",
        },
    )
    articles, problems = read_articles([tmp_path], config)
    assert ([a.id for a in articles], problems) == (["a", "b", "c", "d"], [])


def test_default_path_is_config_input(config, tmp_path):
    write(tmp_path, {"a.md": "## A\nA."})
    articles, _ = read_articles([], replace(config, input=tmp_path))
    assert [a.id for a in articles] == ["a"]


# --- JSONL: good lines kept, each bad line named ---------------------------------------

JSONL_LINES = [
    ('{"title": "First", "text": "Hu Min\\n\\nTHE valley opened.", "url": "https://x.test/1", "source": "SD"}', None),
    ("not json", "bad JSON"),
    ("[1, 2]", "expected a JSON object, got list"),
    ('{"title": "", "text": "x"}', "'title' must be a non-empty string"),
    ('{"title": "T", "text": 5}', "'text' must be a non-empty string"),
    ('{"title": "T", "text": "x", "published": 20231024}', "'published' must be a string"),
    ("   ", None),
    ('{"id": "given", "title": "Last", "text": "It rose.", "published": "2023-10-24T08:00:00Z"}', None),
    ('{"title": "Undated", "text": "It fell.", "published": "next week"}', None),
]


def test_jsonl(config, tmp_path):
    write(tmp_path, {"feed.jsonl": "\n".join(line for line, _ in JSONL_LINES) + "\n"})
    articles, problems = read_articles([tmp_path / "feed.jsonl"], config)
    assert [(a.id, a.line, a.published) for a in articles] == [
        ("first", 1, None),
        ("given", 8, date(2023, 10, 24)),
        ("undated", 9, None),
    ]
    first = articles[0]
    assert (first.byline, first.url, first.source, first.text) == (
        "Hu Min",
        "https://x.test/1",
        "SD",
        "First\n\nThe valley opened.",
    )
    bad = [(n, reason) for n, (_, reason) in enumerate(JSONL_LINES, start=1) if reason]
    assert codes(problems) == [("E016", "error", n) for n, _ in bad] + [("E018", "error", 9)]
    for problem, (n, reason) in zip(problems, bad):
        assert f"feed.jsonl:{n}: malformed JSONL line: {reason}" in problem.message
