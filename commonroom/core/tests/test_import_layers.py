"""No import circles between apps: every import goes down the layers of
``core.layers`` (read from the source, module-level and function-level
imports alike; tests, migrations and ``TYPE_CHECKING`` blocks aside)."""

import ast
from collections import defaultdict
from pathlib import Path

from commonroom.core.layers import KNOWN_CLIMBS, LAYERS, layer_of

ROOT = Path(__file__).resolve().parents[2]  # the commonroom package
SKIPPED = {"tests", "testing", "migrations", "locale", "static", "templates"}


def _is_type_checking(node) -> bool:
    return isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)


def _imports(tree: ast.AST):
    """Every ``commonroom.<app>`` imported, with its line."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if _is_type_checking(node):
            continue
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
            if node.module == "commonroom":
                names = [f"commonroom.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "commonroom" and len(parts) > 1:
                yield parts[1], node.lineno
        stack.extend(ast.iter_child_nodes(node))


def app_graph() -> dict[tuple[str, str], list[str]]:
    """(importing app, imported app) -> where it happens."""
    edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if len(relative.parts) < 2 or SKIPPED & set(relative.parts):
            continue
        app = relative.parts[0]
        if path.name == "conftest.py":
            continue
        for imported, line in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if imported != app and (ROOT / imported).is_dir():
                edges[(app, imported)].append(f"{relative}:{line}")
    return edges


def circle_through(edges, start: str, end: str) -> list[str]:
    """A path of imports from ``start`` back round to ``end``, if there is one."""
    following = defaultdict(set)
    for a, b in edges:
        following[a].add(b)
    paths, seen = [[start]], {start}
    while paths:
        path = paths.pop(0)
        if path[-1] == end:
            return path
        for nxt in sorted(following[path[-1]] - seen):
            seen.add(nxt)
            paths.append([*path, nxt])
    return []


def test_every_app_is_in_a_layer():
    apps = {p.name for p in ROOT.iterdir() if (p / "apps.py").exists()}
    layered = set().union(*LAYERS)
    assert apps - layered == set(), "add these apps to core.layers.LAYERS"


def test_core_imports_no_other_app():
    climbs = {
        f"core -> {b} ({', '.join(where)})"
        for (a, b), where in app_graph().items()
        if a == "core"
    }
    assert climbs == set()


def test_no_new_import_circles():
    edges = app_graph()
    problems = []
    for (a, b), where in sorted(edges.items()):
        if layer_of(b) < layer_of(a) or (a, b) in KNOWN_CLIMBS:
            continue
        circle = circle_through(edges, b, a)
        problems.append(
            f"{a} imports {b} ({', '.join(where)}), which is not below it"
            + (f": a circle {' -> '.join([a, *circle])}" if circle else "")
        )
    assert problems == [], "\n".join(problems)


def test_known_climbs_are_still_there():
    """Break a circle, then take it off ``KNOWN_CLIMBS`` so it cannot return."""
    edges = app_graph()
    assert sorted(set(KNOWN_CLIMBS) - set(edges)) == []


def test_the_check_finds_a_circle():
    edges = {("content", "communities"): [], ("communities", "content"): []}
    assert circle_through(edges, "content", "communities") == [
        "content",
        "communities",
    ]
