"""Property-based tests: whatever bytes a card holds, cardlint answers, exactly and safely.

Properties (issue 6):
- total: any bytes give violations or a clean result, never an exception or a CL000;
- exact: every position lies inside the file; CRLF or CR line endings change no position, and
  k blank lines inserted at the top of the front matter move exactly the violations below them,
  by exactly k lines;
- safe output: every format of every run parses back (JSON strictly, SARIF, JUnit XML, the
  GitHub runner's decoding) and the text report holds no raw control, escape or bidi character.

Most run in-process (`cardlint.app.check` and `cardlint.report.render`), a few through the real
command. The number of examples comes from a hypothesis profile chosen by the environment:

    HYPOTHESIS_PROFILE=ci        (default) enough to matter, this file in well under a minute
    HYPOTHESIS_PROFILE=campaign  .venv/bin/python -m pytest tests/test_properties.py  (20,000)

A quick run (`pytest -m "not slow"`) takes a twentieth of either; see `examples` in conftest.py.

docs/security.md records what the last campaign found.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cardlint import app
from cardlint.docs import rule_sheets
from cardlint.load.yaml_front_matter import MAX_INT_DIGITS, resolve_plain
from cardlint.model import Report, Violation
from cardlint.report import ReportStyle, render
from cardlint.schema.heading_template import Template
from cardlint.settings.request import CheckRequest
from cardlint.text import printable, unambiguous
from tests.conftest import examples, run_cli
from tests.hostile import make_cards
from tests.test_reporters import _runner_decode

settings.register_profile(
    "ci",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # Examples that failed before are replayed first; the folder is git-ignored.
    print_blob=True,
)
settings.register_profile(
    "campaign",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
_CHOSEN = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
PROFILE = settings(_CHOSEN, max_examples=examples(_CHOSEN.max_examples))
"""The chosen profile, cut to a twentieth in a quick run (`-m "not slow"`, tests/conftest.py)."""
CLI_PROFILE = settings(_CHOSEN, max_examples=examples(max(8, _CHOSEN.max_examples // 40)))
"""The real command costs a process start per example: a fortieth of the examples."""

TODAY = date(2026, 11, 29)
CARD = "cards/card.md"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project whose only card is rewritten by every example."""
    root = tmp_path_factory.mktemp("properties")
    (root / "cardlint.toml").write_text('today = "2026-11-29"\n', encoding="utf-8")
    (root / "cards").mkdir()
    return root


def check_bytes(project: Path, data: bytes) -> Report:
    (project / CARD).write_bytes(data)
    return app.check(CheckRequest(cwd=project, cache=False, today=TODAY))


# -- what a run must always satisfy -----------------------------------------------------------


