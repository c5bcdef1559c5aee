"""`cardlint check --fix` and `--diff`: apply the rules' fixes and lint again until nothing changes.

Every pass runs in memory on the bytes the cards were read from, so `--diff` shows exactly
what `--fix` would write, and each card is written once, atomically, after the last pass.
Fixes that clash with others in one card wait for the next pass, when the card has been
linted again and their positions are fresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cardlint.app import build_job
from cardlint.atomic import write_atomically
from cardlint.authoring.loaded_corpus import load_corpus
from cardlint.edit.patch import apply_fixes, unified_diff
from cardlint.load.card import Card
from cardlint.model import Fix
from cardlint.paths import display_path
from cardlint.rules import Context
from cardlint.run.engine import check_card
from cardlint.run.job import Job
from cardlint.settings.request import CheckRequest
from cardlint.text import plural

MAX_PASSES = 10


@dataclass(frozen=True)
class FixResult:
    changes: dict[Path, tuple[bytes, bytes]]
    """Each changed card's bytes before and after, in the order cards are reported."""
    fixed: int
    cwd: Path
    withheld: int = 0
    """Fixes left unapplied because they are unsafe and `--unsafe-fixes` was not given."""

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
            done = "No safe fixes to apply." if self.withheld else "No fixes to apply."
        else:
            fixed = f"{plural(self.fixed, 'violation')} in {plural(len(self.changes), 'card')}"
            done = f"{'Fixed' if written else 'Would fix'} {fixed}."
        if not self.withheld:
            return done
        count, verb, them = (
            ("1 unsafe fix", "is", "it")
            if self.withheld == 1
            else (f"{self.withheld} unsafe fixes", "are", "them")
        )
        return (
            f"{done} {count} {verb} available: review {them} with `--diff --unsafe-fixes`, "
            f"apply {them} with `--fix --unsafe-fixes`."
        )


def fix_cards(request: CheckRequest, unsafe: bool = False) -> FixResult:
    """Compute every fix the selected rules offer for the requested cards; write nothing."""
    job = build_job(request)
    before: dict[Path, bytes] = {}
    edited: dict[Path, bytes] = {}
    fixed = withheld = 0
    for _ in range(MAX_PASSES):
        corpus = load_corpus(job, edited)
        progress = False
        withheld = 0  # counted afresh each pass: what the last one leaves is what remains
        for path in map(Path, dict.fromkeys(job.targets)):
            offered = _offered(corpus.cards[path], corpus.context, job)
            wanted = [fix for fix in offered if fix.safe or unsafe]
            withheld += len(offered) - len(wanted)
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
    return FixResult(changes, fixed, job.cwd, withheld)


def _offered(card: Card, context: Context, job: Job) -> list[Fix]:
    """The fixes of the card's violations that are neither ignored nor suppressed."""
    return [v.fix for v in check_card(card, context, job) if v.fix is not None]
