"""YAML mistakes are named in words, at the token the author must edit."""

from __future__ import annotations

import pytest

from cardlint.load.card import Card, parse_card
from cardlint.load.read import decode


def _card(front: str) -> Card:
    return parse_card("card.md", decode(f"---\n{front}---\n\n# 标题\n".encode()))


@pytest.mark.parametrize(
    ("front", "line", "column", "message", "hint"),
    [
        (
            "concept_id: x\nconcept_name_en: Guidance: Classifier-Free\n",
            3,
            18,
            "the value of 'concept_name_en' holds `: `",
            '`concept_name_en: "Guidance: Classifier-Free"`',
        ),
        ('concept_id: x\nname: "Attention\nkind: y\n', 3, 7, 'the `"` opened here', '`"`'),
        ("concept_id: x\nname: 'Attention\nkind: y\n", 3, 7, "the `'` opened here", "`'`"),
        # The quote closes the first value, and the next one is read as its end.
        ('concept_id: x\nname: "Attention\npaper: "B (2014)"\n', 3, 7, "never closed", '"'),
        ("concept_id: x\nname: 'Bahdanau's\n", 3, 16, "ends the quoted value early", "''"),
        ("concept_id: x\nrelated: [a, b\nkind: y\n", 3, 10, "list opened here", "`]`"),
        ("concept_id: x\nrelated: [a, b\n", 3, 10, "list opened here", "`]`"),
        ("concept_id: x\nmeta: {a: b\n", 3, 7, "mapping opened here", "`}`"),
        ("concept_id: x\nrelated:\n\t- a\n", 4, 1, "a tab indents this line", "spaces"),
        ("concept_id: x\n\tkind: y\n", 3, 1, "a tab indents this line", "spaces"),
        ("concept_id: x\n kind: y\n", 3, 1, "indented by 1 space", "at the margin like line 2"),
        ("related:\n  - a\n - b\nkind: y\n", 4, 1, "indented by 1 space", "2 spaces like line 3"),
        ("concept_id: x\ndifficulty:advanced\nkind: y\n", 3, 12, "no space after", "y: adv"),
        ("concept_id: x\ndifficulty:advanced\n", 3, 12, "no space after `difficulty:`", ""),
        ("concept_id: x\nconcept_name_en Attention\n", 3, 16, "no `:` after", "en: Att"),
        # The first key without its space: YAML reads it on, to the next key's colon.
        ("concept_id:x\nkind: y\n", 2, 12, "no space after `concept_id:`", "id: x`"),
        ("名字:注意力\nkind: y\n", 2, 4, "no space after `名字:`", "`名字: 注意力`"),
        ("名字: x\nconcept_name_zh: 注意力: 机制\n", 3, 18, "holds `: `", '"注意力: 机制"'),
        ("concept_id: x\nhandle: @me\n", 3, 9, "cannot start with `@`", "quote"),
        # libyaml counts U+2028 as a line break; the card's lines do not.
        ('a: "x\u2028y"\nb: Guidance: Free\n', 3, 4, "holds `: `", '"Guidance: Free"'),
        ("concept_id: x\npaper: **bold**\n", 3, 8, "read as a YAML alias", "quote"),
    ],
)
def test_common_mistakes_are_named_where_the_author_acts(
    front: str, line: int, column: int, message: str, hint: str
) -> None:
    [problem] = _card(front).problems
    assert problem.rule == "invalid-yaml"
    assert (problem.position.line, problem.position.column) == (line, column)
    assert message in problem.message
    assert problem.hint is not None and hint in problem.hint
    assert "(YAML: " in problem.hint  # the parser's own words follow


def test_a_mistake_not_recognised_keeps_the_parsers_words_and_place() -> None:
    [problem] = _card("concept_id: x\n? [a, b]\n: c\n").problems
    assert problem.message == "a mapping key must be a plain value, not a list or mapping"


def test_a_multiline_flow_list_that_closes_is_not_called_unclosed() -> None:
    assert _card("related: [a,\n  b]\nkind: y\n").problems == ()


@pytest.mark.parametrize("front", ["[\n", "{\n", "- [\n", "a:\n  - b\n -\n"])
def test_errors_at_the_end_of_the_front_matter_are_explained_without_a_crash(front: str) -> None:
    [problem] = _card(front).problems
    assert problem.rule == "invalid-yaml" and "``" not in problem.message
