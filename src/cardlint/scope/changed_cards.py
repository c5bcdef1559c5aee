"""Which cards a run over a change checks: the cards it adds or modifies, the cards that list
a card it removes, and every card when it changes the rules.

The change is the staged one (the pre-commit hook), or a range of history (`--changed-since`,
or the hook under `pre-commit run --from-ref A --to-ref B`). Cards are always checked
against the whole corpus; only the cards reported on are narrowed.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from cardlint.scope import git_changes
from cardlint.scope.git_changes import Change
from cardlint.scope.rule_files import differing, rule_files
from cardlint.sources.git import AtRevision, GitError, top_level
from cardlint.sources.readers import Reader, on_disk


class RulesInForce(NamedTuple):
    """Where the run reads its rules, and the options that name them."""

    read: Reader
    cwd: Path
    config: Path | None
    schema: Path | None


class Scope(NamedTuple):
    every_card: bool
    """The change alters the rules: a card it does not touch may pass or fail differently."""
    changed: frozenset[str]
    """Real paths of the files the change adds or modifies."""
    removed: list[str]
    """File names of the cards the change removes: the cards that list them are checked too."""

    def cards(self, candidates: Sequence[str]) -> list[str]:
        """The candidate cards the change touches (every one when the rules changed)."""
        if self.every_card:
            return list(candidates)
        return [c for c in candidates if _real(c) in self.changed]


Given = tuple[str, str]
"""A revision as the user named it, and where (an option, or pre-commit's variable)."""


def change_scope(
    folder: Path, since: Given | None, until: Given | None, rules: RulesInForce
) -> Scope | None:
    """The scope of the change since `since` (to `until`, or the working tree), or without
    `since` of the staged change (None outside a git work tree: nothing is staged)."""
    try:
        top = top_level(folder)
    except GitError as error:
        if since is None:
            return None
        raise GitError(f"{since[1]}: {error}") from error
    if since is None:
        change = git_changes.staged(top)
    elif until is None:
        change = git_changes.since(top, *since)
    else:
        change = git_changes.between(top, since, until)
    return scope(change, top, rules)


def scope(change: Change, top: Path, rules: RulesInForce) -> Scope:
    removed = change.removed_card_names()
    if change.base is None:
        return Scope(False, change.changed, removed)  # the first commit: every file is new
    return Scope(rules_changed(change, top, rules), change.changed, removed)


def rules_changed(change: Change, top: Path, rules: RulesInForce) -> bool:
    """Whether the rules at the change's start differ from the rules the run uses."""
    assert change.base is not None
    asked: set[str] = set()

    def recording(path: Path) -> bytes | None:
        asked.add(os.path.realpath(path))
        return rules.read(path)

    now = rule_files(recording, rules.cwd, rules.config, rules.schema)
    # Read from the working tree, the rules cannot have changed unless the change touched a
    # file the run read them from: the start's rules are read (one git process a file) only
    # then. The rules of another revision (`--rules-from`) are compared whatever was touched.
    if rules.read is on_disk and change.touched.isdisjoint(asked):
        return False
    start = AtRevision(top, change.base, change.base)
    return bool(differing(rule_files(start, rules.cwd, rules.config, rules.schema), now))


def _real(card: str) -> str:
    # Card paths keep the spelling they were found by (files.py); git names real paths.
    folder, name = os.path.split(card)
    return os.path.join(_real_folder(folder), name)  # noqa: PTH118 - strings, as files.py keeps


@functools.lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)
