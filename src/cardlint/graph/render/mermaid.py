"""Mermaid flowchart source, which GitHub and GitLab draw inside a ```mermaid block.

Card text never reaches the syntax as written: node ids are `identifiers`, and every
label character outside a small safe set becomes a Mermaid entity code (`#34;`), so quotes,
brackets, `-->`, `#`, `;` or `<script>` in a card stay text.
"""

from __future__ import annotations

from cardlint.graph.concept_graph import Graph, Node
from cardlint.graph.render import identifiers
from cardlint.text import printable

_SAFE = frozenset(" -_.,:()/+'")


def render(graph: Graph) -> str:
    ids = identifiers(graph)
    labelled = len({e.field for e in graph.edges}) > 1
    lines = ["graph LR"]
    lines.extend(f'  {ids[n.id]}["{_node_label(n)}"]' for n in graph.nodes)
    for edge in graph.edges:
        arrow = "-.->" if edge.dangling else "-->"
        label = f'|"{_text(edge.field)}"|' if labelled else ""
        lines.append(f"  {ids[edge.source]} {arrow}{label} {ids[edge.target]}")
    lines.append("  classDef missing stroke-dasharray:5 5,fill:#ffffff,color:#666666")
    lines.append("  classDef orphan stroke:#d9822b,stroke-width:3px")
    lines.append("  classDef conflict stroke:#cf222e,stroke-width:3px")
    for name, members in (
        ("missing", [n for n in graph.nodes if n.missing]),
        ("orphan", [n for n in graph.nodes if n.orphan]),
        ("conflict", [n for n in graph.nodes if n.conflicts]),
    ):
        if members:
            lines.append(f"  class {','.join(ids[n.id] for n in members)} {name}")
    return "\n".join(lines) + "\n"


def _node_label(node: Node) -> str:
    if node.missing:
        parts = [node.id, "(no card)"]
    else:
        parts = [value for _, value in node.names] or [node.id]
        parts += [f"({node.group})"] if node.group is not None else []
    return "<br/>".join(_text(part) for part in parts)


def _text(text: str) -> str:
    flat = printable(" ".join(text.split()))
    return "".join(ch if ch.isalnum() or ch in _SAFE else f"#{ord(ch)};" for ch in flat)
