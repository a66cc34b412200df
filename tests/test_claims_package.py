"""The claims package's layout: its public API, a docstring per module, and no import cycle between its modules."""

import ast
import importlib
from pathlib import Path

import newsfacts.claims

PACKAGE = Path(newsfacts.claims.__file__).parent


def _modules() -> dict[str, ast.Module]:
    return {p.stem: ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.glob("*.py"))}


def _imports_within_the_package(tree: ast.Module) -> set[str]:
    return {node.module.rsplit(".", 1)[1] for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newsfacts.claims.")}


def test_the_public_api_is_importable_from_the_package():
    for name in newsfacts.claims.__all__:
        assert callable(getattr(newsfacts.claims, name)), name
    assert {"extract_claims", "claim_rows", "ClaimCandidate", "assertions", "is_checkable", "resolve_date",
            "checkworthiness"} <= set(newsfacts.claims.__all__)


def test_every_module_says_what_it_owns_and_imports():
    for name, tree in _modules().items():
        assert ast.get_docstring(tree), f"newsfacts/claims/{name}.py has no docstring"
        importlib.import_module(f"newsfacts.claims.{name}" if name != "__init__" else "newsfacts.claims")


def test_the_modules_import_each_other_without_a_cycle():
    graph = {name: _imports_within_the_package(tree) for name, tree in _modules().items() if name != "__init__"}
    assert all(target in graph for targets in graph.values() for target in targets)
    done, visiting = set(), []

    def visit(name):
        assert name not in visiting, "import cycle: " + " -> ".join([*visiting[visiting.index(name):], name])
        if name in done:
            return
        visiting.append(name)
        for target in sorted(graph[name]):
            visit(target)
        visiting.pop()
        done.add(name)

    for name in sorted(graph):
        visit(name)
