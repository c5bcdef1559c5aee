"""Dates on a card: the `introduced` years, front-matter date fields and dated footer lines.

Each parser returns the value, or the single problem that describes it best, so that every
mistake is reported once, by the most specific rule. A layout that is wrong but unambiguous
(`2025/10/17`, `2025年10月17日`, `2021 – 2023`) carries its standard spelling as a suggestion.
Every pattern is used with `fullmatch` (`_YEAR_LED`, which reads a heading's first five
characters, with `match`) and has no nested quantifiers, so matching is linear.
"""

from __future__ import annotations

import bisect
import enum
import functools
import operator
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date
from typing import NamedTuple

from cardlint.edit.yaml_edit import one_edit, replace_value
from cardlint.load.card import Card, per_card
from cardlint.load.markdown import Heading, parse_body
from cardlint.model import Edit, Finding, Fix, Position
from cardlint.schema.card_schema import Extension
from cardlint.text import quote

_YEARS = re.compile(r"([0-9]{4})(?: *[-–—~] *([0-9]{4}))?")
_DATE = re.compile(r"(?P<y>[0-9]{4})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})")
_CJK_DATE = re.compile(r"(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日")
_YEAR_LED = re.compile(r"[0-9]{4}(?![0-9])")
"""A heading that starts with it is year-led: four digits, not five."""
_line = operator.attrgetter("line")
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_YEARS_FORM = ("a year (YYYY) or a range of years (YYYY-YYYY)", "write e.g. 2017 or 2021-2023")
_DATE_FORM = ("a date in YYYY-MM-DD form", "write the date as YYYY-MM-DD, e.g. 2025-10-17")


class Problem(enum.Enum):
    FORMAT = "invalid-date-format"
    INVALID = "invalid-date"
    REVERSED = "reversed-date-range"


class DateIssue(NamedTuple):
    problem: Problem
    message: str
    hint: str
    suggestion: str | None = None
    """The value as it should be written, when that is certain."""


class Years(NamedTuple):
    """A year (`start == end`) or an inclusive range of years."""

    start: int
    end: int


class FooterDate(NamedTuple):
    label: str
    text: str
    position: Position


class DatedValue(NamedTuple):
    subject: str
    """How messages name the value: its field name or its footer label."""
    position: Position
    parsed: Years | date | DateIssue
    footer_text: str | None = None
    """A footer date as written; None for a front-matter field, which `subject` names."""


def parse_years(value: str | int) -> Years | DateIssue:
    """`YYYY` or `YYYY-YYYY`; an int is a year the YAML loader has already read."""
    if isinstance(value, int):
        return Years(value, value) if 1000 <= value <= 9999 else _not_in_form(value, _YEARS_FORM)
    match = _YEARS.fullmatch(value)
    if match is None:
        return _not_in_form(value, _YEARS_FORM)
    start, end = int(match[1]), int(match[2] or match[1])
    if 0 in (start, end):
        return _impossible(value, "there is no year 0", "year")
    if end < start:
        swapped = f"{match[2]}-{match[1]}"
        return DateIssue(
            Problem.REVERSED,
            f"{quote(value)} is a range that ends before it starts",
            f"put the earlier year first: {swapped}",
            swapped,
        )
    canonical = f"{match[1]}-{match[2]}" if match[2] else match[1]
    if value != canonical:
        return _wrong_layout(value, canonical, "years are YYYY or YYYY-YYYY")
    return Years(start, end)


def parse_date(value: str | int) -> date | DateIssue:
    """A `YYYY-MM-DD` date; an int (`2025`) is never one."""
    if isinstance(value, int):
        return _not_in_form(value, _DATE_FORM)
    match = _DATE.fullmatch(value) or _CJK_DATE.fullmatch(value)
    if match is None:
        return _not_in_form(value, _DATE_FORM)
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if year == 0:
        return _impossible(value, "there is no year 0")
    if not 1 <= month <= 12:
        return _impossible(value, f"there is no month {month}")
    days = _DAYS[month - 1] + (month == 2 and _leap(year))
    if not 1 <= day <= days:
        reason = f"{year:04d}-{month:02d} has {days} days" if day else "there is no day 0"
        return _impossible(value, reason)
    canonical = f"{year:04d}-{month:02d}-{day:02d}"
    if value != canonical:
        return _wrong_layout(value, canonical, "dates are YYYY-MM-DD")
    return date(year, month, day)


def _leap(year: int) -> bool:
    # As calendar.isleap, whose module (and its locale machinery) is not worth loading for it.
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _not_in_form(value: str | int, form: tuple[str, str]) -> DateIssue:
    return DateIssue(Problem.FORMAT, f"{quote(value)} is not {form[0]}", form[1])


def _wrong_layout(value: str, canonical: str, rule: str) -> DateIssue:
    message = f"{quote(value)} is in the wrong layout ({rule})"
    return DateIssue(Problem.FORMAT, message, f"write it as {canonical}", canonical)


