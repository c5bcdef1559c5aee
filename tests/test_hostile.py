"""Hostile input (issue 6): never crash, never hang, never execute, never leak.

cardlint runs in CI on pull requests from strangers, so every card and every file name here is
written by an attacker. The corpus is tests/hostile/: committed cards (tests/hostile/cards/,
made by tests/hostile/make_cards.py) plus hazards made at test time (tests/hostile/hazards.py).
docs/security.md maps each guarantee to the tests below.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import io
import json
import os
import pkgutil
import re
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, cast

import pytest
from click.testing import CliRunner

import cardlint
from cardlint import app
from cardlint.cli.main import main
from cardlint.docs import rule_sheets
from cardlint.index.corpus_index import CorpusIndex
from cardlint.load.card import Card, card_from_bytes
from cardlint.model import Finding, Report
from cardlint.report import FORMATS, ReportStyle, render
from cardlint.rules import Context, Rule, all_rules
from cardlint.run import forked, workers
from cardlint.run.engine import run
from cardlint.run.rule_calls import MAX_FINDINGS
from cardlint.schema.heading_template import Template
from cardlint.schema.issues import _repeated
from cardlint.settings.request import CheckRequest
from cardlint.text import unambiguous
from tests.conftest import NO_NETWORK, REPO, cardlint_command, run_cli
from tests.hostile import hazards, make_cards, pathological
from tests.test_reporters import _runner_decode

# The regex parser, to audit the patterns we ship.
if sys.version_info >= (3, 11):
    from re import _constants, _parser
else:
    import sre_constants as _constants
    import sre_parse as _parser

TODAY = date(2026, 11, 29)

# -- the corpus and what each card must give ---------------------------------------------------

# Card (as reports show its path) -> every (code, line) reported for it, and nothing else.
EXPECTED: dict[str, set[tuple[str, int]]] = {
    # the control, and hazards that must change nothing
    "cards/clean.md": set(),
    "cards/bom.md": set(),
    "cards/crlf.md": set(),
    "cards/cr-only.md": set(),
    "cards/mixed-newlines.md": set(),
    "cards/setext-headings.md": set(),
    "cards/heading-in-fence.md": set(),
    "cards/heading-in-html-comment.md": set(),
    "cards/image-brackets.md": set(),
    "cards/deep-blockquote.md": set(),
    "cards/space-line-200k.md": set(),
    "cards/suppression-in-yaml.md": set(),
    # front matter that is missing, not closed, or not a mapping
    "cards/no-front-matter.md": {("CL002", 1)},
    "cards/never-closed-front-matter.md": {("CL002", 1)},
    # without its closing line, the front matter would run to the body's thematic break
    "cards/unclosed-front-matter.md": {("CL002", 1)},
    # a blank first line: `---` would be a thematic break and the fields a setext heading
    "cards/late-front-matter.md": {("CL002", 1)},
    "cards/four-dashes.md": {("CL002", 1)},
    "cards/front-matter-list.md": {("CL004", 1)},
    "cards/front-matter-scalar.md": {("CL004", 1)},
    "cards/front-matter-empty.md": {("CL004", 1)},
    "cards/empty-file.md": {("CL002", 1)},
    "cards/only-bom.md": {("CL002", 1)},
    "cards/only-dashes.md": {("CL002", 1)},
    # YAML that does not parse, or that cardlint refuses to read
    "cards/unclosed-flow-list.md": {("CL003", 9)},
    "cards/tab-indent.md": {("CL003", 10)},
    "cards/python-object-tag.md": {("CL003", 5)},
    "cards/python-name-tag.md": {("CL003", 5)},
    "cards/custom-tag.md": {("CL003", 5)},
    "cards/alias-bomb.md": {("CL003", 15)},  # at the first alias past 100,000 values
    "cards/alias-to-nothing.md": {("CL003", 5)},
    "cards/complex-key.md": {("CL003", 10)},
    "cards/two-documents.md": {("CL003", 9)},
    "cards/yaml-directive.md": {("CL003", 3)},
    "cards/nesting-50.md": {("CL105", 10)},  # deep, but under the limit: read
    "cards/nesting-5000.md": {("CL003", 10)},
    "cards/block-nesting-70.md": {("CL003", 74)},  # the 65th level
    "cards/raw-esc-in-yaml.md": {("CL003", 4)},
    "cards/key-too-long.md": {("CL003", 10)},
    "cards/line-separator-plain.md": {("CL003", 6)},  # U+2029 ends a plain scalar in YAML 1.1
    # values read as written, or reported
    "cards/duplicate-keys.md": {("CL005", 7)},
    "cards/non-string-keys.md": {("CL105", 10), ("CL105", 11), ("CL105", 12), ("CL105", 13)},
    "cards/yaml11-booleans.md": {("CL103", 5), ("CL103", 6)},
    "cards/nan-and-inf.md": {("CL501", 7), ("CL301", 9)},
    "cards/float-overflow.md": {("CL501", 7)},
    "cards/huge-integer.md": {("CL501", 7)},
    "cards/big-integer.md": {("CL501", 7)},
    "cards/octal-and-sexagesimal.md": {("CL501", 7), ("CL301", 9)},
    "cards/impossible-dates.md": {("CL503", 7), ("CL502", 47)},
    "cards/year-zero.md": {("CL502", 7)},
    "cards/merge-key.md": {("CL105", 10), ("CL105", 11)},
    "cards/non-string-items.md": {("CL102", 9)},
    "cards/trailing-newline-id.md": {("CL104", 2)},  # CL104 names the id; no CL305
    "cards/long-value.md": {("CL201", 12)},
    "cards/line-separators-quoted.md": {("CL103", 5)},
    "cards/astral-chars.md": {("CL301", 9)},  # a reference in the wrong form: CL301 alone
    # bytes that are not UTF-8 text
    "cards/utf16.md": {("CL001", 1)},
    "cards/utf32.md": {("CL001", 1)},
    "cards/latin1-in-yaml.md": {("CL001", 4)},
    "cards/latin1-in-body.md": {("CL001", 24)},
    "cards/nul-in-body.md": {("CL001", 24)},
    "cards/surrogate-bytes.md": {("CL001", 24)},
    "cards/overlong-utf8.md": {("CL001", 20)},
    "cards/bom-in-front-matter.md": {("CL003", 2)},
    # terminal escapes and bidi controls that messages quote
    "cards/raw-esc-in-body.md": {("CL205", 26)},
    "cards/bidi-in-heading.md": {("CL205", 26)},
    "cards/suppression-escape.md": {("CL900", 24)},
    # Markdown structure
    "cards/unclosed-fence.md": {("CL207", 24)},
    "cards/unclosed-html-comment.md": {("CL209", 26)},
    # made at test time (tests/hostile/hazards.py)
    "cards/huge-body-10mb.md": {("CL001", 1)},
    "cards/image-brackets-1mb.md": set(),
    "cards/paren-title-1mb.md": {("CL101", 1), ("CL201", 5), ("CL203", 5), ("CL205", 5)},
    "cards/sparse-4gib.md": {("CL001", 1)},
    "cards/fifo.md": {("CL001", 1)},
    "cards/dev-zero.md": {("CL001", 1)},
    "cards/outside.md": {("CL001", 1)},
    "cards/outside-relative.md": {("CL001", 1)},
    "cards/loop-a.md": {("CL001", 1)},
    "cards/loop-b.md": {("CL001", 1)},
    "cards/self-loop.md": {("CL001", 1)},
    "cards/nested/inner.md": set(),
    # The link is the copy: its CL304 names the card it copies and replaces its CL305.
    "cards/linked.md": set(),
    "cards/inside-link.md": {("CL304", 2)},
    **{name: {("CL305", 2)} for name in hazards.ODD_NAMES},
}

# Where exactly: (card, code) -> (line, column), for the cards that are about positions.
EXACT = {
    ("cards/raw-esc-in-yaml.md", "CL003"): (4, 23),  # the ESC, counted in characters
    ("cards/bom-in-front-matter.md", "CL003"): (2, 1),
    ("cards/latin1-in-yaml.md", "CL001"): (4, 21),
    ("cards/latin1-in-body.md", "CL001"): (24, 10),
    ("cards/nul-in-body.md", "CL001"): (24, 3),
    ("cards/overlong-utf8.md", "CL001"): (20, 7),
    ("cards/surrogate-bytes.md", "CL001"): (24, 7),
    ("cards/line-separators-quoted.md", "CL103"): (5, 11),
    ("cards/alias-bomb.md", "CL003"): (15, 8),
    ("cards/block-nesting-70.md", "CL003"): (74, 65),
    ("cards/duplicate-keys.md", "CL005"): (7, 1),
    ("cards/custom-tag.md", "CL003"): (5, 11),
    ("cards/unclosed-flow-list.md", "CL003"): (9, 19),  # the `[` never closed
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hazards.build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def hostile_report(hostile: Path) -> Report:
    return app.check(CheckRequest(cwd=hostile, cache=False, today=TODAY))


def _found(report: Report, path: str) -> set[tuple[str, int]]:
    return {(v.code, v.line) for v in report.violations if v.path == path}


def test_the_committed_cards_are_exactly_what_the_generator_writes() -> None:
    # Regenerate with `python tests/hostile/make_cards.py` after changing a case.
    made = make_cards.cards()
    committed = {p.name: p.read_bytes() for p in make_cards.CARDS.iterdir()}
    assert sorted(committed) == sorted(made)
    changed = [name for name, data in made.items() if committed[name] != data]
    assert not changed, f"{changed} differ from tests/hostile/make_cards.py; regenerate them"
    assert len(made) >= 40


def test_every_card_of_the_corpus_has_its_expectations(hostile_report: Report) -> None:
    assert sorted(hostile_report.paths) == sorted(EXPECTED)


@pytest.mark.parametrize(
    "path", sorted(EXPECTED), ids=lambda p: p.encode("unicode_escape").decode()
)
def test_each_hostile_card_gives_exactly_its_expected_violations(
    hostile_report: Report, path: str
) -> None:
    assert _found(hostile_report, path) == EXPECTED[path]


@pytest.mark.parametrize(("path", "code"), sorted(EXACT))
def test_positions_point_at_the_offending_byte(
    hostile_report: Report, path: str, code: str
) -> None:
    [where] = {
        (v.line, v.column) for v in hostile_report.violations if (v.path, v.code) == (path, code)
    }
    assert where == EXACT[path, code]


def test_cardlint_check_tests_hostile_works_by_hand() -> None:
    # The committed cards where they are, with the repository's configuration, the repository's
    # cards as the rest of the corpus: the same violations as in the test corpus.
    text = run_cli("check", "--no-cache", "--today", "2026-11-29", "tests/hostile/", cwd=REPO)
    assert text.code == 1 and text.err == "" and "Traceback" not in text.out
    result = run_cli(
        "check",
        "--no-cache",
        "--today",
        "2026-11-29",
        "--format",
        "json",
        "tests/hostile/",
        cwd=REPO,
    )
    found = {
        (v["path"].removeprefix("tests/hostile/"), v["code"], v["line"])
        for v in result.json()["violations"]
    }
    static = {f"cards/{p.name}" for p in make_cards.CARDS.iterdir()}
    assert found == {(p, code, line) for p in static for code, line in EXPECTED[p]}


# -- total: exit 0, 1 or 2, never a traceback ----------------------------------------------------


def _cli_bytes(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """The real command, its output as bytes: the test judges the encoding itself."""
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environment.update({"NO_COLOR": "1", **NO_NETWORK})
    return subprocess.run(
        [*cardlint_command(), *args], cwd=cwd, env=environment, capture_output=True, timeout=120
    )


def _no_constants(name: str) -> object:
    raise AssertionError(f"JSON holds {name}")


@pytest.fixture(scope="module")
def outputs(hostile: Path) -> dict[str, bytes]:
    """Every format of the real command on the whole hostile corpus."""
    found = {}
    for name in FORMATS:
        done = _cli_bytes("check", "--no-cache", "--format", name, cwd=hostile)
        assert done.returncode == 1, done.stderr
        assert done.stderr == b""
        found[name] = done.stdout
    return found


def test_every_format_on_the_hostile_corpus_parses_back(
    outputs: dict[str, bytes], hostile_report: Report
) -> None:
    count = len(hostile_report.violations)
    document = json.loads(outputs["json"].decode("utf-8"), parse_constant=_no_constants)
    assert len(document["violations"]) == count
    sarif = json.loads(outputs["sarif"].decode("ascii"), parse_constant=_no_constants)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    ]
    assert len(uris) == count
    assert all(re.fullmatch(r"[A-Za-z0-9._~/-]*(%[0-9A-F]{2}[A-Za-z0-9._~/-]*)*", u) for u in uris)
    assert "cards/new%0Aline.md" in uris and "cards/colon%3A3%3A7%3A%20CL999%20forged.md" in uris
    assert len(json.loads(outputs["gitlab"].decode("utf-8"))) == count
    suite = ET.fromstring(outputs["junit"])
    assert suite.find("testsuite") is not None
    commands = _runner_decode(outputs["github"].decode("utf-8"))
    assert len(commands) == count
    assert {properties["file"] for _, properties, _ in commands} >= {
        "cards/new\\x0aline.md",
        "cards/esc\\x1b[2J\\x1b[31m.md",
        "cards/::error file=x::forged.md",
        "cards/100%25 done.md",
    }


def test_sarif_uri_of_a_name_that_is_not_utf_8_is_its_bytes(outputs: dict[str, bytes]) -> None:
    sarif = json.loads(outputs["sarif"])
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert "cards/bad%FF%FE.md" in uris


def test_the_text_report_holds_no_raw_control_escape_or_bidi_character(
    outputs: dict[str, bytes], hostile_report: Report
) -> None:
    text = outputs["text"].decode("utf-8")
    lines = text.split("\n")
    assert lines.pop() == ""
    assert all(line.isprintable() for line in lines)
    # One line per violation and per hint, then the summary: no name or value added a line.
    hints = sum(v.hint is not None for v in hostile_report.violations)
    assert len(lines) == len(hostile_report.violations) + hints + 1
    # Names with `:` are quoted, so `path:line:col:` always splits where it should.
    for name in hazards.ODD_NAMES:
        assert any(line.startswith(f"{unambiguous(name)}:2:13: CL305 ") for line in lines), name
    assert '"cards/colon:3:7: CL999 forged.md":2:13: CL305' in text


def test_json_is_valid_utf_8_even_for_file_names_that_are_not(outputs: dict[str, bytes]) -> None:
    document = json.loads(outputs["json"].decode("utf-8"))
    bad = [v for v in document["violations"] if v["path"] == "cards/bad\\xff\\xfe.md"]
    assert [v["code"] for v in bad] == ["CL305"]
    assert "'bad\\xff\\xfe.md'" in bad[0]["message"]


def test_output_files_are_written_whatever_the_names(hostile: Path, tmp_path: Path) -> None:
    for name in ("text", "json", "junit"):
        target = tmp_path / f"report.{name}"
        done = _cli_bytes(
            "check", "--no-cache", "--format", name, "--output", str(target), cwd=hostile
        )
        assert (done.returncode, done.stderr) == (1, b"")
        target.read_bytes().decode("utf-8")


def _broken(card: Card, context: Context) -> Iterator[Finding]:
    raise KeyError("a rule bug")


@pytest.fixture
def broken_rule(monkeypatch: pytest.MonkeyPatch) -> Rule:
    """CL205 replaced by a rule that raises, where the registry loads it from."""
    from cardlint.rules import cl205_empty_section

    broken = dataclasses.replace(cl205_empty_section.RULE, check=_broken)
    monkeypatch.setattr(cl205_empty_section, "RULE", broken)
    return broken


def test_a_rule_that_raises_is_one_cl000_per_card_and_the_rest_still_runs(
    broken_rule: Rule, tmp_path: Path
) -> None:
    project = hazards.build(tmp_path)
    report = app.check(CheckRequest(cwd=project, cache=False, today=TODAY))
    internal = [v for v in report.violations if v.code == "CL000"]
    assert report.internal_errors == len(internal)
    # Once per card, naming the rule, whatever else is wrong with the card.
    assert sorted(v.path for v in internal) == sorted(EXPECTED)
    assert {v.message for v in internal} == {"rule CL205 (empty-section) failed: KeyError"}
    assert all((v.line, v.column) == (1, 1) for v in internal)
    for path, expected in EXPECTED.items():
        others = {pair for pair in expected if pair[0] != "CL205"}
        assert _found(report, path) - {("CL000", 1)} == others, path


def test_a_rule_that_raises_on_one_card_still_checks_the_others_of_its_batch(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Cards are analysed in batches, each rule over every card of a batch before the next
    rule: its failure on one card is that card's CL000, and its findings on the others stand."""
    from cardlint.rules import cl205_empty_section

    original = cl205_empty_section.RULE
    victim = "cards/clean.md"
    others_with_cl205 = [p for p, e in EXPECTED.items() if any(c == "CL205" for c, _ in e)]
    assert others_with_cl205, "the hazards must hold a CL205 finding for this test to mean much"

    def fragile(card: Card, context: Context) -> Iterator[Finding]:
        if card.file.endswith(victim):
            raise KeyError("a rule bug")
        yield from original.check(card, context)

    monkeypatch.setattr(cl205_empty_section, "RULE", dataclasses.replace(original, check=fragile))
    report = app.check(CheckRequest(cwd=hazards.build(tmp_path), cache=False, today=TODAY))
    assert [v.path for v in report.violations if v.code == "CL000"] == [victim]
    for path, expected in EXPECTED.items():
        assert _found(report, path) - {("CL000", 1)} == expected, path


