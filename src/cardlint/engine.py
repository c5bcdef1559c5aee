"""The run: load cards -> build the corpus index -> run rules -> a report. Nothing here prints."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cardlint.card import Card, load_card
from cardlint.corpus import CorpusIndex, entry_for
from cardlint.rules import INTERNAL_ERROR, Context, Rule
from cardlint.schema import CardSchema
from cardlint.violation import Severity, Violation


@dataclass(frozen=True)
class Summary:
    errors: int
    warnings: int
    cards: int
    cards_with_violations: int


@dataclass(frozen=True)
class Report:
    violations: tuple[Violation, ...]
    cards: int
    internal_errors: int = 0

    @property
    def summary(self) -> Summary:
        errors = sum(v.severity is Severity.ERROR for v in self.violations)
        return Summary(
            errors,
            len(self.violations) - errors,
            self.cards,
            len({v.path for v in self.violations}),
        )


@dataclass(frozen=True)
class Job:
    targets: Sequence[Path]
    corpus: Sequence[Path]
    schema: CardSchema
    rules: Sequence[Rule]
    severity: dict[str, Severity]
    today: date
    max_file_size: int
    known_ids: frozenset[str] = frozenset()
    cwd: Path = Path()
    root: Path = Path()


def run(job: Job) -> Report:
    cards = {path: load_card(path, job.max_file_size) for path in (*job.corpus, *job.targets)}
    index = CorpusIndex.build(
        (entry_for(cards[p], job.schema) for p in dict.fromkeys(job.corpus)), job.known_ids
    )
    context = Context(job.schema, index, job.today, job.root)
    violations: list[Violation] = []
    for path in dict.fromkeys(job.targets):
        violations.extend(check_card(cards[path], context, job))
    failures = sum(v.code == INTERNAL_ERROR.code for v in violations)
    ordered = tuple(sorted(violations, key=lambda v: v.sort_key))
    return Report(ordered, len(dict.fromkeys(job.targets)), failures)


def check_card(card: Card, context: Context, job: Job) -> list[Violation]:
    shown = display_path(card.path, job.cwd)
    found: list[Violation] = []
    for rule in job.rules:
        try:
            findings = list(rule.check(card, context))
        except Exception as error:  # a broken rule must not stop the other rules or cards
            found.append(
                Violation(
                    shown,
                    1,
                    1,
                    INTERNAL_ERROR.code,
                    INTERNAL_ERROR.name,
                    Severity.ERROR,
                    f"rule {rule.code} ({rule.name}) failed: {type(error).__name__}",
                    "please report this as a cardlint bug",
                )
            )
            continue
        severity = job.severity.get(rule.code, rule.severity)
        found.extend(
            Violation(
                shown,
                f.position.line,
                f.position.column,
                rule.code,
                rule.name,
                severity,
                f.message,
                f.hint,
                fingerprint(shown, rule.code, _line_text(card, f.position.line)),
            )
            for f in findings
        )
    return found


def _line_text(card: Card, line: int) -> str:
    lines = card.source.lines if card.source is not None else []
    return lines[line - 1] if 0 < line <= len(lines) else ""


def fingerprint(path: str, code: str, line_text: str) -> str:
    normalised = " ".join(line_text.split())
    digest = hashlib.sha256(f"{path}\0{code}\0{normalised}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:20]


def display_path(path: Path, cwd: Path) -> str:
    """Relative to the working directory where possible, always with `/`."""
    try:
        relative = os.path.relpath(path.absolute(), cwd.absolute())
    except ValueError:  # another drive on Windows
        relative = str(path)
    shown = Path(relative).as_posix()
    # A file name that is not UTF-8 arrives with surrogate escapes; show its bytes instead.
    return shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
