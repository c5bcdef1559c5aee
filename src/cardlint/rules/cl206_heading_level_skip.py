from collections.abc import Iterator

from cardlint.card import Card
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.violation import Finding, Position, Severity


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    if card.body is None:
        return
    previous = 0
    for heading in card.body.headings:
        if previous and heading.level > previous + 1:
            yield Finding(
                Position(heading.line, heading.column),
                f"heading level jumps from H{previous} to H{heading.level}",
                f"use an H{previous + 1} here, or add the missing level above it",
            )
        previous = heading.level


RULE = Rule(
    code="CL206",
    name="heading-level-skip",
    summary="A heading jumps more than one level deeper than the one before it.",
    severity=Severity.WARNING,
    doc=RuleDoc(
        what="A heading more than one level deeper than the previous heading, e.g. an H4 right "
        "after an H2.",
        why="Skipped levels break the outline that screen readers, tables of contents and the "
        "published site build from the headings.",
        example="```markdown\n## 关键技术\n#### 对比学习\n```",
        fix="Use the next level down (`###`), or add the missing intermediate heading.",
    ),
    check=check,
)
