from collections.abc import Iterator

from cardlint.facts.structure import structure
from cardlint.load.card import Card
from cardlint.model import Finding, Position
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.rules._heading_fix import near_miss_finding
from cardlint.schema.heading_template import normalise
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    field = ctx.schema.extension.title_field
    if field is None:
        return
    found = structure(ctx.schema, card)
    sections = found.near_misses
    title = card.data.get(field)
    for heading in found.titles:
        section = sections.get(heading.line)
        if section is not None and section.near is not None:
            yield near_miss_finding(card, section.near)  # a required section, one level up
            continue
        written, holder = quote(heading.text), f"front-matter field {quote(field)}"
        if isinstance(title, str) and normalise(title) == normalise(heading.text):
            message = f"H1 {written} repeats the title, which {holder} holds"
            hint = "delete the heading"
        else:
            message = f"H1 {written} in the body: the title is {holder}"
            hint = f"make it an H2 (`## {heading.text}`), or delete it"
        yield Finding(
            Position(heading.line, heading.column),
            f"{message}, so the body must have no H1",
            hint,
        )


RULE = Rule(
    code="CL213",
    name="body-title",
    summary="An H1 in the body of a card whose title is a front-matter field.",
    doc=RuleDoc(
        what="Under a schema with `title_field` (the title is that front-matter field, as in "
        "formats whose header holds `title:`), every H1 heading in the body, the first one "
        "included. An H1 that is a required section written one level up is reported as "
        "such, with the heading it should be. CL201 and CL202 then do not look for a title "
        "in the body.",
        why="The page's title comes from the front matter; an H1 in the body is a second "
        "title in the outline and the rendered page, and it drifts from the field.",
        example="```markdown\n---\ntitle: Fee market change\n---\n\n# Fee market change\n```\n"
        'with `"title_field": "title"`.',
        fix="Delete an H1 that repeats the title; make any other one an H2.",
    ),
    check=check,
)
