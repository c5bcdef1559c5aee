"""The JSON report: a stable, versioned document, byte-identical for the same input."""

from __future__ import annotations

import json
from typing import Literal, TextIO

from pydantic import BaseModel

from cardlint.jsonout import without_surrogates
from cardlint.model import Report
from cardlint.report import ReportStyle


class JsonViolation(BaseModel):
    path: str
    line: int
    column: int
    code: str
    rule: str
    severity: Literal["error", "warning"]
    message: str
    hint: str | None


class JsonSummary(BaseModel):
    errors: int
    warnings: int
    cards: int
    cards_with_violations: int


class JsonReport(BaseModel):
    version: Literal[1] = 1
    violations: list[JsonViolation]
    summary: JsonSummary


def write_json(report: Report, out: TextIO, style: ReportStyle) -> None:
    summary = report.summary
    document = JsonReport(
        violations=[
            JsonViolation(
                # Lone surrogates (file-name bytes that are not UTF-8) would make the document
                # unencodable, or invalid UTF-8 under surrogateescape: show them as escapes.
                path=without_surrogates(v.path),
                line=v.line,
                column=v.column,
                code=v.code,
                rule=v.rule,
                severity=v.severity.value,
                message=without_surrogates(v.message),
                hint=None if v.hint is None else without_surrogates(v.hint),
            )
            for v in report.violations
        ],
        summary=JsonSummary(
            errors=summary.errors,
            warnings=summary.warnings,
            cards=summary.cards,
            cards_with_violations=summary.cards_with_violations,
        ),
    )
    text = json.dumps(document.model_dump(), ensure_ascii=False, allow_nan=False, indent=2)
    out.write(text + "\n")
