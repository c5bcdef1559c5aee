from collections.abc import Iterator

from cardlint.facts.dates import Problem, findings
from cardlint.load.card import Card
from cardlint.model import Finding
from cardlint.rules import Context, Rule, RuleDoc


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    return findings(card, ctx.schema.extension, Problem.REVERSED)


RULE = Rule(
    code="CL503",
    name="reversed-date-range",
    summary="A range of years ends before it starts.",
    doc=RuleDoc(
        what="A range of years, such as `introduced`, whose second year is earlier than its "
        "first. A range that starts and ends in the same year is accepted.",
        why="Readers take the first year as when the idea appeared; swapped years put the "
        "card in the wrong place on every timeline built from it.",
        example="```yaml\nintroduced: 2023-2021\n```\n`introduced: '2023-2021' is a range "
        "that ends before it starts`, hint `put the earlier year first: 2021-2023`.",
        fix="Swap the two years so the earlier one comes first.",
    ),
    check=check,
)
