"""A card's names and id as concept keys (see `concept_keys`), with where each is written."""

from __future__ import annotations

from typing import NamedTuple

from cardlint.card import Card, per_card
from cardlint.concept_keys import compact, concept_key
from cardlint.schema import CardSchema
from cardlint.violation import Position


class NameField(NamedTuple):
    field: str
    value: str
    key: str
    """Its concept key, `compact`ed."""
    position: Position


@per_card
def name_fields(schema: CardSchema, card: Card) -> tuple[NameField, ...]:
    """The card's names, in the schema's order of its name fields."""
    found = []
    for field in schema.extension.name_fields:
        value = card.data.get(field)
        if isinstance(value, str) and (key := concept_key(value)):
            found.append(NameField(field, value, compact(key), field_position(card, field)))
    return tuple(found)


@per_card
def own_keys(schema: CardSchema, card: Card) -> frozenset[str]:
    """The concept keys of the card's id and names, `compact`ed."""
    card_id = card.data.get(schema.extension.id_field)
    keys = {n.key for n in name_fields(schema, card)}
    if isinstance(card_id, str) and (key := concept_key(card_id)):
        keys.add(compact(key))
    return frozenset(keys)


def field_position(card: Card, field: str) -> Position:
    span = card.front_matter.spans.get((field,)) if card.front_matter is not None else None
    return span.value if span is not None else Position(1, 1)
