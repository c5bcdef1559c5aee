"""References in every written form: a list of ids, one id, or ids in a delimited string.

`related: [clip, gpt-4v]`, `requires: 155` and `requires: 2718, 2930` (with the delimiter `,`)
all name cards by id; an integer is read as its decimal text. Each item is found where it is
written, to its column, so that a finding points at it and a fix edits it alone. The column of
an item inside a string is exact when the string is written on one line as it reads (plain, or
quoted without escapes); otherwise every item of the string is placed at the string's start.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from cardlint.load.card import Card
from cardlint.model import Edit, Position
from cardlint.schema.ids import ReferenceField, id_text

FieldPath = tuple[str | int, ...]


class Item(NamedTuple):
    """One id a reference field names, and where it is written."""

    target: str
    position: Position
    path: FieldPath
    """(field, index) for a list item; (field,) for one id, or a string of ids."""
    at: int = -1
    """For an id inside a delimited string: where it starts in the string; -1 otherwise."""


def items_of(card: Card, spec: ReferenceField) -> list[Item]:
    """The ids the card's field `spec` names, in order. What is not a scalar id (a null, a
    mapping, an empty text) names nothing: the schema rules report it."""
    name = spec.field
    value = card.data.get(name)
    if isinstance(value, list):
        return [
            Item(target, position(card, (name, index)), (name, index))
            for index, item in enumerate(value)
            if (target := id_text(item)) is not None
        ]
    if isinstance(value, str) and spec.delimiter is not None:
        return _delimited(card, name, value, spec.delimiter)
    target = id_text(value)
    if target is None or not target.strip():
        return []
    return [Item(target, position(card, (name,)), (name,))]


def position(card: Card, path: FieldPath) -> Position:
    if card.front_matter is None:
        return Position(1, 1)
    # Every list item and field has a span of its own; its ancestors' are the fallback.
    span = card.front_matter.spans.get(path) or card.front_matter.span(path)
    return span.value if span is not None else Position(1, 1)


def _delimited(card: Card, name: str, value: str, delimiter: str) -> list[Item]:
    start = position(card, (name,))
    line = card.line_text(start.line)
    opening = 1 if line[start.column - 1 : start.column] in ("'", '"') else 0
    begin = start.column - 1 + opening
    exact = line[begin : begin + len(value)] == value
    items = []
    at = 0
    for piece in value.split(delimiter):
        target = piece.strip()
        if target:
            offset = at + len(piece) - len(piece.lstrip())
            where = Position(start.line, begin + offset + 1) if exact else start
            items.append(Item(target, where, (name,), offset))
        at += len(piece) + len(delimiter)
    return items


class Places:
    """The reference items of one card, to rewrite or remove some of them."""

    def __init__(self, card: Card, fields: Iterable[ReferenceField]) -> None:
        self.card = card
        self.specs = {spec.field: spec for spec in fields}
        self._items: dict[str, list[Item]] = {}
        self._at: dict[str, dict[tuple[Position, str], list[Item]]] = {}

    def items(self, field: str) -> list[Item]:
        if field not in self._items:
            spec = self.specs.get(field)
            self._items[field] = items_of(self.card, spec) if spec is not None else []
        return self._items[field]

    def find(self, field: str, target: str, at: Position) -> Item | None:
        """The item of `field` naming `target` at `at`; None when none is, or several are (in
        a string whose items share its start)."""
        if field not in self._at:
            found: dict[tuple[Position, str], list[Item]] = {}
            for item in self.items(field):
                found.setdefault((item.position, item.target), []).append(item)
            self._at[field] = found
        same = self._at[field].get((at, target), [])
        return same[0] if len(same) == 1 else None

    def replace(self, field: str, target: str, at: Position, new: str) -> Edit | None:
        """The edit that makes the item name `new` instead, keeping how it is written."""
        item = self.find(field, target, at)
        if item is None:
            return None
        if item.at < 0:
            return self._replace_scalar(item, new)
        return self._rewrite(field, {item.at: new})

    def remove(self, field: str, target: str, at: Position) -> Edit | None:
        """The edit that removes the item, with its comma or delimiter. One id that is the
        field's whole value is left alone: the field would then read as empty."""
        from cardlint.edit.yaml_edit import remove_item

        item = self.find(field, target, at)
        if item is None:
            return None
        if item.at < 0:
            return remove_item(self.card, item.path) if len(item.path) == 2 else None
        return self._without(field, item)

    def rename(self, old: str, new: str) -> list[Edit] | None:
        """The edits that make every item naming `old` name `new`; None when one of them
        cannot be rewritten safely."""
        edits: list[Edit | None] = []
        for field in self.specs:
            items = [item for item in self.items(field) if item.target == old]
            if items and items[0].at >= 0:
                edits.append(self._rewrite(field, dict.fromkeys((i.at for i in items), new)))
            else:
                edits.extend(self._replace_scalar(item, new) for item in items)
        return None if None in edits else [edit for edit in edits if edit is not None]

    def _replace_scalar(self, item: Item, new: str) -> Edit | None:
        from cardlint.edit.yaml_edit import like, replace_value

        value: object = self.card.data.get(str(item.path[0]))
        if len(item.path) == 2 and isinstance(value, list):
            value = value[int(item.path[1])]
        return replace_value(self.card, item.path, like(value, new))

    def _rewrite(self, field: str, changes: dict[int, str]) -> Edit | None:
        """The edit that rewrites the delimited string of `field` with the item at each offset
        of `changes` renamed."""
        delimiter = self.specs[field].delimiter
        value = self.card.data.get(field)
        if delimiter is None or not isinstance(value, str):
            return None
        if any(new != new.strip() or not new or delimiter in new for new in changes.values()):
            return None  # the new id would read as no id, or as two
        written = value
        # From the end, so that each offset still points where it did.
        for item in reversed(self.items(field)):
            if item.at in changes:
                written = written[: item.at] + changes[item.at] + written[_end(item) :]
        return _replace_string(self.card, field, written)

    def _without(self, field: str, item: Item) -> Edit | None:
        """The edit that removes the item from the delimited string of `field`, with the
        delimiter before it (after it, for the first)."""
        items = self.items(field)
        value = self.card.data.get(field)
        if len(items) < 2 or not isinstance(value, str):
            return None  # the field would read as empty
        index = items.index(item)
        if index > 0:
            written = value[: _end(items[index - 1])] + value[_end(item) :]
        else:
            written = value[: item.at] + value[items[1].at :]
        return _replace_string(self.card, field, written)


def _replace_string(card: Card, field: str, written: str) -> Edit | None:
    from cardlint.edit.yaml_edit import replace_value

    return replace_value(card, (field,), written)


def _end(item: Item) -> int:
    return item.at + len(item.target)
