import bisect
from collections.abc import Iterator

from cardlint.card import Card
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.violation import Finding, Position


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    if card.body is None:
        return
    headings = card.body.headings
    content = card.body.content_lines
    end = card.front_matter_end + card.body.line_count + 1
    for index, heading in enumerate(headings):
        following = (h.line for h in headings[index + 1 :] if h.level <= heading.level)
        stop = next(following, end)
        first = bisect.bisect_right(content, heading.line)
        if first >= len(content) or content[first] >= stop:
            yield Finding(
                Position(heading.line, heading.column),
                f"section '{heading.text}' is empty",
                "write its content, or remove the heading",
            )


RULE = Rule(
    code="CL205",
    name="empty-section",
    summary="A heading with no content before the next heading of the same or higher level.",
    doc=RuleDoc(
        what="A heading followed by nothing but blank lines, thematic breaks or HTML comments "
        "before the next heading of the same or a higher level. Content in subsections counts.",
        why="An empty section is a placeholder that was never filled in; readers find a promise "
        "and no answer.",
        example="```markdown\n## 优势与局限\n\n---\n\n## 参考资料\n```",
        fix="Write the section, or delete the heading if the card does not need it.",
    ),
    check=check,
)
