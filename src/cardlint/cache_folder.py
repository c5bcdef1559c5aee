"""The cache folder, `.cardlint_cache/` at the project root: made on first write, git-ignored."""

from __future__ import annotations

from pathlib import Path

NAME = ".cardlint_cache"
CHECKED = "checked.json"
"""The record of validated inputs (see `checked`); every other `*.json` is a result cache."""


def prepare(folder: Path) -> None:
    """Make the folder, with a `.gitignore` that keeps it (and itself) out of commits."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Created by cardlint.\n*\n", encoding="utf-8")
