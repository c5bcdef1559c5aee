"""`check --fix` and `--diff`: every fixture card fixed exactly, surgically and idempotently.

Each `tests/fixes/CODE/NAME.md` with a `NAME.fixed.md` beside it is a case: only rule CODE is
selected, and after the fix the card must read exactly as `NAME.fixed.md`. A card without a
`.fixed.md` must come out unchanged (a violation that is reported but has no safe edit).
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from cardlint.authoring.fix import FixResult, fix_cards
from cardlint.edit.patch import apply_fixes, unified_diff
from cardlint.model import Edit, Fix, Position
from cardlint.rules._heading_fix import atx_text
from cardlint.settings.request import CheckRequest
from tests.conftest import RULES, TODAY, run_cli

FIXES = Path(__file__).parent / "fixes"
UNSAFE = {"CL103", "CL104", "CL203", "CL301", "CL311"}
"""Rules whose fixes are unsafe: their cases run with --unsafe-fixes."""


def _cases() -> list[Path]:
    return sorted(p for p in FIXES.glob("*/*.md") if not p.name.endswith(".fixed.md"))


def _expected(card: Path) -> Path:
    return card.with_name(card.name[: -len(".md")] + ".fixed.md")


def _request(card: Path) -> CheckRequest:
    code = card.parent.name
    return CheckRequest(
        paths=[card],
        roots=[card.parent],
        config=RULES / "cardlint.toml",
        select=[code],
        extend_select=[code],  # CL208 is off by default
        today=TODAY,
        cwd=card.parent,
        cache=False,  # the configuration's folder is the repository's tests/rules
    )


@pytest.fixture(params=_cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def case(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A copy of the case's folder, so fixing writes nowhere in the repository."""
    source: Path = request.param
    folder = shutil.copytree(source.parent, tmp_path / source.parent.name)
    return folder / source.name


def _wanted(card: Path) -> bytes:
    expected = _expected(FIXES / card.parent.name / card.name)
    return expected.read_bytes() if expected.exists() else card.read_bytes()


def test_fix_writes_exactly_the_fixed_card(case: Path) -> None:
    result = fix_cards(_request(case), unsafe=case.parent.name in UNSAFE)
    result.write()
    assert case.read_bytes().decode() == _wanted(case).decode()


def test_fix_is_idempotent(case: Path) -> None:
    unsafe = case.parent.name in UNSAFE
    fix_cards(_request(case), unsafe=unsafe).write()
    again = fix_cards(_request(case), unsafe=unsafe)
    assert again.changes == {}


def test_diff_shows_the_fix_and_writes_nothing(case: Path) -> None:
    before = case.read_bytes()
    result = fix_cards(_request(case), unsafe=case.parent.name in UNSAFE)
    assert result.diff() == (
        unified_diff(before, _wanted(case), case.name) if _wanted(case) != before else ""
    )
    assert case.read_bytes() == before


@pytest.mark.parametrize("code", sorted(UNSAFE & {p.parent.name for p in _cases()}))
def test_unsafe_fixes_need_the_flag(code: str, tmp_path: Path) -> None:
    folder = shutil.copytree(FIXES / code, tmp_path / code)
    for card in folder.glob("*.md"):
        if not card.name.endswith(".fixed.md"):
            assert fix_cards(_request(card)).changes == {}, card.name


@pytest.mark.parametrize(
    "newline, bom", [("\r\n", True), ("\r", False), ("\r\n", False), ("\n", True)]
)
def test_line_endings_bom_and_comments_survive(newline: str, bom: bool, tmp_path: Path) -> None:
    source = FIXES / "CL303" / "block-list.md"
    folder = tmp_path / "CL303"
    folder.mkdir()
    card = folder / source.name

    def encoded(path: Path) -> bytes:
        text = path.read_text(encoding="utf-8").replace("\n", newline)
        return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")

    card.write_bytes(encoded(source))
    fix_cards(_request(card)).write()
    assert card.read_bytes() == encoded(_expected(source))
    assert b"# the vision model" in card.read_bytes()


def test_a_section_appended_to_a_card_without_a_final_newline(tmp_path: Path) -> None:
    # Built here rather than stored: the end-of-file hook would add the newline back.
    source = FIXES / "CL203" / "missing-last.md"
    card = tmp_path / "CL203" / source.name
    card.parent.mkdir()
    card.write_bytes(source.read_bytes().rstrip(b"\n"))
    fix_cards(_request(card), unsafe=True).write()
    assert card.read_bytes() == _expected(source).read_bytes()


def test_fix_keeps_the_file_mode(tmp_path: Path) -> None:
    folder = shutil.copytree(FIXES / "CL303", tmp_path / "CL303")
    card = folder / "flow-list.md"
    card.chmod(0o640)
    fix_cards(_request(card)).write()
    assert card.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []


