"""The values that flow from rules to reporters.

Named tuples, as are the other small values of a run (suppressions, load problems, the
summary): defining a frozen dataclass costs about a millisecond, and every run pays for the
classes its modules define before it reads a card.
"""

from __future__ import annotations

import enum
from typing import NamedTuple


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Position(NamedTuple):
    """A 1-based line and a 1-based column counted in Unicode code points.

    A named tuple rather than a dataclass: warm runs rebuild tens of thousands from the cache.
    """

    line: int
    column: int


class Edit(NamedTuple):
    """Replace the text from `start` up to (not including) `end` with `text`.

    Positions are line and code-point column, as everywhere else; a line's end is the column
    after its last character. Line endings in `text` are written as `\n` and become the card's
    own line ending when applied.
    """

    start: Position
    end: Position
    text: str


class Fix(NamedTuple):
    description: str
    edits: tuple[Edit, ...]
    safe: bool = True
    """Safe fixes never change what the card means; unsafe ones need `--unsafe-fixes`."""


class Finding(NamedTuple):
    """What a rule reports: where and what, before the engine names the rule and the file."""

    position: Position
    message: str
    hint: str | None = None
    fix: Fix | None = None


class Violation(NamedTuple):
    path: str
    line: int
    column: int
    code: str
    rule: str
    severity: Severity
    message: str
    hint: str | None = None
    fingerprint: str = ""
    """Stable across unrelated edits: path, code and the offending line's text, no line number."""
    fix: Fix | None = None

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        """Where, then which rule; a rule's findings at one place keep the order it gave them
        (a card's missing sections in the schema's order), not that of their wording."""
        return (self.path, self.line, self.column, self.code)
