"""The hook under the real pre-commit, in a temporary git repository of cards."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CARDS, REPO
from tests.gitscratch import GIT_ENV, LISTERS_OF_GPT_4V, commit_all, edit
from tests.gitscratch import git as _git

_SKIP = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.egg-info", ".*_cache", ".hypothesis", ".cardlint_cache"
)
pytestmark = pytest.mark.slow  # each module run installs the hook with the real pre-commit


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This checkout as it is now (uncommitted work included), committed in a scratch repo."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shadow = tmp_path_factory.mktemp("hook") / "cardlint"
    shutil.copytree(REPO, shadow, ignore=_SKIP)
    _git("init", "-q", cwd=shadow)
    _git("add", "-A", cwd=shadow)
    _git("commit", "-q", "-m", "snapshot", cwd=shadow)
    return shadow, _git("rev-parse", "HEAD", cwd=shadow)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def cards_repo(tmp_path: Path, hook_repo: tuple[Path, str]) -> Iterator[Path]:
    shadow, rev = hook_repo
    repo = tmp_path / "corpus"
    shutil.copytree(CARDS, repo / "cards")
    (repo / "README.md").write_text("# Our cards\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {shadow}\n    rev: {rev}\n    hooks:\n      - id: cardlint\n",
        encoding="utf-8",
    )
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-q", "-m", "cards", cwd=repo)
    yield repo


def _run_hook(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pre_commit", "run", "--color", "never", *args]
    return subprocess.run(
        command,
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        env={**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home)},
    )


def test_a_clean_change_passes(cards_repo: Path, pre_commit_home: Path) -> None:
    card = cards_repo / "cards" / "clip.md"
    card.write_text(card.read_text(encoding="utf-8") + "\n补充一句说明。\n", encoding="utf-8")
    _git("add", "-A", cwd=cards_repo)
    result = _run_hook(cards_repo, pre_commit_home)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "cardlint" in result.stdout and "Passed" in result.stdout


def test_a_bad_card_fails_with_its_violation(cards_repo: Path, pre_commit_home: Path) -> None:
    card = cards_repo / "cards" / "clip.md"
    card.write_text(
        card.read_text(encoding="utf-8")
        .replace("difficulty: intermediate", "difficulty: expert")
        .replace("difficulty: advanced", "difficulty: expert"),
        encoding="utf-8",
    )
    _git("add", "-A", cwd=cards_repo)
    result = _run_hook(cards_repo, pre_commit_home)
    assert result.returncode == 1
    assert "cards/clip.md:" in result.stdout and "CL103" in result.stdout


def test_deleting_a_referenced_card_fails_naming_the_cards_that_list_it(
    cards_repo: Path, pre_commit_home: Path
) -> None:
    _git("rm", "-q", "cards/gpt-4v.md", cwd=cards_repo)
    result = _run_hook(cards_repo, pre_commit_home)
    assert result.returncode == 1, result.stdout
    for referrer in ("multimodal-models", "transformer", "vision-language"):
        assert f"cards/{referrer}.md:9:" in result.stdout
    assert "'gpt-4v' is not the id of any card" in result.stdout


def test_a_file_named_like_an_option_is_a_card(cards_repo: Path, pre_commit_home: Path) -> None:
    shutil.copy(cards_repo / "cards" / "clip.md", cards_repo / "cards" / "--format=json.md")
    _git("add", "-A", cwd=cards_repo)
    result = _run_hook(cards_repo, pre_commit_home)
    assert result.returncode == 1
    assert "cards/--format=json.md:2:13: CL304" in result.stdout
    assert "Usage:" not in result.stdout + result.stderr


# How CI runs the hook on a pull request: `pre-commit run --from-ref BASE --to-ref HEAD`.
# Nothing is staged then, and pre-commit names only the files of the range that still exist.


def _range(repo: Path, home: Path, start: str) -> subprocess.CompletedProcess[str]:
    end = _git("rev-parse", "HEAD", cwd=repo)
    return _run_hook(repo, home, "--from-ref", start, "--to-ref", end)


def test_a_clean_range_passes(cards_repo: Path, pre_commit_home: Path) -> None:
    start = _git("rev-parse", "HEAD", cwd=cards_repo)
    edit(cards_repo / "cards" / "clip.md", "\n## ", "\n补充一句说明。\n\n## ")
    commit_all(cards_repo, "a clean change")
    result = _range(cards_repo, pre_commit_home, start)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "cardlint" in result.stdout and "Passed" in result.stdout


def test_a_range_that_deletes_a_listed_card_fails_at_the_cards_outside_it(
    cards_repo: Path, pre_commit_home: Path
) -> None:
    start = _git("rev-parse", "HEAD", cwd=cards_repo)
    _git("rm", "-q", "cards/gpt-4v.md", cwd=cards_repo)
    commit_all(cards_repo, "delete gpt-4v")
    result = _range(cards_repo, pre_commit_home, start)
    assert result.returncode == 1, result.stdout + result.stderr
    for referrer in LISTERS_OF_GPT_4V:
        assert f"cards/{referrer}.md:9:" in result.stdout
    assert "'gpt-4v' is not the id of any card" in result.stdout


def test_a_range_that_renames_a_listed_card_fails(cards_repo: Path, pre_commit_home: Path) -> None:
    start = _git("rev-parse", "HEAD", cwd=cards_repo)
    _git("mv", "cards/gpt-4v.md", "cards/gpt-4-vision.md", cwd=cards_repo)
    edit(cards_repo / "cards" / "gpt-4-vision.md", "concept_id: gpt-4v", "concept_id: gpt-4-vision")
    commit_all(cards_repo, "rename gpt-4v")
    assert "rename cards/{gpt-4v.md => gpt-4-vision.md}" in _git(
        "show", "--summary", "-M", "--format=", cwd=cards_repo
    )
    result = _range(cards_repo, pre_commit_home, start)
    assert result.returncode == 1, result.stdout + result.stderr
    for referrer in LISTERS_OF_GPT_4V:
        assert f"cards/{referrer}.md:9:" in result.stdout


def test_a_range_that_only_changes_the_configuration_fails_the_card_it_breaks(
    cards_repo: Path, pre_commit_home: Path
) -> None:
    (cards_repo / "cardlint.toml").write_text('known-ids = ["planned"]\n', encoding="utf-8")
    edit(cards_repo / "cards" / "clip.md", "related_concepts: [", "related_concepts: [planned, ")
    start = commit_all(cards_repo, "clip lists a planned card")
    (cards_repo / "cardlint.toml").write_text("", encoding="utf-8")
    commit_all(cards_repo, "forget the planned card")
    result = _range(cards_repo, pre_commit_home, start)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "cards/clip.md:9:" in result.stdout and "'planned' is not the id" in result.stdout
