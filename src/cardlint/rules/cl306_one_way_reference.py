from collections.abc import Iterator

from cardlint.load.card import Card
from cardlint.model import Finding, Severity
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    entry = ctx.index.entry_of(card, ctx.schema)
    for reference in ctx.index.one_way(entry):
        yield Finding(
            reference.position,
            f"{quote(reference.target)} does not list {quote(entry.id)} back",
            f"add {quote(entry.id)} to the {reference.field} of {quote(reference.target)}",
        )


RULE = Rule(
    code="CL306",
    name="one-way-reference",
    summary="Card A lists card B, but B does not list A.",
    severity=Severity.WARNING,
    enabled_by_default=False,
    cross_card=True,
    doc=RuleDoc(
        what="A reference to an existing card that does not reference this card back. Off by "
        "default: enable it for corpora whose links are meant to be symmetric.",
        why="In a glossary of related concepts, a link that goes only one way means readers "
        "of the other card never find this one.",
        example="`clip.md` lists `contrastive-learning`, whose `related_concepts` lacks `clip`.",
        fix="Add the reverse link, or remove the one-way one.",
    ),
    check=check,
)
