from collections.abc import Iterator

from cardlint.facts.structure import structure
from cardlint.load.card import Card
from cardlint.model import Finding, Position
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.rules._heading_fix import near_miss_finding
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    if ctx.schema.extension.title_field is not None:
        return  # the title is a field: every H1 in the body is CL213's, the first one too
    found = structure(ctx.schema, card)
    titles = found.titles
    sections = found.near_misses
    # Without a title in the schema, the first H1 is only the first.
    first = "the title" if ctx.schema.extension.title else "the first H1"
    for extra in titles[1:]:
        section = sections.get(extra.line)
        if section is not None and section.near is not None:
            yield near_miss_finding(card, section.near)  # a required section, one level up
            continue
        yield Finding(
            Position(extra.line, extra.column),
            f"second H1 {quote(extra.text)} ({first} is on line {titles[0].line})",
            "make it an H2 or lower heading",
        )


RULE = Rule(
    code="CL202",
    name="multiple-titles",
    summary="The card has more than one H1 heading.",
    doc=RuleDoc(
        what="Every H1 heading after the first. Headings inside code fences and HTML comments "
        "do not count. An H1 that is a required section written one level up (`# 关键技术`) "
        "is reported as such, with the H2 it should be, and is not also missing (CL203). "
        "Under a schema whose `title_field` makes the title a front-matter field, the body "
        "has no title and CL213 reports every H1 instead.",
        why="A card is about one concept; a second H1 splits it in the outline, the table of "
        "contents and the page title.",
        example="```markdown\n# 注意力机制 (Attention)\n...\n# 自注意力\n```",
        fix="Demote the extra H1 to `##` or `###`, or move it to a card of its own. For a "
        "required section, `--fix` makes it the H2 it should be.",
    ),
    check=check,
)
