"""The formats in `examples/`: each folder is a project of its own (a `pyproject.toml`, its
schema, its cards), and `cardlint check` run there reports exactly the mistakes planted in
its cards, marked inline as rule fixtures mark theirs (see tests/rules/README.md).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import REPO, expected_violations, run_cli

EXAMPLES = REPO / "examples"
FORMATS = sorted(p for p in EXAMPLES.iterdir() if (p / "pyproject.toml").is_file())

Violation = tuple[str, int, int, str]


def cards(folder: Path) -> list[Path]:
    """The example's cards: every Markdown file but its README."""
    return sorted(p for p in folder.rglob("*.md") if p.name != "README.md")


def planted(folder: Path) -> Counter[Violation]:
    return Counter(
        (card.relative_to(folder).as_posix(), line, column, code)
        for card in cards(folder)
        for line, column, code in expected_violations(card)
    )


def test_the_examples_are_found() -> None:
    assert [p.name for p in FORMATS] == ["eip", "history", "madr"]


@pytest.mark.parametrize("folder", FORMATS, ids=lambda p: p.name)
def test_check_reports_exactly_the_planted_mistakes(folder: Path) -> None:
    result = run_cli("check", "--no-cache", "--format", "json", cwd=folder)
    assert result.code == 1, result.err
    reported = Counter(
        (v["path"], v["line"], v["column"], v["code"]) for v in result.json()["violations"]
    )
    assert reported == planted(folder)


@pytest.mark.parametrize("folder", FORMATS, ids=lambda p: p.name)
def test_each_mistake_is_planted_in_a_card_of_its_own(folder: Path) -> None:
    marks = {card.name: len(expected_violations(card)) for card in cards(folder)}
    assert max(marks.values()) == 1
    assert list(marks.values()).count(0) >= 3, "an example needs correct cards too"


def test_the_proposal_example_plants_each_cross_card_mistake() -> None:
    """Issue 17's bar for the EIP-1 schema: a `requires` naming no proposal, a proposal
    requiring itself, a number that differs from the file name, two proposals with one
    number, headers out of order and a missing mandatory section."""
    codes = {code for _, _, _, code in planted(EXAMPLES / "eip")}
    assert {"CL301", "CL302", "CL305", "CL304", "CL107", "CL203"} <= codes


def test_the_history_example_plants_each_card_type_mistake() -> None:
    """Issue 17's card types: a reference to a card of the wrong type and a type field that
    names no type, besides a type's own missing field and section."""
    codes = {code for _, _, _, code in planted(EXAMPLES / "history")}
    assert {"CL312", "CL006", "CL101", "CL203", "CL301"} <= codes
