from __future__ import annotations

from collections.abc import Iterator

from cardlint.load.card import Card
from cardlint.model import Finding, Severity
from cardlint.paths import display_path
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.rules._agreeing import agreement_of
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    from cardlint.edit.list_edit import append_item
    from cardlint.edit.yaml_edit import one_edit
    from cardlint.index.mentions import names_of

    fields = ctx.schema.extension.reference_fields
    entry = ctx.index.entry_of(card, ctx.schema)
    if not fields or entry.id is None:
        return
    card = agreement_of(ctx).loaded(card)
    seen = {entry.id, *entry.targets}
    for mention in names_of(ctx.index).in_card(card):
        named = mention.card
        if named.id in seen:
            continue
        seen.add(named.id)
        kind = ctx.index.by_path[named.path].type if named.path in ctx.index.by_path else None
        # A typed field takes only cards of its types: the first field that takes this one.
        field = next((f.field for f in fields if f.types is None or kind in f.types), None)
        if field is None:
            continue
        yield Finding(
            mention.position,
            f"mentions {quote(named.name)} ({display_path(named.path, ctx.root)}) but does not "
            f"list {quote(named.id)} in {field}",
            f"add {quote(named.id)} to {field} if the card is related; a passing mention "
            "can stay unlinked",
            # Unsafe: whether a mention makes two concepts related is the author's call.
            one_edit(
                f"add '{named.id}' to {field}",
                append_item(card, field, named.id),
                safe=False,
            ),
        )


RULE = Rule(
    code="CL311",
    name="unlinked-mention",
    summary="The card's text names another card that its references do not list.",
    severity=Severity.WARNING,
    enabled_by_default=False,
    cross_card=True,
    doc=RuleDoc(
        what="A mention, in the card's prose, of another card by one of its names (Latin names "
        "as whole words, case aside except for acronyms such as `CLIP`; names with Chinese "
        "characters as written), when none of the card's reference fields lists that card's "
        "id. Code blocks, inline code, comments and headings are not prose. Reported once "
        "per card mentioned, at its first mention. Off by default: it reads every card's "
        "text on every run, and many mentions are in passing.",
        why="A card that discusses another concept without linking it leaves the graph "
        "poorer than the text: readers and `cardlint graph` miss the connection.",
        example="`clip.md`'s text says `Vision Transformer` while its `related_concepts` do not "
        "list `vision-transformer`.",
        fix="Add the id to the reference field. `--fix --unsafe-fixes` appends it to the first "
        "reference field (creating the field when absent).",
    ),
    check=check,
)
