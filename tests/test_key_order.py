"""CL107 and its fix through the real command: keys reordered surgically, each with its block."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

ORDER = ["eip", "title", "description", "author", "status", "type", "created", "requires"]

CASES = {
    "comments and block lists": (
        "# The preamble comment stays first.\n"
        "\n"
        "eip: 1\n"
        "# how the proposal is called\n"
        "title: Comments travel  # a trailing comment\n"
        "status: Draft\n"
        "requires:\n"
        "  - 2\n"
        "  # a comment inside the list\n"
        "  - 3\n"
        "\n"
        "# the author, under a blank line\n"
        "author: Someone\n"
        "type: Meta\n"
        "created: 2021-01-01\n"
        "# a closing comment stays last\n",
        # The blank line between blocks stays where it was, after the fourth key.
        "# The preamble comment stays first.\n"
        "\n"
        "eip: 1\n"
        "# how the proposal is called\n"
        "title: Comments travel  # a trailing comment\n"
        "# the author, under a blank line\n"
        "author: Someone\n"
        "status: Draft\n"
        "\n"
        "type: Meta\n"
        "created: 2021-01-01\n"
        "requires:\n"
        "  - 2\n"
        "  # a comment inside the list\n"
        "  - 3\n"
        "# a closing comment stays last\n",
    ),
    "block scalars": (
        "eip: 2\n"
        "description: |\n"
        "  A literal block,\n"
        "  # which is text, not a comment,\n"
        "\n"
        "  with a blank line inside.\n"
        "title: >-\n"
        "  Folded\n"
        "  title\n"
        "status: Draft\n",
        "eip: 2\n"
        "title: >-\n"
        "  Folded\n"
        "  title\n"
        "description: |\n"
        "  A literal block,\n"
        "  # which is text, not a comment,\n"
        "\n"
        "  with a blank line inside.\n"
        "status: Draft\n",
    ),
    "flow mappings and lists": (
        "requires: {first: 1,\n  second: [2, 3]}\n"
        "type: [Meta, {nested: true}]\n"
        "eip: 3\n"
        "title: 'Quoted: yes'\n",
        "eip: 3\n"
        "title: 'Quoted: yes'\n"
        "type: [Meta, {nested: true}]\n"
        "requires: {first: 1,\n  second: [2, 3]}\n",
    ),
    "unlisted keys keep their places": (
        "x-first: 1\nstatus: Draft\nx-middle: 2\neip: 4\nx-last: 3\n",
        "x-first: 1\neip: 4\nx-middle: 2\nstatus: Draft\nx-last: 3\n",
    ),
}


def _project(tmp_path: Path, cards: dict[str, str], newline: str = "\n") -> Path:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {name: {} for name in ORDER},
        "x-cardlint": {"id_field": "eip", "key_order": ORDER},
    }
    (tmp_path / "schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (tmp_path / "cardlint.toml").write_text(
        'schema = "schema.json"\nselect = ["CL107"]\n', encoding="utf-8"
    )
    (tmp_path / "cards").mkdir()
    for name, front in cards.items():
        text = f"---\n{front}---\n\nBody.\n".replace("\n", newline)
        (tmp_path / "cards" / name).write_bytes(text.encode("utf-8"))
    return tmp_path


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_fix_moves_each_key_with_its_block(tmp_path: Path, case: str, newline: str) -> None:
    before, after = CASES[case]
    project = _project(tmp_path, {"card.md": before}, newline)
    card = project / "cards" / "card.md"

    fixed = run_cli("check", "--fix", cwd=project)
    assert fixed.code == 0, fixed.out
    assert fixed.err == "Fixed 1 violation in 1 card.\n"
    assert card.read_bytes() == f"---\n{after}---\n\nBody.\n".replace("\n", newline).encode()

    again = run_cli("check", "--fix", cwd=project)
    assert (again.code, again.err) == (0, "No fixes to apply.\n")
    assert card.read_bytes() == f"---\n{after}---\n\nBody.\n".replace("\n", newline).encode()


def test_one_finding_at_the_first_key_out_of_order(tmp_path: Path) -> None:
    before, _ = CASES["comments and block lists"]
    project = _project(tmp_path, {"card.md": before})
    result = run_cli("check", cwd=project)
    assert result.code == 1
    assert result.out.splitlines()[:2] == [
        "cards/card.md:14:1: CL107 [*] key 'author' is out of order: it belongs before "
        "'status' (line 7)",
        "    hint: the schema orders these keys: eip, title, author, status, type, created, "
        "requires",
    ]
    assert "Found 1 error" in result.out


def test_diff_shows_the_moves_and_writes_nothing(tmp_path: Path) -> None:
    project = _project(tmp_path, {"card.md": "title: T\neip: 5\n"})
    card = project / "cards" / "card.md"
    before = card.read_bytes()
    shown = run_cli("check", "--diff", cwd=project)
    assert shown.code == 1
    assert shown.out == (
        "--- a/cards/card.md\n+++ b/cards/card.md\n@@ -1,6 +1,6 @@\n ---\n+eip: 5\n"
        " title: T\n-eip: 5\n ---\n \n Body.\n"
    )
    assert card.read_bytes() == before


@pytest.mark.parametrize(
    "front",
    [
        # `|+` keeps the blank line after it: moved, the value would lose it.
        "title: |+\n  kept\n\neip: 6\n",
        # The line that looks like a comment is the quoted title's second line.
        'title: "one\n# two"\neip: 7\n',
        # A key line inside a flow mapping: no block per key to move.
        "{title: T,\n eip: 8}\n",
    ],
)
def test_a_layout_the_fix_cannot_follow_is_reported_without_a_fix(
    tmp_path: Path, front: str
) -> None:
    project = _project(tmp_path, {"card.md": front})
    card = project / "cards" / "card.md"
    before = card.read_bytes()
    result = run_cli("check", "--fix", cwd=project)
    assert result.code == 1
    assert " CL107 key 'eip' is out of order: it belongs before 'title'" in result.out
    assert result.err == "No fixes to apply.\n"
    assert card.read_bytes() == before


def test_key_order_must_name_properties(tmp_path: Path) -> None:
    project = _project(tmp_path, {"card.md": "eip: 1\n"})
    schema_file = project / "schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["x-cardlint"]["key_order"] = ["eip", "titel"]
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.code == 2
    assert result.err == (
        f"Error: {schema_file}: x-cardlint.key_order: 'titel' is not a property of the schema "
        "(did you mean 'title'?)\n"
    )
