"""Newspaper PDFs (.pdf), read by pdfplumber from each character's position, font and size,
so that what reaches the cleaner is what a clean Markdown copy of the page would be.

On each page: the body size is the commonest font size; text in the top and bottom margins
(running heads, folios) and lines such as ``Continued on page 3`` or a lone page number are
page furniture, dropped; words at least 1.3 times the body size are headlines, each starting
one article (a single such letter is a drop cap, joined to the word beside it); columns are
the x ranges between gutters no body word crosses. An article is read column by column
under its headline, down to the next headline. Its first short bold or ``By`` line is the
byline; lines in a smaller or italic font are captions, kept as their own paragraphs;
paragraphs break at a wider line gap, an indent, or a column's end after a sentence's end;
a word hyphenated at a line's end is joined (its hyphen kept when the document writes the
word with one elsewhere, or when it is a compound like ``100-billion-``). Text above a page's
first headline continues the article before it; text with no headline at all is one article
named by its file and page. Each article keeps the page it starts on.

Encrypted PDFs (``E081``), PDFs with no text layer (scans, ``E082``: OCR is needed) and
files that are no PDF (``E083``) are problems; a page that cannot be read is ``E084``, and
the other pages are read. Pages are read one at a time and let go.
"""

from __future__ import annotations

import hashlib
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ...config import Config
from ...errors import Errors
from ...records import Problem
from .base import Entry, Reader, Source

HEADLINE = 1.3  # x body size: a headline
DROP_CAP = 1.5  # x body size: a single letter this big is a drop cap
MARGIN = 0.06  # of the page's height: running heads and folios live above and below
_FURNITURE = re.compile(
    r"^(?:(?:page|p\.)\s*\d+|\d{1,4}|(?:continued|cont'?d\.?)\s+(?:on|from)\s+(?:page|p\.)\s*\w+.*"
    r"|see\s+.{1,60}\s+(?:on\s+)?(?:page|p\.)\s*\d+\.?)$",
    re.I,
)
_SENTENCE_END = re.compile(r"""[.!?]["'”’)]?$""")


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    bold: bool
    italic: bool
    column: int


@dataclass
class _Article:
    title: str
    page: int
    lines: list[_Line] = field(default_factory=list)


def read(source: Source, config: Config) -> Iterator[Entry | Problem]:
    """The PDF's articles in reading order, page by page, after the problems met."""
    path = source.path
    try:
        size = path.stat().st_size
        if size > config.max_file_bytes:
            limit = config.max_file_bytes / 2**20
            yield Problem(str(path), None, Errors.E015.format(path=path, size_mb=size / 2**20, limit_mb=limit))
            return
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:32]
    except OSError as err:
        yield Problem(str(path), None, Errors.E011.format(path=path, reason=err.strerror or err))
        return
    articles: list[_Article] = []
    pages = chars = 0
    for item in _pages(path):
        if isinstance(item, Problem):
            yield item
            continue
        number, page_articles, lead, n_chars = item
        pages, chars = number, chars + n_chars
        if lead:
            if articles:
                articles[-1].lines.extend(lead)
            else:
                articles.append(_Article("", number, lead))
        if page_articles:  # the articles before this page's first headline are complete
            yield from _entries(path, articles, digest)
            articles = page_articles
    if pages and not chars:
        yield Problem(str(path), None, Errors.E082.format(path=path, pages=pages))
        return
    yield from _entries(path, articles, digest)


READER = Reader((".pdf",), read)


