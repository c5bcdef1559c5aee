"""The package's data flows one way: load -> index -> rules -> run -> report, then commands.

The stages below are written once, lowest first. A module may import its own stage and the
stages under it, never one above, and no chain of imports (lazy ones included) may lead back
to where it started. Reading this list is reading the architecture.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

import cardlint

PACKAGE = Path(cardlint.__file__).parent

STAGES: tuple[tuple[str, ...], ...] = (
    # leaves every stage may import: values, errors, small helpers
    ("cardlint", "model", "errors", "text", "paths", "atomic", "jsonout", "pydantic_edge"),
    ("sources",),  # where bytes come from: the work tree, or a git revision
    ("report",),  # reporters and baselines: a finished report -> text
    ("load",),  # card files -> Card: bytes, front matter, Markdown blocks
    ("cache",),  # the cache folder and what it keeps
    ("edit",),  # surgical changes to a card's bytes
    ("schema",),  # card schemas: JSON Schema plus the x-cardlint extension
    ("settings",),  # configuration and rule selection
    ("facts",),  # what rules read from one card: sections, dates, citations
    ("index",),  # the corpus index and what cards agree on
    ("rules",),  # one module per rule
    ("docs",),  # rule documentation
    ("run",),  # the run: card pass, corpus pass, workers, result cache
    ("scope",),  # what a run over a change checks, as git sees it
    ("app",),  # a request -> a job -> a report
    ("authoring",),  # commands that write cards: fix, rename, new
    ("graph",),  # whole-corpus views: graph and stats
    ("lsp",),  # the language server
    ("cli",),  # the command line
    ("__main__",),
)


def stage_of(module: str) -> int:
    """The stage of a dotted module name under cardlint (`cardlint.load.card` -> load's)."""
    parts = module.split(".")
    unit = parts[1] if len(parts) > 1 else parts[0]
    for rank, stage in enumerate(STAGES):
        if unit in stage:
            return rank
    raise AssertionError(f"{module} belongs to no stage: add its package to STAGES")


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
    return ".".join(parts)


def imports(path: Path, modules: frozenset[str]) -> Iterator[str]:
    """Every cardlint module `path` imports, at the top or inside a function."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module not in modules:
                continue
            submodules = [f"{node.module}.{alias.name}" for alias in node.names]
            found = [name for name in submodules if name in modules]
            yield from found or [node.module]


def import_graph(root: Path) -> dict[str, set[str]]:
    files = {module_name(path): path for path in root.rglob("*.py")}
    modules = frozenset(files)
    return {name: set(imports(path, modules)) - {name} for name, path in files.items()}


def backward_imports(graph: Mapping[str, set[str]]) -> list[str]:
    return sorted(
        f"{module} ({STAGES[stage_of(module)][0]}) imports {target} ({STAGES[stage_of(target)][0]})"
        for module, targets in graph.items()
        for target in targets
        if stage_of(target) > stage_of(module)
    )


def cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """One cycle through each module that is on one (depth-first, three colours)."""
    found: list[list[str]] = []
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                found.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    return found


def test_every_module_imports_only_its_own_stage_or_lower() -> None:
    assert backward_imports(import_graph(PACKAGE)) == []


def test_no_import_cycle_anywhere() -> None:
    assert cycles(import_graph(PACKAGE)) == []


def test_a_planted_backward_import_is_caught(tmp_path: Path) -> None:
    root = tmp_path / "cardlint"
    (root / "load").mkdir(parents=True)
    (root / "run").mkdir()
    for package in (root, root / "load", root / "run"):
        (package / "__init__.py").write_text('"""A package."""\n')
    (root / "run" / "engine.py").write_text("from cardlint.load import card\n")
    (root / "load" / "card.py").write_text("def f():\n    from cardlint.run.engine import run\n")
    graph = import_graph_under(root)
    assert backward_imports(graph) == [
        "cardlint.load.card (load) imports cardlint.run.engine (run)"
    ]
    assert cycles(graph) == [["cardlint.load.card", "cardlint.run.engine", "cardlint.load.card"]]


def import_graph_under(root: Path) -> dict[str, set[str]]:
    files = {
        ".".join(path.relative_to(root.parent).with_suffix("").parts): path
        for path in root.rglob("*.py")
    }
    files = {name.removesuffix(".__init__"): path for name, path in files.items()}
    modules = frozenset(files)
    return {name: set(imports(path, modules)) - {name} for name, path in files.items()}


@pytest.mark.parametrize("stage", [name for stage in STAGES[1:] for name in stage])
def test_every_stage_exists(stage: str) -> None:
    assert (PACKAGE / stage).is_dir() or (PACKAGE / f"{stage}.py").is_file()
