"""Configuration and usage mistakes: exit status 2 and one line naming where the mistake is
(an option, or a file and its key), with the nearest right spelling where there is one."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import Result, run_cli, summary


def _refused(result: Result, message: str) -> None:
    """Exit 2, nothing on stdout, and exactly `Error: message` on stderr."""
    assert (result.code, result.out, result.err) == (2, "", f"Error: {message}\n")


def test_a_configured_root_that_does_not_exist_names_the_key_and_the_nearest_folder(
    project: Path,
) -> None:
    (project / "pyproject.toml").write_text('[tool.cardlint]\nroots = ["card"]\n', encoding="utf-8")
    _refused(
        run_cli("check", cwd=project),
        "pyproject.toml: roots: no folder 'card' (did you mean 'cards'?)",
    )
    _refused(
        run_cli("check", cwd=project / "cards"),
        "../pyproject.toml: roots: no folder 'card' (did you mean 'cards'?)",
    )


def test_a_nested_root_is_matched_in_its_own_folder(project: Path) -> None:
    (project / "docs" / "notes").mkdir(parents=True)
    (project / "cardlint.toml").write_text('roots = ["docs/note"]\n', encoding="utf-8")
    _refused(
        run_cli("check", cwd=project),
        "cardlint.toml: roots: no folder 'docs/note' (did you mean 'docs/notes'?)",
    )


def test_config_naming_a_pyproject_without_a_cardlint_table_is_refused(project: Path) -> None:
    (project / "tools").mkdir()
    (project / "tools" / "pyproject.toml").write_text(
        '[project]\nname = "x"\n[tool.black]\nline-length = 99\n', encoding="utf-8"
    )
    _refused(
        run_cli("check", "--config", "tools/pyproject.toml", cwd=project),
        "tools/pyproject.toml: no [tool.cardlint] table; add one, or name another file",
    )


def test_a_config_file_of_another_name_holds_its_settings_at_the_top(project: Path) -> None:
    (project / "cards" / "valid.md").rename(project / "cards" / "other.md")
    (project / "ci.toml").write_text('ignore = ["CL305"]\n', encoding="utf-8")
    unconfigured = run_cli("check", cwd=project)
    assert unconfigured.code == 1 and "CL305" in unconfigured.out
    configured = run_cli("check", "--config", "ci.toml", cwd=project)
    assert (configured.code, summary(configured)) == (0, "1 card passed."), configured.out


def test_an_unknown_key_gets_the_setting_it_is_nearest_to(project: Path) -> None:
    (project / "cardlint.toml").write_text('knownids = ["planned"]\n', encoding="utf-8")
    _refused(
        run_cli("check", cwd=project),
        "cardlint.toml: knownids: unknown key (did you mean 'known-ids'?)",
    )


def test_an_unknown_key_far_from_any_lists_the_settings(project: Path) -> None:
    (project / "cardlint.toml").write_text("colour = true\n", encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.code == 2 and result.err.count("\n") == 1
    assert result.err.startswith("Error: cardlint.toml: colour: unknown key (settings: roots, ")


@pytest.mark.parametrize("option", ["--select", "--extend-select", "--ignore"])
def test_an_unknown_rule_on_the_command_line_is_blamed_on_the_option(
    project: Path, option: str
) -> None:
    (project / "pyproject.toml").write_text("[tool.cardlint]\nignore = []\n", encoding="utf-8")
    _refused(
        run_cli("check", option, "CL2,CL999", cwd=project),
        f"{option}: no rule 'CL999' (did you mean 'CL900'?)",
    )
    _refused(
        run_cli("check", option, "invalid-vaule", cwd=project),
        f"{option}: no rule 'invalid-vaule' (did you mean 'invalid-value'?)",
    )


@pytest.mark.parametrize(
    ("table", "source"),
    [
        ('select = ["CL2O3"]', "select"),
        ('extend-select = ["CL2O3"]', "extend-select"),
        ('[severity]\nCL2O3 = "warning"', "severity"),
        ('[per-file-ignores]\n"cards/*.md" = ["CL2O3"]', "per-file-ignores: 'cards/*.md'"),
    ],
)
def test_an_unknown_rule_in_the_file_is_blamed_on_its_key(
    project: Path, table: str, source: str
) -> None:
    (project / "cardlint.toml").write_text(table + "\n", encoding="utf-8")
    _refused(
        run_cli("check", cwd=project),
        f"cardlint.toml: {source}: no rule 'CL2O3' (did you mean 'CL203'?)",
    )


def test_rule_suggests_the_nearest_name(project: Path) -> None:
    _refused(
        run_cli("rule", "section-ordr", cwd=project),
        "no rule 'section-ordr' (did you mean 'section-order'?)",
    )


def test_checking_an_empty_folder_is_refused_unless_allowed(project: Path) -> None:
    (project / "empty").mkdir()
    message = "no cards found under empty/ (files named *.md); --allow-empty lets this pass"
    _refused(run_cli("check", "empty", cwd=project), message)
    allowed = run_cli("check", "--allow-empty", "empty", cwd=project)
    assert (allowed.code, allowed.err) == (0, "")
    assert "All 0 cards passed" in allowed.out


def test_configured_roots_holding_no_cards_are_refused(project: Path) -> None:
    (project / "cards" / "valid.md").rename(project / "cards" / "valid.txt")
    (project / "cardlint.toml").write_text('roots = ["cards"]\n', encoding="utf-8")
    _refused(
        run_cli("check", "--format", "json", cwd=project),
        "no cards found under cards/ (files named *.md); --allow-empty lets this pass",
    )
    _refused(
        run_cli("check", "--fix", cwd=project),
        "no cards found under cards/ (files named *.md); --allow-empty lets this pass",
    )


def test_the_pre_commit_hook_passes_a_commit_that_changes_no_card(project: Path) -> None:
    # pre-commit runs the hook (always_run) with the staged Markdown files, cards or not.
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    (project / "README.md").write_text("# Our cards\n", encoding="utf-8")
    (project / "cardlint.toml").write_text('roots = ["cards"]\n', encoding="utf-8")
    for named in ([], ["README.md"]):
        result = run_cli("check", "--pre-commit", *named, cwd=project)
        assert (result.code, result.err) == (0, ""), result.out


def test_a_usage_mistake_is_one_line(project: Path) -> None:
    _refused(
        run_cli("check", "--unsafe-fixes", cwd=project),
        "--unsafe-fixes needs --fix or --diff (see `cardlint check --help`)",
    )
    result = run_cli("check", "--selct", "CL1", cwd=project)
    assert result.code == 2 and result.err.count("\n") == 1, result.err
    assert "'--select'" in result.err
