"""Calling rules on cards: each rule over many cards, a rule that raises costing only its
own finding on that card, and no rule giving more than `MAX_FINDINGS` findings on one card.

The card pass's innermost loop, in a module of its own so that the compiled build compiles
it (see pyproject.toml) while the card pass, whose settings class caches what it computes,
stays pure.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import NamedTuple

from cardlint.load.card import Card
from cardlint.model import Finding, Position
from cardlint.rules import INTERNAL_ERROR, Context, Rule

MAX_FINDINGS = 1000
"""Findings of one rule on one card past which the rest are not shown (nor computed)."""


class Noted(NamedTuple):
    """A rule's finding on a card, with the text of the line it points at (for fingerprints)."""

    code: str
    finding: Finding
    line_text: str


def note_findings(
    rules: Sequence[Rule], cards: Sequence[Card], context: Context, noted: Sequence[list[Noted]]
) -> None:
    """Adds every rule's findings on each card to its list in `noted`, as `run_rule` gives
    them, in the rules' order.

    No wrapper per rule call: a card runs some forty rules and nearly never a failing one.
    When a rule raises on a card, its CL000 finding is noted and the next rules run.
    """
    for rule in rules:
        check, code = rule.check, rule.code
        for card, found_on in zip(cards, noted, strict=True):
            try:
                found = list(itertools.islice(check(card, context), MAX_FINDINGS + 1))
            except Exception as error:  # a broken rule must not stop the other rules or cards
                failure = _failure(rule, error)
                line = card.line_text(failure.position.line)
                found_on.append(Noted(INTERNAL_ERROR.code, failure, line))
                continue
            if found:
                if len(found) > MAX_FINDINGS:
                    found[-1] = _more_than(rule, found[-1])
                line_text = card.line_text
                found_on.extend(Noted(code, f, line_text(f.position.line)) for f in found)


def run_rule(rule: Rule, card: Card, context: Context) -> list[tuple[str, Finding]]:
    """The rule's findings with its code, or one CL000 finding when the rule raises.

    A megabyte of `#` lines is half a million empty sections: past MAX_FINDINGS, one finding
    says there are more, and the run stays fast and its report readable.
    """
    try:
        found = list(itertools.islice(rule.check(card, context), MAX_FINDINGS + 1))
    except Exception as error:  # a broken rule must not stop the other rules or cards
        return [(INTERNAL_ERROR.code, _failure(rule, error))]
    if len(found) > MAX_FINDINGS:
        found[-1] = _more_than(rule, found[-1])
    return [(rule.code, finding) for finding in found] if found else []


def _failure(rule: Rule, error: Exception) -> Finding:
    return Finding(
        Position(1, 1),
        f"rule {rule.code} ({rule.name}) failed: {type(error).__name__}",
        "please report this as a cardlint bug",
    )


def _more_than(rule: Rule, last: Finding) -> Finding:
    """The finding past MAX_FINDINGS, saying that the rest are not shown."""
    return Finding(
        last.position,
        f"more than {MAX_FINDINGS} findings of {rule.code} in this card; the rest are not shown",
        "fix the ones shown, then check again",
    )
