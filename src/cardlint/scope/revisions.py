"""What a check asks of git: the revision its rules are read from (`--rules-from`), and the
change it is about (`--changed-since`, or the hook's staged change or pre-commit's range).

Nothing here runs for a plain check: git is asked only when the request names a revision or
is the hook's.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cardlint.errors import UsageError
from cardlint.paths import display_path
from cardlint.settings.request import CheckRequest
from cardlint.sources.readers import Reader, on_disk

if TYPE_CHECKING:
    from cardlint.scope.changed_cards import Scope


def rules_reader(request: CheckRequest) -> Reader:
    """Where the rules are read: the working tree, or the revision `rules_from` names."""
    if request.rules_from is None:
        return on_disk
    from cardlint.sources.git import GitError, at_revision

    try:
        return at_revision(request.cwd, request.rules_from, "--rules-from")
    except GitError as error:
        raise UsageError(str(error)) from error


def rule_change(request: CheckRequest) -> list[str]:
    """With `rules_from`: the rule files that differ between that revision and the working
    tree (or are rule files in only one of them), as shown to the user."""
    if request.rules_from is None:
        return []
    from cardlint.scope.rule_files import differing, rule_files

    options = (request.cwd, request.config, request.schema)
    then = rule_files(rules_reader(request), *options)
    return [display_path(p, request.cwd) for p in differing(then, rule_files(on_disk, *options))]


def at(request: CheckRequest, message: str) -> str:
    """A configuration or schema message, saying which revision the file was read from."""
    ref = request.rules_from
    return message if ref is None else f"--rules-from {ref}: {message}"


def change_scope(request: CheckRequest, root: Path, read: Reader) -> Scope | None:
    """The change the run is about: a range of history, or (for the hook) the staged change;
    None for a plain check."""
    if request.changed_since is None and not request.pre_commit:
        return None
    from cardlint.scope import changed_cards
    from cardlint.sources.git import GitError

    rules = changed_cards.RulesInForce(read, request.cwd, request.config, request.schema)
    try:
        return changed_cards.change_scope(root, request.changed_since, request.changed_until, rules)
    except GitError as error:
        raise UsageError(str(error)) from error
