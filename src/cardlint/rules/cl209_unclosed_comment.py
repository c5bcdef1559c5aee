from collections.abc import Iterator

from cardlint.load.card import Card
from cardlint.model import Finding, Position
from cardlint.rules import Context, Rule, RuleDoc


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    for line in card.body.unclosed_comments if card.body is not None else ():
        yield Finding(
            Position(line, 1),
            "HTML comment is never closed; it hides the rest of the card",
            "add `-->` where the comment should end",
        )


RULE = Rule(
    code="CL209",
    name="unclosed-comment",
    summary="An HTML comment is never closed.",
    doc=RuleDoc(
        what="A line that starts an HTML comment (`<!--`) with no `-->` after it: CommonMark "
        "then treats the rest of the card as part of the comment. Reported at the line that "
        "opens the comment.",
        why="Everything after the comment disappears from the rendered page, headings "
        "included; without this rule the only trace is the sections that seem missing.",
        example="```markdown\n<!-- 待补充：更多例子\n\n## 为什么重要？\n```",
        fix="Add `-->` where the comment should end, usually at the end of its first line.",
    ),
    check=check,
)
