from collections.abc import Iterator

from cardlint.load.card import Card
from cardlint.model import Finding
from cardlint.rules import Claim, Context, Rule, RuleDoc
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    # Imported here: a warm run over a corpus with no dangling reference never calls this.
    from cardlint.edit.yaml_edit import one_edit
    from cardlint.index.references import Places

    places = Places(card, ctx.schema.extension.reference_fields)
    for reference in ctx.index.dangling(ctx.index.entry_of(card, ctx.schema)):
        close = ctx.index.suggest(reference.target)
        hint = (
            f"did you mean '{close}'?"
            if close
            else "write the card, or list the id under `known-ids` if it is planned"
        )
        field, target, at = reference
        # Unsafe: the closest id is only a guess at what the author meant.
        fix = one_edit(
            f"replace with '{close}'",
            places.replace(field, target, at, close) if close else None,
            safe=False,
        )
        yield Finding(
            reference.position,
            f"{reference.field}: {quote(reference.target)} is not the id of any card",
            hint,
            fix,
        )


RULE = Rule(
    code="CL301",
    name="dangling-reference",
    summary="A reference names an id that no card defines.",
    cross_card=True,
    doc=RuleDoc(
        what="Each item of a reference field (`related_concepts`) whose id no card in the corpus "
        "defines and that `known-ids` does not list. Reported at the item (a list item, the "
        "field's one id, or an id inside a delimited string); the hint "
        "suggests a card by spelling (`gpt4v` -> `gpt-4v`) or by name (`CLIP` -> `clip`). The "
        "whole corpus is indexed even when only some files are checked. An item that fails the "
        "field's `pattern` is this rule's too, not CL104's: it needs an id that exists.",
        why="A dead link sends readers nowhere, and usually means a card was renamed or deleted "
        "without updating the cards that point at it.",
        example="```yaml\nrelated_concepts: [clip, gpt4v]\n```\nwhen the card's id is `gpt-4v`.",
        fix="Correct the id, write the missing card, or add the id to `known-ids` in the "
        "configuration if the card is planned. `--fix --unsafe-fixes` puts in the suggested id.",
    ),
    check=check,
    # A reference in the wrong form (`Word_Embedding`) is one mistake: the id it should be.
    claims=Claim(frozenset({"pattern"}), fields=("reference_names",)),
    candidates=lambda ctx: ctx.index.with_dangling(),
)
