"""A card's names and id as concept keys (see `concept_keys`), with where each is written."""

from __future__ import annotations

from typing import NamedTuple

from cardlint.facts.concept_keys import compact, concept_key
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
    for field in schema.extension.name_fields:
        value = data.get(field)
        if isinstance(value, str) and (key := name_key(value)) and key not in keys:
            keys.append(key)
    card_id = data.get(schema.extension.id_field)
    return keys, name_key(card_id) if isinstance(card_id, str) else ""


def name_key(name: str) -> str:
    """The `compact`ed concept key of a name or an id ("" for one of punctuation only)."""
    key = concept_key(name)
    return compact(key) if key else ""


def field_position(card: Card, field: str) -> Position:
    span = card.front_matter.spans.get((field,)) if card.front_matter is not None else None
    return span.value if span is not None else Position(1, 1)
