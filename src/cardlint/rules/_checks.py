"""Check builders shared by families of rules that read the same analysis."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from cardlint.edit.yaml_edit import one_edit, replace_value
from cardlint.load.card import Card
from cardlint.model import Finding, Fix, Position, Severity
from cardlint.rules import Check, Claim, Context, claim_index
from cardlint.schema.card_schema import CardSchema
from cardlint.schema.issues import SchemaIssue, schema_issues

FRONT_MATTER_START = Position(1, 1)


def loader_problems(rule_name: str) -> Check:
    """Report what the loader found under `rule_name`."""

    def check(card: Card, ctx: Context) -> Iterator[Finding]:
        for problem in card.problems:
            if problem.rule == rule_name:
                yield Finding(problem.position, problem.message, problem.hint)

    return check


def schema_issues_claimed_by(code: str | None) -> Check:
    """Report the card's schema issues that rule `code` answers for (see `claimant`); with
    None, those no rule claims."""

    def check(card: Card, ctx: Context) -> Iterable[Finding]:
        return [
            Finding(
                _issue_position(card, issue),
                issue.message,
                issue.hint,
                _fix(card, issue),
                None if issue.severity is None else Severity(issue.severity),
            )
            for issue in schema_issues(ctx.schema, card)
            if claimant(issue, ctx.schema) == code
        ]

    return check


def claimant(issue: SchemaIssue, schema: CardSchema) -> str | None:
    """The rule that answers for a schema issue: the first whose claim covers it, claims
    limited to some fields first (those rules know the field); None for CL106, which
    reports the rest."""
    return next((code for code, claim in _claims() if claim.covers(issue, schema)), None)


@functools.cache
def _claims() -> tuple[tuple[str, Claim], ...]:
    # From the index: a run that selects one rule imports that rule alone, yet an issue
    # another rule claims is not reported by CL106.
    return tuple(sorted(claim_index(), key=lambda claim: claim[1].fields is None))


def _fix(card: Card, issue: SchemaIssue) -> Fix | None:
    if issue.replacement is None:
        return None
    # Unsafe: a close spelling is only a guess at the value the author meant.
    edit = replace_value(card, issue.path, issue.replacement)
    return one_edit(f"replace with '{issue.replacement}'", edit, safe=False)


def _issue_position(card: Card, issue: SchemaIssue) -> Position:
    if issue.keyword == "required" or card.front_matter is None:
        return FRONT_MATTER_START
    span = card.front_matter.span(issue.path)
    if span is None:
        return FRONT_MATTER_START
    return span.key if issue.at_key and span.key is not None else span.value
