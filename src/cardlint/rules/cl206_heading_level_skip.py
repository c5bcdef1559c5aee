from collections.abc import Iterator

from cardlint.facts.structure import intended_levels
from cardlint.load.card import Card
from cardlint.model import Finding, Position, Severity
from cardlint.rules import Context, Rule, RuleDoc


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    if card.body is None:
        return
    previous = 0
    # A required section at the wrong level is CL210's, and the headings under it are
    # judged against the level it should have.
    for heading, level in zip(card.body.headings, intended_levels(ctx.schema, card), strict=True):
        if previous and level > previous + 1:
            yield Finding(
                Position(heading.line, heading.column),
                f"heading level jumps from H{previous} to H{heading.level}",
                f"use an H{previous + 1} here, or add the missing level above it",
            )
        previous = level


RULE = Rule(
    code="CL206",
    name="heading-level-skip",
    summary="A heading jumps more than one level deeper than the one before it.",
    severity=Severity.WARNING,
    doc=RuleDoc(
        what="A heading more than one level deeper than the previous heading, e.g. an H4 right "
        "after an H2. A required section written at another level (CL210) counts as the H2 "
        "it should be, for itself and for the headings after it.",
        why="Skipped levels break the outline that screen readers, tables of contents and the "
        "published site build from the headings.",
        example="```markdown\n## 关键技术\n#### 对比学习\n```",
        fix="Use the next level down (`###`), or add the missing intermediate heading.",
    ),
    check=check,
)
