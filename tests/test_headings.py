"""Required headings: what the structure rules say, in which order, and what they match.

The rule fixtures (tests/rules/CL2xx) and the diagnosis cases (tests/diagnosis/cases/heading-*)
pin where each finding is; these pin the words and the order, which they do not compare.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from cardlint import app
from cardlint.authoring.new_card import card_data, card_text
from cardlint.facts.edit_distance import within
from cardlint.facts.near_miss import Closeness, assign
from cardlint.facts.section_body import read
from cardlint.load.markdown import Heading
from cardlint.model import Report
from cardlint.schema.card_schema import Extension, load_schema
from cardlint.schema.files import SchemaLoadError
from cardlint.schema.sections import FirstParagraph
from cardlint.settings.request import CheckRequest
from tests.conftest import RULES, TODAY, run_cli

VALID = (RULES / "CL203" / "valid.md").read_text(encoding="utf-8")


def _check(tmp_path: Path, text: str, select: list[str] | None = None) -> Report:
    (tmp_path / "cards").mkdir(exist_ok=True)
    (tmp_path / "cards" / "card.md").write_text(text, encoding="utf-8")
    request = CheckRequest(cwd=tmp_path, cache=False, today=TODAY, select=select or [])
    return app.check(request)


def _without(text: str, *headings: str) -> str:
    """`text` less the sections under `headings` (each up to the next `## `)."""
    for heading in headings:
        start = text.index(heading)
        end = text.index("\n## ", start + 1)
        text = text[:start] + text[end + 1 :]
    return text


def test_sections_missing_at_one_place_come_in_the_schema_order(tmp_path: Path) -> None:
    # The English names sort the other way round, and the Chinese ones too.
    text = _without(VALID, "## 什么是注意力？", "## 为什么重要？")
    report = _check(tmp_path, text, ["CL203"])
    assert [v.message.split("'")[1] for v in report.violations] == [
        "什么是注意力？",
        "为什么重要？",
    ]


def test_a_missing_name_shows_as_its_field_never_as_a_template(tmp_path: Path) -> None:
    text = _without(VALID, "## 什么是注意力？").replace("concept_name_zh: 注意力\n", "")
    report = _check(tmp_path, text.replace("# 注意力 (Attention)\n", ""), ["CL1", "CL2"])
    shown = [f"{v.message} {v.hint}" for v in report.violations]
    assert not any("{" in line for line in shown), shown
    assert any("什么是<concept_name_zh>？" in line for line in shown), shown
    assert any("# <concept_name_zh> (Attention)" in line for line in shown), shown


@pytest.mark.parametrize(
    ("schema_title", "said"),
    [(True, "(the title is on line 12)"), (False, "(the first H1 is on line 12)")],
)
def test_a_second_h1_is_worded_for_the_schema(
    tmp_path: Path, schema_title: bool, said: str
) -> None:
    if not schema_title:
        schema = (RULES.parent.parent / "schemas" / "concept-card.schema.json").read_text()
        title = '"title": ["{concept_name_zh} ({concept_name_en})"],'
        (tmp_path / "card.schema.json").write_text(schema.replace(title, '"title": [],'))
        (tmp_path / "cardlint.toml").write_text('schema = "card.schema.json"\n')
    text = VALID.replace(
        "一段说明。\n\n## 关键技术", "一段说明。\n\n# 另一个标题\n\n## 关键技术", 1
    )
    [violation] = _check(tmp_path, text, ["CL202"]).violations
    assert violation.message == f"second H1 '另一个标题' {said}"


@pytest.mark.parametrize(
    ("written", "message", "safe"),
    [
        ("## 为什么重要", "heading '为什么重要' should read '为什么重要？'", True),
        ("## Why it matters?", "heading 'Why it matters?' should read 'Why it matters'", True),
        ("## 为什么很重要？", "heading '为什么很重要？' should read '为什么重要？'", False),
        ("### 为什么重要？", "heading '### 为什么重要？' should read '## 为什么重要？'", True),
        ("## **为什么重要**", "heading '为什么重要' should read '为什么重要？'", False),
    ],
)
def test_a_near_miss_says_what_the_heading_should_read(
    tmp_path: Path, written: str, message: str, safe: bool
) -> None:
    text = VALID.replace("## 为什么重要？", written)
    [violation] = _check(tmp_path, text, ["CL2"]).violations
    assert (violation.code, violation.message) == ("CL210", message)
    assert violation.fix is not None and violation.fix.safe is safe


def _heading(text: str, line: int, level: int = 2) -> Heading:
    return Heading(level, text, line, 1)


def test_the_nearest_heading_wins_and_stands_for_one_section() -> None:
    sections = [["为什么重要？", "Why it matters"], ["参考资料", "References"]]
    candidates = [
        _heading("为什么重要？", 3, level=3),
        _heading("为什么重要", 5),
        _heading("参考资料", 7, level=4),
    ]
    why, references = assign(sections, candidates, {})
    assert why is not None and (why.heading.line, why.closeness) == (5, Closeness.FORM)
    assert references is not None and references.closeness is Closeness.SAME


@pytest.mark.parametrize("text", ["优势", "原理", "2021: CLIP", "3. 通用组件", "✅ 优势", "…"])
def test_ordinary_subheadings_are_not_taken_for_sections(text: str) -> None:
    sections = [["优势与局限", "Strengths and limitations"], ["关键技术", "Key techniques"]]
    assert assign(sections, [_heading(text, 3, level=3), _heading(text, 5)], {}) == [None, None]


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def test_the_banded_edit_distance_agrees_with_the_full_one() -> None:
    rng = random.Random(15)
    for _ in range(5000):
        a, b = ("".join(rng.choices("ab为", k=rng.randint(0, 8))) for _ in range(2))
        limit = rng.randint(0, 3)
        assert within(a, b, limit) == (_distance(a, b) <= limit), (a, b, limit)


PROPOSAL: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["id", "title", "status"],
    "properties": {"status": {"enum": ["Draft", "Final", "Moved"]}, "category": {}},
    "x-cardlint": {
        "id_field": "id",
        "title_field": "title",
        "sections": [
            {
                "key": "abstract",
                "titles": ["Abstract"],
                "when": {"properties": {"status": {"not": {"const": "Moved"}}}},
            },
            {"key": "motivation", "titles": ["Motivation"], "required": False},
            {
                "key": "test_cases",
                "titles": ["Test Cases"],
                "when": {"properties": {"category": {"const": "Core"}}, "required": ["category"]},
                "min_items": 2,
            },
            {"key": "vectors", "titles": ["Vectors"], "level": 3},
            {
                "key": "copyright",
                "titles": ["Copyright"],
                "first_paragraph": {"equals": "Copyright waived via CC0."},
            },
        ],
    },
}


def _project(tmp_path: Path, schema: dict[str, object], card: str = "") -> Path:
    (tmp_path / "card.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (tmp_path / "cardlint.toml").write_text('schema = "card.schema.json"\n', encoding="utf-8")
    (tmp_path / "cards").mkdir(exist_ok=True)
    if card:
        (tmp_path / "cards" / "card.md").write_text(card, encoding="utf-8")
    return tmp_path / "card.schema.json"


def _sections(**changes: object) -> dict[str, object]:
    """PROPOSAL with its first section changed."""
    extension = PROPOSAL["x-cardlint"]
    first = {**extension["sections"][0], **changes}
    return {**PROPOSAL, "x-cardlint": {**extension, "sections": [first]}}


@pytest.mark.parametrize(
    ("schema", "said"),
    [
        (_sections(when={"type": 12}), "x-cardlint.sections.0.when (section 'abstract'): invalid"),
        (_sections(when=True), "x-cardlint.sections.0.when: Input should be a valid dictionary"),
        (_sections(level=1), "section 'abstract': level must be 2 to 6, not 1"),
        (_sections(level=7), "section 'abstract': level must be 2 to 6, not 7"),
        (_sections(required="sometimes"), "x-cardlint.sections.0.required: Input should be"),
        (_sections(min_items=0), "section 'abstract': min_items must be 1 or more"),
        (_sections(first_paragraph={}), "first_paragraph: give either equals or pattern"),
        (
            _sections(first_paragraph={"equals": "a", "pattern": "a"}),
            "first_paragraph: give either equals or pattern",
        ),
        (_sections(first_paragraph={"equal": "a"}), "first_paragraph.equal: unknown key"),
        (_sections(first_paragraph={"equals": "two\nlines"}), "equals must be text on one line"),
        (_sections(first_paragraph={"equals": " a"}), "equals must be text on one line"),
        (_sections(first_paragraph={"pattern": "("}), "pattern '(' is not a regex"),
        (
            _sections(first_paragraph={"equals": "a", "description": "an a"}),
            "description says what a pattern asks",
        ),
        (
            {**PROPOSAL, "x-cardlint": {**PROPOSAL["x-cardlint"], "title": ["{title}"]}},
            "x-cardlint: title_field: the title is either a field or a heading, not both",
        ),
    ],
)
def test_a_wrong_section_key_is_a_schema_error_naming_it(
    tmp_path: Path, schema: dict[str, object], said: str
) -> None:
    with pytest.raises(SchemaLoadError) as error:
        load_schema(_project(tmp_path, schema))
    assert said in str(error.value)


def test_a_wrong_section_key_is_exit_2_in_one_line(tmp_path: Path) -> None:
    _project(tmp_path, _sections(when={"type": 12}), VALID)
    result = run_cli("check", cwd=tmp_path)
    assert result.code == 2 and result.err.count("\n") == 1, result.err
    assert "x-cardlint.sections.0.when (section 'abstract')" in result.err


def test_the_section_keys_rebuild_from_their_record(tmp_path: Path) -> None:
    extension = load_schema(_project(tmp_path, PROPOSAL)).extension
    assert Extension.from_record(json.loads(json.dumps(extension.to_record()))) == extension
    paragraph = extension.sections[-1].first_paragraph
    assert isinstance(paragraph, FirstParagraph) and paragraph.equals is not None


_COPYRIGHT = (
    "CL212 the first paragraph of section 'Copyright' must read exactly 'Copyright waived via CC0.'"
)
CORE = """\
---
id: card
title: Fee market
status: Draft
category: Core
---

