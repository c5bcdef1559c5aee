"""The values that flow from rules to reporters."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and a 1-based column counted in Unicode code points."""

    line: int
    column: int


@dataclass(frozen=True)
class Finding:
    """What a rule reports: where and what, before the engine names the rule and the file."""

    position: Position
    message: str
    hint: str | None = None


@dataclass(frozen=True)
class Violation:
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

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)
