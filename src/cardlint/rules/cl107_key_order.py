from collections.abc import Iterator

from cardlint.edit.key_order import ordered, reorder_keys
from cardlint.load.card import Card
from cardlint.model import Finding, Fix
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    order = ctx.schema.extension.key_order
    front = card.front_matter
    # Keys written twice are CL005's; which of the two is out of place is not clear yet.
    if not order or front is None or not isinstance(front.data, dict) or front.duplicates:
        return
    rank = {name: number for number, name in enumerate(order)}
    listed = [key for key in front.data if key in rank]
    for number, key in enumerate(listed):
        after = next((k for k in listed[:number] if rank[k] > rank[key]), None)
        span = front.spans.get((key,))
        if after is None or span is None or span.key is None:
            continue
        first = front.spans[(after,)].key
        where = f" (line {first.line})" if first is not None else ""
        edits = reorder_keys(card, order)
        yield Finding(
            span.key,
            f"key {quote(key)} is out of order: it belongs before {quote(after)}{where}",
            "the schema orders these keys: " + ", ".join(ordered(listed, order)),
            Fix("put the front-matter keys in the schema's order", edits) if edits else None,
        )
        return  # one finding a card: the fix puts every key in its place


RULE = Rule(
    code="CL107",
    name="key-order",
    summary="Front-matter keys are not in the order the schema lists them.",
    doc=RuleDoc(
        what="The first front-matter key, among those the schema's `key_order` lists, that "
        "comes after a key it belongs before; one finding a card. Keys `key_order` does not "
        "list may go anywhere, keys a card does not have are skipped. Only a schema with "
        "`key_order` asks for an order.",
        why="Formats such as EIP-1 fix the order of their header fields, so that every document "
        "starts the same way and a reader finds each field where they expect it.",
        example="With `key_order: [eip, title, status]`:\n```yaml\neip: 1559\nstatus: Final\n"
        "title: Fee market change\n```\n`key 'title' is out of order: it belongs before "
        "'status' (line 2)`.",
        fix="Move the keys into the schema's order; `--fix` does (safe), each key with its "
        "value's lines and the comment lines directly above it.",
    ),
    check=check,
)