## Abstract

A fee market.

## Test Cases

- one

### Vectors

Numbers.

## Copyright

Copyright waived via CC0
"""


@pytest.mark.parametrize(
    ("card", "findings"),
    [
        (CORE, ["CL212 section 'Test Cases' lists 1 item; it needs at least 2", _COPYRIGHT]),
        (
            CORE.replace("category: Core\n", "").replace("### Vectors", "## Vectors"),
            ["CL210 heading '## Vectors' should read '### Vectors'", _COPYRIGHT],
        ),
        (
            CORE.replace("status: Draft", "status: Moved").replace("## Abstract", "# Abstract"),
            [
                "CL213 H1 'Abstract' in the body: the title is front-matter field 'title', so the "
                "body must have no H1",
                "CL212 section 'Test Cases' lists 1 item; it needs at least 2",
                _COPYRIGHT,
            ],
        ),
        (
            CORE.replace("### Vectors\n\nNumbers.\n\n", "").replace("- one", "- one\n- two"),
            ["CL203 missing section 'Vectors' (expected after '## Test Cases')", _COPYRIGHT],
        ),
        (
            CORE.replace("## Test Cases", "## Motivation\n\nWhy.\n\n## Test Cases", 1)
            .replace("- one", "- one\n- two")
            .replace("Copyright waived via CC0", "Copyright waived via CC0."),
            [],
        ),
    ],
)
def test_what_the_section_keys_say(tmp_path: Path, card: str, findings: list[str]) -> None:
    _project(tmp_path, PROPOSAL, card)
    report = app.check(CheckRequest(cwd=tmp_path, cache=False, today=TODAY, select=["CL2"]))
    assert [f"{v.code} {v.message}" for v in report.violations] == findings


def test_a_new_card_meets_the_section_keys(tmp_path: Path) -> None:
    schema = load_schema(_project(tmp_path, PROPOSAL))
    text = card_text(schema, card_data(schema, "card", {"title": "Fee market", "category": "Core"}))
    assert "\n# " not in text and "\n### Vectors\n" in text and "Motivation" not in text
    assert "\nCopyright waived via CC0.\n" in text and "\n- TODO\n- TODO\n" in text
    (tmp_path / "cards" / "card.md").write_text(text, encoding="utf-8")
    report = app.check(CheckRequest(cwd=tmp_path, cache=False, today=TODAY, select=["CL2"]))
    assert report.violations == ()


_BLOCK_LINES = [
    "Text",
    "more text",
    "",
    "- item",
    "  continued",
    "1. first",
    "* other",
    "    indented",
    "> quote",
    "```",
    "<!-- a comment",
    "-->",
    "<div>",
    "[label]:",
    "/url",
    "---",
    "===",
    "\tlazy",
    "   - spaced item",
    "#hashtag",
    "-dash",
    "**bold**",
    "2) second",
    "~~~",
]


def test_a_section_read_in_steps_reads_as_read_whole() -> None:
    rng = random.Random(17)
    for _ in range(1000):
        lines = ["## Section", *rng.choices(_BLOCK_LINES, k=rng.randint(0, 14))]
        enough = rng.randint(0, 4)
        whole = read(lines, 1, True, enough, size=len(lines))
        stepped = read(lines, 1, True, enough, size=rng.randint(1, 3))
        assert stepped.paragraph == whole.paragraph, lines
        assert min(stepped.items, enough) == min(whole.items, enough), lines


def test_a_section_with_no_line_that_may_start_a_paragraph_has_none_as_parsed_whole() -> None:
    """The look at each line's start that spares parsing a megabyte of list items agrees
    with markdown-it's parse of the whole section on whether it has a top-level paragraph."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").disable("inline")
    rng = random.Random(19)
    for _ in range(2000):
        lines = ["## Section", *rng.choices(_BLOCK_LINES, k=rng.randint(0, 10))]
        tokens = parser.parse("\n".join(lines))
        parsed = any(t.type == "paragraph_open" and t.level == 0 for t in tokens)
        assert (read(lines, 1, True, 0).paragraph is not None) == parsed, lines
