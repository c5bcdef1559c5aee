"""The common YAML mistakes in words, placed where the author must act.

libyaml reports where it gave up: an unclosed quote at the end of the front matter, a colon
in a plain value at that colon, an unclosed `[` at the next line. `explain` reads the
front matter's lines around the parser's marks and names the mistake at the token to edit
(the opening quote, the value's start, the bracket, the tab, the missing space), with what
to write instead. What it does not recognise keeps the parser's own words and place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

import yaml

_KEY = re.compile(r"([ \t]*(?:-[ \t])?[ \t]*)([^\s'\"#:\-?\[\]{},][^:#]*?):[ \t]+(?=\S)")
_QUOTED_VALUE = re.compile(
    r"[ \t]*(?:-[ \t])?[ \t]*(?:[^\s'\"#:\-?\[\]{},][^:#]*?:[ \t]+)?(?=['\"])"
)
_UNSPACED = re.compile(r"([A-Za-z_][\w-]*):(?=\S)")
_UNCOLONED = re.compile(r"([A-Za-z_][\w-]*)[ \t]+(?=\S)")
_LOST_INDENT = (
    "did not find expected key",
    "expected <block end>",
    "did not find expected '-' indicator",
    "mapping values are not allowed",
)
_EXAMPLE = 60
"""Longest value quoted back in a hint."""


class Explained(NamedTuple):
    offset: int
    """Where the author must act, as a code-point offset into the front matter's text."""
    message: str
    hint: str


class _Marks(NamedTuple):
    lines: list[str]
    problem: tuple[int, int]
    context: tuple[int, int] | None
    what: str
    """The parser's problem and context, in its words."""
    line_of: Callable[[int], int]
    """A line of the front matter (from 0) as the card's line."""

    def char(self, at: tuple[int, int]) -> str:
        line = self.lines[at[0]] if at[0] < len(self.lines) else ""
        return line[at[1] : at[1] + 1]

    @property
    def problem_line(self) -> str:
        return self.lines[self.problem[0]] if self.problem[0] < len(self.lines) else ""


Found = tuple[tuple[int, int], str, str] | None
"""Where (line and column in the front matter), what is wrong, and what to do."""


def explain(
    text: str, error: yaml.MarkedYAMLError, line_of: Callable[[int], int]
) -> Explained | None:
    """The mistake behind `error` in front matter `text`; `line_of` maps a line of `text`
    (from 0) to the card's line, for hints that point at another line."""
    problem = error.problem_mark or error.context_mark
    if problem is None:
        return None
    context = error.context_mark if error.context_mark is not problem else None
    marks = _Marks(
        text.split("\n"),
        (problem.line, problem.column),
        None if context is None else (context.line, context.column),
        f"{error.context or ''} {error.problem or ''}",
        line_of,
    )
    for diagnose in _DIAGNOSES:
        found = diagnose(marks)
        if found is not None:
            (line, column), message, hint = found
            offset = sum(len(before) + 1 for before in marks.lines[:line]) + column
            return Explained(offset, message, hint)
    return None


def _tab(marks: _Marks) -> Found:
    if marks.char(marks.problem) != "\t":
        return None
    leading = not marks.problem_line[: marks.problem[1]].strip()
    what = "a tab indents this line" if leading else "a tab where YAML allows none"
    return marks.problem, f"{what}: YAML indents with spaces only", "replace the tab with spaces"


def _open_quote(marks: _Marks) -> Found:
    if marks.context is None or "quoted scalar" not in marks.what:
        return None
    quote = marks.char(marks.context)
    return (
        marks.context,
        f"the `{quote}` opened here is never closed",
        f"end the value with `{quote}` on this line",
    )


def _open_bracket(marks: _Marks) -> Found:
    if marks.context is None or "while parsing a flow" not in marks.what:
        return None
    bracket = marks.char(marks.context)
    line = marks.lines[marks.context[0]]
    if bracket not in "[{" or _closes(line, marks.context[1]):
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


