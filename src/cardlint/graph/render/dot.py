"""Graphviz DOT source (`dot -Tsvg`).

Node ids are `identifiers`; card text appears only in double-quoted labels with `\\` and `"`
escaped, so `\\N`, `"`, `}` or `->` in a card stay text.
"""

from __future__ import annotations

from cardlint.graph.concept_graph import Graph, Node
from cardlint.graph.render import identifiers
from cardlint.text import printable

_ORPHAN = 'color="#d9822b", penwidth=2'
_CONFLICT = 'color="#cf222e", penwidth=2'


def render(graph: Graph) -> str:
    ids = identifiers(graph)
    labelled = len({e.field for e in graph.edges}) > 1
    lines = [
        "digraph cardlint {",
        "  rankdir=LR;",
        '  node [shape=box, style=rounded, fontname="sans-serif"];',
    ]
    for node in graph.nodes:
        lines.append(f"  {ids[node.id]} [{', '.join(_node_attributes(node))}];")
    for edge in graph.edges:
        attributes = ["style=dashed"] if edge.dangling else []
        attributes += [f"label={_quoted(edge.field)}"] if labelled else []
        options = f" [{', '.join(attributes)}]" if attributes else ""
        lines.append(f"  {ids[edge.source]} -> {ids[edge.target]}{options};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _node_attributes(node: Node) -> list[str]:
    tooltip = f"tooltip={_quoted(node.id)}"
    if node.missing:
        return [f"label={_quoted(node.id, '(no card)')}", 'style="rounded,dashed"', tooltip]
    parts = [value for _, value in node.names] or [node.id]
    parts += [f"({node.group})"] if node.group is not None else []
    # A conflict is the more urgent mark: the card says something another card contradicts.
    ring = [_CONFLICT] if node.conflicts else [_ORPHAN] if node.orphan else []
    return [f"label={_quoted(*parts)}", tooltip, *ring]


def _quoted(*lines: str) -> str:
    """One DOT string: card line breaks flattened, control characters shown as escapes, `\\`
    and `"` escaped, `&` too (Graphviz decodes entities such as `&lt;` in every label), and
    our own lines joined with DOT's `\\n`."""
    escaped = (
        printable(" ".join(line.split()))
        .replace("&", "&amp;")
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        for line in lines
    )
    return '"' + "\\n".join(escaped) + '"'
