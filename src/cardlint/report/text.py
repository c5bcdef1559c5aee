"""`path:line:col: CODE message`, a hint on an indented line, and a closing summary.

A finding `--fix` can repair carries a marker after its code, as ruff's do: `[*]` for a safe
fix, `[~]` for one that needs `--unsafe-fixes`; the summary says what each marker means.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from cardlint.model import Report, Severity, Violation
from cardlint.report import ReportStyle
from cardlint.text import plural, printable, unambiguous

SAFE, UNSAFE = "[*]", "[~]"
_RESET = "\033[0m"
_COLORS: dict[object, str] = {
    "path": "\033[1m",
    Severity.ERROR: "\033[31m",
    Severity.WARNING: "\033[33m",
    "hint": "\033[36m",
    "ok": "\033[32m",
}
Paint = Callable[[object, str], str]


def write_text(report: Report, out: TextIO, style: ReportStyle) -> None:
    paint = painter(style.color)

    for violation in report.violations:
        out.write(_line(violation, paint) + "\n")
        if violation.hint:
            out.write(f"    {paint('hint', 'hint:')} {printable(violation.hint)}\n")
    if not style.quiet:
        out.write(summary_line(report, style, paint) + "\n")


def _line(violation: Violation, paint: Paint) -> str:
    where = f"{unambiguous(violation.path)}:{violation.line}:{violation.column}:"
    code = paint(violation.severity, violation.code)
    marker = "" if violation.fix is None else f" {SAFE if violation.fix.safe else UNSAFE}"
    return f"{paint('path', where)} {code}{marker} {printable(violation.message)}"


def summary_line(report: Report, style: ReportStyle, paint: Paint) -> str:
    summary = report.summary
    seconds = f" ({style.seconds:.2f} s)" if style.seconds is not None else ""
    cards = plural(summary.cards, "card")
    if not report.violations:
        checked = f"All {cards} passed" if summary.cards != 1 else "1 card passed"
        return paint("ok", f"{checked}{seconds}{_hidden(report)}.")
    counts = f"{plural(summary.errors, 'error')} and {plural(summary.warnings, 'warning')}"
    found = f"Found {counts} in {summary.cards_with_violations} of {cards}{seconds}"
    return f"{found}{_hidden(report)}.{fixable_note(report.violations)}"


def fixable_note(violations: tuple[Violation, ...]) -> str:
    """What the markers mean, with how many findings each fix option would repair."""
    safe = sum(v.fix is not None and v.fix.safe for v in violations)
    unsafe = sum(v.fix is not None and not v.fix.safe for v in violations)
    notes = [f"{SAFE} {safe} fixable with `--fix`"] if safe else []
    if unsafe:
        more = "more " if safe else ""
        notes.append(f"{UNSAFE} {unsafe} {more}fixable with `--fix --unsafe-fixes`")
    return "".join(f" {note}." for note in notes)


def _hidden(report: Report) -> str:
    if report.baseline is None:
        return ""
    known = plural(report.baselined, "known violation")
    return f"; {known} hidden by the baseline {printable(report.baseline)}"


def painter(enabled: bool) -> Paint:
    def paint(kind: object, text: str) -> str:
        return f"{_COLORS[kind]}{text}{_RESET}" if enabled else text

    return paint