def _alias(marks: _Marks) -> Found:
    if marks.context is None or not re.search(r"scanning an? (alias|anchor)", marks.what):
        return None
    sign = marks.char(marks.context)
    what = "alias" if sign == "*" else "anchor"
    return (
        marks.context,
        f"a value starting with `{sign}` is read as a YAML {what}",
        "quote the value",
    )


def _reserved(marks: _Marks) -> Found:
    sign = marks.char(marks.problem)
    if "cannot start any token" not in marks.what or sign not in ("@", "`"):
        return None
    return marks.problem, f"a value cannot start with `{sign}` unless quoted", "quote the value"


def _unbalanced_quote(marks: _Marks) -> Found:
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


def _colon_in_value(marks: _Marks) -> Found:
    if "mapping values are not allowed" not in marks.what:
        return None
    line = marks.problem_line
    key = _KEY.match(line)
    if key is None or key.end() > marks.problem[1] or line[key.end()] in "'\"[{":
        return None
    value = line[key.end() :].rstrip()
    quoted = f"'{value}'" if '"' in value else f'"{value}"'
    if len(quoted) > _EXAMPLE:
        quoted = quoted[0] + "…" + quoted[0]
    return (
        (marks.problem[0], key.end()),
        f"the value of '{key[2]}' holds `: `, which YAML reads as another key",
        f"quote the value: `{key[2]}: {quoted}`",
    )


def _missing_separator(marks: _Marks) -> Found:
    if marks.context is None or "simple key" not in marks.what:
        return None
    line, column = marks.lines[marks.context[0]], marks.context[1]
    unspaced = _UNSPACED.match(line, column)
    if unspaced is not None:
        name, rest = unspaced[1], line[unspaced.end() :].rstrip()
        return (
            (marks.context[0], unspaced.end()),
            f"no space after `{name}:`, so YAML reads `{name}:{rest[:20]}` as one word",
            f"write `{name}: {rest[:_EXAMPLE]}`",
        )
    uncoloned = _UNCOLONED.match(line, column)
    if uncoloned is None:
        return None
    name, rest = uncoloned[1], line[uncoloned.end() :].rstrip()
    return (
        (marks.context[0], uncoloned.end(1)),
        f"no `:` after '{name}'",
        f"write `{name}: {rest[:_EXAMPLE]}`",
    )


def _indentation(marks: _Marks) -> Found:
    if not any(kind in marks.what for kind in _LOST_INDENT):
        return None
    number = marks.problem[0]
    line = marks.problem_line
    indent = len(line) - len(line.lstrip(" "))
    if not line.strip():
        return None
    options = _enclosing_indents(marks.lines[:number])
    if not options or indent in (width for width, _ in options):
        return None
    ways = ", or ".join(
        f"indent it by {_spaces(width)} like line {marks.line_of(at)}"
        if width
        else f"start it at the margin like line {marks.line_of(at)}"
        for width, at in options[:2]
    )
    return (
        (number, 0),
        f"this line is indented by {_spaces(indent)}, like none of the lines it belongs with",
        ways,
    )


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _enclosing_indents(lines: list[str]) -> list[tuple[int, int]]:
    """(indentation, line) of the lines above that the next line could line up with: the
    nearest, then each less indented one above it."""
    found: list[tuple[int, int]] = []
    for number in range(len(lines) - 1, -1, -1):
        text = lines[number]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        indent = len(text) - len(text.lstrip(" "))
        if not found or indent < found[-1][0]:
            found.append((indent, number))
        if indent == 0:
            break
    return found


_DIAGNOSES: tuple[Callable[[_Marks], Found], ...] = (
    _tab,
    _open_quote,
    _open_bracket,
    _alias,
    _reserved,
    _unbalanced_quote,
    _colon_in_value,
    _missing_separator,
    _indentation,
)
