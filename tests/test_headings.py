"""Required headings: what the structure rules say, in which order, and what they match.

The rule fixtures (tests/rules/CL2xx) and the diagnosis cases (tests/diagnosis/cases/heading-*)
pin where each finding is; these pin the words and the order, which they do not compare.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from cardlint import app
from cardlint.facts.edit_distance import within
from cardlint.facts.near_miss import Closeness, assign
from cardlint.load.markdown import Heading
from cardlint.model import Report
from cardlint.settings.request import CheckRequest
from tests.conftest import RULES, TODAY

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
