"""Newspaper PDFs generated here (tests/newsfiles.py): the sample page set in three columns
reads back as the Markdown sample does, article for article; furniture dropped; bad PDFs coded."""

import json
import shutil
from pathlib import Path

import pytest

from pipeline.engines.run import run
from pipeline.input import read_articles
from tests.newsfiles import Story, front_page_pdf, image_pdf, newspaper_pdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "outputs"
SAMPLE_IDS = [
    "shanghai-medvalley-strengthens-jiadings-biopharma-sector",
    "ambitious-plans-unveiled-at-precision-medicine-forum",
    "shanghai-intelligent-mobility-design-valley-commences-in-anting",
]


def _sample_stories() -> list[Story]:
    """The sample page's three articles (their committed cleaned text), captions marked."""
    stories = []
    for article_id in SAMPLE_IDS:
        out = json.loads((SAMPLE / f"{article_id}.json").read_text())
        paragraphs = out["text"].split("\n\n")[1:]
        captions = {i for i, p in enumerate(paragraphs) if "— " in p or paragraphs[i + 1 : i + 2] == ["— Yu Chao"]}
        stories.append(Story(out["article"]["title"], paragraphs, out["article"]["byline"], captions))
    return stories


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory) -> Path:
    # named as the sample file, so its source and publication date (published.sources) are the same
    return newspaper_pdf(tmp_path_factory.mktemp("pdf") / "000_0fe4684b8b822597.pdf", _sample_stories())


def test_three_column_sample_page_reads_as_the_markdown_sample(config, sample_pdf):
    articles, problems = read_articles([sample_pdf], config)
    assert problems == []
    assert [a.id for a in articles] == SAMPLE_IDS  # one article per headline, in reading order
    for article in articles:
        out = json.loads((SAMPLE / f"{article.id}.json").read_text())
        assert article.text == out["text"]  # columns, captions, drop cap ("THE" -> "The"), "A precision"
        assert article.byline == out["article"]["byline"]
        assert article.published.isoformat() == "2023-10-24"
    assert [a.page for a in articles] == [1, 1, 2]
    assert all("SHANGHAI DAILY" not in a.text and "METRO" not in a.text for a in articles)


@pytest.mark.slow
def test_three_column_sample_page_gives_the_sample_records(config, sample_pdf, tmp_path):
    """Records equal the Markdown sample's (so the sample's gold scores 1.000), offsets into the cleaned text."""
    run([sample_pdf], config, out=tmp_path, progress=False)
    for article_id in SAMPLE_IDS:
        got = json.loads((tmp_path / f"{article_id}.json").read_text())
        want = json.loads((SAMPLE / f"{article_id}.json").read_text())
        assert got["records"] == want["records"] and got["article"]["page"] in (1, 2)
        for record in got["records"]:
            for mention in record["mentions"]:
                assert got["text"][mention["start"] : mention["end"]] == mention["text"]


def test_jump_lines_running_heads_and_folios_are_dropped(config, tmp_path):
    text = "The council approved a budget of $4 million for the new library on Tuesday. " * 6
    stories = [
        Story("Council approves library", [text.strip(), "Work starts in June."], "By Jo Lee"),
        Story("Bridge reopens", ["The bridge reopened after repairs costing $2 million."]),
    ]
    path = newspaper_pdf(tmp_path / "paper.pdf", stories, jump=(0, "Continued on page 2"))
    (library, bridge), problems = read_articles([path], config)
    assert problems == []
    assert library.byline == "Jo Lee" and library.title == "Council approves library"
    assert library.text.endswith("Work starts in June.")
    for furniture in ("Continued on page", "SHANGHAI DAILY", "\n\n1\n\n"):
        assert furniture not in library.text + bridge.text
    assert bridge.text == "Bridge reopens\n\nThe bridge reopened after repairs costing $2 million."


def test_banner_headline_heads_every_column_of_its_story(config, tmp_path):
    """A banner centred over the middle of three columns heads the story in all three (it was cut
    into one article per column: the outer columns headless); a headline over the first of its
    story's two columns heads both, beside a one-column story with its own headline."""
    harbour = [
        "The harbour board signed a dredging contract worth $12 million on Monday after talks that "
        "lasted most of the winter, and the first barges are due at the northern quay in April. " * 2,
        "Fishing crews asked the board to keep one berth open while the work goes on, and the board "
        "agreed to move the dredgers every second week so that the boats can land their catch. " * 2,
        "The contract runs for three years, with an option for a fourth if the southern basin also "
        "needs deepening, which the engineers will decide after a survey next summer. " * 2,
    ]
    ferry = [
        "Ferries to the outer islands will leave every forty minutes from next week, instead of every "
        "hour, because the second boat has come back from its refit earlier than planned. " * 2
    ]
    library = ["The central library will open on Sundays from May, from ten until four."]
    banner = Story("Harbour deal signed", [p.strip() for p in harbour])
    stories = [(Story("Ferries run more often", [ferry[0].strip()]), 2), (Story("Library Sundays", library), 1)]
    path = front_page_pdf(tmp_path / "front.pdf", banner, stories)
    articles, problems = read_articles([path], config)
    assert problems == []
    assert [a.title for a in articles] == ["Harbour deal signed", "Ferries run more often", "Library Sundays"]
    for article, story in zip(articles, [banner, stories[0][0], stories[1][0]]):
        assert article.text == "\n\n".join([story.title, *story.paragraphs])


def test_bad_pdfs_are_coded_and_the_batch_goes_on(config, tmp_path, sample_pdf):
    from reportlab.pdfgen import canvas

    locked = canvas.Canvas(str(tmp_path / "locked.pdf"), encrypt="secret")
    locked.drawString(100, 700, "Secret text")
    locked.save()
    image_pdf(tmp_path / "scan.pdf")
    (tmp_path / "broken.pdf").write_bytes(sample_pdf.read_bytes()[:400])
    shutil.copy(sample_pdf, tmp_path / "good.pdf")
    articles, problems = read_articles([tmp_path], config)
    assert len(articles) == 3
    codes = {Path(p.path).name: p.message[:6] for p in problems}
    assert codes == {"broken.pdf": "[E083]", "locked.pdf": "[E081]", "scan.pdf": "[E082]"}
    assert "OCR" in next(p.message for p in problems if "scan.pdf" in p.path)


@pytest.mark.slow
def test_two_hundred_page_pdf_is_read_page_by_page(config, tmp_path):
    stories = [
        Story(f"Item {n} on the agenda", [f"The board set aside ${n} million for item {n}."] * 3) for n in range(1200)
    ]
    path = newspaper_pdf(tmp_path / "long.pdf", stories, columns=1)  # short headlines span their one column
    articles, problems = read_articles([path], config)
    assert problems == [] and len(articles) == 1200 and articles[-1].page >= 200
    assert articles[-1].text.count("\n\n") == 3  # headline and three one-line paragraphs
