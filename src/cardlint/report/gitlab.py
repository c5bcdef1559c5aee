"""GitLab Code Quality: a JSON array of issues, shown in merge requests and pipelines."""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any, TextIO

from cardlint.jsonout import dump_json, without_surrogates
from cardlint.model import Report, Severity, Violation
from cardlint.report import ReportStyle

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor"}


def write_gitlab(report: Report, out: TextIO, style: ReportStyle) -> None:
    pairs = zip(report.violations, fingerprints(report), strict=True)
    out.write(dump_json([_issue(violation, fingerprint) for violation, fingerprint in pairs]))


def fingerprints(report: Report) -> list[str]:
    """One fingerprint per violation, unique within the report, as GitLab requires.

    The first violation with a given fingerprint keeps it unchanged, so it matches the SARIF
    one and stays stable across runs; a repeat (the same offending text twice in a card) gets
    a hash of the fingerprint and its occurrence number, counted in the report's fixed order.
    A violation without one (CL000 has no offending line) starts from its path, code and text.
    """
    seen: Counter[str] = Counter()
    taken: set[str] = set()
    unique = []
    for violation in report.violations:
        base = violation.fingerprint or _digest(violation.path, violation.code, violation.message)
        seen[base] += 1
        candidate = base if seen[base] == 1 else _digest(base, str(seen[base]))
        while candidate in taken:  # only if a derived hash hits a real one: never in practice
            candidate = _digest(candidate)
        taken.add(candidate)
        unique.append(candidate)
    return unique


def _digest(*parts: str) -> str:
    joined = "\0".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(joined).hexdigest()[:20]


def _issue(violation: Violation, fingerprint: str) -> dict[str, Any]:
    hint = f" (hint: {violation.hint})" if violation.hint else ""
    return {
        "description": without_surrogates(violation.message + hint),
        "check_name": violation.code,
        "fingerprint": fingerprint,
        "severity": _SEVERITY[violation.severity],
        "location": {
            "path": without_surrogates(violation.path),
            "lines": {"begin": max(1, violation.line)},
        },
    }
