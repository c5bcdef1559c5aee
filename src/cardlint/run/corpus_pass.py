"""The corpus pass: each card's results -> its violations, with the cross-card rules' findings.

The card pass (`card_pass`) gave every card its own findings and index entry; here the rules
that read the whole index run, findings become violations (names, severities, fingerprints)
and inline suppressions are applied.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from cardlint.facts import suppressions
from cardlint.load.card import Card, load_card
from cardlint.model import Finding, Position, Violation
from cardlint.paths import display_file
from cardlint.rules import ENGINE_RULES, UNUSED_SUPPRESSION, Context
from cardlint.run.card_pass import CardResult
from cardlint.run.job import Job
from cardlint.run.rule_calls import Noted, run_rule
from cardlint.settings.selection import Selectable
from cardlint.text import quote


class CorpusPass:
    """Turns card results into violations: cross-card rules, names, severities, suppressions."""

    def __init__(self, job: Job, context: Context) -> None:
        self.job = job
        self.context = context
        self.contexts = {
            t.name: context if t is job.types.default else replace(context, schema=t.schema)
            for t in job.types.every
        }
        """The context of each card type: the index is one, each type's schema its own."""
        self.rules: dict[str, Selectable] = {r.code: r for r in job.rules}
        self.rules.update((r.code, r) for r in ENGINE_RULES)
        self.cross = [r.load() for r in job.rules if r.cross_card]
        self.candidates = [r.candidates(context) if r.candidates else None for r in self.cross]
        self.outranks = {r.code: r.outranks for r in self.cross if r.outranks}
        self.selected = frozenset(r.code for r in job.rules)
        self.suspects: set[str] | None = None
        """The cards some cross-card rule may report on (None: any card)."""
        if all(c is not None for c in self.candidates):
            self.suspects = set().union(*(c for c in self.candidates if c is not None))

    def worth_reporting(
        self, targets: Iterable[str], results: Mapping[str, CardResult]
    ) -> list[str]:
        """The targets that may have something to report: findings or suppressions of their
        own, or a cross-card rule that suspects them. Nearly every card of a corpus has none."""
        suspects = self.suspects
        if suspects is None:
            return list(targets)
        return [
            path
            for path in targets
            if path in suspects or results[path].findings or results[path].directives
        ]

    def violations(self, result: CardResult, card: Card | None = None) -> list[Violation]:
        """The card's own findings, its cross-card findings, then its suppressions.

        Cross-card rules need only the card's path and the index, so a cached card is not
        loaded; given the loaded `card`, they can also offer fixes, which need its text.
        """
        job = self.job
        ignored = (
            job.ignored_for(display_file(result.path, job.root))
            if job.per_file_ignores
            else frozenset()
        )
        noted = [n for n in result.findings if n.code not in ignored] if result.findings else []
        stub = card
        context = self.contexts.get(result.entry.type, self.context)
        for rule, candidates in zip(self.cross, self.candidates, strict=True):
            if rule.code in ignored or (candidates is not None and result.path not in candidates):
                continue
            stub = stub or Card(result.path)
            found = run_rule(rule, stub, context)
            if found and stub.source is None:
                # A finding may carry a fix, which needs the card's text: the report marks
                # what --fix would repair. Few cards have a cross-card finding.
                stub = load_card(result.path, job.max_file_size)
                found = run_rule(rule, stub, context)
            if found:
                if rule.code in self.outranks:
                    noted = _outranked(noted, rule.outranks, {f.position for _, f in found})
                lines = result.entry.located.get().line_texts
                noted.extend(Noted(code, f, lines.get(f.position.line, "")) for code, f in found)
        if not noted and not result.directives:
            return []  # nearly every card: nothing to name, place or suppress
        shown = display_file(result.path, job.cwd)
        anchored = display_file(result.path, job.root)

        def violation(note: Noted) -> Violation:
            rule = self.rules[note.code]
            found = note.finding
            return Violation(
                shown,
                found.position.line,
                found.position.column,
                rule.code,
                rule.name,
                found.severity or job.severity.get(rule.code, rule.severity),
                bounded(found.message),
                None if found.hint is None else bounded(found.hint),
                fingerprint(anchored, rule.code, note.line_text),
                found.fix,
            )

        if not result.directives:
            return [violation(n) for n in noted]
        outcome = suppressions.apply(result.directives, (violation(n) for n in noted))
        unused = self._unused(result.directives, outcome.unused, ignored)
        return [*outcome.kept, *(violation(n) for n in unused)]

    def _unused(
        self,
        directives: Sequence[suppressions.Directive],
        unused: Sequence[suppressions.Directive],
        ignored: frozenset[str],
    ) -> list[Noted]:
        code = UNUSED_SUPPRESSION.code
        if code not in self.selected or code in ignored:
            return []
        found = [
            Finding(
                d.position,
                f"suppression names no rule: {quote(selector)}",
                "use a rule code such as CL301, a name, or a prefix such as CL3",
            )
            for d in directives
            for selector in d.unknown
        ]
        found.extend(
            Finding(
                d.position,
                f"suppression {quote(d.text)} suppresses nothing",
                "delete it; the problem it hid is gone",
            )
            for d in unused
            # A suppression of rules this run did not select cannot be judged.
            if (d.codes is None or d.codes & self.selected) and not d.unknown
        )
        return [Noted(code, f, "") for f in found]


def _outranked(noted: list[Noted], codes: frozenset[str], positions: set[Position]) -> list[Noted]:
    """`noted` less the findings of `codes` at `positions`, where a finding names their cause."""
    return [n for n in noted if n.code not in codes or n.finding.position not in positions]


@functools.lru_cache(maxsize=256)
def _normalised(line: str) -> str:
    # Many violations can sit on one long line (a flow list of 30,000 ids): split it once.
    return " ".join(line.split())


MAX_MESSAGE = 600


def bounded(text: str) -> str:
    """A message cut to a readable length: rules quote card text, and cards can be huge."""
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


@functools.lru_cache(maxsize=4096)
def fingerprint(path: str, code: str, line_text: str) -> str:
    normalised = _normalised(line_text)
    # A file-name byte that is not UTF-8 counts as its `\xff` escape: baselines written when
    # paths reached reporters escaped keep matching.
    shown = (
        path
        if path.isascii()
        else path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    )
    digest = hashlib.sha256(f"{shown}\0{code}\0{normalised}".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:20]
