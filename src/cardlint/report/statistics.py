"""`--statistics`: how often each rule fired, most frequent first, then the usual summary."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from cardlint.engine import Report
from cardlint.report import ReportStyle

# The text reporter owns the summary wording and colours; reuse them so the two never drift.
from cardlint.report.text import painter, summary_line
from cardlint.text import printable
from cardlint.violation import Severity, Violation


def write_statistics(report: Report, out: TextIO, style: ReportStyle) -> None:
    paint = painter(style.color)
    for count, code, rule, severity in rows(report):
        out.write(f"{count:>{_width(report)}}  {paint(severity, code)}  {printable(rule)}\n")
    if not style.quiet:
        out.write(summary_line(report, style, paint) + "\n")


def rows(report: Report) -> list[tuple[int, str, str, Severity]]:
    """(count, code, rule name, severity) per code, by count descending, then by code."""
    counts = Counter(v.code for v in report.violations)
    first: dict[str, Violation] = {}
    for violation in report.violations:
        first.setdefault(violation.code, violation)
    return sorted(
        ((n, code, first[code].rule, first[code].severity) for code, n in counts.items()),
        key=lambda row: (-row[0], row[1]),
    )


def _width(report: Report) -> int:
    # Three columns as in the spec's `  3  CL301 ...`; wider only when a count needs it.
    return max(3, len(str(len(report.violations))))
