"""``pipeline train``: fine-tune the model's entity recogniser on gold organisations (and,
if given, public NER corpora), with spaCy's own training, and write a model folder.

Only the entity recogniser learns: in the small English pipeline it has its own embedding
layer, so the tagger, parser and lemmatizer stay exactly the base model's (frozen) and the
folder holds just the new ``ner/`` beside a ``meta.json`` naming its base. ``model.name``
pointing at the folder makes ``pipeline/model/nlp.py`` load the base with these weights.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from thinc.api import Config as SpacyConfig

from ..config import Config
from ..errors import Errors, PipelineError
from ..model.meta import meta
from . import corpora, examples
from .card import write_card

NER = "ner"


@dataclass(frozen=True)
class Source:
    """A folder of articles with its gold folder, or a converted public corpus."""

    name: str
    inputs: Path | None = None
    gold: Path | None = None
    corpus: Path | None = None
    licence: str = ""


@dataclass
class Report:
    """What a training run did, for the model card and the command's summary."""

    base: str
    sources: list[dict] = field(default_factory=list)
    epochs: int = 0
    seconds: float = 0.0
    train_docs: int = 0
    held_out: list[str] = field(default_factory=list)
    before: dict = field(default_factory=dict)
    after: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def train(
    config: Config,
    sources: list[Source],
    out: Path,
    base: str | None = None,
    epochs: int = 12,
    held_out: float = 0.2,
    seed: int = 0,
    repeat_gold: int = 1,
    echo: Callable[[str], None] = print,
) -> Report:
    """Train on ``sources``, score the base model and the new one on the held-out articles
    (and corpus test splits), and write the model folder ``out``."""
    base = base or _base(config.model)
    report = Report(base=base)
    nlp = spacy.load(base)
    train_docs, held_docs, test_docs = [], [], {}
    for source in sources:
        if source.corpus is not None:
            train_part, test_part = _corpus_docs(nlp, source, echo)
            train_docs += train_part
            if test_part:
                test_docs[source.name] = test_part
            report.sources.append(
                {
                    "name": source.name,
                    "kind": "corpus",
                    "path": str(source.corpus),
                    "licence": source.licence,
                    "train_docs": len(train_part),
                    "test_docs": len(test_part),
                }
            )
            continue
        items, problems = examples.labelled(source.inputs, source.gold, config)
        report.problems += problems
        for problem in problems:
            echo(f"warning: {problem}")
        train_items, held_items = examples.split(items, held_out)
        echo(
            f"{source.name}: {len(items)} labelled articles ({len(train_items)} to train on, {len(held_items)} held out)"
        )
        predicted = list(nlp.pipe(i.text for i in train_items + held_items))
        refs = [examples.reference(nlp, i, p) for i, p in zip(train_items + held_items, predicted)]
        train_docs += refs[: len(train_items)] * repeat_gold
        held_docs += refs[len(train_items) :]
        report.held_out += [i.article for i in held_items]
        report.sources.append(
            {
                "name": source.name,
                "kind": "gold",
                "path": _shown(source.inputs, config.root),
                "licence": source.licence,
                "train_docs": len(train_items),
                "held_out": len(held_items),
            }
        )
    if not train_docs:
        raise PipelineError(Errors.E070.format(reason="no labelled article or corpus document to train on"))
    report.train_docs = len(train_docs)
    checks = {"held-out articles": held_docs, **{f"{k} (test split)": v for k, v in test_docs.items()}}
    report.before = {name: _scores(nlp, docs) for name, docs in checks.items() if docs}
    with tempfile.TemporaryDirectory(prefix="pipeline-train-") as tmp:
        work = Path(tmp)
        random.Random(seed).shuffle(train_docs)
        DocBin(docs=train_docs, store_user_data=False).to_disk(work / "train.spacy")
        DocBin(docs=held_docs or train_docs[:20], store_user_data=False).to_disk(work / "dev.spacy")
        cfg = training_config(nlp, base, work / "train.spacy", work / "dev.spacy", epochs, seed)
        cfg.to_disk(work / "config.cfg")
        from spacy.cli.train import train as spacy_train

        tick = time.perf_counter()
        spacy_train(work / "config.cfg", work / "model", use_gpu=-1)
        report.seconds = round(time.perf_counter() - tick, 1)
        report.epochs = epochs
        trained = spacy.load(work / "model" / "model-best")
        report.after = {name: _scores(trained, docs) for name, docs in checks.items() if docs}
        _write(out, work / "model" / "model-best" / NER, base, report, cfg)
    return report


