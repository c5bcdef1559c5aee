"""A card's names and id as concept keys (see `concept_keys`), with where each is written."""

from __future__ import annotations

from typing import NamedTuple

from cardlint.facts.concept_keys import compacted_key, plain_key
from cardlint.load.card import Card
from cardlint.model import Position
from cardlint.schema.card_schema import CardSchema


class NameField(NamedTuple):
    field: str
    value: str
    key: str
    """Its concept key, `compact`ed."""
    position: Position


def name_fields(schema: CardSchema, card: Card) -> list[NameField]:
    """The card's names, in the schema's order of its name fields."""
    found = []
    for field in schema.extension.name_fields:
        value = card.data.get(field)
        if isinstance(value, str) and (key := name_key(value)):
            found.append(NameField(field, value, key, field_position(card, field)))
    return found


def own_keys(schema: CardSchema, card: Card) -> tuple[list[str], str]:
    """The keys of `name_fields`, each once, and of the card's id ("" for none): what the
    facts keep of them."""
    data = card.data
    keys: list[str] = []
    # By plain key: a card's id (`vision-transformer`) is mostly its English name's
    # (`Vision Transformer`), whose concept key is then not made again.
    made: dict[str, str] = {}
    for field in schema.extension.name_fields:
        value = data.get(field)
        if isinstance(value, str):
            plain = plain_key(value)
            key = made[plain] = compacted_key(plain)
            if key and key not in keys:
                keys.append(key)
    card_id = data.get(schema.extension.id_field)
    if not isinstance(card_id, str):
        return keys, ""
    plain = plain_key(card_id)
    own = made.get(plain)
    return keys, compacted_key(plain) if own is None else own


def name_key(name: str) -> str:
    """The `compact`ed concept key of a name or an id ("" for one of punctuation only)."""
    return compacted_key(plain_key(name))


def field_position(card: Card, field: str) -> Position:
    span = card.front_matter.spans.get((field,)) if card.front_matter is not None else None
    return span.value if span is not None else Position(1, 1)
