"""What a change holds, as git sees it: the files it adds or modifies and the files it removes
(deletes, or renames away, as git detects renames).

pre-commit never names a removed file, yet the cards that list a removed card are broken by
the change; the change is read from git so that they are checked all the same.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from cardlint.sources.git import commit_of, head, merge_base, run_git


class Change(NamedTuple):
    base: str | None
    """The commit the change starts from (None before the first commit)."""
    changed: frozenset[str]
    """Real absolute paths of the files it adds or modifies, renamed ones under their new name."""
    removed: frozenset[str]
    """Real absolute paths of the files it deletes or renames away."""

    @property
    def touched(self) -> frozenset[str]:
        return self.changed | self.removed

    def removed_card_names(self) -> list[str]:
        """The names of the Markdown files removed (`clip.md`): the schema's file-name
        template tells the ids of the removed cards from them."""
        return sorted(p.rsplit(os.sep, 1)[-1] for p in self.removed if p.endswith(".md"))


def staged(top: Path) -> Change:
    """What the commit being made changes: the index against HEAD."""
    return _diff(top, head(top), ["--cached"])


def since(top: Path, name: str, source: str) -> Change:
    """What the working tree changes since `name` forked from it: committed, staged, unstaged
    and untracked files alike (ignored ones aside)."""
    start = merge_base(top, commit_of(top, name, source), "HEAD")
    change = _diff(top, start, [start])
    listed = run_git(["ls-files", "-z", "--others", "--exclude-standard"], top)
    untracked = frozenset(_paths(top, listed.split(b"\0")))
    return change._replace(changed=change.changed | untracked)


def between(top: Path, start: tuple[str, str], end: tuple[str, str]) -> Change:
    """What commit `end` changes since it forked from `start`, as `git diff start...end`;
    each is (name, where it was given)."""
    first, last = commit_of(top, *start), commit_of(top, *end)
    begin = merge_base(top, first, last)
    return _diff(top, begin, [begin, last])


def _diff(top: Path, base: str | None, args: Sequence[str]) -> Change:
    command = ["diff", "--name-status", "-z", "-M", "--no-relative", "--no-ext-diff", "--no-color"]
    fields = run_git([*command, *args, "--"], top).split(b"\0")
    changed, removed = [], []
    index = 0
    while index < len(fields) - 1:
        status = fields[index]
        # R<score> and C<score> are followed by the old path and the new one, others by one.
        if status[:1] in (b"R", b"C"):
            if status[:1] == b"R":
                removed.append(fields[index + 1])  # a copy leaves its source in place
            changed.append(fields[index + 2])
            index += 3
        else:
            (removed if status == b"D" else changed).append(fields[index + 1])
            index += 2
    return Change(base, frozenset(_paths(top, changed)), frozenset(_paths(top, removed)))


def _paths(top: Path, names: Sequence[bytes]) -> list[str]:
    # File names that are not UTF-8 keep their bytes as surrogate escapes, as os.fsdecode does.
    return [str(top / os.fsdecode(name)) for name in names if name]
