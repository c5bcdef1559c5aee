"""`cardlint new ID`: a card complete in structure whose gaps `cardlint check` points at."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli, summary
from tests.proposals import SCHEMA, write_proposals


def _codes(project: Path, card: str, *options: str) -> list[str]:
    document = run_cli("check", "--format", "json", *options, card, cwd=project).json()
    found = document["violations"]
    assert isinstance(found, list)
    return sorted(v["code"] for v in found)


def test_new_card_has_the_schema_fields_in_order_and_passes_the_structure_rules(
    corpus: Path,
) -> None:
    result = run_cli("new", "diffusion-model", cwd=corpus)

    assert result.code == 0, result.err
    assert "Wrote cards/diffusion-model.md" in result.out
    text = (corpus / "cards" / "diffusion-model.md").read_text(encoding="utf-8")
    front = text.split("---\n")[1].splitlines()
    assert [line.split(":")[0] for line in front] == [
        "concept_id",
        "concept_name_zh",
        "concept_name_en",
        "category",
        "difficulty",
        "introduced",
        "paper",
        "related_concepts",
    ]
    assert "concept_id: diffusion-model" in front
    assert "related_concepts: []" in front
    assert "\n## 为什么重要？\n\nTODO: write this section.\n" in text
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert (
        _codes(corpus, "cards/diffusion-model.md", "--select", "CL2", "--extend-select", "CL208")
        == []
    )


def test_what_the_author_must_fill_in_is_reported_with_hints(corpus: Path) -> None:
    run_cli("new", "diffusion-model", cwd=corpus)
    result = run_cli("check", "cards/diffusion-model.md", cwd=corpus)
    assert result.code == 1
    assert "CL103 category: '' is not one of architecture, training, " in result.out
    assert "CL103 difficulty: '' is not one of beginner, intermediate, advanced" in result.out
    assert "CL106 concept_name_zh: must not be empty" in result.out
    assert "CL501 introduced: '' is not a year" in result.out
    assert "CL401 'paper' is empty" in result.out
    assert "CL402 section '参考资料' lists no references" in result.out


def test_given_values_fill_the_fields_and_headings(corpus: Path) -> None:
    result = run_cli(
        "new",
        "flow-matching",
        "--name-zh",
        "流匹配",
        "--name-en",
        "Flow Matching: a guide",
        "--category",
        "training",
        "--difficulty",
        "advanced",
        cwd=corpus,
    )
    assert result.code == 0, result.err
    text = (corpus / "cards" / "flow-matching.md").read_text(encoding="utf-8")
    assert "concept_name_en: 'Flow Matching: a guide'\ncategory: training\n" in text
    assert "\n# 流匹配 (Flow Matching: a guide)\n\n## 什么是流匹配？\n" in text
    assert _codes(corpus, "cards/flow-matching.md", "--extend-select", "CL208") == [
        "CL401",
        "CL402",
        "CL501",
    ]


def test_path_names_a_folder_or_a_file(corpus: Path) -> None:
    (corpus / "drafts").mkdir()
    one = run_cli("new", "one", "--path", "drafts", cwd=corpus)
    assert (one.code, one.out.startswith("Wrote drafts/one.md;")) == (0, True), one.out + one.err
    assert "concept_id: one\n" in (corpus / "drafts" / "one.md").read_text(encoding="utf-8")
    two = run_cli("new", "two", "--path", "drafts/second.md", cwd=corpus)
    assert (two.code, two.out.startswith("Wrote drafts/second.md;")) == (0, True), two.out
    assert "concept_id: two\n" in (corpus / "drafts" / "second.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args, message",
    [
        (["clip"], "a card with the id 'clip' already exists: cards/clip.md"),
        (["Not_Kebab"], "'Not_Kebab' is not a valid concept_id"),
        (["fresh", "--category", "trainin"], "category: 'trainin' is not one of architecture,"),
        (
            ["fresh", "--difficulty", "expert"],
            "difficulty: 'expert' is not one of beginner, intermediate, advanced "
            "(did you mean 'advanced'?)",
        ),
        (["fresh", "--path", "cards/clip.md"], "cards/clip.md already exists; not overwritten"),
        (["fresh", "--path", "nowhere/fresh.md"], "nowhere: no such folder"),
        (["fresh", "--name-zh", "注意\n力"], "'注意\\u000a力' must be on one line"),
    ],
)
def test_new_refuses_with_a_clear_message(corpus: Path, args: list[str], message: str) -> None:
    before = {p.name: p.read_bytes() for p in (corpus / "cards").iterdir()}
    result = run_cli("new", *args, cwd=corpus)
    assert result.code == 2
    assert message in result.err
    assert {p.name: p.read_bytes() for p in (corpus / "cards").iterdir()} == before


def test_the_configured_card_folder_is_created_when_missing(corpus: Path) -> None:
    (corpus / "cardlint.toml").write_text('roots = ["notes", "drafts"]\n', encoding="utf-8")
    result = run_cli("new", "fresh", cwd=corpus)
    assert (result.code, result.err) == (0, ""), result.err
    assert (corpus / "notes" / "fresh.md").is_file() and not (corpus / "drafts").exists()


def test_a_project_without_cards_gets_a_cards_folder(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Notes\n", encoding="utf-8")
    result = run_cli("new", "fresh", cwd=tmp_path)
    assert (result.code, result.err) == (0, ""), result.err
    assert result.out.startswith("Wrote cards/fresh.md;")
    # The check finds the new card where it was written: an orphan (a warning), nothing worse.
    checked = run_cli("check", "--select", "CL3", cwd=tmp_path)
    assert checked.out.startswith("cards/fresh.md:2:13: CL307 ")
    assert (checked.code, summary(checked)) == (0, "Found 0 errors and 1 warning in 1 of 1 card.")


def test_a_project_keeping_its_cards_at_its_root_gets_the_card_there(corpus: Path) -> None:
    for card in (corpus / "cards").iterdir():
        card.rename(corpus / card.name)
    (corpus / "cards").rmdir()
    assert run_cli("new", "fresh", cwd=corpus).out.startswith("Wrote fresh.md;")


def _integer_proposals(root: Path, file_name: str = "eip-{eip}.md") -> Path:
    properties = {**SCHEMA["properties"], "eip": {"type": "integer"}}
    extension = {**SCHEMA["x-cardlint"], "file_name": file_name}
    return write_proposals(root, {**SCHEMA, "properties": properties, "x-cardlint": extension})


def test_a_new_proposal_is_named_by_the_template_with_an_integer_id(tmp_path: Path) -> None:
    project = _integer_proposals(tmp_path)
    result = run_cli("new", "7702", cwd=project)
    assert result.code == 0, result.err
    assert result.out.startswith("Wrote cards/eip-7702.md;")
    text = (project / "cards" / "eip-7702.md").read_text(encoding="utf-8")
    assert text.startswith("---\neip: 7702\ntitle: ''\n---\n")  # a block mapping, not `{...}`
    assert run_cli("check", "--select", "CL3", cwd=project).code == 0
    taken = run_cli("new", "1559", cwd=project)
    assert (taken.code, taken.err) == (
        2,
        "Error: a card with the id '1559' already exists: cards/eip-1559.md\n",
    )


def test_a_template_field_not_given_needs_the_file_named(tmp_path: Path) -> None:
    project = _integer_proposals(tmp_path, "{eip:04d}-{slug}.md")
    refused = run_cli("new", "42", cwd=project)
    assert refused.code == 2
    assert "the file name '{eip:04d}-{slug}.md' needs slug; give its file name with --path" in (
        refused.err
    )
    assert run_cli("new", "42", "--path", "cards/0042-records.md", cwd=project).code == 0
    assert (project / "cards" / "0042-records.md").read_text("utf-8").startswith("---\neip: 42\n")