def _pages(path: Path) -> Iterator[tuple[int, list[_Article], list[_Line], int] | Problem]:
    """Per page: (its number, the articles headed on it, the lines above its first headline, its
    character count); or the problem that stopped it."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(path)
        count = len(pdf.pages)
    except Exception as err:  # pdfminer raises its own kinds, and others, for a damaged file
        name = type(err).__name__
        if any(word in f"{name} {err!r}" for word in ("Password", "Encrypt")):  # pdfplumber wraps pdfminer's
            yield Problem(str(path), None, Errors.E081.format(path=path))
        else:
            yield Problem(str(path), None, Errors.E083.format(path=path, reason=f"{name}: {err}".rstrip(": ")))
        return
    with pdf:
        for number in range(1, count + 1):
            page = pdf.pages[number - 1]
            try:
                words = page.extract_words(x_tolerance=1.5, y_tolerance=2, extra_attrs=["size", "fontname"])
                yield (number, *_layout(words, number, float(page.height)), len(page.chars))
            except Exception as err:  # a damaged page: the others are still read
                yield Problem(
                    str(path), None, Errors.E084.format(path=path, page=number, reason=f"{type(err).__name__}: {err}")
                )
            finally:
                page.close()  # let go of the page's objects: memory stays one page's


def _layout(words: list[dict], number: int, height: float) -> tuple[list[_Article], list[_Line]]:
    """A page's words -> (articles headed on the page, lines above its first headline)."""
    if not words:
        return [], []
    weights = Counter()
    for w in words:
        weights[round(w["size"], 1)] += len(w["text"])
    body = weights.most_common(1)[0][0]
    words = [
        w
        for w in words
        if not (w["size"] <= body * 1.05 and (w["bottom"] < height * MARGIN or w["top"] > height * (1 - MARGIN)))
    ]
    big = [w for w in words if w["size"] >= body * HEADLINE]
    caps = [w for w in big if len(w["text"]) == 1 and w["text"].isalpha() and w["size"] >= body * DROP_CAP]
    heads = _headlines([w for w in big if w not in caps])
    rest = [w for w in words if w["size"] < body * HEADLINE]
    columns = _columns(rest)
    lines = _lines(rest, columns, caps)  # drop caps are read against the page's words
    articles = [_Article(h["text"], number) for h in heads]
    spans = _spans(heads, columns, lines)
    lead: list[_Line] = []
    for column in range(len(columns)):
        # the headlines heading this column, top to bottom
        over = sorted((h["top"], i) for i, h in enumerate(heads) if column in spans[i])
        for line in (ln for ln in lines if ln.column == column):
            owner = None
            for top, i in over:
                if top <= line.top:
                    owner = i
            (articles[owner].lines if owner is not None else lead).append(line)
    order = sorted(range(len(heads)), key=lambda i: (round(heads[i]["top"]), heads[i]["x0"]))
    return [articles[i] for i in order], lead


def _headlines(words: list[dict]) -> list[dict]:
    """Headline words -> headlines: words on one line joined, lines close below each other merged."""
    lines: list[dict] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        last = lines[-1] if lines else None
        if last and abs(w["top"] - last["top"]) < w["size"] * 0.3 and w["x0"] - last["x1"] < w["size"] * 2:
            last.update(
                text=f"{last['text']} {w['text']}", x1=max(last["x1"], w["x1"]), bottom=max(last["bottom"], w["bottom"])
            )
        else:
            lines.append(dict(text=w["text"], x0=w["x0"], x1=w["x1"], top=w["top"], bottom=w["bottom"], size=w["size"]))
    heads: list[dict] = []
    for line in sorted(lines, key=lambda ln: (round(ln["top"]), ln["x0"])):
        last = heads[-1] if heads else None
        if (
            last
            and 0 <= line["top"] - last["bottom"] < line["size"] * 0.6
            and line["x0"] < last["x1"]
            and line["x1"] > last["x0"]
        ):
            last.update(
                text=f"{last['text']} {line['text']}",
                bottom=line["bottom"],
                x0=min(last["x0"], line["x0"]),
                x1=max(last["x1"], line["x1"]),
            )
        else:
            heads.append(dict(line))
    return heads