def training_config(nlp: Language, base: str, train_path: Path, dev_path: Path, epochs: int, seed: int) -> SpacyConfig:
    """spaCy's training config: every component sourced from the base model, all but the
    entity recogniser frozen, the recogniser resumed from the base's weights."""
    names = list(nlp.pipe_names)
    lines = [
        "[paths]",
        f'train = "{train_path}"',
        f'dev = "{dev_path}"',
        "",
        "[system]",
        f"seed = {seed}",
        "gpu_allocator = null",
        "",
        "[nlp]",
        'lang = "en"',
        f"pipeline = {json.dumps(names)}",
        "batch_size = 256",
        'tokenizer = {"@tokenizers":"spacy.Tokenizer.v1"}',
        "",
        "[components]",
        "",
        *[line for name in names for line in (f"[components.{name}]", f'source = "{base}"', "")],
        "[corpora]",
        "",
        "[corpora.train]",
        '@readers = "spacy.Corpus.v1"',
        "path = ${paths.train}",
        "max_length = 0",
        "",
        "[corpora.dev]",
        '@readers = "spacy.Corpus.v1"',
        "path = ${paths.dev}",
        "max_length = 0",
        "",
        "[training]",
        'train_corpus = "corpora.train"',
        'dev_corpus = "corpora.dev"',
        "seed = ${system.seed}",
        "gpu_allocator = ${system.gpu_allocator}",
        "dropout = 0.2",
        "accumulate_gradient = 1",
        "patience = 0",
        f"max_epochs = {epochs}",
        "max_steps = 0",
        "eval_frequency = 100",
        f"frozen_components = {json.dumps([n for n in names if n != NER])}",
        "annotating_components = []",
        "before_to_disk = null",
        "before_update = null",
        "",
        "[training.batcher]",
        '@batchers = "spacy.batch_by_words.v1"',
        "discard_oversize = false",
        "tolerance = 0.2",
        "",
        "[training.batcher.size]",
        '@schedules = "compounding.v1"',
        "start = 100",
        "stop = 1000",
        "compound = 1.001",
        "",
        "[training.logger]",
        '@loggers = "spacy.ConsoleLogger.v1"',
        "progress_bar = false",
        "",
        "[training.optimizer]",
        '@optimizers = "Adam.v1"',
        "beta1 = 0.9",
        "beta2 = 0.999",
        "L2_is_weight_decay = true",
        "L2 = 0.01",
        "grad_clip = 1.0",
        "use_averages = true",
        "eps = 0.00000001",
        "learn_rate = 0.0005",
        "",
        "[training.score_weights]",
        "ents_f = 1.0",
        "ents_p = 0.0",
        "ents_r = 0.0",
        "ents_per_type = null",
        "",
        "[pretraining]",
        "",
        "[initialize]",
        "vectors = null",
        "init_tok2vec = null",
        "",
    ]
    return spacy.util.load_config_from_str("\n".join(lines))


def _corpus_docs(nlp: Language, source: Source, echo: Callable[[str], None]) -> tuple[list[Doc], list[Doc]]:
    entries = list(corpora.entries(source.corpus))
    if not entries:
        raise PipelineError(Errors.E071.format(path=source.corpus))
    predicted = nlp.pipe(e.text for e in entries)
    docs = [(e.split, corpora.reference(nlp, e, p)) for e, p in zip(entries, predicted)]
    train_docs = [d for split, d in docs if split == "train"]
    test_docs = [d for split, d in docs if split == "test"]
    echo(f"{source.name}: {len(entries)} corpus documents ({len(train_docs)} to train on, {len(test_docs)} test)")
    return train_docs, test_docs


def _scores(nlp: Language, docs: Iterable[Doc]) -> dict:
    """Entity precision, recall and F1 per label (and overall) of ``nlp`` against ``docs``."""
    examples_ = [Example(nlp.make_doc(d.text), d) for d in docs]
    scores = nlp.evaluate(examples_)
    per = {label: {k: round(v, 3) for k, v in s.items()} for label, s in (scores.get("ents_per_type") or {}).items()}
    return {
        "all": {
            "p": round(scores["ents_p"] or 0, 3),
            "r": round(scores["ents_r"] or 0, 3),
            "f": round(scores["ents_f"] or 0, 3),
        },
        **per,
    }


def _shown(path: Path, root: Path) -> str:
    """A path as the model card shows it: relative to the project when inside it, so no machine's
    folders are written into a shipped model."""
    path = Path(path).resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _base(model: str) -> str:
    """The model to start from: the configured model, or the base of a trained folder."""
    return meta(model).get("base") or model


def _write(out: Path, ner: Path, base: str, report: Report, cfg: SpacyConfig) -> None:
    """The model folder, written beside and then moved into place, so a failed run leaves
    any earlier model whole."""
    out = Path(out)
    staging = out.with_name(out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    shutil.copytree(ner, staging / NER)
    base_meta = meta(base)
    weights = hashlib.sha256((staging / NER / "model").read_bytes()).hexdigest()
    info = {
        "name": out.name,
        "version": weights[:12],
        "base": base,
        "base_version": base_meta.get("version"),
        "spacy_version": base_meta.get("spacy_version"),
        "components": base_meta.get("components"),
        "pipeline": base_meta.get("pipeline"),
        "labels": {NER: base_meta.get("labels", {}).get(NER)},
        "weights_sha256": weights,
        "trained": {
            "epochs": report.epochs,
            "seconds": report.seconds,
            "train_docs": report.train_docs,
            "sources": report.sources,
            "held_out": report.held_out,
        },
        "scores": {"before": report.before, "after": report.after},
    }
    (staging / "meta.json").write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", "utf8")
    cfg.to_disk(staging / "training.cfg")
    write_card(staging / "MODEL_CARD.md", info)
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