def test_a_rule_that_raises_makes_the_command_exit_2(
    broken_rule: Rule, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cards").mkdir()
    (tmp_path / "cardlint.toml").write_text('today = "2026-11-29"\n', encoding="utf-8")
    (tmp_path / "cards" / "clean.md").write_bytes(hazards.base_card("clean"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json"])
    assert result.exit_code == 2, result.output
    document = json.loads(result.stdout)
    assert [v["code"] for v in document["violations"]] == ["CL000"]


# -- bounded: nothing hangs, nothing is read that should not be ---------------------------------


def test_the_secret_outside_the_project_is_never_read(
    hostile: Path, outputs: dict[str, bytes]
) -> None:
    for output in outputs.values():
        assert hazards.SECRET.encode() not in output
    # Also when named on the command line, as pre-commit and CI scripts do.
    for named in ("cards/outside.md", "cards/outside-folder/secret.md", "cards/dev-zero.md"):
        done = _cli_bytes("check", "--no-cache", "--format", "json", named, cwd=hostile)
        assert hazards.SECRET.encode() not in done.stdout
        [violation] = json.loads(done.stdout)["violations"]
        assert (violation["code"], violation["message"]) == (
            "CL001",
            "symlink points outside the project; not read",
        )


HANG_SECONDS = 120
"""A hang guard, not a speed check (benchmarks/hostile.py times these cards): a quadratic
path over a megabyte would run for hours."""


def _check_one(tmp_path: Path, data: bytes) -> subprocess.CompletedProcess[bytes]:
    """Check a card holding `data` with the real command: it must report, not hang."""
    project = tmp_path / "budget"
    (project / "cards").mkdir(parents=True, exist_ok=True)
    (project / "cardlint.toml").write_text('today = "2026-11-29"\n', encoding="utf-8")
    (project / "cards" / "card.md").write_bytes(data)
    environment = {**os.environ, "NO_COLOR": "1", **NO_NETWORK}
    try:
        done = subprocess.run(
            [*cardlint_command(), "check", "--no-cache", "--format", "json"],
            cwd=project,
            env=environment,
            capture_output=True,
            timeout=HANG_SECONDS,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"not done after {HANG_SECONDS} s")
    assert done.returncode in (0, 1), done.stderr
    assert json.loads(done.stdout)["summary"]["cards"] == 1
    return done


@pytest.mark.slow  # a megabyte card each, built to make a careless analysis crawl
@pytest.mark.parametrize("name", sorted(pathological.CARDS))
def test_pathological_cards_are_reported_on(tmp_path: Path, name: str) -> None:
    _check_one(tmp_path, pathological.CARDS[name].data)


@pytest.mark.slow  # the megabyte card of a quarter of a million headings
def test_a_rule_reports_at_most_its_cap_of_findings_per_card(tmp_path: Path) -> None:
    # A megabyte of `#` lines: a quarter of a million empty sections and extra titles.
    done = _check_one(tmp_path, pathological.CARDS["250k-#-lines"].data)
    violations = json.loads(done.stdout)["violations"]
    for code in ("CL202", "CL205"):
        found = [v for v in violations if v["code"] == code]
        assert len(found) == MAX_FINDINGS + 1
        assert "the rest are not shown" in found[-1]["message"]


@contextlib.contextmanager
def _hang_guard() -> Iterator[None]:
    """In this process, what the subprocess timeout is to `_check_one`."""
    if not hasattr(signal, "SIGALRM"):  # pragma: no cover - not on Windows
        yield
        return

    def give_up(signum: int, frame: object) -> None:
        pytest.fail(f"not done after {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_template_matching_is_linear() -> None:
    # `.+(.+)` as a regex backtracked quadratically over a title of `(`.
    with _hang_guard():
        assert not Template("{a} ({b})").matches("(" * 1_000_000, {})
        assert Template("{a} ({b})").matches("(" * 1_000_000 + ")", {})


@pytest.mark.slow  # 200,000 headings
def test_empty_sections_are_found_in_linear_time() -> None:
    card = card_from_bytes(Path("c.md"), b"---\na: 1\n---\n" + b"#\n" * 200_000)
    rule = next(r for r in all_rules() if r.code == "CL205")
    job = app.build_job(CheckRequest(cwd=REPO, cache=False, today=TODAY))
    with _hang_guard():
        found = list(rule.check(card, Context(job.schema, CorpusIndex(), TODAY, REPO)))
    assert len(found) == 200_000


def test_repeated_items_are_found_in_linear_time() -> None:
    items: list[object] = [f"a{i}" for i in range(100_000)] + list(range(100_000)) + [["x"], {}]
    with _hang_guard():
        repeated = list(_repeated([*items, "a7", 7, 7.0, True, ["x"], {}]))
    assert repeated == [200_002, 200_003, 200_006, 200_007]  # "a7", 7, ["x"], {}; not 7.0, True


def test_the_walk_never_follows_a_folder_symlink(hostile: Path) -> None:
    # cards/nested/again -> .., cards/nested/up -> cards, cards/outside-folder -> ../outside
    report = app.check(CheckRequest(paths=[Path("cards")], cwd=hostile, cache=False))
    assert len(report.paths) == len(set(report.paths)) == len(EXPECTED)


def _shipped_patterns() -> dict[str, re.Pattern[str]]:
    """Every compiled regex at module level in cardlint, also inside tuples, lists and dicts."""
    found: dict[str, re.Pattern[str]] = {}
    modules = pkgutil.walk_packages(cardlint.__path__, "cardlint.")
    for module in (m.name for m in modules if not m.name.endswith("__main__")):
        for name, value in vars(importlib.import_module(module)).items():
            items = (
                value.items()
                if isinstance(value, dict)
                else enumerate(value)
                if isinstance(value, (tuple, list))
                else [("", value)]
            )
            for key, item in items:
                pattern = item[0] if isinstance(item, tuple) and item else item
                if isinstance(pattern, re.Pattern):
                    found[f"{module}.{name}{f'[{key}]' if key != '' else ''}"] = pattern
    return found


def _risks(parsed: Any, depth: int = 0) -> Iterator[str]:
    """`$` (which also matches before a final newline) and unbounded repeats inside others."""
    for op, argument in parsed:
        if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT):
            _, high, body = argument
            unbounded = high == _constants.MAXREPEAT
            if unbounded and depth:
                yield "nested quantifier"
            yield from _risks(body, depth + unbounded)
        elif op is _constants.SUBPATTERN:
            yield from _risks(argument[-1], depth)
        elif op is _constants.BRANCH:
            for branch in argument[1]:
                yield from _risks(branch, depth)
        elif op in (_constants.ASSERT, _constants.ASSERT_NOT):
            yield from _risks(argument[1], depth)
        elif op is _constants.AT and argument is _constants.AT_END:
            yield "$"


def test_shipped_regexes_are_anchored_and_have_no_nested_quantifiers_outside_blocks() -> None:
    # load/block_scanner.py mirrors markdown-it's CommonMark patterns (HTML attributes, list runs);
    # their nested repeats read disjoint characters, so each input has one way to match, and
    # benchmarks/hostile.py times them on the pathological cards. Anywhere else a nested
    # quantifier is a backtracking risk on card text, and `$` lets `x\n` pass a whole-value
    # check.
    patterns = _shipped_patterns()
    assert len(patterns) > 30
    risky = {
        name: sorted(set(_risks(_parser.parse(p.pattern, p.flags)))) for name, p in patterns.items()
    }
    assert not {name: r for name, r in risky.items() if "$" in r}
    assert {
        name
        for name, r in risky.items()
        if r and not name.startswith("cardlint.load.block_scanner.")
    } == set()


# -- inert: nothing in a card runs ---------------------------------------------------------------


def test_python_tags_run_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    for tag in ("!!python/object/apply:os.system", "!!python/object/apply:subprocess.call"):
        card = make_cards.utf8("card", front={5: f"category: {tag} ['touch {marker}']"})
        done = _check_one(tmp_path, card)
        assert json.loads(done.stdout)["violations"][0]["code"] == "CL003"
    assert not marker.exists()


# -- deterministic: the same bytes whatever the order, seed, workers or cache ------------------


def _json_and_sarif(project: Path, *args: str, seed: str = "0") -> tuple[bytes, bytes]:
    env_seed = {"PYTHONHASHSEED": seed}
    outputs = []
    for name in ("json", "sarif"):
        environment = {**os.environ, "NO_COLOR": "1", **NO_NETWORK, **env_seed}
        done = subprocess.run(
            [*cardlint_command(), "check", *args, "--format", name],
            cwd=project,
            env=environment,
            capture_output=True,
            timeout=120,
        )
        assert done.returncode == 1, done.stderr
        outputs.append(done.stdout)
    return outputs[0], outputs[1]


@pytest.mark.slow  # eight runs of the real command over the hazard corpus
def test_reports_do_not_depend_on_file_order_hash_seed_or_cache(tmp_path: Path) -> None:
    forward = hazards.build(tmp_path / "forward")
    backward = hazards.build(tmp_path / "backward", order=-1)
    reference = _json_and_sarif(forward, "--no-cache", seed="0")
    assert _json_and_sarif(backward, "--no-cache", seed="12345") == reference
    assert _json_and_sarif(forward, seed="1") == reference  # cold cache, written
    assert _json_and_sarif(forward, seed="2") == reference  # warm cache, read
    assert (forward / ".cardlint_cache").is_dir()


def test_reports_do_not_depend_on_the_worker_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = hazards.build(tmp_path)
    # Worker processes start only for many cards; make every run use them.
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    job = app.build_job(CheckRequest(cwd=project, cache=False, today=TODAY))

    def rendered(workers: int) -> list[str]:
        report = run(dataclasses.replace(job, workers=workers)).report
        texts = []
        for name in ("json", "sarif"):
            out = io.StringIO()
            render(name, report, out, ReportStyle(rules=rule_sheets))
            texts.append(out.getvalue())
        return texts

    assert rendered(1) == rendered(2) == rendered(3)


def test_a_worker_that_dies_costs_the_run_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed mid-run (out of memory, say): the cards it had not sent back are
    analysed by the parent, and the report is the same."""
    project = hazards.build(tmp_path)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    job = app.build_job(CheckRequest(cwd=project, cache=False, today=TODAY))
    reference = run(dataclasses.replace(job, workers=1)).report.violations
    parent, real = os.getpid(), workers._analyse_forked

    victim = "cards/raw-esc-in-body.md"
    assert any(v.path == victim for v in reference)

    def dies_at_the_victim(paths: list[str], *rest: Any) -> Any:
        if os.getpid() != parent and any(p.endswith(victim) for p in paths):
            os._exit(9)
        return real(paths, *rest)

    monkeypatch.setattr(workers, "_analyse_forked", dies_at_the_victim)
    assert run(dataclasses.replace(job, workers=2)).report.violations == reference


@pytest.mark.parametrize(("batch", "batch_bytes"), [(1, 1 << 30), (5, 1 << 30), (128, 1)])
def test_reports_do_not_depend_on_how_cards_are_batched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int, batch_bytes: int
) -> None:
    """Each rule runs over a batch of cards before the next: a card's findings and entry
    must be those it has analysed alone, whichever cards share its batch."""
    project = hazards.build(tmp_path)
    request = CheckRequest(cwd=project, cache=False, today=TODAY)
    reference = app.check(request).violations
    monkeypatch.setattr(workers, "BATCH", batch)
    monkeypatch.setattr(workers, "BATCH_BYTES", batch_bytes)
    assert app.check(request).violations == reference


def test_a_batch_ends_at_its_count_of_cards_or_of_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = []
    for number in range(7):
        path = tmp_path / f"card-{number}.md"
        path.write_bytes(b"x" * 1500)
        paths.append(str(path))
    monkeypatch.setattr(workers, "BATCH", 3)

    def sizes() -> list[int]:
        batches = workers._batches(paths, 1 << 20, workers._Boundary(tmp_path))
        return [len(batch) for batch in batches]

    assert sizes() == [3, 3, 1]
    monkeypatch.setattr(workers, "BATCH_BYTES", 2500)  # two cards pass it
    assert sizes() == [2, 2, 2, 1]


@pytest.mark.parametrize("count", [200, 10_000])
def test_chunks_shrink_towards_the_end_and_hold_every_card_once(count: int) -> None:
    paths = [f"cards/{number}.md" for number in range(count)]
    chunks = workers._chunks(paths, 2, 1024)
    assert [p for chunk in chunks for p in chunk] == paths
    sizes = [len(chunk) for chunk in chunks]
    assert sizes == sorted(sizes, reverse=True)
    assert max(sizes) <= workers.LARGEST_CHUNK
    assert all(size >= workers.SMALLEST_CHUNK for size in sizes[:-1])
    # The last chunks are small: a worker done first waits on a few cards, not a chunk.
    assert sizes[-2] == workers.SMALLEST_CHUNK


@pytest.mark.parametrize(("count", "processes"), [(2_000_000, 2), (200_000, 64), (5_000, 256)])
def test_chunks_never_outnumber_what_a_map_takes(count: int, processes: int) -> None:
    """Task numbers are handed out through a pipe that must hold them all (`forked`)."""
    chunks = workers._chunks(cast(Sequence[str], range(count)), processes, forked.MAX_TASKS)
    assert len(chunks) <= forked.MAX_TASKS
    assert sum(map(len, chunks)) == count


def test_no_report_format_leaks_the_python_environment(outputs: dict[str, bytes]) -> None:
    # No absolute path, user name or interpreter detail in what CI uploads.
    for output in outputs.values():
        assert str(Path.home()).encode() not in output
        assert sys.prefix.encode() not in output
        assert b"/tmp/" not in output


def test_a_required_heading_with_a_long_run_of_blanks_is_judged_in_linear_time(
    tmp_path: Path,
) -> None:
    # CL208 (off by default) read the heading line with a pattern that backtracked on blanks.
    card = make_cards.utf8("card", body={18: "## 为什么" + " " * 500_000 + "重要?"})
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards" / "card.md").write_bytes(card)
    with _hang_guard():
        report = app.check(
            CheckRequest(cwd=tmp_path, cache=False, extend_select=["CL208"], today=TODAY)
        )
    assert [v.code for v in report.violations] == ["CL208"]
