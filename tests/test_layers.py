"""The house's rooms import downward only: input -> model -> extractors -> records -> outputs,
run by engines, with evaluation, review and training beside (README: Layout). A room that
imports one above it would tie the lower room to everything the upper one loads."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "pipeline"
# Lowest first: a room may import only rooms before it in this list.
ORDER = [
    "errors",
    "knowledge",
    "config",
    "records",
    "outputs",
    "input",
    "model",
    "extractors",
    "facts",
    "evaluation",
    "engines",
    "review",
    "training",
    "cli",
    "__main__",
]
# config checks model.name before any work through model.meta, which reads paths and JSON only.
EXCEPTIONS = {("config", "model.meta")}


def _edges() -> set[tuple[str, str, str]]:
    """(importing module, its room, the module imported) for every relative import between rooms."""
    found = set()
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        package = parts[:-1]
        for node in ast.walk(ast.parse(path.read_text("utf8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - (node.level - 1)]
                names = [node.module] if node.module else [a.name for a in node.names]
                for name in names:
                    target = ".".join(base + name.split("."))
                    if target.split(".")[0] != parts[0]:
                        found.add(("/".join(parts), parts[0], target))
    return found


def test_every_room_is_in_the_order():
    rooms = {
        p.stem if p.is_file() else p.name for p in ROOT.iterdir() if p.suffix == ".py" or (p / "__init__.py").is_file()
    }
    assert rooms - {"__init__"} == set(ORDER)


def test_imports_point_down_the_house():
    upward = sorted(
        f"{module} imports {target}"
        for module, room, target in _edges()
        if (room, target) not in EXCEPTIONS and ORDER.index(target.split(".")[0]) > ORDER.index(room)
    )
    assert upward == []


def test_the_check_sees_an_upward_import():
    assert any(room == "config" and target == "model.meta" for _, room, target in _edges())
