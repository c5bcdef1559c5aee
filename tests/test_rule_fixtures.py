"""Every rule against its fixture cards: exactly the marked violations, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from cardlint.app import check
from cardlint.rules import Rule, all_rules
from cardlint.settings.request import CheckRequest
from tests.conftest import RULES, TODAY, expected_violations


def _cases() -> list[Path]:
    return sorted(
        p
        for folder in RULES.iterdir()
        if folder.is_dir()
        for p in folder.iterdir()
        if p.suffix == ".md" or p.is_dir()
    )


@pytest.mark.parametrize("case", _cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fixture(case: Path) -> None:
    code = case.parent.name
    cards = sorted(case.rglob("*.md")) if case.is_dir() else [case]
    own_config = case / "cardlint.toml"
    request = CheckRequest(
        paths=cards,
        roots=[case],
        # A case with its own configuration may select more rules, e.g. for CL900 to judge.
        config=own_config if own_config.is_file() else RULES / "cardlint.toml",
        select=[] if own_config.is_file() else [code],
        extend_select=[code],
        today=TODAY,
        cwd=case if case.is_dir() else case.parent,
        cache=False,  # a fixture folder is source: no cache is written into it
    )
    report = check(request)
    root = case if case.is_dir() else case.parent
    actual = {(v.path, v.line, v.column, v.code) for v in report.violations}
    expected = {
        (card.relative_to(root).as_posix(), line, column, marked)
        for card in cards
        for line, column, marked in expected_violations(card)
    }
    assert actual == expected


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_rule_has_fixtures_that_trigger_it(rule: Rule) -> None:
    code = rule.code
    if code == "CL000":
        pytest.skip("CL000 is raised by the engine when a rule fails; tested in test_hostile")
    folder = RULES / code
    marked = [c for c in folder.rglob("*.md") if any(e[2] == code for e in expected_violations(c))]
    clean = [c for c in folder.rglob("*.md") if not expected_violations(c)]
    assert marked, f"no fixture triggers {code}"
    assert clean, f"no fixture shows a card {code} must accept"
