"""JUnit XML for CI test views: one suite, one test case per card that has violations.

Mapping, chosen so a test case fails exactly when the card would fail the run (exit status 1):
- an error is a `<failure type="CL103">`;
- CL000, a rule that crashed, is an `<error>`: JUnit's word for "the test itself broke";
- warnings do not fail the run, so they are listed in the case's `<system-out>`, not as failures.
A card with only warnings is thus a passing case that carries its warnings as output.

The Report holds violations and a card count, not the clean cards, so clean cards appear only
in the `tests` count. Layout follows the Jenkins xunit JUnit 10 schema, which allows several
failures per case; no `time` or `timestamp`, so the same report gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TextIO

from cardlint.model import INTERNAL_ERROR_CODE, Report, Severity, Violation
from cardlint.report import ReportStyle
from cardlint.text import printable

NAME = "cardlint"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def write_junit(report: Report, out: TextIO, style: ReportStyle) -> None:
    by_card: dict[str, list[Violation]] = {path: [] for path in report.paths}
    for violation in report.violations:
        by_card.setdefault(violation.path, []).append(violation)
    cases = [_case(path, by_card[path]) for path in sorted(by_card)]
    counts = {
        "tests": str(len(cases)),
        "failures": str(sum(case.find("failure") is not None for case in cases)),
        "errors": str(sum(case.find("error") is not None for case in cases)),
    }
    root = ET.Element("testsuites", {"name": NAME, **counts})
    suite = ET.SubElement(root, "testsuite", {"name": NAME, **counts, "skipped": "0"})
    suite.extend(cases)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    # Character references for everything outside ASCII: the bytes are then right whatever the
    # stream's encoding is, and the UTF-8 declaration stays true.
    ascii_body = body.encode("ascii", "xmlcharrefreplace").decode("ascii")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ascii_body + "\n")


def _case(path: str, violations: Sequence[Violation]) -> ET.Element:
    case = ET.Element("testcase", {"classname": NAME, "name": xml_text(path)})
    warnings = []
    for violation in violations:
        line = _line(violation)
        if violation.severity is Severity.WARNING:
            warnings.append(line)
            continue
        tag = "error" if violation.code == INTERNAL_ERROR_CODE else "failure"
        attributes = {"type": violation.code, "message": xml_text(violation.message)}
        ET.SubElement(case, tag, attributes).text = line
    if warnings:
        ET.SubElement(case, "system-out").text = "\n".join(warnings)
    return case


def _line(violation: Violation) -> str:
    """The text reporter's line and hint, so the CI view reads like the terminal."""
    where = f"{xml_text(violation.path)}:{violation.line}:{violation.column}"
    line = f"{where}: {violation.code} {xml_text(violation.message)}"
    return line + (f"\n    hint: {xml_text(violation.hint)}" if violation.hint else "")


def xml_text(text: str) -> str:
    """Card or file-name text made safe to put in XML 1.0 and to show in a CI page.

    `printable` makes control and bidi characters visible (as in the text reporter); its output
    is always legal XML already, but the strip keeps that true whatever `printable` becomes,
    because a single illegal character makes the whole report unparseable.
    """
    return _NOT_XML.sub("", printable(text))
