"""Card types end to end, on a copy of examples/history: the configuration's mistakes, a warm
run that keeps each card's type, and the commands that read types (new, stats, rename)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run_cli

HISTORY = REPO / "examples" / "history"


@pytest.fixture
def history(tmp_path: Path) -> Path:
    project = tmp_path / "history"
    shutil.copytree(HISTORY, project, ignore=shutil.ignore_patterns(".cardlint*"))
    return project


def _configure(project: Path, old: str, new: str) -> None:
    config = project / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "[tool.cardlint.types.model]",
            "[tool.cardlint.types.'mo del']",
            "types: 'mo del' cannot name a card type",
        ),
        (
            'schema = "schemas/model.schema.json"',
            'shema = "x"',
            "types.model.shema: unknown key (did you mean 'schema'?)",
        ),
        (
            'schema = "schemas/model.schema.json"',
            'schema = "schemas/modle.schema.json"',
            "types.model.schema: no file 'schemas/modle.schema.json' (did you mean",
        ),
        ('files = ["cards/models/*.md"]', 'files = "cards/models"', "types.model.files: Input"),
    ],
)
def test_a_type_configured_wrong_exits_2_naming_the_key(
    history: Path, old: str, new: str, message: str
) -> None:
    _configure(history, old, new)
    result = run_cli("check", "--no-cache", cwd=history)
    assert result.code == 2
    assert message in result.err, result.err


def test_a_type_field_without_types_exits_2(tmp_path: Path) -> None:
    (tmp_path / "cards").mkdir()
    (tmp_path / "cardlint.toml").write_text('type-field = "type"\n', encoding="utf-8")
    result = run_cli("check", cwd=tmp_path)
    assert result.code == 2
    assert "add the types ([tool.cardlint.types.NAME])" in result.err


def test_a_schema_naming_a_type_the_configuration_lacks_exits_2(history: Path) -> None:
    schema = history / "schemas" / "paper.schema.json"
    text = schema.read_text(encoding="utf-8")
    schema.write_text(text.replace('"types": ["person"]', '"types": ["persn"]'), encoding="utf-8")
    result = run_cli("check", "--no-cache", cwd=history)
    assert result.code == 2
    assert "reference_fields[0].types: 'persn' is not a card type (did you mean 'person'?)" in (
        result.err
    )


def test_a_warm_run_reports_what_a_cold_one_did(history: Path) -> None:
    cold = run_cli("check", "--format", "json", cwd=history)
    warm = run_cli("check", "--format", "json", cwd=history)
    codes = sorted(v["code"] for v in cold.json()["violations"])
    assert "CL312" in codes and "CL006" in codes
    assert warm.json()["violations"] == cold.json()["violations"]


def test_moving_a_card_to_another_type_is_seen_on_a_warm_run(history: Path) -> None:
    """A card keeps its bytes but not its type when the configuration changes: the cache
    must not hand back the old type's results."""
    run_cli("check", cwd=history)
    _configure(history, 'files = ["cards/papers/*.md"]', 'files = ["cards/paper/*.md"]')
    result = run_cli("check", "--format", "json", cwd=history)
    paths = {v["path"] for v in result.json()["violations"]}
    # The papers are now concepts by default: each one is reported against that schema.
    assert sum(p.startswith("cards/papers/") for p in paths) == 5


def test_stats_count_cards_by_type(history: Path) -> None:
    document = run_cli("stats", "--format", "json", cwd=history).json()
    assert document["types"] == {
        "paper": 5,
        "concept": 4,
        "model": 4,
        "person": 4,
        "unknown type": 1,
    }


def test_new_writes_a_card_of_a_type_into_its_folder(history: Path) -> None:
    result = run_cli("new", "yann-andre-lecun", "--type", "person", cwd=history)
    assert result.code == 0, result.err
    written = history / "cards" / "people" / "yann-andre-lecun.md"
    assert written.is_file()
    checked = run_cli("check", "--no-cache", "--format", "json", written.as_posix(), cwd=history)
    # Checked as a person: what is left to fill in are a person's fields.
    messages = " ".join(v["message"] for v in checked.json()["violations"])
    assert "affiliations" in messages


