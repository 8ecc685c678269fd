"""Extractors read token attributes through one door (``pipeline.model.attributes``, re-exported
by ``pipeline.extractors``): the speed work runs the attribute ruler, lemmatizer and parser only
for the tokens asked about, so ``token.pos_`` read directly is often an empty string."""

import ast
from pathlib import Path

import pytest

EXTRACTORS = Path(__file__).resolve().parents[1] / "pipeline" / "extractors"
FACTS = EXTRACTORS.parent / "facts"  # the facts room reads tokens through the same door
COMPUTED = {"pos_", "tag_", "lemma_", "dep_", "morph"}  # heads are read on ``parsed(...)`` tokens, which have them


def _attribute_reads(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf8"))
    found = [
        (node.lineno, node.col_offset, node.attr)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in COMPUTED and isinstance(node.ctx, ast.Load)
    ]
    return [f"{path.name}:{line}: .{attr}" for line, _, attr in sorted(found)]


@pytest.mark.parametrize("path", sorted(EXTRACTORS.rglob("*.py")), ids=lambda p: p.relative_to(EXTRACTORS).as_posix())
def test_extractors_read_token_attributes_only_through_the_door(path):
    assert _attribute_reads(path) == []


@pytest.mark.parametrize("path", sorted(FACTS.rglob("*.py")), ids=lambda p: p.relative_to(FACTS).as_posix())
def test_facts_read_token_attributes_only_through_the_door(path):
    assert _attribute_reads(path) == []


def test_the_check_catches_a_direct_read(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f(token):\n    return token.pos_ == 'NOUN' or token.lemma_\n")
    assert _attribute_reads(bad) == ["bad.py:2: .pos_", "bad.py:2: .lemma_"]


def test_no_extractor_imports_another():
    """Extractors share the article's facts and shared patterns, not each other's code."""
    names = {p.stem for p in EXTRACTORS.glob("*.py")} | {p.name for p in EXTRACTORS.iterdir() if p.is_dir()}
    extractors = {"money", "area", "dates", "organisations"}
    found = []
    for path in EXTRACTORS.rglob("*.py"):
        if path.stem == "registry":
            continue
        own = next((e for e in extractors if e in path.relative_to(EXTRACTORS).parts[0]), None)
        for node in ast.walk(ast.parse(path.read_text("utf8"))):
            if isinstance(node, ast.ImportFrom) and node.level >= 1:
                mods = [(node.module or "").split(".")[0]] + ([a.name for a in node.names] if not node.module else [])
                found += [f"{path.name} imports {m}" for m in mods if m in extractors and m != own]
    assert names & extractors == extractors
    assert found == []