def test_fix_through_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "cards").mkdir()
    (tmp_path / "cardlint.toml").write_text('today = "2026-11-29"\n', encoding="utf-8")
    card = tmp_path / "cards" / "twice.md"  # named after its id
    shutil.copy(FIXES / "CL103" / "misspelt.md", card)
    before = card.read_bytes()

    shown = run_cli("check", "--diff", "--unsafe-fixes", "cards/twice.md", cwd=tmp_path)
    assert shown.code == 1
    assert shown.out.startswith("--- a/cards/twice.md\n+++ b/cards/twice.md\n")
    assert '+difficulty: "advanced"  # was hard\n' in shown.out
    assert "Would fix 2 violations in 1 card." in shown.err
    assert card.read_bytes() == before

    safe_only = run_cli("check", "--fix", "cards/twice.md", cwd=tmp_path)
    assert safe_only.code == 1, "the CL103 fixes are unsafe; the errors remain"
    assert safe_only.err == (
        "No safe fixes to apply. 2 unsafe fixes are available: review them with "
        "`--diff --unsafe-fixes`, apply them with `--fix --unsafe-fixes`.\n"
    )
    assert safe_only.out.splitlines()[0].startswith("cards/twice.md:5:11: CL103 [~] category:")
    assert safe_only.out.splitlines()[-1].endswith("[~] 2 fixable with `--fix --unsafe-fixes`.")

    fixed = run_cli("check", "--fix", "--unsafe-fixes", "cards/twice.md", cwd=tmp_path)
    assert fixed.code == 0, fixed.out
    assert "Fixed 2 violations in 1 card." in fixed.err
    assert "1 card passed" in fixed.out
    assert card.read_bytes() == (FIXES / "CL103" / "misspelt.fixed.md").read_bytes()

    unused = run_cli("check", "--unsafe-fixes", cwd=tmp_path)
    assert unused.code == 2 and "--unsafe-fixes needs --fix or --diff" in unused.err


@pytest.mark.parametrize(
    ("changes", "withheld", "written", "expected"),
    [
        (0, 0, True, "No fixes to apply."),
        (2, 0, True, "Fixed 3 violations in 2 cards."),
        (1, 0, False, "Would fix 3 violations in 1 card."),
        (
            0,
            1,
            True,
            "No safe fixes to apply. 1 unsafe fix is available: review it with "
            "`--diff --unsafe-fixes`, apply it with `--fix --unsafe-fixes`.",
        ),
        (
            1,
            4,
            False,
            "Would fix 3 violations in 1 card. 4 unsafe fixes are available: review them with "
            "`--diff --unsafe-fixes`, apply them with `--fix --unsafe-fixes`.",
        ),
    ],
)
def test_the_summary_counts_what_was_fixed_and_what_needs_unsafe_fixes(
    changes: int, withheld: int, written: bool, expected: str
) -> None:
    cards = {Path(f"{n}.md"): (b"a", b"b") for n in range(changes)}
    result = FixResult(cards, 3 if changes else 0, Path(), withheld)
    assert result.summary(written) == expected


def test_safe_fixes_are_applied_and_the_unsafe_ones_counted(tmp_path: Path) -> None:
    folder = shutil.copytree(FIXES / "CL103", tmp_path / "CL103")
    card = folder / "misspelt.md"
    card.write_text(
        card.read_text(encoding="utf-8").replace(
            "related_concepts: []", "related_concepts: [twice]"
        ),
        encoding="utf-8",
    )
    request = replace(_request(card), select=["CL103", "CL302"])
    result = fix_cards(request)
    assert (result.fixed, result.withheld) == (1, 2)
    assert fix_cards(request, unsafe=True).withheld == 0


def test_our_own_cards_have_nothing_to_fix() -> None:
    cards = Path(__file__).parent.parent / "cards"
    request = CheckRequest(roots=[cards], extend_select=["CL208"], today=TODAY, cwd=cards.parent)
    assert fix_cards(request, unsafe=True).changes == {}


def _fix(*edits: tuple[int, int, int, int, str]) -> Fix:
    return Fix("test", tuple(Edit(Position(a, b), Position(c, d), t) for a, b, c, d, t in edits))


def test_clashing_fixes_wait_and_identical_ones_apply_once() -> None:
    data = b"abc\ndef\n"
    first = _fix((1, 1, 1, 3, "X"))
    overlapping = _fix((1, 2, 1, 4, "Y"))
    same = _fix((1, 1, 1, 3, "X"))
    patched = apply_fixes(data, [first, overlapping, same])
    assert patched.data == b"Xc\ndef\n"
    assert patched.applied == 2


def test_a_fix_is_applied_whole_or_not_at_all() -> None:
    data = b"abc\ndef\n"
    taken = _fix((1, 1, 1, 2, "A"))
    half_clashing = _fix((1, 1, 1, 3, "Z"), (2, 1, 2, 2, "D"))
    assert apply_fixes(data, [taken, half_clashing]).data == b"Abc\ndef\n"


def test_positions_map_onto_the_original_text_only_at_real_line_breaks() -> None:
    # U+2028 and U+0085 are characters inside a line, as the loader sees them.
    data = "a\u2028b\u0085c\r\nxyz\r".encode()
    joined = apply_fixes(data, [_fix((1, 6, 2, 2, "\n"))])
    assert joined.data == "a\u2028b\u0085c\r\nyz\r".encode()
    assert apply_fixes(data, [_fix((2, 1, 2, 1, "new\n"))]).data == (
        "a\u2028b\u0085c\r\nnew\r\nxyz\r".encode()
    )


def test_a_fix_outside_the_card_is_ignored() -> None:
    data = b"abc\n"
    assert apply_fixes(data, [_fix((1, 5, 1, 6, "x"))]).applied == 0
    assert apply_fixes(data, [_fix((3, 1, 3, 1, "x"))]).data == data


def test_diff_marks_a_missing_final_newline() -> None:
    diff = unified_diff(b"a\nb", b"a\nc", "x.md")
    assert diff.endswith("-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("## 为什么重要？", (3, "为什么重要？")),
        ("   ## 为什么 ##  ", (6, "为什么")),
        ("##\t为什么", (3, "为什么")),
        ("## a#", (3, "a#")),
        ("## ##", None),  # nothing but a closing run: nothing to rewrite
        ("##", None),
        ("    ## indented code", None),
        ("####### seven", None),
    ],
)
def test_where_an_atx_heading_text_starts(line: str, expected: tuple[int, str] | None) -> None:
    assert atx_text(line) == expected
