"""`--statistics`: how often each rule fired, most frequent first, then the usual summary."""

from __future__ import annotations

from typing import TextIO

from cardlint.model import Report
from cardlint.report import ReportStyle

# The text reporter owns the summary wording and colours; reuse them so the two never drift.
from cardlint.report.text import painter, summary_line
from cardlint.text import printable


def write_statistics(report: Report, out: TextIO, style: ReportStyle) -> None:
    paint = painter(style.color)
    for count, code, rule, severity in report.counts_by_rule():
        out.write(f"{count:>{_width(report)}}  {paint(severity, code)}  {printable(rule)}\n")
    if not style.quiet:
        out.write(summary_line(report, style, paint) + "\n")


def _width(report: Report) -> int:
    # Three columns as in the spec's `  3  CL301 ...`; wider only when a count needs it.
    return max(3, len(str(len(report.violations))))
