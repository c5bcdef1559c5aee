from collections.abc import Iterator

from cardlint.facts.structure import in_order, structure
from cardlint.load.card import Card
from cardlint.model import Finding, Position
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    found = structure(ctx.schema, card).found
    ranks = [m.rank for m in found]
    keep = in_order(ranks)
    for position, match in enumerate(found):
        if position in keep or match.heading is None:
            continue
        later = [found[k] for k in sorted(keep) if k < position and ranks[k] > ranks[position]]
        if not later or later[0].heading is None:
            continue
        heading, first = match.heading, later[0].heading
        yield Finding(
            Position(heading.line, heading.column),
            f"section {quote(heading.text)} is out of order: it belongs before "
            f"{quote(first.text)} (line {first.line})",
            f"move it above {quote(first.text)}, where the schema's order puts it",
        )


RULE = Rule(
    code="CL204",
    name="section-order",
    summary="Sections are not in the schema's order.",
    doc=RuleDoc(
        what="Sections that appear out of order. cardlint keeps the longest run of "
        "sections already in order and reports each of the others at its heading. A section "
        "the schema marks `required: false` may be left out, but when present it keeps its "
        "place in the order too.",
        why="A fixed order lets readers find the same part in the same place on every card.",
        example="```markdown\n## 关键技术\n...\n## 为什么重要？\n```\n`为什么重要？` belongs "
        "before `关键技术`.",
        fix="Move the reported section up to where the message says it belongs.",
    ),
    check=check,
)
