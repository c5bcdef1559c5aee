"""The cache folder, `.cardlint_cache/` at the project root: made on first write, git-ignored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cardlint.atomic import write_atomically

NAME = ".cardlint_cache"
CHECKED = "checked.json"
"""The record of validated inputs (see `checked`); every other `*.json` is a result cache."""


def read_document(file: Path, kind: str) -> dict[str, Any]:
    """The JSON object in `file` when it says it is a `kind` and was written in this very
    folder; otherwise (unreadable, foreign, committed or copied) an empty one."""
    try:
        document = json.loads(file.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict) or document.get("format") != kind:
        return {}
    if document.get("folder") != identity(file.parent):
        return {}  # written in another folder: committed, or copied, never trusted
    return document


def write_document(file: Path, kind: str, fields: dict[str, Any]) -> None:
    """Replace `file` atomically with a `kind` document holding `fields` and naming its
    folder, which is made (with its `.gitignore`) if need be.

    ASCII JSON, other characters escaped: it decodes in half the time of UTF-8, and carries
    the surrogate escapes of undecodable file names through unchanged.
    """
    folder = file.parent
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Created by cardlint.\n*\n", encoding="utf-8")
    document = {"format": kind, "folder": identity(folder) or "", **fields}
    write_atomically(file, json.dumps(document, separators=(",", ":")).encode("ascii"))


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
