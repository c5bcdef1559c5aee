from collections.abc import Iterator

from cardlint.facts.bibliography import references_of
from cardlint.load.card import Card
from cardlint.model import Finding, Position
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    section = references_of(ctx.schema, card)
    if section is None or section.entries:
        return
    heading = section.heading
    yield Finding(
        Position(heading.line, heading.column),
        f"section {quote(heading.text)} lists no references",
        "list each cited paper as an item, e.g. `- Radford, A., et al. (2021). Title.`",
    )


RULE = Rule(
    code="CL402",
    name="missing-references",
    summary="The references section has no list entries.",
    doc=RuleDoc(
        what="The schema's references section (`## 参考资料` or `## References` by default) is "
        "present but holds no Markdown list item outside fenced code blocks. Reported at its "
        "heading. When the heading itself is absent, CL203 (missing-section) reports that and "
        "this rule reports nothing, so one mistake gives one violation.",
        why="The references are where a reader goes to find the cited papers, and what "
        "CL403 checks each citation against; prose or a code block cannot be checked.",
        example="```markdown\n## 参考资料\n\nSee the CLIP paper.\n```",
        fix="Write one list item per cited paper: "
        "`- Radford, A., et al. (2021). Learning Transferable Visual Models.`",
    ),
    check=check,
)
