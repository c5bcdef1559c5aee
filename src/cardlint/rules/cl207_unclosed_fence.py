from collections.abc import Iterator

from cardlint.card import Card
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.violation import Finding, Position


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    for line in card.body.unclosed_fences if card.body is not None else ():
        yield Finding(
            Position(line, 1),
            "code fence is never closed; it runs to the end of the card",
            "close the fence with a line of at least as many backticks or tildes",
        )


RULE = Rule(
    code="CL207",
    name="unclosed-fence",
    summary="A fenced code block is never closed.",
    doc=RuleDoc(
        what="A ``` or ~~~ fence with no closing fence: CommonMark then treats the rest of the "
        "card as code.",
        why="Every heading after the fence disappears into the code block, so sections seem "
        "missing and the page renders as one grey box.",
        example="````markdown\n```\n输入: 文本\n\n## 为什么重要？\n````",
        fix="Add the closing fence (the same character, at least as many times) after the code.",
    ),
    check=check,
)
