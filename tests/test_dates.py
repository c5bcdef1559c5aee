from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cardlint.facts.dates import (
    DateIssue,
    Problem,
    Years,
    dated_values,
    footer_dates,
    parse_date,
    parse_years,
    timeline_years,
)
from cardlint.load.card import parse_card
from cardlint.load.markdown import Heading
from cardlint.load.read import decode
from cardlint.model import Position
from cardlint.schema.card_schema import Extension

LABELS = ("创建日期", "更新日期", "Created", "Updated")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2021, Years(2021, 2021)),
        ("2021", Years(2021, 2021)),
        ("2021-2023", Years(2021, 2023)),
        ("2021-2021", Years(2021, 2021)),
        ("0999", Years(999, 999)),
    ],
)
def test_parse_years_accepts(value: str | int, expected: Years) -> None:
    assert parse_years(value) == expected


@pytest.mark.parametrize(
    ("value", "problem", "suggestion"),
    [
        ("2021 – 2023", Problem.FORMAT, "2021-2023"),
        ("2021~2023", Problem.FORMAT, "2021-2023"),
        ("21", Problem.FORMAT, None),
        (999, Problem.FORMAT, None),
        pytest.param(10**5000, Problem.FORMAT, None, id="int-too-long-to-print"),
        ("2021\n", Problem.FORMAT, None),
        ("２０２１", Problem.FORMAT, None),
        ("2021-23", Problem.FORMAT, None),
        ("2023-2021", Problem.REVERSED, "2021-2023"),
        ("2023 - 2021", Problem.REVERSED, "2021-2023"),
        ("0000", Problem.INVALID, None),
    ],
)
def test_parse_years_problems(value: str | int, problem: Problem, suggestion: str | None) -> None:
    issue = parse_years(value)
    assert isinstance(issue, DateIssue)
    assert (issue.problem, issue.suggestion) == (problem, suggestion)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-10-17", date(2025, 10, 17)),
        ("2024-02-29", date(2024, 2, 29)),
        ("2000-02-29", date(2000, 2, 29)),
    ],
)
def test_parse_date_accepts(value: str, expected: date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "problem", "suggestion"),
    [
        ("2025/10/17", Problem.FORMAT, "2025-10-17"),
        ("2025.10.17", Problem.FORMAT, "2025-10-17"),
        ("2025年10月17日", Problem.FORMAT, "2025-10-17"),
        ("2025-1-5", Problem.FORMAT, "2025-01-05"),
        ("17/10/2025", Problem.FORMAT, None),
        ("2025/10-17", Problem.FORMAT, None),
        ("2025-10-17T08:00", Problem.FORMAT, None),
        ("2025-10-17\n", Problem.FORMAT, None),
        ("", Problem.FORMAT, None),
        (2025, Problem.FORMAT, None),
        ("2025-02-30", Problem.INVALID, None),
        ("2025/02/30", Problem.INVALID, None),
        ("1900-02-29", Problem.INVALID, None),
        ("2025-13-01", Problem.INVALID, None),
        ("2025-04-31", Problem.INVALID, None),
        ("2025-10-00", Problem.INVALID, None),
        ("0000-01-01", Problem.INVALID, None),
    ],
)
def test_parse_date_problems(value: str | int, problem: Problem, suggestion: str | None) -> None:
    issue = parse_date(value)
    assert isinstance(issue, DateIssue)
    assert (issue.problem, issue.suggestion) == (problem, suggestion)


