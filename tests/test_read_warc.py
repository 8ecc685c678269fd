"""Web archives written here with warcio: HTML responses read, everything else skipped and
counted, damaged records reported with the rest read, memory flat whatever the size."""

import gzip
import random
import tracemalloc
from pathlib import Path

import pytest

from pipeline.input import iter_articles, read_articles
from tests.newsfiles import warc
from tests.test_read_html import NEWS_PAGE

WHEN = "2021-05-06T10:00:00Z"


def _page(n: int) -> bytes:
    """A news page with no date in its metadata: the WARC-Date is its date."""
    body = f"Story {n}: the council paid ${n} million for {n} hectares of land near the river on Monday. " * 3
    return (
        f"<html><head><title>Council land deal number {n}</title></head><body><nav>Home News Sport</nav>"
        f"<article><h1>Council land deal number {n}</h1><p>{body}</p><p>Work starts next year.</p></article>"
        f"<footer>Copyright</footer></body></html>"
    ).encode()


def test_html_responses_read_the_rest_skipped_and_counted(config, tmp_path):
    path = warc(
        tmp_path / "crawl.warc.gz",
        [
            ("https://www.example.com/news/tema", "text/html; charset=utf-8", 200, WHEN, NEWS_PAGE.encode()),
            ("https://www.example.com/report.pdf", "application/pdf", 200, WHEN, b"%PDF-1.4 ..."),
            ("https://www.example.com/old", "text/html", 301, WHEN, b""),
            ("https://www.example.com/gone", "text/html", 404, WHEN, b"<html>Not found</html>"),
            ("https://www.example.com/news/council-1", "text/html", 200, WHEN, _page(1)),
        ],
    )
    (tema, council), problems = read_articles([path], config)
    assert tema.id == "example-com-news-tema" and tema.title.startswith("Port of Tema")
    assert tema.published.isoformat() == "2021-05-04"  # the page's own date before the WARC-Date
    assert council.published.isoformat() == "2021-05-06" and council.url == "https://www.example.com/news/council-1"
    assert "Home News Sport" not in council.text
    (note,) = problems
    assert note.level == "warning" and note.message.startswith(f"[W080] {path}: 8 web archive record(s) skipped")
    for kind in ("5 request records", "1 application/pdf", "1 status 301", "1 status 404"):
        assert kind in note.message


