from collections.abc import Iterator

from cardlint.edit.yaml_edit import one_edit
from cardlint.index.entry import entry_for
from cardlint.index.references import Places
from cardlint.load.card import Card
from cardlint.model import Finding
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    entry = entry_for(card, ctx.schema)
    places = Places(card, ctx.schema.extension.reference_fields)
    for field, target, at in entry.references:
        if target == entry.id:
            yield Finding(
                at,
                f"{field}: the card lists its own id {quote(entry.id)}",
                "remove the entry",
                one_edit(f"remove {quote(entry.id)}", places.remove(field, target, at)),
            )


RULE = Rule(
    code="CL302",
    name="self-reference",
    summary="A card lists its own id among its references.",
    doc=RuleDoc(
        what="A reference field item equal to the card's own id (ids compared as text: "
        "`requires: [1559]` on the card `eip: 1559`).",
        why="A link to the page the reader is already on is noise, and it hides that the "
        "list was probably copied from another card.",
        example="```yaml\nconcept_id: clip\nrelated_concepts: [clip, vision-language]\n```",
        fix="Remove the card's own id from the list; `--fix` does (safe).",
    ),
    check=check,
)
