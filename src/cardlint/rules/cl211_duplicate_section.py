from collections.abc import Iterator

from cardlint.facts.structure import structure
from cardlint.load.card import Card
from cardlint.model import Finding, Position
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.schema.heading_template import normalise
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    for match in structure(ctx.schema, card).sections:
        first, again = match.heading, match.again
        if first is None or again is None:
            continue
        same = normalise(first.text) == normalise(again.text)
        first_one = f"first on line {first.line}"
        yield Finding(
            Position(again.line, again.column),
            f"section {quote(again.text)} is there twice ("
            + (first_one if same else f"{first_one} as {quote(first.text)}")
            + ")",
            "keep one: move this section's content under the first heading, and delete this one",
        )


RULE = Rule(
    code="CL211",
    name="duplicate-section",
    summary="A required section has two headings.",
    doc=RuleDoc(
        what="A second H2 that matches a required section already matched by an earlier one, "
        "in the same or the other language (`## 关键技术` and later `## Key techniques`). "
        "Reported at the second heading. Matching is as for CL203.",
        why="Every rule that reads a section (its references, its timeline, its order) reads "
        "the first one only: what the second holds is never checked, and readers find the "
        "same part in two places.",
        example="```markdown\n## 关键技术\n...\n## 优势与局限\n...\n## 关键技术\n```",
        fix="Merge the two sections under the first heading and delete the second.",
    ),
    check=check,
)
