"""The cache folder, `.cardlint_cache/` at the project root: made on first write, git-ignored."""

from __future__ import annotations

from pathlib import Path

NAME = ".cardlint_cache"
CHECKED = "checked.json"
"""The record of validated inputs (see `checked`); every other `*.json` is a result cache."""


def prepare(folder: Path) -> str:
    """Make the folder, with a `.gitignore` that keeps it (and itself) out of commits;
    return its `identity`."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Created by cardlint.\n*\n", encoding="utf-8")
    return identity(folder) or ""


def identity(folder: Path) -> str | None:
    """Which folder this is on this machine: its device and inode.

    Files in the folder record it and are trusted only in that same folder. A cache
    committed to a repository, or copied from elsewhere, arrives in a folder of its own and
    is ignored: a pull request cannot hand the CI gate a cache that hides its violations.
    """
    try:
        found = folder.stat()
    except OSError:
        return None
    return f"{found.st_dev}:{found.st_ino}"
