"""News files as they arrive, made for tests and benchmarks: newspaper-like PDFs (reportlab),
web archives (warcio), all from text given here; nothing is fetched."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Story:
    """One article of a generated page: headline, byline, paragraphs, and which paragraphs are captions."""

    title: str
    paragraphs: list[str]
    byline: str | None = None
    captions: set[int] = field(default_factory=set)  # indexes of paragraphs set as captions
    drop_cap: bool = True


PAGE_W, PAGE_H, MARGIN, GUTTER = 612, 792, 40, 14
BODY, LEADING, HEAD, INDENT = 8.5, 10.5, 18, 10


def newspaper_pdf(
    path: Path,
    stories: list[Story],
    columns: int = 3,
    running_head: str = "SHANGHAI DAILY  |  Tuesday, October 24, 2023  |  METRO",
    jump: tuple[int, str] | None = None,
) -> Path:
    """A multi-column newspaper PDF: each story a full-width headline over its body set in
    ``columns`` balanced columns, byline in bold, a drop cap, captions small and italic,
    paragraphs spaced; a running head and a folio on every page. ``jump`` = (story index,
    text): that story's columns end with a jump line such as "Continued on page 2"."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    width = (PAGE_W - 2 * MARGIN - (columns - 1) * GUTTER) / columns
    page = 1

    def furniture() -> None:
        c.setFont("Helvetica", 7)
        c.drawString(MARGIN, PAGE_H - 24, running_head)
        c.drawCentredString(PAGE_W / 2, 20, str(page))

    furniture()
    y = PAGE_H - MARGIN - 10
    for n, story in enumerate(stories):
        # lines: (font, size, text, gap_before, indent)
        lines: list[tuple[str, float, str, float, float]] = []
        if story.byline:
            lines.append(("Times-Bold", BODY, story.byline, 0, 0))
        for i, text in enumerate(story.paragraphs):
            caption = i in story.captions
            font, size = ("Times-Italic", BODY - 1.5) if caption else ("Times-Roman", BODY)
            gap = LEADING * 0.8 if lines else 0
            indent = 0.0 if caption or not lines else INDENT
            if i == 0 and story.drop_cap and not caption:
                cap = text[0]
                text = text[1:]
                indent = 20
                lines.append(("CAP", HEAD * 1.6, cap, gap, 0))
                gap = 0
            beside = 2 if indent == 20 else 1  # lines beside the drop cap, or the first line's indent
            pieces = simpleSplit(text, font, size, width - indent)
            rest = " ".join(" ".join(pieces[beside:]).split())
            pieces = pieces[:beside] + (simpleSplit(rest, font, size, width) if rest else [])
            for k, piece in enumerate(pieces):
                lines.append((font, size, piece, gap if k == 0 else 0, indent if k < beside else 0))
        if jump and jump[0] == n:
            lines.append(("Times-Italic", BODY, jump[1], LEADING * 0.8, 0))
        rows = sum(1 for ln in lines if ln[0] != "CAP") + sum(ln[3] > 0 for ln in lines)
        per_column = -(-rows // columns)
        need = HEAD * 1.5 + per_column * LEADING + 30
        if y - need < MARGIN + 20:
            c.showPage()
            page += 1
            furniture()
            y = PAGE_H - MARGIN - 10
        c.setFont("Times-Bold", HEAD)
        c.drawString(MARGIN, y - HEAD, story.title)
        top = y - HEAD * 1.5 - 6
        column, used, yy = 0, 0, top
        lowest = top
        for font, size, text, gap, indent in lines:
            if font == "CAP":
                c.setFont("Times-Bold", size)
                c.drawString(MARGIN + column * (width + GUTTER), yy - LEADING * 2 - (gap or 0), text)
                continue
            if used and used + (1 if gap else 0) >= per_column + 1 and column < columns - 1:
                column, used, yy = column + 1, 0, top
                gap = 0
            yy -= gap + LEADING
            used += 1 + (1 if gap else 0)
            c.setFont(font, size)
            c.drawString(MARGIN + column * (width + GUTTER) + indent, yy, text)
            lowest = min(lowest, yy)
        y = lowest - 28
    c.save()
    return path


def front_page_pdf(path: Path, banner: Story, below: list[tuple[Story, int]], columns: int = 3) -> Path:
    """A front page: ``banner``'s headline large and centred over the page (narrower than the
    page: it stands over the middle column only), its story in all ``columns`` columns below;
    under it the ``below`` stories side by side, each (story, the columns it takes), its
    headline at the left of its first column only. Paragraphs are spaced and indented."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    width = (PAGE_W - 2 * MARGIN - (columns - 1) * GUTTER) / columns

    def body(story: Story, first: int, span: int, top: float) -> float:
        """``story``'s paragraphs balanced over ``span`` columns from ``first``; returns the lowest line."""
        rows: list[tuple[str, float]] = []  # (text, indent); a paragraph after the first starts a line lower
        for i, text in enumerate(story.paragraphs):
            pieces = simpleSplit(text, "Times-Roman", BODY, width - (INDENT if i else 0))
            rows += [("", 0)] * bool(i) + [(piece, INDENT if i and k == 0 else 0) for k, piece in enumerate(pieces)]
        per = -(-len(rows) // span)
        c.setFont("Times-Roman", BODY)
        for k, (text, indent) in enumerate(rows):
            column, row = divmod(k, per)
            c.drawString(MARGIN + (first + column) * (width + GUTTER) + indent, top - (row + 1) * LEADING, text)
        return top - per * LEADING

    size = HEAD * 1.7
    c.setFont("Times-Bold", size)
    c.drawCentredString(PAGE_W / 2, PAGE_H - MARGIN - size, banner.title)
    y = body(banner, 0, columns, PAGE_H - MARGIN - size * 1.5) - 30
    first = 0
    for story, span in below:
        c.setFont("Times-Bold", HEAD)
        c.drawString(MARGIN + first * (width + GUTTER), y - HEAD, story.title)
        body(story, first, span, y - HEAD * 1.5)
        first += span
    c.save()
    return path


def image_pdf(path: Path) -> Path:
    """A scanned page: an image, no text layer."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    image = Image.new("RGB", (200, 100), "white")
    for x in range(20, 180):
        image.putpixel((x, 50), (0, 0, 0))
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.drawImage(ImageReader(image), 100, 500, 400, 200)
    c.save()
    return path


def warc(
    path: Path, records: list[tuple[str, str, int, str, bytes]], gzip: bool = True, seed: int | None = None
) -> Path:
    """A web archive of responses (uri, content type, status, WARC date, body), with a request
    record before each, written by warcio. Its record ids are random (warcio's uuid4), so its
    compressed bytes differ from one archive to the next, unless ``seed`` draws them."""
    import random
    import uuid

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)

    def ids() -> dict[str, str]:
        return (
            {} if seed is None else {"WARC-Record-ID": f"<urn:uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}>"}
        )

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=gzip)
        for uri, content_type, status, when, body in records:
            headers = [("Content-Type", content_type)]
            if status in (301, 302):
                headers.append(("Location", uri + "/moved"))
            reason = {200: "OK", 301: "Moved Permanently", 302: "Found", 404: "Not Found"}.get(status, "X")
            http = StatusAndHeaders(f"{status} {reason}", headers, protocol="HTTP/1.1")
            get = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
            request = writer.create_warc_record(
                uri,
                "request",
                payload=io.BytesIO(b""),
                http_headers=get,
                warc_headers_dict={"WARC-Date": when, **ids()},
            )
            writer.write_record(request)
            record = writer.create_warc_record(
                uri,
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": when, **ids()},
            )
            writer.write_record(record)
    return path
