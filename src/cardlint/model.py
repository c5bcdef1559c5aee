"""The values that flow from rules to reporters: findings, violations and the report.

Named tuples, as are the other small values of a run (suppressions, load problems, the
summary): defining a frozen dataclass costs about a millisecond, and every run pays for the
classes its modules define before it reads a card.
"""

from __future__ import annotations

import enum
from collections import Counter
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
    severity: Severity | None = None
    """This finding's own severity (a schema's per-check `x-cardlint`), over its rule's."""


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


INTERNAL_ERROR_CODE = "CL000"
"""The code of a rule that crashed: the run reports the crash, and exits 2."""


class Summary(NamedTuple):
    errors: int
    warnings: int
    cards: int
    cards_with_violations: int


class Report(NamedTuple):
    violations: tuple[Violation, ...]
    paths: tuple[str, ...]
    """Every card checked, as shown to the reader, sorted."""
    internal_errors: int = 0
    baselined: int = 0
    """Violations found but left out because the baseline file `baseline` records them."""
    baseline: str | None = None

    @property
    def cards(self) -> int:
        return len(self.paths)

    def exit_status(self, exit_zero: bool = False) -> int:
        """2 when a rule crashed, else 1 for errors (unless `exit_zero`), else 0."""
        if self.internal_errors:
            return 2
        return 0 if exit_zero or self.summary.errors == 0 else 1

    @property
    def summary(self) -> Summary:
        errors = sum(v.severity is Severity.ERROR for v in self.violations)
        return Summary(
            errors,
            len(self.violations) - errors,
            self.cards,
            len({v.path for v in self.violations}),
        )

    def counts_by_rule(self) -> list[tuple[int, str, str, Severity]]:
        """(count, code, rule name, severity) per code that fired, most first, then by code."""
        counts = Counter(v.code for v in self.violations)
        first: dict[str, Violation] = {}
        for violation in self.violations:
            first.setdefault(violation.code, violation)
        return sorted(
            ((n, code, first[code].rule, first[code].severity) for code, n in counts.items()),
            key=lambda row: (-row[0], row[1]),
        )


class RuleSheet(NamedTuple):
    """A rule as a reporter describes it: SARIF lists every rule with its documentation."""

    code: str
    name: str
    summary: str
    severity: Severity
    enabled: bool
    what: str
    why: str
    example: str
    fix: str
    markdown: str
