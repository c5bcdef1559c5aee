"""The run: load cards -> build the corpus index -> run rules -> a report. Nothing here prints."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cardlint import suppressions
from cardlint.card import Card, load_card
from cardlint.corpus import CorpusIndex, entry_for
from cardlint.files import matches
from cardlint.rules import INTERNAL_ERROR, UNUSED_SUPPRESSION, Context, Rule
from cardlint.schema import CardSchema
from cardlint.suppressions import Resolve
from cardlint.text import quote
from cardlint.violation import Finding, Position, Severity, Violation


@dataclass(frozen=True)
class Summary:
    errors: int
    warnings: int
    cards: int
    cards_with_violations: int


@dataclass(frozen=True)
class Report:
    violations: tuple[Violation, ...]
    paths: tuple[str, ...]
    """Every card checked, as shown to the reader, sorted."""
    internal_errors: int = 0

    @property
    def cards(self) -> int:
        return len(self.paths)

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
    resolve: Resolve
    known_ids: frozenset[str] = frozenset()
    referrers_of: frozenset[str] = frozenset()
    """Ids whose cards are gone: the cards that still list them are checked too."""
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    cwd: Path = Path()
    root: Path = Path()

    def ignored_for(self, relative: str) -> frozenset[str]:
        return frozenset(
            code
            for glob, codes in self.per_file_ignores
            if matches(relative, [glob])
            for code in codes
        )


def run(job: Job) -> Report:
    cards = {path: load_card(path, job.max_file_size) for path in (*job.corpus, *job.targets)}
    index = CorpusIndex.build(
        (entry_for(cards[p], job.schema) for p in dict.fromkeys(job.corpus)), job.known_ids
    )
    context = Context(job.schema, index, job.today, job.root)
    targets = dict.fromkeys(job.targets)
    for gone in sorted(i for i in job.referrers_of if not index.exists(i)):
        targets.update(dict.fromkeys(e.path for e in index.referrers.get(gone, ())))
    violations: list[Violation] = []
    for path in targets:
        violations.extend(check_card(cards[path], context, job))
    failures = sum(v.code == INTERNAL_ERROR.code for v in violations)
    ordered = tuple(sorted(violations, key=lambda v: v.sort_key))
    shown = tuple(sorted(display_path(path, job.cwd) for path in targets))
    return Report(ordered, shown, failures)


@dataclass(frozen=True)
class _Place:
    """How one card is named: to the reader (relative to the working directory) and to
    fingerprints and per-file globs (relative to the project root, whatever the cwd)."""

    card: Card
    shown: str
    anchored: str

    def violation(self, rule: Rule, severity: Severity, finding: Finding) -> Violation:
        line = finding.position.line
        lines = self.card.source.lines if self.card.source is not None else []
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return Violation(
            self.shown,
            line,
            finding.position.column,
            rule.code,
            rule.name,
            severity,
            finding.message,
            finding.hint,
            fingerprint(self.anchored, rule.code, text),
            finding.fix,
        )


def check_card(card: Card, context: Context, job: Job) -> list[Violation]:
    place = _Place(card, display_path(card.path, job.cwd), display_path(card.path, job.root))
    ignored = job.ignored_for(place.anchored)
    found: list[Violation] = []
    for rule in job.rules:
        if rule.code in ignored:
            continue
        try:
            findings = list(rule.check(card, context))
        except Exception as error:  # a broken rule must not stop the other rules or cards
            failure = Finding(
                Position(1, 1),
                f"rule {rule.code} ({rule.name}) failed: {type(error).__name__}",
                "please report this as a cardlint bug",
            )
            found.append(place.violation(INTERNAL_ERROR, Severity.ERROR, failure))
            continue
        severity = job.severity.get(rule.code, rule.severity)
        found.extend(place.violation(rule, severity, f) for f in findings)
    outcome = suppressions.apply(card, found, job.resolve)
    return [*outcome.kept, *_suppression_findings(outcome, place, job, ignored)]


def _suppression_findings(
    outcome: suppressions.Outcome, place: _Place, job: Job, ignored: frozenset[str]
) -> list[Violation]:
    rule = UNUSED_SUPPRESSION
    if rule not in job.rules or rule.code in ignored:
        return []
    selected = {r.code for r in job.rules}
    severity = job.severity.get(rule.code, rule.severity)
    findings = [
        Finding(
            d.position,
            f"suppression names no rule: {quote(selector)}",
            "use a rule code such as CL301, a name, or a prefix such as CL3",
        )
        for d, selector in outcome.unknown
    ]
    findings.extend(
        Finding(
            d.position,
            f"suppression {quote(d.text)} suppresses nothing",
            "delete it; the problem it hid is gone",
        )
        for d in outcome.unused
        # A suppression of rules this run did not select cannot be judged.
        if d.codes is None or d.codes & selected
    )
    return [place.violation(rule, severity, f) for f in findings]


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
