"""Reporters turn a finished report into text for people or machines; they decide nothing.

They import only the leaf modules (`model`, `text`, `jsonout`): a `Report` in, text out.

- `text`: one line per violation, with hints and a summary (the default).
- `statistics`: counts per rule (`--statistics`).
- `json`, `sarif`, `junit`, `gitlab`: formats for machines (CI, code scanning, test reports).
- `github`: GitHub Actions annotations.
- `baseline`: record today's violations, then report only new ones.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple, TextIO, cast

if TYPE_CHECKING:
    from cardlint.model import Report, RuleSheet


class ReportStyle(NamedTuple):
    color: bool = False
    quiet: bool = False
    seconds: float | None = None
    rules: Callable[[], Sequence[RuleSheet]] = tuple
    """The rules to describe, asked for only by the formats that list them (SARIF)."""


Reporter = Callable[["Report", TextIO, ReportStyle], None]

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")
"""What `--format` offers; statistics is asked for with `--statistics`."""
REPORTERS = (*FORMATS, "statistics")
"""Each is the module of its name here, with a `write_<name>` function. Modules are imported
only when their format is used: `cardlint check` never pays for XML or SARIF it does not print."""


def reporter(name: str) -> Reporter:
    if name not in REPORTERS:
        raise ValueError(f"no reporter {name!r}")
    loaded = importlib.import_module(f"{__name__}.{name}")
    return cast(Reporter, getattr(loaded, f"write_{name}"))


def chosen(output_format: str | None, statistics: bool, github_actions: bool) -> list[str]:
    """The reporters a check prints, in order: the format asked for (text, or the statistics,
    by default), and GitHub annotations too under GitHub Actions when no format was asked for."""
    first = "statistics" if statistics else output_format or "text"
    return [first, "github"] if github_actions and output_format is None else [first]


def render(name: str, report: Report, out: TextIO, style: ReportStyle) -> None:
    reporter(name)(report, out, style)
