from collections.abc import Iterator

from cardlint.edit.yaml_edit import one_edit
from cardlint.facts.section_body import Paragraph, reads_as_paragraph, section_body
from cardlint.facts.structure import structure
from cardlint.load.card import Card
from cardlint.load.markdown import Heading
from cardlint.model import Edit, Finding, Position
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.schema.ecma import compiled
from cardlint.schema.sections import FirstParagraph
from cardlint.text import plural, quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    if card.body is None:
        return
    for match in structure(ctx.schema, card).sections:
        spec, heading = match.spec, match.heading
        # A near miss may be another heading altogether: its body is not judged as the section's.
        if heading is None or match.near is not None or not spec.constrains_body:
            continue
        paragraph = spec.first_paragraph
        body = section_body(card, heading, paragraph is not None, spec.min_items or 0)
        if paragraph is not None:
            yield from _first_paragraph(heading, body.paragraph, paragraph)
        if spec.min_items is not None and body.items < spec.min_items:
            has = "has no list item" if not body.items else f"lists {plural(body.items, 'item')}"
            yield Finding(
                Position(heading.line, heading.column),
                f"section {quote(heading.text)} {has}; it needs at least {spec.min_items}",
                "add the missing items as a Markdown list (`- ...`) under the heading",
            )


def _first_paragraph(
    heading: Heading, paragraph: Paragraph | None, wanted: FirstParagraph
) -> Iterator[Finding]:
    section = quote(heading.text)
    if wanted.equals is not None:
        expected = quote(wanted.equals, len(wanted.equals))
        if paragraph is None:
            yield Finding(
                Position(heading.line, heading.column),
                f"section {section} has no paragraph: it must read exactly {expected}",
                "write that text under the heading, as a paragraph of its own",
            )
        elif paragraph.text != wanted.equals:
            # Unsafe: the paragraph's own words go; only an author knows they are not needed.
            edit = Edit(paragraph.start, paragraph.end, wanted.equals)
            yield Finding(
                paragraph.start,
                f"the first paragraph of section {section} must read exactly {expected}",
                "replace the paragraph with that text",
                one_edit(
                    "write the required text",
                    edit if reads_as_paragraph(wanted.equals) else None,
                    safe=False,
                ),
            )
        return
    assert wanted.pattern is not None, "a first paragraph is either equals or a pattern"
    asked = wanted.description or f"text matching the pattern {quote(wanted.pattern)}"
    if paragraph is None:
        yield Finding(
            Position(heading.line, heading.column),
            f"section {section} has no paragraph: its first paragraph must be {asked}",
            "write it under the heading",
        )
    elif not compiled(wanted.pattern).search(paragraph.text):
        yield Finding(
            paragraph.start,
            f"the first paragraph of section {section} must be {asked}",
            "rewrite the paragraph",
        )


RULE = Rule(
    code="CL212",
    name="section-body",
    summary="A section's first paragraph or its list does not hold what the schema asks.",
    doc=RuleDoc(
        what="A section whose schema entry constrains its body, and whose own text (up to its "
        "first subheading) does not hold it: `first_paragraph` with `equals`, a first "
        "paragraph that does not read exactly the given text (compared as written, its lines "
        "joined by one space); with `pattern`, one in which the ECMA-262 pattern is not found "
        "(the message shows the entry's `description`); `min_items`, fewer list items than "
        "asked (items of nested lists do not count). Reported at the paragraph, or at the "
        "heading when the section has no paragraph or too few items. Only a heading that "
        "matches the section is judged: a near miss (CL210) is fixed first. An empty section "
        "with a constrained body is reported here, not as empty (CL205).",
        why="Some sections carry fixed text (a licence sentence, a disclaimer) or a list that "
        "must not be empty; a card that drops or rewords them says something else.",
        example="```markdown\n## Copyright\n\nAll rights reserved.\n```\nwhere the schema "
        'asks for `"first_paragraph": {"equals": "Copyright and related rights waived via '
        'CC0."}`.',
        fix="Write the paragraph or the list as the message says. `--fix --unsafe-fixes` "
        "replaces a first paragraph with the exact text the schema gives.",
    ),
    check=check,
)