def test_new_with_a_type_that_is_not_one(history: Path) -> None:
    result = run_cli("new", "x", "--type", "persn", cwd=history)
    assert result.code == 2
    assert "--type: 'persn' is not a card type (did you mean 'person'?)" in result.err


def test_rename_uses_the_cards_own_type(history: Path) -> None:
    result = run_cli("rename", "geoffrey-hinton", "geoffrey-e-hinton", cwd=history)
    assert result.code == 0, result.err
    moved = history / "cards" / "people" / "geoffrey-e-hinton.md"
    assert "id: geoffrey-e-hinton" in moved.read_text(encoding="utf-8")
    papers = (history / "cards" / "papers").glob("*.md")
    assert any("geoffrey-e-hinton" in p.read_text(encoding="utf-8") for p in papers)


def test_completion_in_a_typed_field_offers_only_cards_of_its_types(history: Path) -> None:
    from cardlint.lsp.features import completion_items
    from cardlint.lsp.positions import DocumentText
    from cardlint.lsp.projects import Project
    from cardlint.lsp.slots import reference_slot
    from cardlint.model import Position

    project = Project(history)
    path = history / "cards" / "papers" / "vaswani-2017.md"
    text = path.read_text(encoding="utf-8")
    own = project.card_path(path)
    assert own is not None
    linted = project.lint(own, text)
    document = DocumentText.of(text)
    line = next(n for n, t in enumerate(document.lines, 1) if t.startswith("authors:"))
    at = Position(line, document.line(line).index("[") + 2)
    slot = reference_slot(document.lines, at, ["authors"])
    assert slot is not None and slot.field == "authors"
    people = {"ashish-vaswani", "geoffrey-hinton", "yann-lecun", "yoshua-bengio"}
    typed = completion_items(slot, at, linted.index, "vaswani-2017", document, ["person"])
    assert {item.label for item in typed} <= people
    anything = completion_items(slot, at, linted.index, "vaswani-2017", document)
    assert {item.label for item in anything} > {item.label for item in typed}


def test_a_wrong_type_hint_names_the_field_that_takes_it() -> None:
    folder = REPO / "tests" / "rules" / "CL312" / "types"
    result = run_cli("check", "--no-cache", "--format", "json", cwd=folder)
    hints = {v["path"]: v["hint"] for v in result.json()["violations"] if v["code"] == "CL312"}
    assert hints == {
        # A person in a paper's `cites`: its `authors` takes persons.
        "papers/lenet.md": "list the id of a paper card here, or move 'hinton' to authors",
        # No field of a person card takes persons.
        "people/hinton.md": "list the id of a paper card here, or remove 'lecun'",
    }


def test_graph_groups_cards_by_type(history: Path) -> None:
    whole = run_cli("graph", "--format", "json", cwd=history).json()
    kinds = {node["id"]: node["type"] for node in whole["nodes"] if not node["missing"]}
    assert kinds["vaswani-2017"] == "paper" and kinds["yann-lecun"] == "person"
    people = run_cli("graph", "--format", "json", "--category", "person", cwd=history).json()
    assert {n["type"] for n in people["nodes"] if not n["missing"]} == {"person"}


def test_a_default_type_card_listing_a_wrong_type_is_reported(history: Path) -> None:
    """A card no type claims is checked against the default schema, whose typed fields are
    typed too: a concept outside the concept folder listing a model as a key paper."""
    card = (history / "cards" / "concepts" / "backpropagation.md").read_text(encoding="utf-8")
    misplaced = card.replace("id: backpropagation", "id: chain-rule").replace(
        "key_papers: [rumelhart-1986]", "key_papers: [alexnet]"
    )
    (history / "cards" / "chain-rule.md").write_text(misplaced, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--format", "json", "cards/chain-rule.md", cwd=history)
    found = [(v["line"], v["code"]) for v in result.json()["violations"]]
    assert (5, "CL312") in found, found
