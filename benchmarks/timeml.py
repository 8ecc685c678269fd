"""Dates checked against TimeML: how the date extractor's values compare with annotators'
TIMEX3 values on news (TimeBank and AQUAINT, as cleaned for TempEval-3: ``TBAQ-cleaned``).

Not part of the suite: the corpus is not ours to ship, so the folder is given on the
command line (a clone of a public TempEval-3 repository holds it under ``data/``)::

    python benchmarks/timeml.py /path/to/TBAQ-cleaned [--errors]

Each document's creation time (its DCT) is the publication date. Only DATE expressions
with a calendar value are scored (a year, month, day, ISO week or quarter); TimeML's
``PRESENT_REF`` for ``now`` and its durations are left out, since the labelling rules
make neither a date. A gold expression is *found* when one of our date mentions
overlaps it, and *right* when that mention's value is the annotators'. The kinds split
what the issue asked to check (weekdays and ``today`` by tense, ``this week``) from
written dates.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from pathlib import Path

from pipeline.config import load_config
from pipeline.extractors import Context, parsed_from
from pipeline.extractors.registry import extract
from pipeline.model.nlp import load_nlp

ROOT = Path(__file__).resolve().parent.parent
CALENDAR = re.compile(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2}|-Q\d)?")
WEEKDAY = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
DEICTIC = re.compile(r"\b(today|yesterday|tomorrow|tonight)\b", re.I)
RELATIVE = re.compile(r"\b(this|last|next|past|coming|previous)\b|\bago\b", re.I)


def document(path: Path) -> tuple[date, str, list[tuple[int, int, str, str]]] | None:
    """(creation date, plain text, [(start, end, value, words)]) of one .tml file."""
    root = ET.parse(path).getroot()
    dct = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    if dct is None or body is None or not re.match(r"\d{4}-\d{2}-\d{2}", dct.get("value", "")):
        return None
    parts: list[str] = []
    timexes = []

    def walk(element: ET.Element) -> None:
        start = sum(map(len, parts))
        parts.append(element.text or "")
        for child in element:
            walk(child)
            parts.append(child.tail or "")
        if element.tag == "TIMEX3" and element.get("type") == "DATE":
            words = "".join(parts)[start:]
            timexes.append((start, start + len(words), element.get("value", ""), words))

    walk(body)
    return date.fromisoformat(dct.get("value")[:10]), "".join(parts), timexes


def kind(words: str) -> str:
    if WEEKDAY.search(words):
        return "weekday"
    if DEICTIC.search(words):
        return "today / yesterday"
    if RELATIVE.search(words):
        return "this / last / next ..."
    return "written date" if re.search(r"\d", words) else "month or season, no figure"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    folder = Path(argv[0])
    config = load_config(ROOT / "config.toml")
    nlp = load_nlp(config)
    docs = [d for d in map(document, sorted(folder.rglob("*.tml"))) if d is not None]
    found, right, total = Counter(), Counter(), Counter()
    errors = []
    for (published, text, timexes), doc in zip(docs, nlp.pipe(d[1] for d in docs)):
        context = Context(published=published, config=config)
        ours = [
            (m.start, m.end, r.value)
            for r in extract(parsed_from(doc, text), context, kinds=("date",))
            for m in r.mentions
        ]
        for start, end, value, words in timexes:
            if not CALENDAR.fullmatch(value):
                continue
            k = kind(words)
            total[k] += 1
            hits = [v for s, e, v in ours if s < end and start < e]
            found[k] += bool(hits)
            right[k] += value in hits
            if hits and value not in hits:
                errors.append(f"{k:28s} {words!r:32s} gold {value:10s} ours {hits[0]}  ({published})")
    print(f"{len(docs)} documents, {sum(total.values())} calendar DATE expressions")
    print(f"{'kind':28s} {'gold':>5s} {'found':>7s} {'right of found':>15s}")
    for k in sorted(total, key=lambda k: -total[k]):
        print(f"{k:28s} {total[k]:5d} {found[k] / total[k]:7.1%} {right[k] / max(found[k], 1):15.1%}")
    all_found, all_right = sum(found.values()), sum(right.values())
    print(f"{'all':28s} {sum(total.values()):5d} {all_found / sum(total.values()):7.1%} {all_right / all_found:15.1%}")
    if "--errors" in argv:
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
