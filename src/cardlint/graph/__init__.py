"""Whole-corpus views: `cardlint graph` and `cardlint stats`.

- `snapshot`: the corpus once: its cards, index and check report, from `run.engine`.
- `concept_graph`: cards as nodes, references as edges, dangling targets as missing nodes.
- `stats`: counts per group, references, wanted cards, conflicts and problems.
- `render/`: the graph as JSON, DOT, Mermaid or a self-contained HTML page.
"""
