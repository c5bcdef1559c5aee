from collections.abc import Iterator

from cardlint.index.references import position
from cardlint.load.card import Card
from cardlint.model import Finding
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.text import did_you_mean, quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    types = ctx.index.types
    if types is None or types.field is None:
        return
    field = types.field
    written = types.written(card)
    if written is None or written in types.names:
        return  # no type field, or one naming a type (its path is not looked at)
    names = types.names
    close = did_you_mean(written, names) if written else None
    listed = ", ".join(names)
    at = position(card, (field,))
    value = card.data.get(field)
    if isinstance(value, (list, dict, bool)):
        what = f"{field} must name one card type"
        yield Finding(at, what, f"write one of {listed} as its value")
        return
    if not written:
        yield Finding(at, f"{field} is empty", f"write the card's type: one of {listed}")
        return
    yield Finding(
        at,
        f"{field} {quote(written)} is not a card type, so the card is not checked further",
        f"did you mean {quote(close)}?" if close else f"the card types are {listed}",
    )


RULE = Rule(
    code="CL006",
    name="unknown-card-type",
    summary="The card's type field names no configured card type.",
    doc=RuleDoc(
        what="A card whose `type-field` (set in the configuration, e.g. `type`) holds a value "
        "that is not the name of one of the configured `types`, or no value at all. The "
        "card's type decides its schema, so nothing else is checked on it until its type is "
        "known; its id still counts, so the cards that list it are not reported for its "
        "mistake. Reported at the value, with the closest type's name.",
        why="A mistyped type would otherwise check the card against a schema it was never "
        "written for, and bury the one mistake under a page of findings about fields and "
        "sections that the intended type does not have.",
        example="```yaml\ntype: modle\n```\nin a corpus whose types are concept, model, "
        "paper and person.",
        fix="Correct the value to the type the card is (`model`), or add the type to the "
        "configuration's `[tool.cardlint.types]`. Ignoring CL006 checks such cards with the "
        "schema their path gives.",
    ),
    check=check,
)
