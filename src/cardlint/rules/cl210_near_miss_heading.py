from collections.abc import Iterator

from cardlint.facts.structure import structure
from cardlint.load.card import Card
from cardlint.model import Finding
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.rules._heading_fix import near_miss_finding


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    found = structure(ctx.schema, card)
    for match in found.sections:
        near = match.near
        # An H1 is CL202's to report; a name the title shares, CL201's (it blames the field).
        if near is None or near.heading.level == 1 or set(near.suspects) & set(found.blamed):
            continue
        yield near_miss_finding(card, near)


RULE = Rule(
    code="CL210",
    name="near-miss-heading",
    summary="A required section's heading is misspelt or at the wrong level.",
    doc=RuleDoc(
        what="A required section that no H2 matches, but that a heading comes near: the same "
        "text at another level (`### 主要模型发展`), or an H2 that differs in punctuation or "
        "symbols (`为什么重要` for `为什么重要？`, `Why it matters?` for `Why it matters`), "
        "gives the section in both languages at once (`为什么重要？ (Why it matters)`), names "
        "the concept otherwise than the front matter, or is a letter or two away "
        "(`为什么很重要？`). Reported at that heading, instead of the section being missing "
        "(CL203) at the next one. Only required sections otherwise absent are looked for (a "
        "section marked `required: false` is either there or not), each heading "
        "stands for one section at most, and the nearest heading wins: subheadings of "
        "sections a card has are never taken for them. A required section written as a "
        "second H1 is CL202's to report.",
        why="The author wrote the section and misspelt its heading: the line to edit is that "
        "heading. Reported as missing, the fix would add a second, empty section under it.",
        example="```markdown\n## 为什么重要\n```\nwhere the schema asks for `## 为什么重要？`.",
        fix="Write the heading as the message says. `--fix` rewrites it when only its level, "
        "punctuation or second language differ; `--fix --unsafe-fixes` also when letters "
        "or the concept's name differ, or when the heading's own emphasis would be lost.",
    ),
    check=check,
)