def card_lines(data: bytes) -> list[str]:
    """The card's lines as cardlint numbers them; bytes that are not UTF-8 count one each."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    text = body.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    # A final newline ends the last line; it does not start another.
    return lines[:-1] if len(lines) > 1 and lines[-1] == "" else lines


def assert_inside(data: bytes, violations: tuple[Violation, ...]) -> None:
    lines = card_lines(data)
    for v in violations:
        assert 1 <= v.line <= len(lines), (v, len(lines))
        assert 1 <= v.column <= len(lines[v.line - 1]) + 1, (v, lines[v.line - 1][:80])


def assert_sane(data: bytes, report: Report) -> None:
    assert report.internal_errors == 0, [v for v in report.violations if v.code == "CL000"]
    assert report.paths == (CARD,)
    for v in report.violations:
        assert v.path == CARD and re.fullmatch(r"CL[1-9]\d\d|CL0\d[1-9]", v.code), v
        assert len(v.message) <= 600 and (v.hint is None or len(v.hint) <= 600)
    assert_inside(data, report.violations)


def rendered(report: Report, name: str) -> str:
    out = io.StringIO()
    render(name, report, out, ReportStyle(rules=rule_sheets))
    return out.getvalue()


def _no_constants(name: str) -> object:
    raise AssertionError(f"JSON holds {name}")


_TEXT_LINE = re.compile(r'("(?:[^"\\]|\\.)*"|[^":][^:]*):(\d+):(\d+): (CL\d{3}) (.*)')
_URI = re.compile(r"[A-Za-z0-9._~/-]*(?:%[0-9A-F]{2}[A-Za-z0-9._~/-]*)*")


def assert_outputs_parse(report: Report) -> None:
    """Every format parses back, and says what the report says."""
    violations = report.violations
    text = rendered(report, "text")
    lines = text.split("\n")
    assert lines.pop() == ""
    assert all(line.isprintable() for line in lines), [
        line for line in lines if not line.isprintable()
    ]
    lines.pop()  # the summary
    located = [_TEXT_LINE.fullmatch(line) for line in lines if not line.startswith("    hint: ")]
    assert [(m[1], int(m[2]), int(m[3]), m[4]) if m else None for m in located] == [
        (unambiguous(v.path), v.line, v.column, v.code) for v in violations
    ]

    document = json.loads(rendered(report, "json"), parse_constant=_no_constants)
    assert [(d["line"], d["column"], d["code"]) for d in document["violations"]] == [
        (v.line, v.column, v.code) for v in violations
    ]
    for name in ("json", "sarif", "gitlab"):
        rendered(report, name).encode("utf-8")  # strict: no lone surrogate anywhere

    sarif = json.loads(rendered(report, "sarif"), parse_constant=_no_constants)
    results = sarif["runs"][0]["results"]
    assert len(results) == len(violations)
    for result in results:
        location = result["locations"][0]["physicalLocation"]
        assert _URI.fullmatch(location["artifactLocation"]["uri"])

    gitlab = json.loads(rendered(report, "gitlab"), parse_constant=_no_constants)
    assert len({issue["fingerprint"] for issue in gitlab}) == len(violations)

    root = ET.fromstring(rendered(report, "junit"))
    assert root.tag == "testsuites"

    commands = _runner_decode(rendered(report, "github")) if violations else []
    assert [(name, p["line"], p["col"]) for name, p, _ in commands] == [
        (v.severity.value, str(v.line), str(v.column)) for v in violations
    ]


# -- strategies ---------------------------------------------------------------------------------

BASE = make_cards.lines("card")
"""The committed base card: clean on its own."""

# Pieces that change how a card parses: YAML and Markdown syntax, and characters that are line
# breaks to some readers (U+2028, U+0085), escapes, bidi controls and bytes that are not text.
TOKENS = [
    "---",
    "...",
    "[",
    "]",
    "{",
    "}",
    "&a",
    "*a",
    "&a [x, *a]",
    "!!python/name:os.system",
    "!x",
    "\t",
    "- ",
    "? ",
    ": ",
    ":",
    "#",
    "# x",
    "## x",
    "###### x",
    "```",
    "~~~",
    "<!--",
    "-->",
    "<!-- cardlint-disable -->",
    "# cardlint: disable=CL1",
    "|",
    ">",
    "'",
    '"',
    "\\",
    "%YAML 1.1",
    "\u2028",
    "\u2029",
    "\u0085",
    "\x1b[2J",
    "\u202e",
    "\ufeff",
    "\x00",
    "\r",
    "\x7f",
    "😀",
    "yes",
    "0777",
    "1:20",
    ".nan",
    "1e999",
    "9" * 40,
    "2023-02-30",
    "=====",
    "    ",
    "\\u0000",
]
_token = st.sampled_from(TOKENS)
_line_text = st.one_of(_token, st.text(max_size=20), st.sampled_from(BASE))


@st.composite
def mutated_card(draw: st.DrawFn, line_ending: str = "\n") -> bytes:
    """The base card after a few structured mutations, then maybe byte flips."""
    lines = list(BASE)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(lines)))
        kind = draw(st.sampled_from(["insert line", "insert inline", "delete", "replace"]))
        if kind == "insert line":
            lines.insert(at, draw(_line_text))
        elif lines and kind == "insert inline":
            line = lines[min(at, len(lines) - 1)]
            column = draw(st.integers(0, len(line)))
            lines[min(at, len(lines) - 1)] = line[:column] + draw(_token) + line[column:]
        elif lines and kind == "delete":
            del lines[min(at, len(lines) - 1)]
        elif lines:
            lines[min(at, len(lines) - 1)] = draw(_line_text)
    data = bytearray((line_ending.join(lines) + line_ending).encode("utf-8", "surrogatepass"))
    for _ in range(draw(st.integers(0, 2))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return bytes(data)


@st.composite
def small_card(draw: st.DrawFn) -> bytes:
    """A few lines of tokens, base-card lines and text, often opened and closed like a card."""
    lines = draw(st.lists(_line_text, max_size=8))
    if draw(st.booleans()):
        lines = ["---", *lines[: len(lines) // 2], "---", *lines[len(lines) // 2 :]]
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    final = draw(st.sampled_from(["", ending]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return (bom + ending.join(lines) + final).encode("utf-8", "surrogatepass")


_any_bytes = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")),
    small_card(),
    mutated_card(),
)


# -- the properties -------------------------------------------------------------------------------


@PROFILE
@given(data=_any_bytes)
def test_any_bytes_give_a_sane_report_that_every_format_can_carry(
    project: Path, data: bytes
) -> None:
    report = check_bytes(project, data)
    assert_sane(data, report)
    assert_outputs_parse(report)


@PROFILE
@given(data=mutated_card())
def test_mutated_cards_give_a_sane_report(project: Path, data: bytes) -> None:
    report = check_bytes(project, data)
    assert_sane(data, report)
    assert_outputs_parse(report)


def _located(report: Report) -> Counter[tuple[str, int, int, str]]:
    return Counter((v.code, v.line, v.column, v.message) for v in report.violations)


@PROFILE
@given(card=mutated_card())
def test_line_endings_change_no_position(project: Path, card: bytes) -> None:
    assume(b"\r" not in card)
    lf = _located(check_bytes(project, card))
    assert _located(check_bytes(project, card.replace(b"\n", b"\r\n"))) == lf
    assert _located(check_bytes(project, card.replace(b"\n", b"\r"))) == lf


@PROFILE
@given(card=mutated_card(), blank=st.integers(1, 5))
def test_blank_lines_in_the_front_matter_move_only_what_follows(
    project: Path, card: bytes, blank: int
) -> None:
    lines = card.split(b"\n")
    # Line 1 opens the front matter and a later line closes it, so the blank lines go in
    # before the first YAML token: what the card means does not change.
    assume(re.fullmatch(rb"---[ \t]*", lines[0]) is not None)
    assume(any(re.fullmatch(rb"---[ \t]*", line) for line in lines[1:]))
    assume(b"\r" not in card)
    before = check_bytes(project, card)
    after = check_bytes(project, b"\n".join([lines[0], *[b""] * blank, *lines[1:]]))

    def moved(v: Violation) -> tuple[str, int, int]:
        return (v.code, v.line + blank if v.line > 1 else v.line, v.column)

    assert Counter(map(moved, before.violations)) == Counter(
        (v.code, v.line, v.column) for v in after.violations
    )


@CLI_PROFILE
@given(data=_any_bytes)
def test_the_real_command_exits_0_or_1_without_a_traceback(project: Path, data: bytes) -> None:
    (project / CARD).write_bytes(data)
    for name in ("json", "sarif", "junit"):
        result = run_cli("check", "--no-cache", "--format", name, cwd=project)
        assert result.code in (0, 1), result.err
        assert "Traceback" not in result.err and result.err == ""
        if name == "junit":
            ET.fromstring(result.out)
        else:
            json.loads(result.out, parse_constant=_no_constants)


# -- the pieces that make positions and values honest -----------------------------------------


@PROFILE
@given(text=st.text(max_size=40))
def test_plain_scalars_are_read_as_written_or_as_core_yaml(text: str) -> None:
    value = resolve_plain(text)
    if isinstance(value, str):
        assert value == text
    elif isinstance(value, bool):
        assert text.lower() in ("true", "false")
    elif isinstance(value, int):
        assert len(text.lstrip("+-")) <= MAX_INT_DIGITS and value == int(text)
    elif isinstance(value, float):
        assert math.isfinite(value) and value == float(text)
    else:
        assert value is None and text in ("", "~", "null", "Null", "NULL")


def _regex_matches(template: str, heading: str, data: dict[str, object]) -> bool:
    """The old implementation of Template.matches, kept as the oracle."""
    import string

    from cardlint.schema.heading_template import normalise

    def field(name: str | None) -> str:
        if not name:
            return ""
        value = data.get(name)
        given_text = value if isinstance(value, str) and value.strip() else None
        return re.escape(normalise(given_text)) if given_text is not None else ".+"

    pattern = "".join(
        re.escape(normalise(literal)) + field(name)
        for literal, name, _, _ in string.Formatter().parse(template)
    )
    return re.fullmatch(pattern, normalise(heading)) is not None


_small = st.text(alphabet="ab(){} ", max_size=6)


@PROFILE
@given(
    literals=st.lists(st.text(alphabet="ab() ?？", max_size=3), min_size=1, max_size=4),
    names=st.lists(st.sampled_from(["x", "y", "z"]), max_size=3),
    values=st.dictionaries(st.sampled_from(["x", "y", "z"]), st.one_of(_small, st.integers())),
    heading=st.text(alphabet="ab() ?？", max_size=12),
)
def test_template_matching_agrees_with_the_regex_it_replaced(
    literals: list[str], names: list[str], values: dict[str, object], heading: str
) -> None:
    parts: Iterator[str] = iter(names)
    template = "".join(
        literal.replace("{", "{{").replace("}", "}}")
        + (f"{{{next(parts)}}}" if i < len(names) else "")
        for i, literal in enumerate(literals)
    )
    expected = _regex_matches(template, heading, values)
    assert Template(template).matches(heading, values) == expected


def test_printable_text_has_no_raw_controls() -> None:
    # The guarantee the text assertions above lean on.
    nasty = "".join(map(chr, range(0x20))) + "\x7f\x85\u2028\u2029\u202e\u200f\ufeff\udcff"
    assert printable(nasty).isprintable()
    assert unambiguous("a:b\n").startswith('"')
