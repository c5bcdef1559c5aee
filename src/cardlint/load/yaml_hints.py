"""The common YAML mistakes in words, placed where the author must act.

libyaml reports where it gave up: an unclosed quote at the end of the front matter, a colon
in a plain value at that colon, an unclosed `[` at the next line. `explain` reads the
front matter's lines around the parser's marks and names the mistake at the token to edit
(the opening quote, the value's start, the bracket, the tab, the missing space), with what
to write instead. What it does not recognise keeps the parser's own words and place.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from typing import NamedTuple

import yaml

from cardlint.load.yaml_layout import EXAMPLE, KEY, Found, Marks, indentation, missing_separator

_QUOTED_VALUE = re.compile(
    r"[ \t]*(?:-[ \t])?[ \t]*(?:[^\s'\"#:\-?\[\]{},][^:#]*?:[ \t]+)?(?=['\"])"
)


class Explained(NamedTuple):
    offset: int
    """Where the author must act, as a code-point offset into the front matter's text."""
    message: str
    hint: str


def explain(
    text: str, error: yaml.MarkedYAMLError, line_of: Callable[[int], int]
) -> Explained | None:
    """The mistake behind `error` in front matter `text`; `line_of` maps a line of `text`
    (from 0) to the card's line, for hints that point at another line."""
    problem = error.problem_mark or error.context_mark
    if problem is None:
        return None
    context = error.context_mark if error.context_mark is not problem else None
    lines = text.split("\n")
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))

    def at(index: int) -> tuple[int, int]:
        # By offset, not by the parser's lines: libyaml also breaks lines at U+2028 and U+0085.
        line = bisect.bisect_right(starts, index) - 1
        return line, index - starts[line]

    marks = Marks(
        lines,
        at(int(problem.index)),
        None if context is None else at(int(context.index)),
        f"{error.context or ''} {error.problem or ''}",
        line_of,
    )
    for diagnose in _DIAGNOSES:
        found = diagnose(marks)
        if found is not None:
            (line, column), message, hint = found
            return Explained(starts[line] + column, message, hint)
    return None


def _tab(marks: Marks) -> Found:
    if marks.char(marks.problem) != "\t":
        return None
    leading = not marks.problem_line[: marks.problem[1]].strip()
    what = "a tab indents this line" if leading else "a tab where YAML allows none"
    return marks.problem, f"{what}: YAML indents with spaces only", "replace the tab with spaces"


def _open_quote(marks: Marks) -> Found:
    if marks.context is None or "quoted scalar" not in marks.what:
        return None
    quote = marks.char(marks.context)
    return (
        marks.context,
        f"the `{quote}` opened here is never closed",
        f"end the value with `{quote}` on this line",
    )


def _open_bracket(marks: Marks) -> Found:
    if marks.context is None or "while parsing a flow" not in marks.what:
        return None
    bracket = marks.char(marks.context)
    line = marks.line(marks.context[0])
    if bracket not in ("[", "{") or _closes(line, marks.context[1]):
        return None
    closer, kind = ("]", "list") if bracket == "[" else ("}", "mapping")
    return (
        marks.context,
        f"the {kind} opened here with `{bracket}` is never closed",
        f"close the {kind} with `{closer}` after its last item",
    )


def _closes(line: str, start: int) -> bool:
    """Whether the bracket at `start` is closed on its line (quoted text aside)."""
    depth, quote = 0, ""
    for char in line[start:]:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return True
    return False


def _alias(marks: Marks) -> Found:
    if marks.context is None or not re.search(r"scanning an? (alias|anchor)", marks.what):
        return None
    sign = marks.char(marks.context)
    what = "alias" if sign == "*" else "anchor"
    return (
        marks.context,
        f"a value starting with `{sign}` is read as a YAML {what}",
        "quote the value",
    )


def _reserved(marks: Marks) -> Found:
    sign = marks.char(marks.problem)
    if "cannot start any token" not in marks.what or sign not in ("@", "`"):
        return None
    return marks.problem, f"a value cannot start with `{sign}` unless quoted", "quote the value"


def _unbalanced_quote(marks: Marks) -> Found:
    """The first value up to the error's line that opens a quote it does not close, or
    closes it before the value ends."""
    for number, line in enumerate(marks.lines[: marks.problem[0] + 1]):
        start = _QUOTED_VALUE.match(line)
        if start is None:
            continue
        opening = start.end()
        quote = line[opening]
        closing = _closing_quote(line, opening)
        if closing is None:
            return (
                (number, opening),
                f"the `{quote}` opened here is never closed",
                f"end the value with `{quote}` on this line",
            )
        rest = line[closing + 1 :].strip()
        if rest and not rest.startswith("#"):
            inside = "`''`" if quote == "'" else '`\\"`'
            other = '"' if quote == "'" else "'"
            return (
                (number, closing),
                f"this `{quote}` ends the quoted value early",
                f"write each `{quote}` inside the value as {inside}, or quote the value with "
                f"`{other}` instead",
            )
    return None


def _closing_quote(line: str, opening: int) -> int | None:
    quote, index = line[opening], opening + 1
    while index < len(line):
        char = line[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and line[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return None


def _colon_in_value(marks: Marks) -> Found:
    if "mapping values are not allowed" not in marks.what:
        return None
    line = marks.problem_line
    key = KEY.match(line)
    if key is None or key.end() > marks.problem[1] or line[key.end()] in "'\"[{":
        return None
    value = line[key.end() :].rstrip()
    quoted = f"'{value}'" if '"' in value else f'"{value}"'
    if len(quoted) > EXAMPLE:
        quoted = quoted[0] + "…" + quoted[0]
    return (
        (marks.problem[0], key.end()),
        f"the value of '{key[2]}' holds `: `, which YAML reads as another key",
        f"quote the value: `{key[2]}: {quoted}`",
    )


_DIAGNOSES: tuple[Callable[[Marks], Found], ...] = (
    _tab,
    _open_quote,
    _open_bracket,
    _alias,
    _reserved,
    _unbalanced_quote,
    _colon_in_value,
    missing_separator,
    indentation,
)
