from collections.abc import Iterator

from cardlint.edit.yaml_edit import one_edit, remove_item
from cardlint.index.corpus_index import entry_for
from cardlint.load.card import Card
from cardlint.model import Finding
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.rules._checks import list_item_paths
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    entry = entry_for(card, ctx.schema)
    paths = None
    for reference in entry.references:
        if reference.target == entry.id:
            paths = list_item_paths(card) if paths is None else paths
            path = paths.get((reference.field, reference.position))
            yield Finding(
                reference.position,
                f"{reference.field}: the card lists its own id {quote(entry.id)}",
                "remove the entry",
                one_edit(f"remove {quote(entry.id)}", remove_item(card, path) if path else None),
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
        fix="Remove the card's own id from the list; `--fix` does (safe).",
    ),
    check=check,
)
