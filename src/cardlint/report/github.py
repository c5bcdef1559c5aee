"""GitHub Actions workflow commands: one `::error`/`::warning` annotation line per violation.

How the runner reads a line (actions/runner, Runner.Common/ActionCommand.cs and
Runner.Worker/ActionCommandManager.cs):

- `TryParseV2` (`::name k=v,k=v::data`) needs `::` at the start of the line after trimming
  leading white space. Properties end at the first `::` after that; they are split on `,`, then
  on the first `=`. The runner then replaces `%0D`, `%0A` (and `%3A`, `%2C` in properties) and
  `%25` last, so `%` escaped first and decoded last makes the encoding exactly reversible.
- Only when V2 fails does it try the legacy `TryParse`, which finds `##[name]data` ANYWHERE in
  the line, not only at its start, for every registered command (`add-mask`, `stop-commands`..).

Our design: every line starts with `::error ` or `::warning `, and `:`/`,` are escaped in
property values, so V2 always parses it and the first `::` is ours; `\\r` and `\\n` are escaped,
so no content can end the line and start another. Text goes through `printable` first (as in
the text reporter): ESC sequences would restyle the web log, and bidi controls would spoof it.
Defence in depth for the legacy parser and for the web log viewer (which treats `##[group]`
and friends at the start of a log line, such as the decoded hint line, as formatting): any
`##[` in our text is shown as `#\\x23[`, the escape notation `printable` already uses.
"""

from __future__ import annotations

from typing import TextIO

from cardlint.model import Report, Severity, Violation
from cardlint.report import ReportStyle
from cardlint.text import printable

_LEGACY_PREFIX = "##["
_LEGACY_SHOWN = "#\\x23["


def write_github(report: Report, out: TextIO, style: ReportStyle) -> None:
    for line in annotation_lines(report):
        out.write(line + "\n")


def annotation_lines(report: Report) -> list[str]:
    """The workflow-command lines, without newlines; the CLI may print them beside the text."""
    return [annotation(v) for v in report.violations]


def annotation(violation: Violation) -> str:
    command = "error" if violation.severity is Severity.ERROR else "warning"
    properties = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", _shown(violation.path)),
            ("line", str(violation.line)),
            ("col", str(violation.column)),
            # Last, so the runner's trim of the property list can only touch our own text.
            ("title", _shown(f"{violation.code} {violation.rule}")),
        )
    )
    message = _shown(violation.message)
    if violation.hint:
        message += "\nhint: " + _shown(violation.hint)
    return f"::{command} {properties}::{escape_data(message)}"


def _shown(text: str) -> str:
    return printable(text).replace(_LEGACY_PREFIX, _LEGACY_SHOWN)


def escape_data(text: str) -> str:
    # `%` first: the runner decodes `%25` last, so this order round-trips.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
