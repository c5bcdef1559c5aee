"""`cardlint graph`: the graph built from a corpus, its filters, and its four formats."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cardlint.cli.corpus import graph
from cardlint.graph.concept_graph import Edge, Graph, Node
from cardlint.graph.render import render
from tests.conftest import run_cli
from tests.small_corpus import HOSTILE_EN, HOSTILE_ZH, write_small_corpus


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(write_small_corpus(tmp_path))
    return tmp_path


def _graph(*args: str) -> str:
    result = CliRunner().invoke(graph, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _json(*args: str) -> dict[str, object]:
    document = json.loads(_graph("--format", "json", *args))
    assert isinstance(document, dict)
    return document


def _card(
    node_id: str, path: str, names: dict[str, str], category: str | None
) -> dict[str, object]:
    return {"id": node_id, "path": path, "names": names, "category": category, "missing": False}


def _nodes(document: dict[str, Any]) -> list[dict[str, Any]]:
    nodes = document["nodes"]
    assert isinstance(nodes, list)
    return nodes


def _edges(document: dict[str, object]) -> set[tuple[str, str, str, bool]]:
    edges = document["edges"]
    assert isinstance(edges, list)
    return {(e["source"], e["target"], e["field"], e["dangling"]) for e in edges}


def test_small_corpus_json_nodes_and_edges_exactly(small: Path) -> None:
    document = _json()
    assert document["version"] == 1
    nodes = _nodes(document)
    codes = {n["id"]: [v["code"] for v in n["violations"]] for n in nodes}
    orphans = {n["id"] for n in nodes if n.pop("orphan")}
    assert not any(n.pop("conflicts") for n in nodes)  # see test_agreement for conflicts
    for node in nodes:
        del node["violations"]
    assert nodes == [
        _card("a", "cards/a.md", {"name_zh": "甲", "name_en": "Alpha"}, "core"),
        _card("b", "cards/b.md", {"name_en": "Beta"}, "core"),
        _card("c", "cards/c.md", {"name_en": "Gamma"}, "extra"),
        _card("cards/broken.md", "cards/broken.md", {}, None),
        _card("d", "cards/d.md", {"name_en": "Delta"}, "extra"),
        _card("e", "cards/e.md", {"name_zh": HOSTILE_ZH, "name_en": HOSTILE_EN}, "core"),
        {"id": "ghost", "path": None, "names": {}, "category": None, "missing": True},
        {"id": "phantom", "path": None, "names": {}, "category": None, "missing": True},
    ]
    assert orphans == {"d", "e"}  # as CL307 sees it: the card without an id is not counted
    assert codes == {
        "a": ["CL301"],
        "b": [],
        "c": ["CL103"],
        "cards/broken.md": ["CL002"],
        "d": ["CL301", "CL301"],
        "e": [],
        "ghost": [],
        "phantom": [],
    }
    assert document["edges"] == [
        {"source": s, "target": t, "field": f, "dangling": d}
        for s, t, f, d in [
            ("a", "b", "related", False),
            ("a", "c", "related", False),
            ("a", "ghost", "related", True),
            ("b", "a", "related", False),
            ("b", "c", "prerequisites", False),
            ("d", "a", "related", False),
            ("d", "ghost", "related", True),
            ("d", "phantom", "related", True),
        ]
    ]


def test_our_cards_form_one_graph_without_missing_cards_or_orphans(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(corpus)
    first = _graph("--format", "json")
    assert _graph("--format", "json") == first
    nodes = _nodes(json.loads(first))
    assert [n["id"] for n in nodes] == sorted(p.stem for p in (corpus / "cards").glob("*.md"))
    assert not any(n["missing"] or n["orphan"] or n["violations"] for n in nodes)
    assert {n["id"]: n["category"] for n in nodes}["gpt-4v"] == "applications"
    assert len(_edges(json.loads(first))) == 44


def test_a_known_id_is_a_missing_node_but_not_a_dangling_edge(small: Path) -> None:
    with (small / "cardlint.toml").open("a", encoding="utf-8") as config:
        config.write('known-ids = ["phantom"]\n')
    document = _json()
    assert ("d", "phantom", "related", False) in _edges(document)
    assert {n["id"] for n in _nodes(document) if n["missing"]} == {"ghost", "phantom"}


def test_cards_sharing_an_id_are_keyed_by_path_and_both_referenced(small: Path) -> None:
    twin = small / "cards" / "twin.md"
    twin.write_text("---\nid: c\nrelated: []\n---\n\n# C\n\nText.\n", encoding="utf-8")
    edges = _edges(_json())
    assert {(s, t) for s, t, _, _ in edges if s == "a"} == {
        ("a", "b"),
        ("a", "cards/c.md"),
        ("a", "cards/twin.md"),
        ("a", "ghost"),
    }


def test_category_keeps_its_cards_the_edges_between_them_and_dangling_markers(
    small: Path,
) -> None:
    document = _json("--category", "extra")
    assert [n["id"] for n in _nodes(document)] == ["c", "d", "ghost", "phantom"]
    # d -> a leaves the category; c stays not-orphan, as a and b reference it.
    assert _edges(document) == {("d", "ghost", "related", True), ("d", "phantom", "related", True)}
    assert [n["orphan"] for n in _nodes(document)] == [False, True, False, False]


@pytest.mark.parametrize(
    ("depth", "expected"),
    [("0", ["c"]), ("1", ["a", "b", "c"]), ("2", ["a", "b", "c", "d", "ghost"])],
)
def test_around_follows_references_both_ways(small: Path, depth: str, expected: list[str]) -> None:
    document = _json("--around", "c", "--depth", depth)
    ids = [n["id"] for n in _nodes(document)]
    assert ids == expected
    assert all(s in ids and t in ids for s, t, _, _ in _edges(document))


def test_around_defaults_to_one_hop(small: Path) -> None:
    assert _json("--around", "c") == _json("--around", "c", "--depth", "1")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--around", "nope"], "no card has the id 'nope'"),
        (["--category", "nope"], "no card has the category 'nope' (known: 'core', 'extra')"),
        (["--depth", "2"], "--depth needs --around ID"),
    ],
)
def test_bad_requests_exit_2_with_a_clear_message(
    small: Path, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(graph, args)
    assert result.exit_code == 2
    assert f"Error: {message}" in result.output


def test_output_writes_the_file_and_nothing_to_stdout(small: Path) -> None:
    assert _graph("--format", "dot", "--output", "g.dot") == ""
    assert (small / "g.dot").read_text(encoding="utf-8") == _graph("--format", "dot")


_LABEL = r'(?:[^"<>\[\]{}|#;\n]|#\d+;|<br/>)*'
_MERMAID = [
    re.compile(rf'  n_\w+\["{_LABEL}"\]'),
    re.compile(rf'  n_\w+ (?:-->|-\.->)(?:\|"{_LABEL}"\|)? n_\w+'),
    re.compile(r"  classDef (?:missing|orphan|conflict) [^\n]+"),
    re.compile(r"  class n_\w+(?:,n_\w+)* (?:missing|orphan|conflict)"),
]


def test_mermaid_is_well_formed_for_hostile_names(small: Path) -> None:
    lines = _graph("--format", "mermaid").splitlines()
    assert lines[0] == "graph LR"
    for line in lines[1:]:
        assert any(p.fullmatch(line) for p in _MERMAID), line
    assert "  class n_ghost,n_phantom missing" in lines
    assert "  class n_d,n_e orphan" in lines
    assert '  n_a -.->|"related"| n_ghost' in lines
    hostile = next(line for line in lines if line.startswith("  n_e["))
    assert "#34;quote#34; #91;x#93; --#62; #60;/script#62;" in hostile


def test_dot_is_well_formed_for_hostile_names(small: Path) -> None:
    quoted = r'"(?:[^"\\\n]|\\.)*"'
    attributes = rf"\w+=(?:{quoted}|\w+)(?:, \w+=(?:{quoted}|\w+))*"
    statement = re.compile(rf"  n_\w+(?: -> n_\w+)?(?: \[{attributes}\])?;")
    lines = _graph("--format", "dot").splitlines()
    assert lines[0] == "digraph cardlint {" and lines[-1] == "}"
    body = [line for line in lines[1:-1] if not line.startswith(("  rankdir", "  node ["))]
    for line in body:
        assert statement.fullmatch(line), line
    hostile = next(line for line in lines if line.startswith("  n_e "))
    assert r"Evil \"quote\" [x] --> </script><b> end" in hostile
    assert r"x y &amp; <!-- #quot; \\N" in hostile


def test_renderers_keep_hostile_ids_apart_and_out_of_the_syntax() -> None:
    ids = ['a"]; b --> c', "a-b", "a_b", "end", "o", "x\n--> y"]
    nodes = tuple(Node(i, f"{n}.md", (), None, False, False, ()) for n, i in enumerate(ids))
    edges = (Edge(ids[0], ids[5], "related", False), Edge(ids[3], ids[4], "see", True))
    hostile = Graph(nodes, edges)
    mermaid = render("mermaid", hostile)
    declared = re.findall(r"^  (n_\w+)\[", mermaid, flags=re.MULTILINE)
    assert declared == ["n_a_b_c", "n_a_b", "n_a_b_2", "n_end", "n_o", "n_x_y"]
    assert '  n_a_b_c -->|"related"| n_x_y' in mermaid
    assert '  n_end -.->|"see"| n_o' in mermaid
    dot = render("dot", hostile)
    assert '  n_a_b_c -> n_x_y [label="related"];' in dot
    assert r'tooltip="a\"]; b --> c"' in dot


def _data_block(html: str) -> str:
    match = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', html, re.S)
    assert match is not None
    return match.group(1)


def test_html_is_offline_and_embeds_the_data_safely(small: Path) -> None:
    html = _graph("--format", "html")
    assert "http://" not in html and "https://" not in html
    assert not re.search(r"\b(?:src|href|xlink:href)\s*=", html)
    assert not re.search(r"@import|url\(\s*['\"]?(?!#)", html)
    assert "default-src 'none'" in html
    assert html.count("</script>") == 2 and html.count("<script") == 2
    assert "<!--" not in html and "\u2028" not in html
    data = _data_block(html)
    assert not set(data) & set("<>&")
    assert json.loads(data) == _json()
    assert "innerHTML" not in html and "outerHTML" not in html


def test_our_cards_html_page(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    html = _graph("--format", "html")
    assert "http://" not in html and "https://" not in html
    assert len(json.loads(_data_block(html))["nodes"]) == 10


def test_end_to_end_through_the_real_command(corpus: Path) -> None:
    result = run_cli("graph", "--format", "json", "--around", "clip", "--depth", "0", cwd=corpus)
    assert result.code == 0, result.err
    assert [n["id"] for n in result.json()["nodes"]] == ["clip"]
    missing = run_cli("graph", "--around", "no-such-card", cwd=corpus)
    assert missing.code == 2
    assert "no card has the id 'no-such-card'" in missing.err


def test_paths_narrow_the_graph_as_check_names_cards(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path)
    whole = run_cli("graph", "--format", "json", cwd=corpus)
    assert whole.code == 0, whole.err
    assert run_cli("graph", "--format", "json", "cards/", cwd=corpus).out == whole.out
    named = run_cli("graph", "--format", "json", "cards/d.md", "cards/c.md", cwd=corpus)
    assert named.code == 0, named.err
    nodes = named.json()["nodes"]
    assert [n["id"] for n in nodes] == ["c", "d", "ghost", "phantom"]
    # d -> a leaves the named cards but is no dangling reference: a is in the corpus.
    assert _edges(named.json()) == {
        ("d", "ghost", "related", True),
        ("d", "phantom", "related", True),
    }
    checked = run_cli("check", "--format", "json", "cards/d.md", "cards/c.md", cwd=corpus)
    expected = {(v["path"], v["code"]) for v in checked.json()["violations"]}
    assert {(n["path"], v["code"]) for n in nodes for v in n["violations"]} == expected


def test_paths_combine_with_the_other_filters(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path)
    result = run_cli(
        "graph", "--format", "json", "--category", "core", "cards/a.md", "cards/c.md", cwd=corpus
    )
    assert result.code == 0, result.err
    assert [n["id"] for n in result.json()["nodes"]] == ["a", "ghost"]
    around = run_cli("graph", "--format", "json", "--around", "c", "cards/a.md", cwd=corpus)
    assert [n["id"] for n in around.json()["nodes"]] == ["a"]


def test_a_path_that_does_not_exist_exits_2_naming_the_nearest(tmp_path: Path) -> None:
    result = run_cli("graph", "card/", cwd=write_small_corpus(tmp_path))
    assert result.code == 2
    assert "no file or folder 'card' (did you mean 'cards'?)" in result.err
