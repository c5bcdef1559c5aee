"""The item of a reference field under the cursor, read from the text as typed.

Completion runs while the author types, when the front matter is often not YAML yet
(`related_concepts: [clip, cl`), so this reads lines rather than the parsed front matter:
the top-level key a line belongs to, and whether the cursor is in a flow list after that
key's `[`, in a block list item after `- `, or in a value on the key's own line (one id, or
ids in a delimited string).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from cardlint.model import Position

_DELIMITER = re.compile(r"---[ \t]*\Z")
_KEY = re.compile(r"""(?P<quote>["']?)(?P<key>[^\s#"'][^:]*?)(?P=quote)[ \t]*:(?:[ \t]|\Z)""")
_BLOCK_ITEM = re.compile(r"[ \t]*-(?:[ \t]+|\Z)")
# Where an item's text starts: after the dash and a space, never right after the dash.
_ITEM_START = re.compile(r"[ \t]*-[ \t]+")
_NOT_ID = frozenset(" \t,[]{}#\"'")


@dataclass(frozen=True)
class Slot:
    """The id being typed or pointed at: the characters around the cursor that can be an id."""

    field: str
    start: Position
    end: Position
    text: str


def reference_slot(
    lines: Sequence[str], at: Position, fields: Collection[str], delimiters: str = ""
) -> Slot | None:
    """The slot at `at` when it is inside an item of one of the reference `fields`: of a list,
    or the field's one id, or one of the ids its string separates with one of `delimiters`."""
    index = at.line - 1
    if not lines or not _DELIMITER.match(lines[0]) or not 0 < index < _closing(lines):
        return None
    owner = _owner(lines, index)
    if owner is None or owner[1] not in fields:
        return None
    text = lines[index]
    column = min(max(at.column - 1, 0), len(text))
    if not _in_item(lines, owner[0], owner[2], index, column):
        return None
    bounds = _NOT_ID.union(delimiters)
    start = column
    while start > 0 and text[start - 1] not in bounds:
        start -= 1
    end = column
    while end < len(text) and text[end] not in bounds:
        end += 1
    return Slot(owner[1], Position(at.line, start + 1), Position(at.line, end + 1), text[start:end])


def _closing(lines: Sequence[str]) -> int:
    """The index of the closing `---`; while it is not typed yet, the rest of the text."""
    return next((i for i in range(1, len(lines)) if _DELIMITER.match(lines[i])), len(lines))


def _owner(lines: Sequence[str], index: int) -> tuple[int, str, int] | None:
    """The top-level key whose value line `index` is part of: its line, name and value start."""
    for number in range(index, 0, -1):
        line = lines[number]
        if not line.strip() or line[0] in " \t#" or _BLOCK_ITEM.match(line):
            continue  # continuation lines, comments and block items belong to a key above
        key = _KEY.match(line)
        return (number, key["key"], key.end()) if key else None
    return None


def _in_item(
    lines: Sequence[str], key_line: int, value_start: int, index: int, column: int
) -> bool:
    if index == key_line:
        if column < value_start:
            return False  # in the key itself
        written = lines[index][value_start:column]
    else:
        written = "\n".join([lines[key_line][value_start:], *lines[key_line + 1 : index]])
        written += "\n" + lines[index][:column]
    if written.lstrip().startswith("["):
        return "]" not in written and "#" not in written
    if index == key_line:
        # One id, or ids in one string (`requires: 2718, 29`); not a mapping or a block text.
        return "#" not in written and not written.lstrip().startswith(("{", "|", ">"))
    after_key = lines[key_line][value_start:].strip()
    if after_key and not after_key.startswith("#"):
        return False  # a block list needs the key alone on its line
    item = _ITEM_START.match(lines[index])
    return item is not None and item.end() <= column and "#" not in lines[index][:column]