def test_corrupt_record_in_the_middle_and_records_after_it_are_read(config, tmp_path):
    records = [(f"https://example.com/n/{n}", "text/html", 200, WHEN, _page(n)) for n in range(1, 7)]
    path = warc(tmp_path / "crawl.warc.gz", records)
    data = bytearray(path.read_bytes())
    members = [i for i in range(len(data)) if data[i : i + 3] == b"\x1f\x8b\x08"]
    middle = members[len(members) // 2 + 1]  # a response record's gzip member
    data[middle + 40 : middle + 90] = b"\xff" * 50
    path.write_bytes(bytes(data))
    articles, problems = read_articles([path], config)
    assert [p.message[:6] for p in problems] == ["[E085]", "[W080]"]
    assert "reading went on at byte" in problems[0].message
    assert len(articles) == 5 and articles[-1].id == "example-com-n-6"


def test_truncated_gzip_keeps_the_records_before_it(config, tmp_path):
    records = [(f"https://example.com/n/{n}", "text/html", 200, WHEN, _page(n)) for n in range(1, 4)]
    path = warc(tmp_path / "crawl.warc.gz", records)
    data = path.read_bytes()
    path.write_bytes(data[:-200])  # inside the last record's gzip member
    articles, problems = read_articles([path], config)
    assert [a.id for a in articles] == ["example-com-n-1", "example-com-n-2"]
    assert problems[0].message.startswith("[E085]") and "nothing after it could be read" in problems[0].message


@pytest.mark.parametrize(("seed", "compressed"), [(1, True), (2, True), (3, True), (4, False)])
def test_archive_cut_anywhere_is_e085_or_a_whole_read(config, tmp_path, seed, compressed):
    """An archive cut at any byte is E085 at the start of the record cut, with every page before
    it read whole and no part of a page read; only a cut at a record's end (a shorter archive, as
    valid as the whole: between two gzip members, after a record's closing blank lines) reads
    without one. warcio reads a last record cut short as a shorter record, or whole when only a
    gzip member's last bytes are gone, and raises nothing: a cut 200 bytes from the end gave no
    error in ~4% of archives (their random record ids), a cut inside the last request record's
    member in about a third of the cuts, a .warc cut inside its last header in most."""
    records = [(f"https://example.com/n/{n}", "text/html", 200, WHEN, _page(n)) for n in range(1, 4)]
    path = warc(tmp_path / ("crawl.warc.gz" if compressed else "crawl.warc"), records, gzip=compressed, seed=seed)
    data = path.read_bytes()
    whole, _ = read_articles([path], config)
    marker = b"\x1f\x8b\x08" if compressed else b"WARC/1."
    starts = [i for i in range(len(data)) if data[i : i + len(marker)] == marker]
    assert len(whole) == 3 and len(starts) == 6  # a request and a response record per page
    ends = starts[1:] + [len(data)]
    rng = random.Random(seed)
    # a record's end: its gzip member's; in a .warc, also where a block ending in a blank line (a
    # request's) ends, before or inside the two line ends that close the record: a whole record
    blank = [e for e in ends if not compressed and data[: e - 4].endswith(b"\r\n\r\n")]
    valid = {*starts[1:], *(e - 4 for e in blank), *(e - 2 for e in blank)}
    tails = {e - k for e in ends for k in range(1, 12)}
    cuts = sorted({*rng.sample(range(1, len(data)), 60), *valid, *tails})
    for cut in cuts:
        path.write_bytes(data[:cut])
        articles, problems = read_articles([path], config)
        errors = [p.message for p in problems if p.message.startswith("[E085]")]
        complete = sum(end <= cut for end in ends[1::2])  # responses whose record is all there
        read = [(a.id, a.text) for a in articles]
        assert read == [(a.id, a.text) for a in whole[: len(read)]], cut  # whole pages, in order
        if cut in valid:
            assert errors == [] and len(read) == complete, cut
        else:
            record = max(s for s in starts if s < cut)
            assert len(errors) == 1 and f"damaged at byte {record} " in errors[0], (cut, errors)
            assert "nothing after it could be read" in errors[0]
            # a response whose record lost only its gzip trailer or closing blank lines is whole
            assert len(read) in (complete, complete + 1), cut


def test_uncompressed_warc_and_a_gzip_that_is_no_archive(config, tmp_path):
    warc(tmp_path / "a.warc", [("https://example.com/n/1", "text/html", 200, WHEN, _page(1))], gzip=False)
    (tmp_path / "b.warc.gz").write_bytes(gzip.compress(b"this is not a web archive\n" * 10))
    articles, problems = read_articles([tmp_path], config)
    assert [a.id for a in articles] == ["example-com-n-1"]
    assert [(Path(p.path).name, p.message[:6]) for p in problems] == [
        ("a.warc", "[W080]"),  # its request record
        ("b.warc.gz", "[E085]"),
        ("b.warc.gz", "[W080]"),
    ]


def _peak(config, path) -> int:
    tracemalloc.start()
    n = sum(1 for item in iter_articles([path], config) if not hasattr(item, "message"))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return n, peak


@pytest.mark.slow
def test_memory_is_flat_whatever_the_archive_size(config, tmp_path):
    """Peak Python memory (tracemalloc) reading 10,000 responses against 100, measured, not timed:
    what grows is only the run's set of ids (one short string per article, which keeps ids unique
    across a run: ~150 bytes each); the records, pages and the libraries' caches do not (before
    the caches were emptied every 100 pages the 10,000 took 75 times the 100's memory)."""
    small = warc(
        tmp_path / "small.warc.gz", [(f"https://e.com/{n}", "text/html", 200, WHEN, _page(n)) for n in range(100)]
    )
    large = warc(
        tmp_path / "large.warc.gz", [(f"https://e.com/{n}", "text/html", 200, WHEN, _page(n)) for n in range(10_000)]
    )
    _peak(config, small)  # warm up: imports and trafilatura's caches
    (n_small, small_peak), (n_large, large_peak) = _peak(config, small), _peak(config, large)
    assert (n_small, n_large) == (100, 10_000)
    assert large_peak - small_peak <= 200 * (n_large - n_small), (small_peak, large_peak)


def test_archive_read_in_byte_ranges_gives_what_reading_it_whole_gives(config, tmp_path):
    """The Dask engine cuts a large .warc.gz at any byte: each range reads the records whose gzip
    member starts in it (the first found by its header, tried), so the ranges, in order, give the
    whole archive's articles, and their skipped-record warnings join into its one warning."""
    from dataclasses import asdict

    from pipeline.engines.parts import _cut
    from pipeline.input import Ids, read_source
    from pipeline.input.readers.warc import joined

    kinds = [("text/html", 200), ("application/pdf", 200), ("text/html", 404), ("text/html", 301)]
    records = [
        (f"https://example.com/n/{n}", *kinds[n % 7 % 4], WHEN, _page(n) if n % 7 % 4 == 0 else b"x") for n in range(40)
    ]
    path = warc(tmp_path / "crawl.warc.gz", records)
    whole, problems = read_articles([path], config)
    assert len(whole) == 12 and [p.message[:6] for p in problems] == ["[W080]"]
    size = path.stat().st_size
    for part_bytes in (97, 1000, size // 3, size - 1):
        ids, articles, warnings = Ids(), [], []
        ranges = [source for source, _ in _cut(path, part_bytes)]
        assert len(ranges) > 1 and ranges[0].start == 0 and ranges[-1].end == size
        for source in ranges:
            for item in read_source(source, config, None, ids):
                (warnings if hasattr(item, "message") else articles).append(item)
        assert [asdict(a) for a in articles] == [asdict(a) for a in whole], part_bytes
        assert all(w.message.startswith("[W080]") for w in warnings) and len(warnings) == len(ranges)
        assert joined(warnings) == problems[0]
