from collections.abc import Iterator

from cardlint.load.card import Card
from cardlint.model import Finding
from cardlint.paths import display_path
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    entry = ctx.index.entry_of(card, ctx.schema)
    if entry.id is None:
        return
    others = [e.path for e in ctx.index.by_id.get(entry.id, ()) if e.path != entry.path]
    id_of = ctx.schema.extension.file_names.id_of
    own_name = id_of(entry.path)
    if own_name == entry.id and any(id_of(p) != entry.id for p in others):
        return  # the card named after the id has it: the copies are the ones to change
    # Only a card with a duplicate looks up where its id is written: most never need to.
    if others and entry.id_position is not None:
        names = ", ".join(display_path(p, ctx.root) for p in others)
        yield Finding(
            entry.id_position,
            f"id {quote(entry.id)} is also claimed by {names}",
            _hint(own_name, entry.id),
        )


def _hint(own_name: str | None, card_id: str) -> str:
    if own_name == card_id:
        return "give each card its own id"
    if own_name is None:  # a file name the template does not read
        return "give this card its own id"
    return f"give this card its own id, such as {quote(own_name)} after its file name"


RULE = Rule(
    code="CL304",
    name="duplicate-id",
    summary="Two or more cards claim the same id.",
    cross_card=True,
    doc=RuleDoc(
        what="A card whose id another card in the corpus also uses, naming the others. When one "
        "of them is named after the id (`clip.md`), only the others are reported: they are the "
        "copies whose id was not changed, and this finding replaces their CL305.",
        why="Every reference to the id becomes ambiguous, and one of the cards can never be "
        "linked to.",
        example="`cards/clip.md` and `cards/clip-model.md` both say `concept_id: clip`.",
        fix="Give one card a new id (`cardlint rename` updates the references), or merge the two.",
    ),
    check=check,
    candidates=lambda ctx: ctx.index.with_shared_id(),
    outranks=frozenset({"CL305"}),
)
