"""The CI reporters, fed hand-built reports full of hostile text: valid, injection-proof, stable."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import validators
from referencing import Registry, Resource

import cardlint
from cardlint import app
from cardlint.docs import rule_sheets
from cardlint.model import Edit, Fix, Position, Report, Severity, Violation
from cardlint.report import FORMATS, ReportStyle, chosen, render, reporter
from cardlint.report.gitlab import fingerprints
from cardlint.report.statistics import write_statistics
from cardlint.rules import all_rules
from cardlint.settings.request import CheckRequest
from cardlint.text import printable
from tests.cache_helpers import make_messy
from tests.conftest import CARDS, ELAPSED, REPO, TODAY, run_cli

SCHEMAS = REPO.parent / "shared" / "schemas"
SARIF_SCHEMA = SCHEMAS / "sarif-2.1.0.json"
JUNIT_XSD = SCHEMAS / "junit-jenkins-xunit-junit-10.xsd"

HOSTILE_PATH = "cards/50%, a:b #1?\u00e9 \u202e\x1b.md"
UNDECODABLE_PATH = "cards/bad\udcff\udc80name.md"
HOSTILE_MESSAGE = "100% done: a, b\r\n::add-mask::x\n##[group]hidden\x1b[2J\u202eevil\x00 %0A %25"
HOSTILE_HINT = "##[endgroup]\r\n::error::forged\x7f"


def _violation(
    path: str,
    line: int,
    code: str,
    rule: str,
    severity: Severity = Severity.ERROR,
    message: str = "plain",
    hint: str | None = None,
    fingerprint: str = "f" * 20,
) -> Violation:
    return Violation(path, line, 3, code, rule, severity, message, hint, fingerprint)


def _cards(count: int) -> tuple[str, ...]:
    return tuple(f"cards/card-{n}.md" for n in range(count))


@pytest.fixture
def report() -> Report:
    violations = (
        _violation(
            HOSTILE_PATH,
            2,
            "CL301",
            "dangling-reference",
            message=HOSTILE_MESSAGE,
            hint=HOSTILE_HINT,
            fingerprint="0123456789abcdef0123",
        ),
        # The same offending text twice: the same fingerprint, which GitLab must not see twice.
        _violation(
            HOSTILE_PATH, 9, "CL301", "dangling-reference", fingerprint="0123456789abcdef0123"
        ),
        _violation(
            HOSTILE_PATH,
            11,
            "CL206",
            "heading-level-skip",
            Severity.WARNING,
            message="warned ##[warning]x, y: z",
        ),
        _violation(
            UNDECODABLE_PATH,
            1,
            "CL000",
            "internal-error",
            message="rule CL403 failed",
            hint="please report this as a cardlint bug",
            fingerprint="",
        ),
        _violation("cards/warn-only.md", 4, "CL206", "heading-level-skip", Severity.WARNING),
    )
    return Report(
        tuple(sorted(violations, key=lambda v: v.sort_key)),
        paths=tuple(sorted({v.path for v in violations} | set(_cards(4)))),
        internal_errors=1,
    )


def _render(name: str, report: Report) -> str:
    out = io.StringIO()
    render(name, report, out, ReportStyle(rules=rule_sheets))
    return out.getvalue()


# -- every format --------------------------------------------------------------------------

Carried = Counter[tuple[str, int, str]]
"""(path, line, code) of each violation an output carries, as many times as it carries it."""

_TEXT_LINE = re.compile(r"(?P<path>[^\s:][^:]*):(?P<line>\d+):\d+: (?P<code>CL\d{3})\b")
"""`path:line:column: CODE`, the text reporter's line, which JUnit's failures repeat."""


def _text_lines(lines: list[str]) -> Carried:
    found = Counter[tuple[str, int, str]]()
    for line in lines:
        if match := _TEXT_LINE.match(line):
            found[match["path"], int(match["line"]), match["code"]] += 1
    return found


def _carried_by_text(output: str) -> Carried:
    return _text_lines(output.splitlines())


def _carried_by_json(output: str) -> Carried:
    return Counter((v["path"], v["line"], v["code"]) for v in json.loads(output)["violations"])


def _carried_by_sarif(output: str) -> Carried:
    found = Counter[tuple[str, int, str]]()
    for result in json.loads(output)["runs"][0]["results"]:
        where = result["locations"][0]["physicalLocation"]
        path = urllib.parse.unquote(where["artifactLocation"]["uri"])
        found[path, where["region"]["startLine"], result["ruleId"]] += 1
    return found


def _carried_by_github(output: str) -> Carried:
    return Counter(
        (properties["file"], int(properties["line"]), properties["title"].split()[0])
        for _, properties, _ in _runner_decode(output)
    )


def _carried_by_junit(output: str) -> Carried:
    found = Counter[tuple[str, int, str]]()
    for case in ET.fromstring(output).iter("testcase"):
        for element in case:
            # A failure's or error's text starts with the text reporter's line; the warnings
            # are lines of the case's output.
            lines = (element.text or "").splitlines()
            if element.tag in ("failure", "error"):
                lines = lines[:1]
                [(path, _, code)] = _text_lines(lines)
                assert (path, code) == (case.attrib["name"], element.attrib["type"])
            found.update(_text_lines(lines))
    return found


def _carried_by_gitlab(output: str) -> Carried:
    return Counter(
        (issue["location"]["path"], issue["location"]["lines"]["begin"], issue["check_name"])
        for issue in json.loads(output)
    )


CARRIED_BY: dict[str, Callable[[str], Carried]] = {
    "text": _carried_by_text,
    "json": _carried_by_json,
    "sarif": _carried_by_sarif,
    "github": _carried_by_github,
    "junit": _carried_by_junit,
    "gitlab": _carried_by_gitlab,
}
"""How to read the violations back out of each format: a format without a reader here fails."""


def _plain_report() -> Report:
    """Errors, warnings and a crashed rule over several cards; one line with two findings,
    one card with the same code on two lines."""
    violations = (
        _violation("cards/a.md", 3, "CL103", "invalid-value"),
        _violation("cards/a.md", 3, "CL301", "dangling-reference", hint="did you mean 'b'?"),
        _violation("cards/a.md", 12, "CL206", "heading-level-skip", Severity.WARNING),
        _violation("cards/b.md", 7, "CL301", "dangling-reference"),
        _violation("cards/b.md", 9, "CL301", "dangling-reference"),
        _violation("docs/c.md", 1, "CL000", "internal-error", fingerprint=""),
        _violation("cards/d.md", 20, "CL206", "heading-level-skip", Severity.WARNING),
    )
    return Report(
        tuple(sorted(violations, key=lambda v: v.sort_key)),
        paths=tuple(sorted({v.path for v in violations} | set(_cards(3)))),
        internal_errors=1,
    )


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_carries_every_violation(name: str) -> None:
    report = _plain_report()
    expected = Counter((v.path, v.line, v.code) for v in report.violations)
    assert CARRIED_BY[name](_render(name, report)) == expected


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our cards with card-local and cross-card errors, and two cards naming one concept:
    findings that come from sets of ids and names, whose order a hash seed could change."""
    project = tmp_path_factory.mktemp("messy")
    shutil.copytree(CARDS, project / "cards")
    (project / "cardlint.toml").write_text(f'today = "{TODAY}"\n', encoding="utf-8")
    make_messy(project)
    clip = (project / "cards" / "clip.md").read_text(encoding="utf-8")
    copy = clip.replace("concept_id: clip\n", "concept_id: clip-copy\n")
    (project / "cards" / "clip-copy.md").write_text(copy, encoding="utf-8")
    return project


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_is_the_same_bytes_whatever_the_hash_seed(name: str, messy: Path) -> None:
    # Two processes with different string hashes: any output that follows the order of a set
    # or a dict built from one differs between them.
    runs = [
        run_cli("check", "--no-cache", "--format", name, cwd=messy, env={"PYTHONHASHSEED": seed})
        for seed in ("1", "2")
    ]
    assert [(run.code, run.err) for run in runs] == [(1, ""), (1, "")]
    # The text summary gives the time the run took: the one part that may differ.
    first, second = (ELAPSED.sub("", run.out) for run in runs)
    assert first == second
    report = app.check(CheckRequest(cwd=messy, cache=False, today=TODAY))
    assert {v.code for v in report.violations} >= {"CL103", "CL301", "CL310"}
    assert CARRIED_BY[name](first) == Counter((v.path, v.line, v.code) for v in report.violations)


