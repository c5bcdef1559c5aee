"""One self-contained, offline HTML page: the graph drawn on SVG, a card's details on click.

Nothing is fetched: the CSS and JavaScript (`graph.css`, `graph.js` beside this module) are
inlined, fonts are the system's, and a Content-Security-Policy forbids any network request.
The graph travels as JSON in a `<script type="application/json">` block, each node's group
under `category`; the script's words for the group (`PROMPT`, `GROUP_FACT`) are filled in
with the name of the graph's group field.
"""

from __future__ import annotations

from importlib import resources

from cardlint.graph.concept_graph import Graph
from cardlint.graph.render import graph_document
from cardlint.jsonout import dump_json

_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"
# In JSON these characters can only occur inside strings, where a \u escape means the same;
# escaped, no card text can close the script element (`</script>`), open a comment (`<!--`),
# or end a JavaScript line (U+2028, U+2029).
_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def render(graph: Graph) -> str:
    data = _escaped(dump_json(graph_document(graph, group_key="category")).strip())
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cardlint graph</title>
<style>
{_asset("graph.css")}</style>
</head>
<body>
<header><h1>cardlint graph</h1><span id="summary"></span><div id="legend"></div></header>
<main>
<svg id="graph" role="img" aria-label="concept graph" preserveAspectRatio="xMidYMid meet">
<defs>
<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7"
 orient="auto"><path d="M0 0L10 5L0 10z" fill="#8c959f"/></marker>
<marker id="arrow-dangling" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"
 markerHeight="7" orient="auto"><path d="M0 0L10 5L0 10z" fill="#cf222e"/></marker>
</defs>
</svg>
<aside id="details"></aside>
</main>
<script type="application/json" id="graph-data">{data}</script>
<script>
{_script(graph.group_field)}</script>
</body>
</html>
"""


def _escaped(json_text: str) -> str:
    for raw, escaped in _ESCAPES.items():
        json_text = json_text.replace(raw, escaped)
    return json_text


def _script(field: str | None) -> str:
    """graph.js, naming the group field in the prompt and in a card's facts (no such fact
    without one); the name is a JSON string, escaped as the data are."""
    if field is None:
        prompt, fact = "Click a card to see its names and problems.", ""
    else:
        prompt = f"Click a card to see its names, {field} and problems."
        label = _escaped(dump_json(field).strip())
        fact = f'    fact({label}, d.category === null ? "(none)" : d.category);\n'
    script = _asset("graph.js").replace("    GROUP_FACT\n", fact)
    return script.replace("PROMPT", _escaped(dump_json(prompt).strip()))


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
