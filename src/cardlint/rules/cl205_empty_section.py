import bisect
from collections.abc import Iterator, Sequence

from cardlint.facts.structure import intended_levels, structure
from cardlint.load.card import Card
from cardlint.load.markdown import Heading
from cardlint.model import Finding, Position
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    if card.body is None:
        return
    headings = card.body.headings
    content = card.body.content_lines
    end = card.front_matter_end + card.body.line_count + 1
    levels = intended_levels(ctx.schema, card)
    said = _said_by_the_schema(ctx, card)
    for heading, stop in zip(headings, _section_ends(headings, levels, end), strict=True):
        if heading.line in said:
            continue
        first = bisect.bisect_right(content, heading.line)
        if first >= len(content) or content[first] >= stop:
            yield Finding(
                Position(heading.line, heading.column),
                f"section {quote(heading.text)} is empty",
                "write its content, or remove the heading",
            )


def _said_by_the_schema(ctx: Context, card: Card) -> set[int]:
    """The headings of sections whose body the schema constrains: CL212 says what to write
    in them, empty or not."""
    if not any(spec.constrains_body for spec in ctx.schema.extension.sections):
        return set()
    return {
        m.heading.line
        for m in structure(ctx.schema, card).sections
        if m.heading is not None and m.near is None and m.spec.constrains_body
    }


def _section_ends(headings: Sequence[Heading], levels: Sequence[int], end: int) -> list[int]:
    """For each heading, the line of the next heading of the same or a higher level (as
    `levels` gives them), or `end`.

    One pass from the back with a stack of candidates: linear, where scanning forward from
    every heading is quadratic in a card made of nothing but `#` lines.
    """
    ends = [end] * len(headings)
    pending: list[tuple[int, int]] = []  # (level, line)
    for index in range(len(headings) - 1, -1, -1):
        level = levels[index]
        while pending and pending[-1][0] > level:
            pending.pop()
        if pending:
            ends[index] = pending[-1][1]
        pending.append((level, headings[index].line))
    return ends


RULE = Rule(
    code="CL205",
    name="empty-section",
    summary="A heading with no content before the next heading of the same or higher level.",
    doc=RuleDoc(
        what="A heading followed by nothing but blank lines, thematic breaks or HTML comments "
        "before the next heading of the same or a higher level. Content in subsections counts. "
        "A required section written at another level (CL210) is judged as the H2 it should "
        "be: `### 主要模型发展` followed by its `### 2021: …` subsections is not empty. A "
        "section whose body the schema constrains (`first_paragraph`, `min_items`) is CL212's "
        "to report, with what it must hold.",
        why="An empty section is a placeholder that was never filled in; readers find a promise "
        "and no answer.",
        example="```markdown\n## 优势与局限\n\n---\n\n## 参考资料\n```",
        fix="Write the section, or delete the heading if the card does not need it.",
    ),
    check=check,
)
