"""`x-cardlint.group_fields`: what `stats` counts cards by and `graph` colours and filters by."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli
from tests.small_corpus import write_small_corpus


def _corpus(tmp_path: Path, **extension: Any) -> Path:
    """The small corpus, its schema's extension updated with `extension`."""
    root = write_small_corpus(tmp_path)
    schema_file = root / "schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"]["level"] = {"type": "integer"}
    schema["x-cardlint"].update(extension)
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    return root


def _ok(*args: str, cwd: Path) -> str:
    result = run_cli(*args, cwd=cwd)
    assert result.code in (0, 1), result.err
    return result.out


def test_the_schema_chooses_the_tables_and_their_order(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, group_fields=["difficulty", "category"])
    text = _ok("stats", cwd=corpus)
    assert text.startswith(
        "Cards                         6\n"
        "By difficulty\n"
        "  (none)                      2\n"
        "  easy                        2\n"
        "  hard                        1\n"
        "  medium                      1\n"
        "By category\n"
        "  core                        3\n"
        "  extra                       2\n"
        "  (none)                      1\n"
        "References per card\n"
    )
    document = json.loads(_ok("stats", "--format", "json", cwd=corpus))
    assert list(document)[:4] == ["version", "cards", "difficulties", "categories"]
    assert document["difficulties"] == {"(none)": 2, "easy": 2, "hard": 1, "medium": 1}


@pytest.mark.parametrize(
    ("group_fields", "tables", "keys"),
    [
        ([], [], []),
        # No card fills `level`: no "(none) 6" table, and no `levels` key.
        (["level", "category"], ["category"], ["categories"]),
        (["level"], [], []),
    ],
)
def test_a_field_no_card_fills_gets_no_table(
    tmp_path: Path, group_fields: list[str], tables: list[str], keys: list[str]
) -> None:
    corpus = _corpus(tmp_path, group_fields=group_fields)
    text = _ok("stats", cwd=corpus)
    assert [line[3:] for line in text.splitlines() if line.startswith("By ")] == tables
    assert "(none)                      6" not in text
    document = json.loads(_ok("stats", "--format", "json", cwd=corpus))
    assert list(document)[2:-7] == keys


@pytest.mark.parametrize(
    ("field", "key"),
    [("status", "statuses"), ("type", "types"), ("day", "days"), ("box", "boxes")],
)
def test_a_table_is_keyed_by_the_fields_plural(tmp_path: Path, field: str, key: str) -> None:
    corpus = _grouped_by_a_new_field(tmp_path, field)
    document = json.loads(_ok("stats", "--format", "json", cwd=corpus))
    assert document[key] == {"(none)": 5, "x": 1}


def test_the_graph_groups_by_the_first_group_field(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, group_fields=["difficulty", "category"])
    nodes = json.loads(_ok("graph", "--format", "json", cwd=corpus))["nodes"]
    assert {n["id"]: n.get("difficulty") for n in nodes if "category" not in n} == {
        "a": "easy",
        "b": "hard",
        "c": "medium",
        "cards/broken.md": None,
        "d": "easy",
        "e": None,
        "ghost": None,
        "phantom": None,
    }
    assert '  n_b["Beta<br/>(hard)"]' in _ok("graph", cwd=corpus)
    shown = json.loads(_ok("graph", "--format", "json", "--category", "easy", cwd=corpus))
    assert [n["id"] for n in shown["nodes"] if not n["missing"]] == ["a", "d"]
    unknown = run_cli("graph", "--category", "core", cwd=corpus)
    assert unknown.code == 2
    assert unknown.err == (
        "Error: no card has the difficulty 'core' (known: 'easy', 'hard', 'medium')\n"
    )
    page = _ok("graph", "--format", "html", cwd=corpus)
    assert '"Click a card to see its names, difficulty and problems."' in page
    assert 'fact("difficulty", d.category === null ? "(none)" : d.category);' in page
    assert '"category": "easy"' in page  # the page's script reads a node's group as category