def _spans(heads: list[dict], columns: list[tuple[float, float]], lines: list[_Line]) -> list[set[int]]:
    """The columns each headline heads: those it stands over, widened over the columns beside it
    that are blank at its height and stand under no other headline of its level. A story is set
    under its headline, so a blank column beside the headline is its story's: a banner centred
    over the middle of three columns heads all three (not one article per column), and a short
    headline over the first of its story's columns heads the next one too. It widens leftwards
    only when no other headline of its level is on its left, whose story flows rightwards."""

    def stands_over(h: dict) -> set[int]:
        return {c for c, (c0, c1) in enumerate(columns) if h["x0"] < c1 - 5 and h["x1"] > c0 + 5}

    def blank(column: int, h: dict) -> bool:
        return not any(ln.column == column and ln.top < h["bottom"] and ln.bottom > h["top"] for ln in lines)

    over = [stands_over(h) for h in heads]
    spans = []
    for i, h in enumerate(heads):
        span = set(over[i])
        level = [over[j] for j, g in enumerate(heads) if j != i and g["top"] < h["bottom"] and h["top"] < g["bottom"]]
        taken = set().union(*level)
        steps = (1,) if not span or any(c < min(span) for c in taken) else (1, -1)
        for step in steps if span else ():
            column = (max(span) if step == 1 else min(span)) + step
            while 0 <= column < len(columns) and column not in taken and blank(column, h):
                span.add(column)
                column += step
        spans.append(span)
    return spans


def _columns(words: list[dict]) -> list[tuple[float, float]]:
    """The page's columns: x ranges between gutters (gaps of 6pt or more that no word crosses).

    >>> _columns([dict(x0=10, x1=100), dict(x0=50, x1=150), dict(x0=170, x1=300)])
    [(10, 150), (170, 300)]
    """
    spans = sorted((w["x0"], w["x1"]) for w in words)
    columns: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if columns and x0 < columns[-1][1] + 6:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
        else:
            columns.append((x0, x1))
    return columns


def _lines(words: list[dict], columns: list[tuple[float, float]], caps: list[dict]) -> list[_Line]:
    """Words -> lines per column, top to bottom; a drop cap joined to the first word beside it."""

    def column_of(w: dict) -> int:
        middle = (w["x0"] + w["x1"]) / 2
        return min(
            range(len(columns)),
            key=lambda i: 0 if columns[i][0] <= middle <= columns[i][1] else abs(middle - columns[i][0]),
        )

    grouped: dict[int, list[dict]] = {}
    for w in words:
        grouped.setdefault(column_of(w), []).append(w)
    lines: list[_Line] = []
    for column, items in grouped.items():
        rows: list[list[dict]] = []
        for w in sorted(items, key=lambda w: (w["top"], w["x0"])):
            if rows and abs(w["top"] - rows[-1][0]["top"]) <= w["size"] * 0.4:
                rows[-1].append(w)
            else:
                rows.append([w])
        for row in rows:
            row.sort(key=lambda w: w["x0"])
            fonts = [w["fontname"].lower() for w in row]
            lines.append(
                _Line(
                    " ".join(w["text"] for w in row),
                    min(w["top"] for w in row),
                    max(w["bottom"] for w in row),
                    row[0]["x0"],
                    row[-1]["x1"],
                    statistics.median(w["size"] for w in row),
                    all("bold" in f for f in fonts),
                    all("italic" in f or "oblique" in f for f in fonts),
                    column,
                )
            )
    vocabulary = {w["text"].lower().strip(".,;:!?\"'”’“‘()") for w in words}
    for cap in caps:
        beside = [
            ln
            for ln in lines
            if ln.top <= cap["bottom"] and ln.bottom >= cap["top"] and cap["x1"] - 1 <= ln.x0 <= cap["x1"] + cap["size"]
        ]
        if beside:
            first = min(beside, key=lambda ln: (ln.top, ln.x0))
            word = (cap["text"] + first.text.split(" ")[0]).lower().strip(".,;:!?\"'”’“‘()")
            lone = cap["text"] in "AI" and word not in vocabulary  # "A" over "precision": a word of its own
            first.text = cap["text"] + (" " if lone else "") + first.text
            for line in beside:  # indented around the cap, not a new paragraph
                line.x0 = cap["x0"]
    return sorted(lines, key=lambda ln: (ln.column, ln.top))


