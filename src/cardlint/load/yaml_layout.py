"""How front-matter lines are laid out, read where the parser stopped: a key without the
space after its colon or without its colon, and a line indented like none of the lines it
belongs with. Also the view of a parser error that the diagnoses of `load.yaml_hints` share.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

KEY = re.compile(r"([ \t]*(?:-[ \t])?[ \t]*)([^\s'\"#:\-?\[\]{},][^:#]*?):[ \t]+(?=\S)")
"""A `key: value` line (or list item) whose value follows: group 2 is the key."""
_UNSPACED = re.compile(r"([^\s'\"#:\-?\[\]{},!&*|>%@`][^\s:]*):(?=\S)")
_UNCOLONED = re.compile(r"([A-Za-z_][\w-]*)[ \t]+(?=\S)")
_LOST_INDENT = (
    "did not find expected key",
    "expected <block end>",
    "did not find expected '-' indicator",
    "mapping values are not allowed",
)
EXAMPLE = 60
"""Longest value quoted back in a hint."""


class Marks(NamedTuple):
    """A parser error over the front matter's lines; lines and columns count from 0."""

    lines: list[str]
    problem: tuple[int, int]
    context: tuple[int, int] | None
    what: str
    """The parser's problem and context, in its words."""
    line_of: Callable[[int], int]
    """A line of the front matter (from 0) as the card's line."""

    def line(self, number: int) -> str:
        """Line `number`, or "" past the end, where the parser may stop."""
        return self.lines[number] if number < len(self.lines) else ""

    def char(self, at: tuple[int, int]) -> str:
        return self.line(at[0])[at[1] : at[1] + 1]

    @property
    def problem_line(self) -> str:
        return self.line(self.problem[0])


Found = tuple[tuple[int, int], str, str] | None
"""Where (line and column in the front matter), what is wrong, and what to do."""


def missing_separator(marks: Marks) -> Found:
    """A key written without the space after its colon, or without its colon: YAML read
    the line as one plain word."""
    start = _one_word_key(marks)
    if start is None:
        return None
    number, column = start
    line = marks.line(number)
    unspaced = _UNSPACED.match(line, column)
    if unspaced is not None:
        name, rest = unspaced[1], line[unspaced.end() :].rstrip()
        return (
            (number, unspaced.end()),
            f"no space after `{name}:`, so YAML reads `{name}:{rest[:20]}` as one word",
            f"write `{name}: {rest[:EXAMPLE]}`",
        )
    uncoloned = _UNCOLONED.match(line, column)
    if uncoloned is None:
        return None
    name, rest = uncoloned[1], line[uncoloned.end() :].rstrip()
    return (
        (number, uncoloned.end(1)),
        f"no `:` after '{name}'",
        f"write `{name}: {rest[:EXAMPLE]}`",
    )


def _one_word_key(marks: Marks) -> tuple[int, int] | None:
    """Where a line starts that YAML read as one plain word: the simple key the parser was
    scanning, or the line before a key whose colon YAML found inside that word (a plain
    word runs on to the next line)."""
    if marks.context is not None and "simple key" in marks.what:
        return marks.context
    key = KEY.match(marks.problem_line)
    if "mapping values are not allowed" not in marks.what or key is None:
        return None
    if key.end(2) != marks.problem[1]:
        return None
    for number in range(marks.problem[0] - 1, -1, -1):
        text = marks.lines[number]
        if text.strip() and not text.lstrip().startswith("#"):
            return number, len(text) - len(text.lstrip(" "))
    return None


def indentation(marks: Marks) -> Found:
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
