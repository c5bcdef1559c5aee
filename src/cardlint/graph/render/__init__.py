"""Renderers of the concept graph; like the reporters, they decide nothing, they only render.

- `json`: the graph document itself; `mermaid` and `dot`: text for diagram tools;
- `html`: a self-contained page (`graph.css`, `graph.js` inlined) to explore the graph.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from cardlint.errors import UsageError
from cardlint.jsonout import without_surrogates
from cardlint.text import quote

if TYPE_CHECKING:  # the CLI imports FORMATS at start-up; the graph machinery waits until used
    from cardlint.graph.concept_graph import Graph, Node

Renderer = Callable[["Graph"], str]

FORMATS = ("mermaid", "dot", "json", "html")
_NODE_KEYS = frozenset({"id", "path", "names", "orphan", "missing", "conflicts", "violations"})
_NOT_ID = re.compile(r"[^A-Za-z0-9]+")


def render(name: str, graph: Graph) -> str:
    # Imported on use, as the reporters are: `cardlint graph` loads only the format it prints.
    module = importlib.import_module(f"{__name__}.{name}")
    return cast(Renderer, module.render)(graph)


def graph_document(graph: Graph, group_key: str | None = None) -> dict[str, object]:
    """The graph as JSON-ready data: the `json` format, and the data the HTML page draws.

    A node's group is under the name of the graph's group field (none without one), or
    under `group_key` when given: the HTML page's script reads it as `category`.
    """
    key = group_key or graph.group_field
    if key in _NODE_KEYS:
        raise UsageError(
            f"x-cardlint.group_fields: the graph cannot group by {quote(key)}, "
            "a key its JSON nodes already use: list another field first"
        )
    document = {
        "version": 1,
        "nodes": [_node(n, key) for n in graph.nodes],
        "edges": [
            {"source": e.source, "target": e.target, "field": e.field, "dangling": e.dangling}
            for e in graph.edges
        ],
    }
    return cast(dict[str, object], _clean(document))


def _node(node: Node, group_key: str | None) -> dict[str, object]:
    return {
        "id": node.id,
        "path": node.path,
        "names": dict(node.names),
        **({group_key: node.group} if group_key is not None else {}),
        "orphan": node.orphan,
        "missing": node.missing,
        "conflicts": list(node.conflicts),
        "violations": [
            {
                "line": v.line,
                "column": v.column,
                "code": v.code,
                "rule": v.rule,
                "severity": v.severity.value,
                "message": v.message,
                "hint": v.hint,
            }
            for v in node.violations
        ],
    }


def _clean(value: object) -> object:
    """Every string with lone surrogates escaped, since strict JSON parsers reject them."""
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, dict):
        return {without_surrogates(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


def identifiers(graph: Graph) -> dict[str, str]:
    """Node id -> an identifier safe in Mermaid and DOT: ASCII word characters, unique, and
    never a Mermaid keyword (`end`) or edge letter (`o`, `x`), thanks to the `n_` prefix.
    Real ids can hold anything, and two that differ only in punctuation must stay apart."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for node in graph.nodes:
        base = "n_" + _NOT_ID.sub("_", node.id)
        key, number = base, 1
        while key in taken:
            number += 1
            key = f"{base}_{number}"
        taken.add(key)
        ids[node.id] = key
    return ids
