from collections.abc import Iterator

from cardlint.card import Card
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.structure import structure
from cardlint.text import quote
from cardlint.violation import Finding, Position


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    titles = structure(ctx.schema, card).titles
    for extra in titles[1:]:
        yield Finding(
            Position(extra.line, extra.column),
            f"second H1 {quote(extra.text)} (the title is on line {titles[0].line})",
            "make it an H2 or lower heading",
        )


RULE = Rule(
    code="CL202",
    name="multiple-titles",
    summary="The card has more than one H1 heading.",
    doc=RuleDoc(
        what="Every H1 heading after the first. Headings inside code fences and HTML comments "
        "do not count.",
        why="A card is about one concept; a second H1 splits it in the outline, the table of "
        "contents and the page title.",
        example="```markdown\n# 注意力机制 (Attention)\n...\n# 自注意力\n```",
        fix="Demote the extra H1 to `##` or `###`, or move it to a card of its own.",
    ),
    check=check,
)
