"""Where a citation sits in the card's source: at its own column within the citation field's
value, so that a finding about the second of three citations points at the second."""

from __future__ import annotations

import unicodedata

from cardlint.facts.citations import FieldPath, field_position
from cardlint.load.card import Card
from cardlint.model import Position

_QUOTES = ("'", '"')


def citation_position(card: Card, path: FieldPath, offset: int) -> Position:
    """The position of the character `offset` code points into the string at `path` (as the
    citation parser normalised it, NFKC), when the value's own line shows it literally;
    else the value's start. A value continued on the next line, or an escape sequence before
    the citation, leaves the citation at the value's start rather than at a wrong column."""
    start = field_position(card, path)
    value = _value_at(card.data, path)
    if offset <= 0 or not isinstance(value, str):
        return start
    line = card.line_text(start.line)[start.column - 1 :]
    skip = 1 if line[:1] in _QUOTES else 0
    before = line[skip : skip + offset]
    if unicodedata.normalize("NFKC", before) != unicodedata.normalize("NFKC", value)[:offset]:
        return start
    return Position(start.line, start.column + skip + offset)


def _value_at(data: object, path: FieldPath) -> object:
    for part in path:
        if isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        elif isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data
