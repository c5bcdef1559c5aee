from collections.abc import Iterator

from cardlint.edit.yaml_edit import one_edit
from cardlint.facts.structure import expected_heading, section_titles, structure
from cardlint.load.block_scanner import Scan
from cardlint.load.card import Card, per_card
from cardlint.load.markdown import Heading
from cardlint.model import Edit, Finding, Position
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.schema.card_schema import CardSchema
from cardlint.schema.heading_template import Template
from cardlint.schema.sections import SectionSpec
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    if card.body is None:
        return
    # The sections the card has or must have: one it may leave out is no place to expect.
    sections = [m for m in structure(ctx.schema, card).sections if m.required or m.heading]
    # What a block never closed swallowed is not missing: CL207 or CL209 names the cause.
    swallowed = card.body.swallowed_from
    for index, match in enumerate(sections):
        if match.heading is not None:
            continue
        before = next((m.heading for m in reversed(sections[:index]) if m.heading), None)
        after = next((m.heading for m in sections[index + 1 :] if m.heading), None)
        if swallowed is not None and (after is None or after.line >= swallowed):
            continue
        if before is not None:
            where = f"expected after {quote('#' * before.level + ' ' + before.text)}"
        elif index == 0:
            where = "expected first"
        else:  # every required section before it is missing too
            previous = expected_heading(sections[index - 1].spec, card)
            where = f"expected after {quote(previous)}, itself missing"
        line = after.line if after else card.last_line
        names = " or ".join(quote(t) for t in section_titles(match.spec, card))
        heading = expected_heading(match.spec, card)
        yield Finding(
            Position(line, 1),
            f"missing section {names} ({where})",
            f"add `{heading}` with its content",
            # Unsafe: an empty heading is a start, not the section; CL205 then asks for content.
            one_edit(
                f"insert `{heading}`",
                _insertion(card, ctx.schema, match.spec, after),
                safe=False,
            ),
        )


def _insertion(
    card: Card, schema: CardSchema, spec: SectionSpec, after: Heading | None
) -> Edit | None:
    """The heading, just before the next required section present, or at the card's end.

    None when the heading would not read as one: with a line break in a field it names, or
    at the end of a card that ends inside a fence, an HTML block or a comment. There it
    would be text, and every `--fix` would add it again.
    """
    if card.source is None or not Template(spec.titles[0]).complete(card.data):
        return None  # the heading would name a field the card lacks
    heading = expected_heading(spec, card)
    if "\n" in heading or "\r" in heading:
        return None
    if after is not None:  # a heading present: what comes before it is at the top level
        return Edit(Position(after.line, 1), Position(after.line, 1), f"{heading}\n\n")
    if not _end_takes_a_heading(schema, card):
        return None
    lines = card.source.lines
    end = Position(len(lines), len(lines[-1]) + 1)
    return Edit(end, end, _ending(card.source.text) + f"{heading}\n")


def _ending(text: str) -> str:
    """What goes before a heading added at the end: one blank line, whatever the text ends
    with."""
    return "\n" * max(0, 2 - (len(text) - len(text.rstrip("\n"))))


@per_card  # asked for each missing section, and a megabyte of body is scanned again for it
def _end_takes_a_heading(schema: CardSchema, card: Card) -> bool:
    """Whether a heading added at the end of the card reads as one (blocks only: what the
    heading says does not matter)."""
    assert card.source is not None, "a card without text has no end to add to"
    lines = (card.source.text + _ending(card.source.text) + "## x\n").split("\n")
    scan = Scan("\n".join(lines[card.front_matter_end :]))
    wanted = len(lines) - 2 - card.front_matter_end  # the heading's line, from the body's first
    return any(line == wanted and level == 2 for level, _, line, _ in scan.headings)


RULE = Rule(
    code="CL203",
    name="missing-section",
    summary="A section the schema requires is absent.",
    doc=RuleDoc(
        what="A required section that no heading at its level (H2 unless the schema says "
        "otherwise) matches. A section the schema marks `required: false`, or whose `when` "
        "does not accept the card's front matter, is never missing. Reported where it was "
        "expected: at the next section present, or at the end of the card; several missing at "
        "one place come in the schema's order. Matching ignores full-width/half-width "
        "punctuation, spacing, case and emphasis; each section may also be written in "
        "English. A heading that comes near the section (misspelt, or at another level) is "
        "reported at itself instead (CL210, or CL202 for an H1), and sections after a code "
        "fence or HTML comment that is never closed are not reported: that block swallowed "
        "them (CL207, CL209).",
        why="Readers rely on every card having the same parts; a card without references "
        "cannot be checked and one without its why is half an explanation.",
        example="A card whose `## 参考资料` exists only inside a fenced code block: fences hide "
        "headings, so the section is missing.",
        fix="Add the section heading with its content, in the order the schema lists. "
        "`--fix --unsafe-fixes` inserts the empty heading in its place.",
    ),
    check=check,
)
