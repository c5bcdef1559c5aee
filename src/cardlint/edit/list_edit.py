"""Adding an item to a front-matter list, surgically: `[a, b]` becomes `[a, b, c]`, a block
list gains a line written as its last item is, a missing field a line of its own.

Like `edit.yaml_edit`, nothing is dumped again: the edit is made in the card's own text, and the
front matter is read back with it applied; an edit that does not read back as the list plus
the item is not offered.
"""

from __future__ import annotations

import json
import re

from cardlint.load.card import Card
from cardlint.load.yaml_front_matter import YamlError
from cardlint.model import Edit, Position

_PLAIN_ID = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")


def append_item(card: Card, field: str, value: str) -> Edit | None:
    """The edit that appends `value` to the list `field` (created when absent)."""
    front = card.front_matter
    if front is None or card.source is None or not card.has_mapping:
        return None
    items = card.data.get(field)
    written = value if _PLAIN_ID.match(value) else json.dumps(value, ensure_ascii=False)
    edit: Edit | None
    if items is None and field not in card.data:
        closing = Position(card.front_matter_end, 1)  # the line of the closing `---`
        edit = Edit(closing, closing, f"{field}: [{written}]\n")
    elif isinstance(items, list):
        edit = _appended(card, field, len(items), written)
    else:
        return None
    return edit if edit is not None and _reads_back(card, edit, field, value) else None


def _appended(card: Card, field: str, count: int, written: str) -> Edit | None:
    front = card.front_matter
    assert front is not None
    if count:
        last = front.spans.get((field, count - 1))
        if last is None:
            return None
        line = card.line_text(last.value.line)
        if last.value.column > 1 and line.lstrip().startswith("-"):  # a block list
            prefix = line[: last.value.column - 1]
            after = Position(last.value.line + 1, 1)
            return Edit(after, after, f"{prefix}{written}\n")
    span = front.spans.get((field,))
    if span is None:
        return None
    line = card.line_text(span.value.line)
    opening = span.value.column - 1
    closing = line.find("]", opening)
    if line[opening : opening + 1] != "[" or closing < 0:
        return None
    at = Position(span.value.line, closing + 1)
    return Edit(at, at, f", {written}" if count else written)


def _reads_back(card: Card, edit: Edit, field: str, value: str) -> bool:
    """Whether the front matter with `edit` applied holds the list plus `value`."""
    from cardlint.load.yaml_events import load_front_matter  # PyYAML, on first use

    assert card.source is not None
    lines = card.source.lines[1 : card.front_matter_end - 1]
    index = edit.start.line - 2  # the edit's line among `lines`
    if index == len(lines):
        lines = [*lines, edit.text.rstrip("\n")]
    else:
        line = lines[index]
        column = edit.start.column - 1
        edited = (line[:column] + edit.text + line[column:]).splitlines()
        lines = [*lines[:index], *edited, *lines[index + 1 :]]
    try:
        data = load_front_matter("\n".join(lines), lambda offset: Position(1, offset + 1)).data
    except YamlError:
        return False
    before = card.data.get(field)
    wanted = [*(before if isinstance(before, list) else []), value]
    return isinstance(data, dict) and data.get(field) == wanted