def test_without_group_fields_the_graph_has_one_colour_and_no_group(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, group_fields=[])
    nodes = json.loads(_ok("graph", "--format", "json", cwd=corpus))["nodes"]
    assert all(
        set(n) == {"id", "path", "names", "orphan", "missing", "conflicts", "violations"}
        for n in nodes
    )
    assert "(core)" not in _ok("graph", "--format", "dot", cwd=corpus)
    page = _ok("graph", "--format", "html", cwd=corpus)
    assert '"Click a card to see its names and problems."' in page
    assert "fact(" in page and "d.category === null" not in page
    assert "PROMPT" not in page and "GROUP_FACT" not in page
    assert '"category": null' in page  # every node in the one, uncoloured group
    refused = run_cli("graph", "--category", "core", cwd=corpus)
    assert refused.code == 2
    assert refused.err == (
        "Error: --category needs a field to group cards by, and the schema's "
        "x-cardlint.group_fields is empty\n"
    )


@pytest.mark.parametrize(
    ("extension", "message"),
    [
        (
            {"group_fields": ["categroy"]},
            "x-cardlint.group_fields: 'categroy' is not a property of the schema "
            "(did you mean 'category'?)",
        ),
        ({"group_fields": ["category", "category"]}, "group_fields lists 'category' twice"),
        ({"group_fields": "category"}, "x-cardlint.group_fields: Input should be a valid list"),
        ({"group_fields": [1]}, "x-cardlint.group_fields.0: Input should be a valid string"),
    ],
)
def test_a_wrong_group_field_exits_2_naming_it(
    tmp_path: Path, extension: dict[str, Any], message: str
) -> None:
    corpus = _corpus(tmp_path, **extension)
    for command in ("check", "stats", "graph"):
        result = run_cli(command, cwd=corpus)
        assert result.code == 2, command
        assert message in result.err, result.err


def test_a_group_field_declared_in_a_branch_of_the_schema_is_a_property(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, group_fields=["tier"])
    schema_file = corpus / "schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["allOf"] = [{"properties": {"tier": {"type": "string"}}}]
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    assert "By " not in _ok("stats", cwd=corpus)


@pytest.mark.parametrize(
    ("command", "field", "message"),
    [
        ("stats", "reference", "the table of 'reference' would take the JSON key 'references'"),
        ("graph", "path", "the graph cannot group by 'path', a key its JSON nodes already use"),
    ],
)
def test_a_group_field_whose_json_key_is_taken_exits_2(
    tmp_path: Path, command: str, field: str, message: str
) -> None:
    corpus = _grouped_by_a_new_field(tmp_path, field)
    result = run_cli(command, "--format", "json", cwd=corpus)
    assert result.code == 2
    assert message in result.err
    assert run_cli(
        command, "--format", "text" if command == "stats" else "dot", cwd=corpus
    ).code in (
        0,
        1,
    )


def test_an_empty_corpus_shows_each_table_empty(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, group_fields=["difficulty", "level"])
    for card in (corpus / "cards").iterdir():
        card.unlink()
    assert json.loads(_ok("stats", "--format", "json", cwd=corpus))["difficulties"] == {}
    text = _ok("stats", cwd=corpus)
    assert "By difficulty\nBy level\nReferences per card\n" in text


def _grouped_by_a_new_field(tmp_path: Path, field: str) -> Path:
    """The corpus grouped by `field`, a string property the schema gains, which card a has."""
    corpus = _corpus(tmp_path, group_fields=[field])
    schema_file = corpus / "schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["properties"][field] = {"type": "string"}
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    card = corpus / "cards" / "a.md"
    card.write_text(
        card.read_text(encoding="utf-8").replace("id: a\n", f"id: a\n{field}: x\n"),
        encoding="utf-8",
    )
    return corpus
