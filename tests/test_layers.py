"""The package's layers, enforced: which module may import which, no import cycles, no
module over 400 lines, MkDocs imported only by the adapters.

Run ``.venv/bin/python tests/test_layers.py`` to print the figures (modules, lines,
imports between layers); README "How it works" says what each layer owns.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "site_builder"
MAX_LINES = 400

LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "foundations",
        (
            "__init__",
            "errors",
            "thai",
            "paths",
            "markup",
            "csvfile",
            "filesystem",
            "output",
            "siteurl",
            "yamlio",
            "ci",
            "defaults",
        ),
    ),
    ("format", ("format",)),
    ("tree", ("tree",)),
    (
        "derived",
        (
            "views",
            "oit",
            "oitreport",
            "links",
            "newyear",
            "starter",
            "search",
            "linkcheck",
            "docximport",
        ),
    ),
    ("pages", ("exports", "render", "editor")),
    ("guide", ("guide",)),
    ("plan", ("plan",)),
    (
        "adapters",
        (
            "plugin",
            "configure",
            "cli",
            "commands",
            "serve",
            "project",
            "edit",
            "pdf",
            "importing",
            "building",
            "indexing",
            "__main__",
        ),
    ),
)
"""Each module's layer, lowest first, by its top-level name under ``site_builder``; a
module imports only from its own layer or lower ones."""

ADAPTERS = set(dict(LAYERS)["adapters"]) - {"importing", "__main__"}
"""The only modules that may import MkDocs: the adapters but the Word import and ``__main__``."""


def modules() -> dict[str, Path]:
    """Every module of the package by dotted name (``site_builder.tree.loader``)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> tuple[set[str], set[str]]:
    """The package modules ``name`` imports (at any depth of the file, TYPE_CHECKING
    included), and the outside top-level packages it imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    inside: set[str] = set()
    outside: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            candidates = [target, *(f"{target}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            candidates = [a.name for a in node.names]
        else:
            continue
        for candidate in candidates:
            if candidate in known:
                inside.add(candidate)
            elif not candidate.startswith("site_builder"):
                outside.add(candidate.split(".")[0])
    inside.discard(name)
    return inside, outside


def layer_of(name: str) -> int:
    """The index in :data:`LAYERS` of a module's top-level name."""
    top = name.split(".")[1] if "." in name else "__init__"
    for i, (_, members) in enumerate(LAYERS):
        if top in members:
            return i
    raise AssertionError(f"{name} is in no layer: add it to LAYERS in tests/test_layers.py")


def graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports."""
    found = modules()
    return {name: imports(name, path, set(found))[0] for name, path in found.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle_anywhere_in_the_package() -> None:
    assert cycles(graph()) == []


def test_every_module_imports_only_its_own_layer_or_lower_ones() -> None:
    wrong = [
        f"{name} ({LAYERS[layer_of(name)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for name, targets in graph().items()
        for target in sorted(targets)
        if layer_of(target) > layer_of(name)
    ]
    assert wrong == []


def test_only_the_adapters_import_mkdocs() -> None:
    found = modules()
    importers = sorted(
        name
        for name, path in found.items()
        if "mkdocs" in imports(name, path, set(found))[1] and name.split(".")[-1] not in ADAPTERS
    )
    assert importers == []


def test_no_module_is_over_400_lines() -> None:
    long = {
        name: lines
        for name, path in modules().items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_the_layer_rules_catch_what_they_are_for() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert layer_of("site_builder.tree.loader") < layer_of("site_builder.plan")
    assert layer_of("site_builder") == 0


if __name__ == "__main__":
    found = modules()
    edges = graph()
    sizes = sorted(
        ((len(p.read_text(encoding="utf-8").splitlines()), n) for n, p in found.items()),
        reverse=True,
    )
    print(f"{len(found)} modules, {sum(s for s, _ in sizes)} lines; largest:")
    for size, name in sizes[:8]:
        print(f"  {size:4d}  {name}")
    print(f"import cycles: {cycles(edges) or 'none'}")
    for i, (layer, _) in enumerate(LAYERS):
        members = sorted(n for n in found if layer_of(n) == i)
        print(f"{layer}: {', '.join(m.removeprefix('site_builder.') for m in members)}")
    sys.exit(0)