@pytest.mark.parametrize("name", ["sarif", "gitlab", "junit"])
def test_machine_formats_are_pure_ascii(name: str, report: Report) -> None:
    # ASCII bytes carry no raw control or bidi character and survive any stdout encoding.
    text = _render(name, report)
    assert text.isascii()
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f]", text)


def test_formats_are_imported_only_when_used() -> None:
    probe = (
        "import sys\nfrom cardlint.report import reporter\nreporter('json')\n"
        "print(sorted(m for m in sys.modules if m.startswith('cardlint.report.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert done.stdout.strip() == "['cardlint.report.json']"


# -- SARIF ---------------------------------------------------------------------------------


def _refuse(uri: str) -> Resource[Any]:
    raise AssertionError(f"schema validation tried to fetch {uri}")


def test_sarif_validates_against_the_official_schema(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip("../shared/schemas/sarif-2.1.0.json is not present on this machine")

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("schema validation tried to use the network")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    # The schema's own `$schema` picks the draft; its $refs are all `#/definitions/...`, and a
    # registry whose retrieve refuses guarantees nothing is ever fetched.
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, registry=Registry(retrieve=_refuse))  # type: ignore[call-arg]
    document = json.loads(_render("sarif", report))
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
    clean = json.loads(_render("sarif", Report((), paths=_cards(3))))
    assert not list(validator.iter_errors(clean))


def test_sarif_content(report: Report) -> None:
    document = json.loads(_render("sarif", report))
    assert document["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert document["version"] == "2.1.0"
    (run,) = document["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("cardlint", cardlint.__version__)
    catalogue = all_rules()
    assert [r["id"] for r in driver["rules"]] == [r.code for r in catalogue]
    for entry, rule in zip(driver["rules"], catalogue, strict=True):
        assert entry["name"] == rule.name
        assert entry["shortDescription"]["text"] == rule.summary
        assert entry["fullDescription"]["text"] == rule.doc.what
        assert rule.doc.fix in entry["help"]["text"] and rule.doc.why in entry["help"]["markdown"]
        assert entry["defaultConfiguration"]["level"] == rule.severity.value

    results = run["results"]
    assert len(results) == len(report.violations)
    for result, violation in zip(results, report.violations, strict=True):
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == violation.code
        assert result["level"] == violation.severity.value
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (violation.line, violation.column)
    first = results[0]
    assert first["message"]["text"] == f"{HOSTILE_MESSAGE}\nhint: {HOSTILE_HINT}"
    assert first["partialFingerprints"] == {"cardlint/v1": "0123456789abcdef0123"}
    internal = next(r for r in results if r["ruleId"] == "CL000")
    assert "partialFingerprints" not in internal  # no offending line, nothing stable


def test_sarif_uris_are_percent_encoded_file_name_bytes(report: Report) -> None:
    document = json.loads(_render("sarif", report))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in document["runs"][0]["results"]
    }
    assert uris == {
        "cards/50%25%2C%20a%3Ab%20%231%3F%C3%A9%20%E2%80%AE%1B.md",
        "cards/bad%FF%80name.md",  # the bytes the surrogate escapes stood for
        "cards/warn-only.md",
    }
    for uri in uris:
        assert re.fullmatch(r"[A-Za-z0-9._~/-]*(%[0-9A-F]{2}[A-Za-z0-9._~/-]*)*", uri)


# -- GitHub Actions ------------------------------------------------------------------------

_REGISTERED = {
    "error",
    "warning",
    "notice",
    "debug",
    "add-mask",
    "add-matcher",
    "group",
    "endgroup",
    "echo",
    "set-output",
    "save-state",
    "stop-commands",
    "add-path",
}


def _unescape(text: str, mappings: list[tuple[str, str]]) -> str:
    for escaped, token in mappings:
        text = text.replace(escaped, token)
    return text


def _runner_decode(output: str) -> list[tuple[str, dict[str, str], str]]:
    """What actions/runner does with each stdout line (ActionCommand.TryParseV2/TryParse)."""
    commands = []
    for line in re.split(r"\r\n|\r|\n", output.removesuffix("\n")):  # .NET ReadLine
        # The legacy parser would find `##[name]` anywhere in a line that V2 rejects.
        assert "##[" not in line
        message = line.lstrip()
        assert message.startswith("::"), line
        end = message.index("::", 2)
        info = message[2:end]
        name, _, properties = info.partition(" ")
        assert name in _REGISTERED
        decoded = {}
        for item in (p for p in properties.strip().split(",") if p):
            pair = [part for part in item.split("=", 1) if part]
            if len(pair) == 2:
                decoded[pair[0]] = _unescape(
                    pair[1],
                    [("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")],
                )
        data = _unescape(message[end + 2 :], [("%0D", "\r"), ("%0A", "\n"), ("%25", "%")])
        commands.append((name, decoded, data))
    return commands


def _shown(text: str) -> str:
    """What a reader should see: the text reporter's escapes, and `##[` defused."""
    return printable(text).replace("##[", "#\\x23[")


def test_github_gives_one_annotation_per_violation_with_the_original_text(
    report: Report,
) -> None:
    commands = _runner_decode(_render("github", report))
    assert len(commands) == len(report.violations)
    for (name, properties, data), violation in zip(commands, report.violations, strict=True):
        assert name == violation.severity.value
        assert properties == {
            "file": _shown(violation.path),
            "line": str(violation.line),
            "col": str(violation.column),
            "title": f"{violation.code} {violation.rule}",
        }
        hint = f"\nhint: {_shown(violation.hint)}" if violation.hint else ""
        assert data == _shown(violation.message) + hint


def test_github_keeps_percent_colon_and_comma_exactly() -> None:
    tricky = _violation(
        "docs, v2/a:b 100%.md",
        5,
        "CL301",
        "dangling-reference",
        message="50%25 of a, b: c :: d %0A",
        hint="e%, f:",
    )
    ((_, properties, data),) = _runner_decode(_render("github", Report((tricky,), paths=_cards(1))))
    assert properties["file"] == "docs, v2/a:b 100%.md"
    assert data == "50%25 of a, b: c :: d %0A\nhint: e%, f:"


def test_github_shows_hostile_text_escaped_and_injects_nothing(report: Report) -> None:
    output = _render("github", report)
    assert output.count("\n") == len(report.violations)
    assert all(line.startswith(("::error ", "::warning ")) for line in output.splitlines())
    assert all(line.isprintable() for line in output.split("\n"))  # no ESC, bidi, CR, NUL
    assert "::add-mask::x" in output  # harmless inside data: the line's first `::` is ours


# -- JUnit ---------------------------------------------------------------------------------


def test_junit_parses_back_with_one_case_per_card(report: Report) -> None:
    root = ET.fromstring(_render("junit", report))
    assert root.tag == "testsuites"
    (suite,) = root
    assert suite.attrib["name"] == "cardlint"
    assert (suite.attrib["tests"], suite.attrib["failures"], suite.attrib["errors"]) == (
        "7",
        "1",
        "1",
    )
    cases = {case.attrib["name"]: case for case in suite.iter("testcase")}
    assert set(cases) == {
        printable(HOSTILE_PATH),
        printable(UNDECODABLE_PATH),
        "cards/warn-only.md",
        *_cards(4),
    }
    assert all(len(cases[clean]) == 0 for clean in _cards(4))
    assert {case.attrib["classname"] for case in cases.values()} == {"cardlint"}

    hostile = cases[printable(HOSTILE_PATH)]
    failures = hostile.findall("failure")
    assert [f.attrib["type"] for f in failures] == ["CL301", "CL301"]
    assert failures[0].attrib["message"] == printable(HOSTILE_MESSAGE)
    assert failures[0].text is not None
    assert failures[0].text.endswith(f"\n    hint: {printable(HOSTILE_HINT)}")
    system_out = hostile.find("system-out")
    assert system_out is not None and system_out.text is not None
    assert "CL206 warned ##[warning]x, y: z" in system_out.text

    (internal,) = cases[printable(UNDECODABLE_PATH)]
    assert (internal.tag, internal.attrib["type"]) == ("error", "CL000")
    warn_only = cases["cards/warn-only.md"]
    assert warn_only.find("failure") is None and warn_only.find("system-out") is not None


def test_junit_strips_what_xml_cannot_hold() -> None:
    nasty = "".join(map(chr, range(0x20))) + "\ud800\ufffe\uffff\U0001f600"
    violation = _violation(nasty, 1, "CL301", "dangling-reference", message=nasty, hint=nasty)
    root = ET.fromstring(_render("junit", Report((violation,), paths=_cards(1))))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.attrib["message"] == printable(nasty)
    assert "\U0001f600" in failure.attrib["message"]


def _xsd_declarations(xsd: Path) -> dict[str, tuple[dict[str, bool], set[str], bool]]:
    """Per top-level element: attributes (name -> required), child refs, text allowed."""
    ns = {"xs": "http://www.w3.org/2001/XMLSchema"}
    declared = {}
    for element in ET.parse(xsd).getroot().findall("xs:element", ns):
        attributes = {
            a.attrib["name"]: a.attrib.get("use") == "required"
            for a in element.iterfind(".//xs:attribute", ns)
        }
        children = {c.attrib["ref"] for c in element.iterfind(".//xs:element[@ref]", ns)}
        text = "type" in element.attrib or any(
            t.attrib.get("mixed") == "true" for t in element.iterfind("xs:complexType", ns)
        )
        declared[element.attrib["name"]] = (attributes, children, text)
    return declared


def test_junit_fits_the_jenkins_xunit_schema(report: Report) -> None:
    # No XSD validator is installed (no lxml), and this schema is simple: top-level elements
    # with attributes and `ref` children. Checking those rules directly covers all it says
    # about our elements except the SUREFIRE_TIME pattern, and we write no `time`.
    if not JUNIT_XSD.is_file():
        pytest.skip("../shared/schemas/junit-jenkins-xunit-junit-10.xsd is not present")
    declared = _xsd_declarations(JUNIT_XSD)
    root = ET.fromstring(_render("junit", report))
    for element in root.iter():
        attributes, children, text = declared[element.tag]
        assert set(element.attrib) <= set(attributes), element.tag
        assert {a for a, required in attributes.items() if required} <= set(element.attrib)
        assert {child.tag for child in element} <= children, element.tag
        assert text or not (element.text or "").strip(), element.tag
    assert root.tag == "testsuites"


# -- GitLab --------------------------------------------------------------------------------


def test_gitlab_issues_have_unique_fingerprints(report: Report) -> None:
    issues = json.loads(_render("gitlab", report))
    assert isinstance(issues, list) and len(issues) == len(report.violations)
    prints = [issue["fingerprint"] for issue in issues]
    assert len(set(prints)) == len(prints)
    assert prints[0] == "0123456789abcdef0123"  # the first keeps the engine's, as in SARIF
    assert all(re.fullmatch(r"[0-9a-f]{20}", p) for p in prints)
    for issue, violation in zip(issues, report.violations, strict=True):
        assert issue["check_name"] == violation.code
        assert issue["severity"] == ("major" if violation.severity is Severity.ERROR else "minor")
        assert issue["location"]["lines"] == {"begin": violation.line}
    assert issues[0]["description"] == f"{HOSTILE_MESSAGE} (hint: {HOSTILE_HINT})"
    assert issues[0]["location"]["path"] == HOSTILE_PATH
    assert {i["location"]["path"] for i in issues} >= {"cards/bad\\xff\\x80name.md"}


def test_gitlab_fingerprints_do_not_depend_on_other_cards() -> None:
    same = [_violation("a.md", line, "CL301", "dangling-reference") for line in (1, 2, 3)]
    alone = fingerprints(Report(tuple(same), paths=_cards(1)))
    other = _violation("0.md", 1, "CL101", "x", fingerprint="0" * 20)
    with_other = fingerprints(Report((other, *same), paths=_cards(2)))
    assert with_other[1:] == alone and len(set(alone)) == 3


# -- text --------------------------------------------------------------------------------

_EDIT = (Edit(Position(6, 13), Position(6, 19), "advanced"),)


def _fixable() -> Report:
    """One finding with a safe fix, two with unsafe ones, one with none."""
    return Report(
        (
            Violation(
                "cards/clip.md", 6, 13, "CL103", "invalid-value", Severity.ERROR,
                "difficulty: 'expert' is not one of beginner, intermediate, advanced",
                fingerprint="a", fix=Fix("write 'advanced'", _EDIT, safe=False),
            ),
            Violation(
                "cards/clip.md", 9, 40, "CL303", "duplicate-reference", Severity.ERROR,
                "related_concepts: 'vit' is listed twice (first on line 9)",
                "remove the repeated entry", "b", Fix("remove it", _EDIT),
            ),
            Violation(
                "cards/vit.md", 3, 1, "CL301", "dangling-reference", Severity.ERROR,
                "related_concepts: 'gpt4v' is not the id of any card", "did you mean 'gpt-4v'?",
                "c", Fix("write 'gpt-4v'", _EDIT, safe=False),
            ),
            Violation(
                "cards/vit.md", 20, 1, "CL206", "heading-level-skip", Severity.WARNING,
                "H4 follows H2", fingerprint="d",
            ),
        ),
        paths=_cards(3),
    )  # fmt: skip


def test_text_marks_safe_and_unsafe_fixes_and_the_summary_says_what_they_mean() -> None:
    assert _render("text", _fixable()).splitlines() == [
        "cards/clip.md:6:13: CL103 [~] difficulty: 'expert' is not one of beginner, "
        "intermediate, advanced",
        "cards/clip.md:9:40: CL303 [*] related_concepts: 'vit' is listed twice (first on line 9)",
        "    hint: remove the repeated entry",
        "cards/vit.md:3:1: CL301 [~] related_concepts: 'gpt4v' is not the id of any card",
        "    hint: did you mean 'gpt-4v'?",
        "cards/vit.md:20:1: CL206 H4 follows H2",
        "Found 3 errors and 1 warning in 2 of 3 cards. [*] 1 fixable with `--fix`. "
        "[~] 2 more fixable with `--fix --unsafe-fixes`.",
    ]


@pytest.mark.parametrize("safe", [True, False])
def test_the_summary_names_only_the_fix_options_that_apply(safe: bool) -> None:
    only = Report(tuple(v for v in _fixable().violations if v.fix and v.fix.safe is safe), ())
    expected = (
        "[*] 1 fixable with `--fix`." if safe else "[~] 2 fixable with `--fix --unsafe-fixes`."
    )
    assert _render("text", only).splitlines()[-1].endswith(f"cards. {expected}")
    unfixable = Report(tuple(v for v in _fixable().violations if v.fix is None), _cards(3))
    assert (
        _render("text", unfixable).splitlines()[-1]
        == "Found 0 errors and 1 warning in 1 of 3 cards."
    )


@pytest.mark.parametrize("name", sorted({*FORMATS, "statistics"} - {"text"}))
def test_fixes_change_no_other_format(name: str) -> None:
    fixable = _fixable()
    plain = fixable._replace(violations=tuple(v._replace(fix=None) for v in fixable.violations))
    if name == "statistics":
        assert _render(name, fixable).splitlines()[:-1] == _render(name, plain).splitlines()[:-1]
    else:
        assert _render(name, fixable) == _render(name, plain)


def test_the_summary_says_how_many_violations_the_baseline_hid() -> None:
    hidden = _fixable()._replace(baselined=5, baseline="ci/baseline.json")
    assert _render("text", hidden).splitlines()[-1] == (
        "Found 3 errors and 1 warning in 2 of 3 cards; 5 known violations hidden by the "
        "baseline ci/baseline.json. [*] 1 fixable with `--fix`. "
        "[~] 2 more fixable with `--fix --unsafe-fixes`."
    )
    clean = Report((), _cards(2), baselined=1, baseline="b.json")
    out = io.StringIO()
    render("text", clean, out, ReportStyle(seconds=0.5))
    assert out.getvalue() == (
        "All 2 cards passed (0.50 s); 1 known violation hidden by the baseline b.json.\n"
    )
    assert _render("json", hidden) == _render("json", _fixable())


# -- statistics ----------------------------------------------------------------------------


def test_statistics_counts_per_rule_most_frequent_first(report: Report) -> None:
    out = io.StringIO()
    write_statistics(report, out, ReportStyle())
    assert out.getvalue().splitlines() == [
        "  2  CL206  heading-level-skip",
        "  2  CL301  dangling-reference",
        "  1  CL000  internal-error",
        "Found 3 errors and 2 warnings in 3 of 7 cards.",
    ]
    quiet = io.StringIO()
    write_statistics(report, quiet, ReportStyle(quiet=True))
    assert "Found" not in quiet.getvalue()
    clean = io.StringIO()
    write_statistics(Report((), paths=_cards(2)), clean, ReportStyle())
    assert clean.getvalue() == "All 2 cards passed.\n"


@pytest.mark.parametrize(
    ("output_format", "statistics", "github_actions", "expected"),
    [
        (None, False, False, ["text"]),
        (None, False, True, ["text", "github"]),
        (None, True, True, ["statistics", "github"]),
        ("json", False, True, ["json"]),
        ("github", False, True, ["github"]),
    ],
)
def test_the_reporters_chosen(
    output_format: str | None, statistics: bool, github_actions: bool, expected: list[str]
) -> None:
    assert chosen(output_format, statistics, github_actions) == expected


def test_an_unknown_reporter_is_an_error() -> None:
    with pytest.raises(ValueError, match="no reporter 'yaml'"):
        reporter("yaml")


@pytest.mark.parametrize(
    ("violations", "internal_errors", "exit_zero", "status"),
    [
        (0, 0, False, 0),
        (1, 0, False, 1),
        (1, 0, True, 0),
        (1, 1, True, 2),
    ],
)
def test_exit_status(
    report: Report, violations: int, internal_errors: int, exit_zero: bool, status: int
) -> None:
    errors = tuple(v for v in report.violations if v.severity is Severity.ERROR)[:violations]
    assert len(errors) == violations
    shown = Report(errors, report.paths, internal_errors)
    assert shown.exit_status(exit_zero) == status
