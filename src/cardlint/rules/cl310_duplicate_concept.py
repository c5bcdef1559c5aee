from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cardlint.load.card import Card
from cardlint.model import Finding, Severity
from cardlint.paths import display_path
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.rules._agreeing import agreement_of
from cardlint.text import quote

if TYPE_CHECKING:
    from cardlint.index.agree_concepts import Duplicate
    from cardlint.index.agreement import Agreement


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    found = agreement_of(ctx)
    duplicates = found.duplicates.get(card.file)
    if not duplicates:
        return  # nearly every card of a warm run: nothing read
    from cardlint.facts.card_names import name_fields

    card = found.loaded(card)
    names = name_fields(ctx.schema, card)
    for duplicate in {d.other: d for d in reversed(duplicates)}.values():
        ours = next((n for n in names if n.key == duplicate.keys[0]), None)
        if ours is not None:
            yield Finding(
                ours.position,
                f"{ours.field} {quote(ours.value)} "
                f"{'names the same concept as' if duplicate.exact else 'is one letter from'} "
                f"{_other(found, duplicate, ctx)}",
                f"if it is the same concept, merge this card into "
                f"{display_path(duplicate.other, ctx.root)}; if not, give it a name that tells "
                "the two apart",
            )


def _other(found: Agreement, duplicate: Duplicate, ctx: Context) -> str:
    """The older card, with its name and creation date."""
    from cardlint.facts.card_names import name_fields

    theirs = next(
        (
            n
            for n in name_fields(ctx.schema_of(duplicate.other), found.card(duplicate.other))
            if n.key == duplicate.keys[1]
        ),
        None,
    )
    details = [quote(theirs.value)] if theirs is not None else []
    details += [f"created {duplicate.created}"] if duplicate.created else []
    shown = display_path(duplicate.other, ctx.root)
    return f"{shown} ({', '.join(details)})" if details else shown


RULE = Rule(
    code="CL310",
    name="duplicate-concept",
    summary="Two cards name the same concept.",
    severity=Severity.WARNING,
    cross_card=True,
    doc=RuleDoc(
        what="A card whose name (any of the schema's name fields) is another card's once case, "
        "width, punctuation and spacing are set aside (`Vision-Language Models` and "
        "`vision language models`), or whose Latin name differs from another's only by a "
        "plural, an `-ize`/`-ise` spelling or one letter (`Attention Mechanism` and "
        "`Atention Mechanism`; names under eight letters, and digits, are never taken for a "
        "typo: `GPT-3` and `GPT-4` are two concepts). Reported on the newer card, by the "
        "earliest date of its footer (`创建日期`, `Created`; a card without one counts as "
        "newest), else by path, at its name, naming the older card. Cards that share an id "
        "are CL304's. `CLIP` and `CLIP-style methods` are different names.",
        why="Two cards for one concept split what is known about it, drift apart, and leave "
        "references to either one half right.",
        example="`contrastive-pretraining.md` with `concept_name_en: CLIP` while `clip.md` "
        "has the same name.",
        fix="Merge the newer card into the older (`cardlint rename` moves references), or "
        "rename it if it is a different concept.",
    ),
    check=check,
    candidates=lambda ctx: agreement_of(ctx).duplicates.keys(),
)