def _entries(path: Path, articles: list[_Article], digest: str) -> Iterator[Entry]:
    for article in articles:
        byline, paragraphs = _paragraphs(article.lines)
        body = "\n\n".join(paragraphs)
        title = article.title
        if not title:
            title, _, body = body.partition("\n\n")
        if not any(c.isalpha() for c in title + body):
            continue
        yield Entry(
            path,
            title,
            body,
            given_id=None if article.title else f"{path.stem}-p{article.page}",
            byline=byline,
            page=article.page,
            digest=f"{digest}:{article.page}",
        )


def _paragraphs(lines: list[_Line]) -> tuple[str | None, list[str]]:
    """An article's lines, in reading order -> (its byline, its paragraphs)."""
    lines = [ln for ln in lines if not _FURNITURE.match(ln.text.strip())]
    if not lines:
        return None, []
    body = statistics.median(ln.size for ln in lines)
    byline = None
    first = lines[0]
    if (
        len(first.text.split()) <= 8
        and not _SENTENCE_END.search(first.text)
        and (first.bold or first.text.startswith("By "))
    ):
        byline = re.sub(r"^By\s+", "", first.text).strip()
        lines = lines[1:]
    gaps = [b.top - a.top for a, b in zip(lines, lines[1:]) if a.column == b.column and 0 < b.top - a.top]
    step = statistics.median(gaps) if gaps else body * 1.2
    known = _hyphenated_words(lines)
    paragraphs: list[list[_Line]] = []
    for i, line in enumerate(lines):
        prev = lines[i - 1] if i else None
        caption = line.size < body * 0.95 or (line.italic and not prev_italic_body(lines, body))
        was_caption = prev is not None and (
            prev.size < body * 0.95 or (prev.italic and not prev_italic_body(lines, body))
        )
        if prev is None or caption != was_caption:
            new = True
        elif prev.column != line.column:  # a column's top: an indent, or a short last line that ends a sentence
            indented = line.x0 > _column_left(lines, line.column) + body * 0.8
            new = (
                indented
                or bool(_SENTENCE_END.search(prev.text))
                and prev.x1 < _column_right(lines, prev.column) - body * 2
            )
        else:
            # a wider gap, or an indent: a paragraph's later lines start at the column's left edge
            new = line.top - prev.top > step * 1.4 or line.x0 > _column_left(lines, line.column) + body * 0.8
        if new:
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return byline, [" ".join(_join(p, known).split()) for p in paragraphs]


def prev_italic_body(lines: list[_Line], body: float) -> bool:
    """Whether the body text itself is italic (then italics do not mark captions)."""
    return sum(ln.italic for ln in lines) > len(lines) / 2


def _column_right(lines: list[_Line], column: int) -> float:
    return max(ln.x1 for ln in lines if ln.column == column)


def _column_left(lines: list[_Line], column: int) -> float:
    return min(ln.x0 for ln in lines if ln.column == column)


def _hyphenated_words(lines: list[_Line]) -> set[str]:
    """Hyphenated words the text writes within a line (``medium-sized``): kept whole when a line break splits them."""
    return {w.lower() for ln in lines for w in re.findall(r"\w+(?:-\w+)+", ln.text)}


def _join(lines: list[_Line], known: set[str]) -> str:
    """A paragraph's lines as one string, words hyphenated at a line's end joined.

    >>> L = lambda text: _Line(text, 0, 0, 0, 0, 9, False, False, 0)
    >>> _join([L("the transfor-"), L("mation of a 100-billion-"), L("yuan medium-"), L("sized firm")], {"medium-sized"})
    'the transformation of a 100-billion-yuan medium-sized firm'
    """
    text = ""
    for line in lines:
        piece = line.text.replace("\xad", "")
        if text.endswith("-") and piece[:1].isalnum():
            head = re.search(r"(\S*)-$", text)[1]
            word = head.split("-")[-1] + "-" + piece.split(" ")[0]
            compound = "-" in head or not head.isalpha() or not piece[:1].islower()
            text = text if compound or word.lower() in known else text[:-1]
            text += piece
        else:
            text = f"{text} {piece}" if text else piece
    return text
