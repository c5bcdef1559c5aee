"""The graph as JSON for other tools: deterministic, pure ASCII, versioned."""

from __future__ import annotations

from cardlint.graph.concept_graph import Graph
from cardlint.graph.render import graph_document
from cardlint.jsonout import dump_json


def render(graph: Graph) -> str:
    return dump_json(graph_document(graph))
