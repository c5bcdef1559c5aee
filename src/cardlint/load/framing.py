"""Where a card's front matter ends, and what to tell the author when it never does.

A front matter left open runs on to the next `---` in the body (a thematic break), and
YAML then fails on body prose, far from the mistake. To tell that apart from a YAML error
inside the front matter, the lines after the opening `---` are read as an author reads
them: `key: value` lines, list items, indented continuations and comments are the YAML;
a heading followed by prose, or prose after a blank line, is the body.
"""

from __future__ import annotations

import re
from typing import NamedTuple

DELIMITER = re.compile(r"---[ \t]*\Z")
_DOCUMENT_END = re.compile(r"\.\.\.[ \t]*\Z")
_HEADING = re.compile(r"#{1,6}(?:[ \t]|\Z)")
# A line YAML front matter is made of: indented, a list item, a flow collection's bracket,
# or a key (plain, not starting with an indicator, or quoted) followed by `:` and a space.
_YAML_LINE = re.compile(
    r"""[ \t]|-(?:[ \t]|\Z)|[\[\]{}]|"[^"]*"[ \t]*:|'[^']*'[ \t]*:"""
    r"""|[^\s\-?:,\[\]{}#&*!|>'"%@`][^:]*:(?:[ \t]|\Z)"""
)


class Frame(NamedTuple):
    """How the lines after an opening `---` divide into front matter and body."""

    closing: int | None
    """The index of the line closing the front matter, if one does."""
    last_yaml: int
    """The index of the last line that reads as the front matter's YAML (0: none does)."""
    body: int | None
    """The index of the first line that reads as body, when one comes before `closing`."""
    document_end: int | None
    """The index of a `...` line the author closed the front matter with."""


def frame(lines: list[str]) -> Frame:
    """Read `lines`, whose first opens the front matter."""
    # A first-character test before each pattern: this runs on every card of every cold run.
    closing = next(
        (i for i in range(1, len(lines)) if lines[i][:3] == "---" and DELIMITER.match(lines[i])),
        None,
    )
    stop = len(lines) if closing is None else closing
    ahead = _Lookahead(lines, stop)
    last = 0
    after_blank = False
    for index in range(1, stop):
        line = lines[index]
        first = line[:1]
        if first == "." and _DOCUMENT_END.match(line):
            # `...` ends a YAML document: the author's closer when the body comes next.
            if closing is None or ahead.prose_after(index, when_none=False):
                return Frame(closing, last, index, index)
        elif first == "#":
            # A comment to YAML, a heading to Markdown: a heading when prose follows.
            if _HEADING.match(line) and ahead.prose_after(index, when_none=True):
                return Frame(closing, last, index, None)
        elif not line.strip():
            after_blank = True
        elif after_blank and last and not _YAML_LINE.match(line):
            # Prose after the fields and a blank line (blank lines before them say nothing).
            return Frame(closing, last, index, None)
        else:
            last, after_blank = index, False
    return Frame(closing, last, None, None)


class _Lookahead:
    """The next line that is neither blank nor `#`, found once for a run of such lines:
    asking afresh at each of 100,000 `#` lines would be quadratic."""

    def __init__(self, lines: list[str], stop: int) -> None:
        self.lines = lines
        self.stop = stop
        self.found = 0

    def prose_after(self, index: int, when_none: bool) -> bool:
        """Whether that line after `index` reads as body (`when_none` if none comes).
        A `%` directive is YAML going on, not prose."""
        if self.found <= index:
            self.found = next(
                (
                    i
                    for i in range(index + 1, self.stop)
                    if self.lines[i].strip() and not self.lines[i].startswith("#")
                ),
                self.stop,
            )
        if self.found == self.stop:
            return when_none
        line = self.lines[self.found]
        return not (_YAML_LINE.match(line) or line.startswith("%"))


def misplaced_opening(lines: list[str]) -> int | None:
    """The index of a `---` preceded only by blank lines: the front matter, misplaced."""
    later = next((i for i, line in enumerate(lines) if DELIMITER.match(line)), None)
    if later is None or any(line.strip() for line in lines[:later]):
        return None
    return later
