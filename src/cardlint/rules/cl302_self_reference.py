from collections.abc import Iterator

from cardlint.card import Card
from cardlint.corpus import entry_for
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.violation import Finding


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    entry = entry_for(card, ctx.schema)
    for reference in entry.references:
        if reference.target == entry.id:
            yield Finding(
                reference.position,
                f"{reference.field}: the card lists its own id '{entry.id}'",
                "remove the entry",
            )


RULE = Rule(
    code="CL302",
    name="self-reference",
    summary="A card lists its own id among its references.",
    doc=RuleDoc(
        what="A reference field item equal to the card's own id.",
        why="A link to the page the reader is already on is noise, and it hides that the "
        "list was probably copied from another card.",
        example="```yaml\nconcept_id: clip\nrelated_concepts: [clip, vision-language]\n```",
        fix="Remove the card's own id from the list.",
    ),
    check=check,
)