def _impossible(value: str, reason: str, what: str = "date") -> DateIssue:
    message = f"{quote(value)} is not a real {what}: {reason}"
    return DateIssue(Problem.INVALID, message, "check the digits against the calendar")


def footer_dates(
    text: str,
    first_line: int,
    labels: Sequence[str],
    in_code: Callable[[int], bool] | None = None,
) -> Iterator[FooterDate]:
    """`label: value` lines outside code in `text`, whose first line is card line `first_line`.

    `in_code` tells which card lines are code; by default the text is parsed for it.
    """
    if not labels:
        return
    if in_code is None:
        in_code = parse_body(text, first_line).in_code
    pattern = _footer_pattern(tuple(labels))
    line, counted = first_line, 0
    for start, end in sorted({span for label in labels for span in _lines_with(text, label)}):
        line += text.count("\n", counted, start)
        counted = start
        match = pattern.fullmatch(text, start, end)
        # Bold must wrap the label on both sides or not at all: `**创建日期: x` is prose.
        if match is None or bool(match["bold"]) != ("*" in match["colon"]) or in_code(line):
            continue
        rest = match["rest"]
        column = match.start("rest") - start + len(rest) - len(rest.lstrip()) + 1
        yield FooterDate(match["label"], rest.strip(), Position(line, column))


def _lines_with(text: str, label: str) -> Iterator[tuple[int, int]]:
    """Where each line that holds `label` starts and ends.

    Finding the label is much faster than trying a pattern at every line, and each line is
    looked at once, however often it repeats the label.
    """
    at = text.find(label)
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        if end < 0:
            yield start, len(text)
            return
        yield start, end
        at = text.find(label, end + 1)  # past the line break: always forward


@functools.lru_cache(maxsize=8)
def _footer_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(label) for label in labels)
    colon = r"(?P<colon>\*\*[:：]|[:：]\*\*|[:：])"
    return re.compile(rf" {{0,3}}(?P<bold>\*\*)?(?P<label>{names}){colon}(?P<rest>.*)")


def timeline_years(headings: Sequence[Heading], section: Heading) -> Iterator[tuple[Heading, int]]:
    """The headings one level below `section` and inside it that start with a year.

    `headings` are in line order (as a card's are): the section's own subheadings follow it."""
    level = section.level + 1
    for index in range(bisect.bisect_right(headings, section.line, key=_line), len(headings)):
        heading = headings[index]
        if heading.level != level:
            if heading.level < level:
                return
            continue
        if _YEAR_LED.match(heading.text) is not None:
            yield heading, int(heading.text[:4])


def dated_values(card: Card, ext: Extension) -> tuple[DatedValue, ...]:
    """Every date the schema asks about: `introduced`, the date fields, the footer lines."""
    return _dated_values(ext, card)


@per_card
def _dated_values(ext: Extension, card: Card) -> tuple[DatedValue, ...]:
    return tuple(_dates_in(card, ext))


def _dates_in(card: Card, ext: Extension) -> Iterator[DatedValue]:
    parsers: list[tuple[str, Callable[[str | int], Years | date | DateIssue]]] = [
        (name, parse_date) for name in ext.date_fields
    ]
    if ext.introduced_field is not None:
        parsers.insert(0, (ext.introduced_field, parse_years))
    for name, parse in parsers:
        value = card.data.get(name)
        span = card.front_matter.span((name,)) if card.front_matter is not None else None
        # A bool is an int to Python only; it and other types are the schema's wrong-type issue.
        if isinstance(value, (str, int)) and not isinstance(value, bool) and span is not None:
            yield DatedValue(name, span.value, parse(value))
    if card.source is not None:
        body = card.text_after(card.front_matter_end)
        code = card.body.in_code if card.body is not None else None
        for found in footer_dates(body, card.front_matter_end + 1, ext.date_labels, code):
            yield DatedValue(found.label, found.position, parse_date(found.text), found.text)


def findings(card: Card, ext: Extension, problem: Problem) -> Iterator[Finding]:
    """The card's date issues of one kind, for the rule that owns that kind."""
    for item in dated_values(card, ext):
        if isinstance(item.parsed, DateIssue) and item.parsed.problem is problem:
            message = f"{item.subject}: {item.parsed.message}"
            fix = _layout_fix(card, item, item.parsed)
            yield Finding(item.position, message, item.parsed.hint, fix)


def _layout_fix(card: Card, item: DatedValue, issue: DateIssue) -> Fix | None:
    """A date in another layout, rewritten in the standard one: it means the same."""
    suggestion = issue.suggestion
    if suggestion is None or issue.problem is not Problem.FORMAT:
        return None
    if item.footer_text is None:
        edit = replace_value(card, (item.subject,), suggestion)
    else:
        after = Position(item.position.line, item.position.column + len(item.footer_text))
        edit = Edit(item.position, after, suggestion)
    return one_edit(f"write {suggestion}", edit)
