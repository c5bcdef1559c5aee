from collections.abc import Iterator

from cardlint.facts.timeline_names import year_headings
from cardlint.load.card import Card
from cardlint.load.markdown import Heading
from cardlint.model import Finding, Position, Severity
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    previous: tuple[Heading, int] | None = None
    for heading, year, _ in year_headings(ctx.schema, card):
        if previous is not None and year < previous[1]:
            yield Finding(
                Position(heading.line, heading.column),
                f"timeline goes back to {year}: {quote(heading.text)} comes after "
                f"{quote(previous[0].text)} (line {previous[0].line})",
                "order the timeline headings by their first year, earliest first",
            )
        previous = heading, year


RULE = Rule(
    code="CL505",
    name="timeline-order",
    summary="The timeline section's year headings are not in chronological order.",
    severity=Severity.WARNING,
    doc=RuleDoc(
        what="In the timeline section (the schema's `timeline_section`, `## 主要模型发展` by "
        "default), a subheading that starts with a year (`### 2021: CLIP`, `### 2023-2024: "
        "…`) whose first year is earlier than that of the year-led subheading before it. "
        "Subheadings without a leading year are skipped; equal years are in order.",
        why="The section tells a story in time order; a step back makes readers think a later "
        "model came first.",
        example="```markdown\n### 2023: GPT-4V\n### 2022: Flamingo\n```\n`timeline goes back "
        "to 2022: '2022: Flamingo' comes after '2023: GPT-4V' (line 80)`.",
        fix="Move the subsection to its place in time, or correct its year.",
    ),
    check=check,
)
