"""Reporters turn a finished report into text for people or machines; they decide nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from cardlint.engine import Report


@dataclass(frozen=True)
class ReportStyle:
    color: bool = False
    quiet: bool = False
    seconds: float | None = None


Reporter = Callable[[Report, TextIO, ReportStyle], None]

FORMATS = ("text", "json")


def reporter(name: str) -> Reporter:
    if name == "json":
        from cardlint.report.json import write_json

        return write_json
    from cardlint.report.text import write_text

    return write_text


def render(name: str, report: Report, out: TextIO, style: ReportStyle) -> None:
    reporter(name)(report, out, style)
