from collections.abc import Iterator

from cardlint.facts.dates import Problem, findings
from cardlint.load.card import Card
from cardlint.model import Finding
from cardlint.rules import Claim, Context, Rule, RuleDoc


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    return findings(card, ctx.schema.extension, Problem.FORMAT)


RULE = Rule(
    code="CL501",
    name="invalid-date-format",
    summary="A date or year is not written in the form the card format uses.",
    doc=RuleDoc(
        what="The `introduced` field is not a year (`2017`) or a range of years (`2021-2023`), "
        "or a front-matter date field or a dated footer line (`**创建日期**: …`, labels from "
        "the schema's `date_labels`) is not `YYYY-MM-DD`. When the value is clearly a date in "
        "another layout (`2025/10/17`, `2025.10.17`, `2025年10月17日`, `2021 – 2023`), the "
        "message says so and the hint spells it correctly. Lines inside fenced code are not "
        "footer lines. A date that is impossible or reversed is reported by CL502 or CL503 "
        "instead.",
        why="One spelling lets people and tools sort and compare dates at a glance; the other "
        "date rules can only judge a value they can read.",
        example="```markdown\n**更新日期**: 2025/10/17\n```\n`更新日期: '2025/10/17' is in the "
        "wrong layout (dates are YYYY-MM-DD)`, hint `write it as 2025-10-17`.",
        fix="Rewrite the value as the hint shows: `2025-10-17`, `2017`, `2021-2023`. `--fix` does "
        "when the hint names the spelling (safe).",
    ),
    # The date rules say better than a pattern or a bound what is wrong with a date.
    claims=Claim(
        frozenset({"pattern", "minimum", "maximum", "format"}),
        fields=("introduced_field", "date_fields"),
    ),
    check=check,
)
