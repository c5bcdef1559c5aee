"""Scratch git repositories of cards, for the tests of changed-range runs and `--rules-from`."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import CARDS

GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
    # The user's own git configuration must not change what the tests see.
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
CONFIG = '[tool.cardlint]\nroots = ["cards"]\ntoday = "2026-11-29"\n'
"""A pyproject.toml for our own cards; `today` keeps the date rules still."""
LISTERS_OF_GPT_4V = ("multimodal-models", "transformer", "vision-language")
"""The cards whose related_concepts list gpt-4v (line 9)."""


def git(*args: str, cwd: Path) -> str:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    done = subprocess.run(
        ["git", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **GIT_ENV},
    )
    return done.stdout.strip()


def commit_all(repo: Path, message: str) -> str:
    """Stage every change (deletions too), commit, and return the new commit."""
    git("add", "-A", cwd=repo)
    git("commit", "-q", "--allow-empty", "-m", message, cwd=repo)
    return git("rev-parse", "HEAD", cwd=repo)


def cards_repo(folder: Path, config: str = CONFIG) -> Path:
    """Our cards and a pyproject.toml, committed on branch `main`."""
    shutil.copytree(CARDS, folder / "cards")
    (folder / "pyproject.toml").write_text(config, encoding="utf-8")
    git("init", "-q", "-b", "main", cwd=folder)
    commit_all(folder, "cards")
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")