@pytest.mark.parametrize(
    ("issue", "message", "hint"),
    [
        (
            parse_date("2025-02-30"),
            "'2025-02-30' is not a real date: 2025-02 has 28 days",
            "check the digits against the calendar",
        ),
        (
            parse_date("2025/10/17"),
            "'2025/10/17' is in the wrong layout (dates are YYYY-MM-DD)",
            "write it as 2025-10-17",
        ),
        (
            parse_years("2023-2021"),
            "'2023-2021' is a range that ends before it starts",
            "put the earlier year first: 2021-2023",
        ),
    ],
)
def test_issue_wording(issue: object, message: str, hint: str) -> None:
    assert isinstance(issue, DateIssue)
    assert (issue.message, issue.hint) == (message, hint)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["**创建日期**: 2025-10-17"], [("创建日期", "2025-10-17", 10, 11)]),
        (["**创建日期:** 2025-10-17"], [("创建日期", "2025-10-17", 10, 11)]),
        (["更新日期：2025-10-17"], [("更新日期", "2025-10-17", 10, 6)]),
        (["   Created:   2025-10-17  "], [("Created", "2025-10-17", 10, 15)]),
        (["**Updated**:"], [("Updated", "", 10, 13)]),
        (["**Created: 2025-10-17"], []),
        (["Created : 2025-10-17", "created: 2025-10-17", "Creation: 2025"], []),
        (["    Created: 2025-10-17"], []),
        (["```", "Created: x", "```", "Updated: y"], [("Updated", "y", 13, 10)]),
        (["~~~~", "~~~", "```", "Created: x", "~~~~", "Updated: y"], [("Updated", "y", 15, 10)]),
        (["````", "Created: x", "```"], []),
        (["``` `code`", "Created: x"], [("Created", "x", 11, 10)]),
    ],
)
def test_footer_dates(lines: list[str], expected: list[tuple[str, str, int, int]]) -> None:
    found = [
        (f.label, f.text, f.position.line, f.position.column)
        for f in footer_dates("\n".join(lines), 10, LABELS)
    ]
    assert found == expected


def test_footer_dates_needs_labels() -> None:
    assert list(footer_dates("Created: 2025-10-17", 1, ())) == []


def _h(level: int, text: str, line: int) -> Heading:
    return Heading(level, text, line, 1)


def test_timeline_years_reads_only_the_section_subheadings() -> None:
    section = _h(2, "主要模型发展", 10)
    headings = [
        _h(3, "2020: before the section", 5),
        section,
        _h(3, "2021: CLIP", 12),
        _h(3, "背景", 14),
        _h(4, "2019: too deep", 15),
        _h(3, "2023-2024: Gemini", 16),
        _h(2, "优势与局限", 20),
        _h(3, "2025: after the section", 22),
    ]
    found = [(h.line, year) for h, year in timeline_years(headings, section)]
    assert found == [(12, 2021), (16, 2023)]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2021: CLIP", 2021),
        ("2023-2024: Gemini", 2023),
        ("2021年前", 2021),
        ("2021", 2021),
        ("20231: typo", None),
        ("v2021", None),
        ("背景", None),
    ],
)
def test_year_led_heading(text: str, year: int | None) -> None:
    section = _h(2, "主要模型发展", 1)
    found = [y for _, y in timeline_years([section, _h(3, text, 2)], section)]
    assert found == ([year] if year is not None else [])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-2023", [("introduced", Position(2, 13), Years(2021, 2023))]),
        ("2023-02-30", [("introduced", Position(2, 13), parse_years("2023-02-30"))]),
        ("true", []),
        ("[2021]", []),
    ],
)
def test_dated_values_from_front_matter(value: str, expected: list[object]) -> None:
    text = f"---\nintroduced: {value}\nreviewed: 2023-02-30\n---\n\n**Created**: 2025-10-17\n"
    card = parse_card(Path("card.md"), decode(text.encode()))
    ext = Extension(
        introduced_field="introduced", date_fields=["reviewed"], date_labels=["Created"]
    )
    found = [(v.subject, v.position, v.parsed) for v in dated_values(card, ext)]
    reviewed = parse_date("2023-02-30")
    assert found == [
        *expected,
        ("reviewed", Position(3, 11), reviewed),
        ("Created", Position(6, 14), date(2025, 10, 17)),
    ]
