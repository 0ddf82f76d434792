"""The dependency rule: routing ← navigation ← flet ← testing, and no cycles.

Read from the source with ``ast``, so imports inside functions and under
``TYPE_CHECKING`` count too: a type-only import is a dependency for a
reader, and a cycle held together by one is still a cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import navkit

ROOT = Path(navkit.__file__).parent

# A module may import from its own layer and the layers before it.
LAYERS = ["errors", "routing", "navigation", "flet", "testing"]
# Top-level modules that are not layers: what each may import.
ENTRY_POINTS = {
    "navkit": set(LAYERS),  # __init__: re-exports only
    "navkit.__main__": {"cli"},
    "navkit.cli": {"errors", "routing"},  # the route table, nothing of pages
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def imports(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, absolute, wherever the import stands."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                raise AssertionError(f"{path}: relative import; write it absolute")
            yield node.module or ""


def layer(module: str) -> str:
    """``navkit.routing.table`` -> ``routing``; top-level modules are their own entry."""
    part = module.split(".")[1] if module.count(".") else module
    return part


def navkit_imports(name: str, path: Path) -> set[str]:
    return {target for target in imports(path) if target.split(".")[0] == "navkit"} - {name}


def test_each_layer_imports_only_itself_and_the_layers_before_it() -> None:
    wrong = []
    for name, path in modules().items():
        for target in navkit_imports(name, path):
            to = layer(target) if target != "navkit" else "navkit"
            if name in ENTRY_POINTS:
                allowed = ENTRY_POINTS[name]
                if to not in allowed:
                    wrong.append(f"{name} -> {target}")
                continue
            source = layer(name)
            if to not in LAYERS or LAYERS.index(to) > LAYERS.index(source):
                wrong.append(f"{name} ({source}) -> {target} ({to})")
    assert wrong == []


def test_only_the_binding_and_the_stand_in_import_flet() -> None:
    importers = {
        name
        for name, path in modules().items()
        if any(target.split(".")[0] in ("flet", "flet_web", "msgpack") for target in imports(path))
    }
    assert importers and all(layer(name) in ("flet", "testing") for name in importers), importers


def test_no_import_cycles() -> None:
    graph = {name: navkit_imports(name, path) for name, path in modules().items()}
    # A package's __init__ re-exports its modules: importing "navkit.flet"
    # means importing them, so the edges go through it.
    cycles = []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if target not in graph:
                continue
            if state.get(target) == 1:
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for name in sorted(graph):
        if name not in state and name != "navkit":
            visit(name, [name])
    assert cycles == []


@pytest.mark.parametrize(
    ("module", "target", "allowed"),
    [
        ("navkit.routing.table", "navkit.navigation.history", False),
        ("navkit.navigation.stack", "navkit.flet.surface", False),
        ("navkit.flet.surface", "navkit.navigation.values", True),
        ("navkit.testing.client", "navkit.flet.pages", True),
        ("navkit.errors", "navkit.routing.location", False),
    ],
)
def test_the_rule_itself(module: str, target: str, allowed: bool) -> None:
    """The rule the tests above apply, on cases that say what it means."""
    assert (LAYERS.index(layer(target)) <= LAYERS.index(layer(module))) is allowed
