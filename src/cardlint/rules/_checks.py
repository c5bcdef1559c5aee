"""Check builders shared by families of rules that read the same analysis."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from cardlint.card import Card
from cardlint.rules import Check, Context
from cardlint.schema import CardSchema
from cardlint.schema_issues import SchemaIssue, schema_issues
from cardlint.violation import Finding, Fix, Position
from cardlint.yamledit import FieldPath, one_edit, replace_value

FRONT_MATTER_START = Position(1, 1)
_EMPTINESS = frozenset({"minLength", "minItems"})


def loader_problems(rule_name: str) -> Check:
    """Report what the loader found under `rule_name`."""

    def check(card: Card, ctx: Context) -> Iterator[Finding]:
        for problem in card.problems:
            if problem.rule == rule_name:
                yield Finding(problem.position, problem.message, problem.hint)

    return check


def schema_issues_where(accept: Callable[[SchemaIssue, CardSchema], bool]) -> Check:
    """Report the card's schema issues that `accept` claims for this rule."""

    def check(card: Card, ctx: Context) -> Iterable[Finding]:
        return [
            Finding(_issue_position(card, issue), issue.message, issue.hint, _fix(card, issue))
            for issue in schema_issues(ctx.schema, card)
            if accept(issue, ctx.schema)
        ]

    return check


def _fix(card: Card, issue: SchemaIssue) -> Fix | None:
    if issue.replacement is None:
        return None
    # Unsafe: a close spelling is only a guess at the value the author meant.
    edit = replace_value(card, issue.path, issue.replacement)
    return one_edit(f"replace with '{issue.replacement}'", edit, safe=False)


def with_keywords(*keywords: str) -> Callable[[SchemaIssue, CardSchema], bool]:
    return lambda issue, schema: issue.keyword in keywords and not owned_elsewhere(issue, schema)


def owned_elsewhere(issue: SchemaIssue, schema: CardSchema) -> bool:
    """Issues a specialist rule reports better, so the schema rules stay quiet about them."""
    ext = schema.extension
    top = issue.path[0] if issue.path else None
    date_fields = {ext.introduced_field, *ext.date_fields} - {None}
    if top in date_fields and issue.keyword in ("pattern", "minimum", "maximum", "format"):
        return True  # the date rules (CL5xx) say what is wrong with a date
    if top == ext.citation_field and len(issue.path) == 1 and issue.keyword in _EMPTINESS:
        return True  # CL401: the citation field is empty
    return top in ext.reference_fields and issue.keyword == "uniqueItems"  # CL303


def _issue_position(card: Card, issue: SchemaIssue) -> Position:
    if issue.keyword == "required" or card.front_matter is None:
        return FRONT_MATTER_START
    span = card.front_matter.span(issue.path)
    if span is None:
        return FRONT_MATTER_START
    return span.key if issue.at_key and span.key is not None else span.value


def list_item_paths(card: Card) -> dict[tuple[str, Position], FieldPath]:
    """(field, position) -> path of every item of a top-level list, as `yamledit.item_path`
    finds them one at a time; built once, because a list may hold 100,000 items and looking
    each one up by scanning all the spans is quadratic."""
    paths: dict[tuple[str, Position], FieldPath] = {}
    if card.front_matter is None:
        return paths
    for path, span in card.front_matter.spans.items():
        if len(path) == 2 and isinstance(path[0], str):
            paths.setdefault((path[0], span.value), path)
    return paths
