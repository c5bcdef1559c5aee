"""Where the front matter ends: an unclosed one is one problem at line 1, never a YAML error
from the body it ran into, and leaves no body for the structure rules to judge."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cardlint.index.corpus_index import CorpusIndex
from cardlint.load.card import Card, parse_card
from cardlint.load.read import decode
from cardlint.rules import Context
from cardlint.rules.cl002_missing_front_matter import RULE
from cardlint.schema.card_schema import default_schema_path, load_schema
from tests.conftest import run_cli

FIELDS = "---\nconcept_id: clip\nrelated_concepts: [a, b]\n"
BODY = (
    "# 标题 (Title)\n\n## 什么是？\n\n**CLIP** is *the* model: it reads.\n\n"
    "---\n\n**创建日期**: 2025-10-17\n"
)


def _card(text: str) -> Card:
    return parse_card("card.md", decode(text.encode()))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (FIELDS + "\n" + BODY, "front matter is not closed: add `---` after line 3"),
        (FIELDS + BODY, "front matter is not closed: add `---` after line 3"),
        (FIELDS + "\n\nSome prose, no heading.\n\n---\n", "add `---` after line 3"),
        (FIELDS, "front matter is not closed: add `---` after line 3"),
        ("---\n", "front matter is not closed: add `---` after line 1"),
        (FIELDS + "...\n\n" + BODY, "use `---` instead of `...` on line 4"),
        (FIELDS + "...\n", "use `---` instead of `...` on line 4"),
    ],
)
def test_an_unclosed_front_matter_is_one_problem_and_no_body(text: str, message: str) -> None:
    card = _card(text)
    [problem] = card.problems
    assert (problem.rule, problem.position.line, problem.position.column) == (
        "missing-front-matter",
        1,
        1,
    )
    assert problem.message.startswith("front matter is not closed: ")
    assert problem.message.endswith(message)
    assert card.front_matter is None and card.body is None
    assert card.text_after(card.front_matter_end) == ""  # no footer, no directives to read


@pytest.mark.parametrize(
    "front",
    [
        # A comment that looks like a heading, with fields after it.
        "concept_id: clip\n\n# cardlint: disable=CL103\ndifficulty: expert\n",
        # YAML's document end right before the closing `---`.
        "concept_id: clip\n...\n",
    ],
)
def test_front_matter_that_closes_is_read(front: str) -> None:
    card = _card(f"---\n{front}---\n\n{BODY}")
    assert card.problems == () and card.body is not None


def test_blank_lines_before_the_fields_do_not_make_what_follows_body() -> None:
    # Found by tests/test_properties.py: the same card must mean the same with them.
    card = "---\n---------\nconcept_id: x\n---\n"
    spaced = card.replace("---\n", "---\n\n\n", 1)
    assert [p.rule for p in _card(card).problems] == ["invalid-yaml"]
    assert [p.rule for p in _card(spaced).problems] == ["invalid-yaml"]


def test_a_yaml_error_inside_front_matter_that_runs_on_is_still_a_yaml_error() -> None:
    [problem] = _card('---\nconcept_id: "clip\n\n' + BODY).problems
    assert (problem.rule, problem.position.line, problem.position.column) == (
        "invalid-yaml",
        2,
        13,
    )


def test_no_front_matter_leaves_no_body_to_judge() -> None:
    card = _card("# README\n\n## Usage\n")
    assert [p.rule for p in card.problems] == ["missing-front-matter"]
    assert card.body is None


@pytest.mark.parametrize(
    ("name", "text"),
    [("empty.md", ""), ("README.md", "# Cards\n\n## Usage\n\nRun cardlint.\n")],
)
def test_a_file_that_is_no_card_is_one_finding_with_the_exclusion_to_write(
    tmp_path: Path, name: str, text: str
) -> None:
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards" / name).write_text(text, encoding="utf-8")
    result = run_cli("check", "cards/", "--no-cache", "--format", "json", cwd=tmp_path)
    [violation] = result.json()["violations"]
    assert (violation["code"], violation["line"]) == ("CL002", 1)
    assert violation["message"].startswith("this file is not a card")
    assert f'`exclude = [".*", "node_modules", "{name}"]`' in violation["hint"]


def test_a_card_without_front_matter_is_not_called_no_card(tmp_path: Path) -> None:
    card = _card("# 注意力 (Attention)\n\n## 什么是注意力？\n\n一段说明。\n")
    ctx = Context(load_schema(default_schema_path()), CorpusIndex(), date(2026, 1, 1), tmp_path)
    [finding] = RULE.check(card, ctx)
    assert finding.message == "card has no front matter"
