"""`cardlint check --fix` and `--diff`: apply the rules' fixes and lint again until nothing changes.

Every pass runs in memory on the bytes the cards were read from, so `--diff` shows exactly
what `--fix` would write, and each card is written once, atomically, after the last pass.
Fixes that clash with others in one card wait for the next pass, when the card has been
linted again and their positions are fresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cardlint.app import CheckRequest, build_job
from cardlint.atomic import write_atomically
from cardlint.card import Card
from cardlint.engine import Job, check_card
from cardlint.patch import apply_fixes, unified_diff
from cardlint.paths import display_path
from cardlint.project import load_corpus
from cardlint.rules import Context
from cardlint.text import plural
from cardlint.violation import Fix

MAX_PASSES = 10


@dataclass(frozen=True)
class FixResult:
    changes: dict[Path, tuple[bytes, bytes]]
    """Each changed card's bytes before and after, in the order cards are reported."""
    fixed: int
    cwd: Path

    def diff(self) -> str:
        return "".join(
            unified_diff(before, after, display_path(path, self.cwd))
            for path, (before, after) in self.changes.items()
        )

    def write(self) -> None:
        for path, (_, after) in self.changes.items():
            write_atomically(path, after)

    def summary(self, written: bool) -> str:
        if not self.changes:
            return "No fixes to apply."
        done = "Fixed" if written else "Would fix"
        return f"{done} {plural(self.fixed, 'violation')} in {plural(len(self.changes), 'card')}."


def fix_cards(request: CheckRequest, unsafe: bool = False) -> FixResult:
    """Compute every fix the selected rules offer for the requested cards; write nothing."""
    job = build_job(request)
    before: dict[Path, bytes] = {}
    edited: dict[Path, bytes] = {}
    fixed = 0
    for _ in range(MAX_PASSES):
        corpus = load_corpus(job, edited)
        progress = False
        for path in map(Path, dict.fromkeys(job.targets)):
            wanted = _offered(corpus.cards[path], corpus.context, job, unsafe)
            if not wanted or path not in corpus.data:
                continue
            patched = apply_fixes(corpus.data[path], wanted)
            if patched.data != corpus.data[path]:
                before.setdefault(path, corpus.data[path])
                edited[path] = patched.data
                fixed += patched.applied
                progress = True
        if not progress:
            break
    ordered = sorted(edited, key=lambda p: display_path(p, job.cwd))
    changes = {p: (before[p], edited[p]) for p in ordered if edited[p] != before[p]}
    return FixResult(changes, fixed, job.cwd)


def _offered(card: Card, context: Context, job: Job, unsafe: bool) -> list[Fix]:
    """The fixes of the card's violations that are neither ignored nor suppressed."""
    found = check_card(card, context, job)
    return [v.fix for v in found if v.fix is not None and (v.fix.safe or unsafe)]
