"""What the staged change removes, for the pre-commit hook (which is never told of deletions)."""

from __future__ import annotations

import subprocess
from pathlib import Path


def removed_card_names(root: Path) -> list[str]:
    """File names (without .md) of cards the staged change deletes or renames away."""
    try:
        done = subprocess.run(
            ["git", "diff", "--cached", "--name-status", "-z", "--diff-filter=DR"],
            cwd=root,
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return []
    if done.returncode != 0:
        return []  # not a git work tree: nothing is staged
    fields = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    names = []
    index = 0
    while index < len(fields) - 1:
        status = fields[index]
        # D is followed by one path, R<score> by the old path and the new one.
        old = fields[index + 1]
        index += 3 if status.startswith("R") else 2
        if old.endswith(".md"):
            names.append(Path(old).name[: -len(".md")])
    return names
