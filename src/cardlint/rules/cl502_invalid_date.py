from collections.abc import Iterator

from cardlint.facts.dates import Problem, findings
from cardlint.load.card import Card
from cardlint.model import Finding
from cardlint.rules import Context, Rule, RuleDoc


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    return findings(card, ctx.schema.extension, Problem.INVALID)


RULE = Rule(
    code="CL502",
    name="invalid-date",
    summary="A date or year does not exist in the calendar.",
    doc=RuleDoc(
        what="A date or year that reads as one but cannot be: 30 February, a 31st in a "
        "30-day month, month 13, day 0 or year 0. Leap years are taken into account. It is "
        "reported here only, even when its layout is also wrong.",
        why="An impossible date is always a typo, and nobody can tell which digit is wrong "
        "without going back to the source; left alone it breaks sorting and date arithmetic.",
        example="```yaml\nreviewed: 2023-02-30\n```\n`reviewed: '2023-02-30' is not a real "
        "date: 2023-02 has 28 days`.",
        fix="Look the date up again and correct the day or month, e.g. `2023-02-28`.",
    ),
    check=check,
)
