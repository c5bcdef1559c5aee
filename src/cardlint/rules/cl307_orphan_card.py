from collections.abc import Iterator

from cardlint.load.card import Card
from cardlint.model import Finding, Severity
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    entry = ctx.index.entry_of(card, ctx.schema)
    if ctx.index.is_orphan(entry) and entry.id_position is not None:
        yield Finding(
            entry.id_position,
            f"no other card references {quote(entry.id)}",
            "list it in the related concepts of the cards it relates to",
        )


RULE = Rule(
    code="CL307",
    name="orphan-card",
    summary="No other card references this card.",
    severity=Severity.WARNING,
    enabled_by_default=False,
    cross_card=True,
    doc=RuleDoc(
        what="A card whose id appears in no other card's reference fields. Off by default.",
        why="A card nothing links to can only be found by search; it is often a new card whose "
        "neighbours were never updated.",
        example="`cards/swin-transformer.md` exists, but no card lists `swin-transformer`.",
        fix="Add the id to the related concepts of the cards it belongs with.",
    ),
    check=check,
)
