"""The import direction of docs/ARCHITECTURE.md holds: a module imports only from its own
layer and the layers listed before it, and every module belongs to one layer."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "scripts" / "indopak"


def _layers() -> list[tuple[str, list[str]]]:
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = text.split("| layer | modules |", 1)[1].split("\n\n", 1)[0]
    rows = []
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        names = [n.strip().replace("\\_", "_") for n in cells[1].split(",")]
        rows.append((cells[0], names))
    return rows


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, name: str) -> set[str]:
    package = name.split(".") if path.name == "__init__.py" and name != "__init__" else []
    package = package or name.split(".")[:-1]
    found = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            base = package[: len(package) - (node.level - 1)]
            if node.module:
                found.add(".".join([*base, node.module]))
            else:
                found.update(".".join([*base, alias.name]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("indopak."):
            found.add(node.module.removeprefix("indopak."))
    return found


def _layer_of(module: str, layers: list[tuple[str, list[str]]]) -> int | None:
    for index, (_layer, names) in enumerate(layers):
        for pattern in names:
            if re.fullmatch(re.escape(pattern).replace(r"\*", "[a-z_.]+"), module):
                return index
    return None


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_is_in_exactly_one_layer():
    layers = _layers()
    assert [layer for layer, _ in layers][:3] == ["io", "schema", "validation"]
    for module in MODULES:
        hits = [
            layer
            for layer, names in layers
            for pattern in names
            if re.fullmatch(re.escape(pattern).replace(r"\*", "[a-z_.]+"), module)
        ]
        assert len(hits) == 1, f"{module}: in layers {hits} (docs/ARCHITECTURE.md)"


def _upward(imports: dict[str, set[str]], layers: list[tuple[str, list[str]]]) -> list[str]:
    wrong = []
    for module, targets in imports.items():
        own = _layer_of(module, layers)
        for target in targets:
            if target not in imports:
                target = target.rsplit(".", 1)[0]  # `from .x import name` of a package
            theirs = _layer_of(target, layers)
            if theirs is not None and own is not None and theirs > own:
                wrong.append(f"{module} ({layers[own][0]}) imports {target} ({layers[theirs][0]})")
    return wrong


def test_no_module_imports_from_a_layer_below_its_own():
    imports = {module: _imports(path, module) for module, path in MODULES.items()}
    wrong = _upward(imports, _layers())
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_an_upward_import():
    """The check above can fail: a schema-layer module importing the publish layer."""
    imports = {module: _imports(path, module) for module, path in MODULES.items()}
    imports["schema.schemaref"] = imports["schema.schemaref"] | {"publish.build"}
    assert _upward(imports, _layers()) == [
        "schema.schemaref (schema) imports publish.build (publish)"
    ]


SPEED = {
    "validation.cache",
    "validation.rows",
    "validation.reading",
    "validation.workers",
    "validation.buildahead",
}


def test_the_speed_machinery_is_reached_only_through_validate_and_assembly():
    """Outside the validation layer (and the benchmark, which measures it) no module
    imports the cache, the row store, the reader or the worker processes."""
    layers = _layers()
    wrong = []
    for module, path in MODULES.items():
        layer = layers[_layer_of(module, layers)][0]
        if layer in ("validation", "benchmark"):
            continue
        wrong += [f"{module} imports {t}" for t in _imports(path, module) if t in SPEED]
    assert not wrong, "\n".join(wrong)
