"""SARIF 2.1.0 for code-scanning tools: the whole rule catalogue plus one result per violation."""

from __future__ import annotations

from typing import Any, TextIO
from urllib.parse import quote

import cardlint
from cardlint.jsonout import dump_json, without_surrogates
from cardlint.model import Report, RuleSheet, Violation
from cardlint.report import ReportStyle

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "cardlint/v1"

Json = dict[str, Any]


def write_sarif(report: Report, out: TextIO, style: ReportStyle) -> None:
    rules = style.rules()
    index = {rule.code: position for position, rule in enumerate(rules)}
    run: Json = {
        "tool": {
            "driver": {
                "name": "cardlint",
                "version": cardlint.__version__,
                "rules": [_rule(rule) for rule in rules],
            }
        },
        # Rules count columns in code points, not UTF-16 units (SARIF's default).
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": report.internal_errors == 0}],
        "results": [_result(v, index.get(v.code)) for v in report.violations],
    }
    out.write(dump_json({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}))


def _rule(rule: RuleSheet) -> Json:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.what},
        "help": {
            "text": f"{rule.what}\n\nWhy: {rule.why}\n\nExample: {rule.example}\n\nFix: {rule.fix}",
            "markdown": rule.markdown,
        },
        "defaultConfiguration": {
            "level": rule.severity.value,
            "enabled": rule.enabled,
        },
    }


def _result(violation: Violation, rule_index: int | None) -> Json:
    text = violation.message + (f"\nhint: {violation.hint}" if violation.hint else "")
    result: Json = {"ruleId": violation.code}
    if rule_index is not None:  # a code outside the catalogue must not point at another rule
        result["ruleIndex"] = rule_index
    result["level"] = violation.severity.value
    result["message"] = {"text": without_surrogates(text)}
    result["locations"] = [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": artifact_uri(violation.path), "uriBaseId": "%SRCROOT%"},
                "region": {
                    "startLine": max(1, violation.line),
                    "startColumn": max(1, violation.column),
                },
            }
        }
    ]
    if violation.fingerprint:  # CL000 has no offending line, so nothing stable to print
        result["partialFingerprints"] = {FINGERPRINT_KEY: violation.fingerprint}
    return result


def artifact_uri(path: str) -> str:
    """A relative URI reference for a POSIX path: every byte but unreserved ones and `/` escaped.

    Escaping `:` matters beyond tidiness: `a:b/c.md` would otherwise parse as scheme `a`.
    Surrogate-escaped characters go back to the file-name bytes they stand for.
    """
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that no byte decoded to; keep it lossless anyway
        raw = path.encode("utf-8", "surrogatepass")
    return quote(raw, safe="/")
