from collections.abc import Iterator
from datetime import date

from cardlint.facts.dates import Years, dated_values
from cardlint.load.card import Card
from cardlint.model import Finding
from cardlint.rules import Context, Rule, RuleDoc


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    for item in dated_values(card, ctx.schema.extension):
        parsed = item.parsed
        if isinstance(parsed, Years) and parsed.end > ctx.today.year:
            single = parsed.start == parsed.end
            what = f"{parsed.end} is" if single else f"the range ends in {parsed.end},"
            yield Finding(
                item.position,
                f"{item.subject}: {what} later than the current year ({ctx.today.year})",
                "a card records what has already happened; check the year",
            )
        elif isinstance(parsed, date) and parsed > ctx.today:
            yield Finding(
                item.position,
                f"{item.subject}: {parsed.isoformat()} is after today ({ctx.today.isoformat()})",
                "use the date the event actually happened; check the digits",
            )


RULE = Rule(
    code="CL504",
    name="future-date",
    summary="A date or year lies in the future.",
    doc=RuleDoc(
        what="A date later than today, or a year later than the current one; for a range of "
        "years, its end. Today is the day of the run unless `--today` or the `today` setting "
        "pins it. Only otherwise valid values are checked: a malformed, impossible or reversed "
        "date is left to CL501-CL503.",
        why="Cards describe what has happened and when they were written; a future date is a "
        "typo, such as 2052 for 2025, that misleads every reader who trusts it.",
        example="```markdown\n**创建日期**: 2052-10-17\n```\n`创建日期: 2052-10-17 is after "
        "today (2025-10-20)`.",
        fix="Correct the date; for a planned update, add the date once the update is made.",
    ),
    check=check,
)
