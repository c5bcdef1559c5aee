"""Surgical edits to front matter: replace one scalar, remove one list item.

Edits are computed from the loader's spans and the card's own lines, never by dumping YAML
again, so comments, key order, quoting and flow or block style stay as the author wrote them.
Every scalar is read back before it is touched: a layout these helpers do not follow (a
scalar over several lines, a comment between flow items) gets no edit rather than a wrong one.
"""

from __future__ import annotations

import json
import re

from cardlint.load.card import Card
from cardlint.load.yaml_front_matter import FrontMatter, YamlError
from cardlint.model import Edit, Fix, Position

FieldPath = tuple[str | int, ...]

_PLAIN_END = {False: re.compile(r"\s#"), True: re.compile(r"\s#|[,\]}]")}
_BLOCK_ITEM = re.compile(r"\s*-\s+")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,999})\Z")


def one_edit(description: str, edit: Edit | None, safe: bool = True) -> Fix | None:
    """A fix made of one edit, or no fix when the edit could not be computed safely."""
    return Fix(description, (edit,), safe) if edit is not None else None


def like(old: object, new: str) -> str | int:
    """`new` as a value of the YAML type of `old`: an integer in place of a number written in
    decimal (an id `1559` becomes `1560`, not `"1560"`), otherwise text."""
    if isinstance(old, (int, float)) and not isinstance(old, bool) and _DECIMAL.match(new):
        return int(new)
    return new


def replace_value(card: Card, path: FieldPath, new: str | int) -> Edit | None:
    """Replace the scalar at `path` with `new`: a string in the same quoting style, an integer
    in decimal."""
    extent = _scalar(card, path)
    if extent is None:
        return None
    start, end, flow = extent
    if isinstance(new, int):
        return Edit(start, end, str(new)) if _reads_as(str(new), new, flow) else None
    written = _line(card, start)[start.column - 1 : end.column - 1]
    if written[0] == "'":
        text = "'" + new.replace("'", "''") + "'"
    elif written[0] == '"' or not _reads_as(new, new, flow):
        # A plain value that would read back as something else (`yes`, `1.0`) gets quotes.
        text = json.dumps(new, ensure_ascii=False)
    else:
        text = new
    return Edit(start, end, text)


def remove_item(card: Card, path: FieldPath) -> Edit | None:
    """Remove the list item at `path`: with its comma from a flow list, as a line from a block
    list. The last item of a block list is left alone: its key would then read as null."""
    extent = _scalar(card, path)
    items = _value(card, path[:-1])
    if extent is None or not isinstance(items, list) or not isinstance(path[-1], int):
        return None
    start, end, flow = extent
    index = path[-1]
    if not flow:
        prefix = _line(card, start)[: start.column - 1]
        if len(items) < 2 or not _BLOCK_ITEM.fullmatch(prefix):
            return None
        return Edit(Position(start.line, 1), Position(start.line + 1, 1), "")
    if index > 0:
        before = _scalar(card, (*path[:-1], index - 1))
        edit = Edit(before[1], end, "") if before else None
        gap = (before[1], start) if before else None
    elif len(items) > 1:
        after = _span_start(card, (*path[:-1], 1))
        edit = Edit(start, after, "") if after else None
        gap = (end, after) if after else None
    else:
        edit, gap = Edit(start, end, ""), None
    # Only commas and white space may go with the item: never a comment or another value.
    return None if gap and _between(card, *gap).strip(", \n\t") else edit


def _scalar(card: Card, path: FieldPath) -> tuple[Position, Position, bool] | None:
    """Where the scalar at `path` starts and ends, on one line, and whether it is in a flow
    collection; None unless that text reads back as the loaded value."""
    start = _span_start(card, path)
    parent = _span_start(card, path[:-1]) if path else None
    if start is None or parent is None:
        return None
    value = _value(card, path)
    flow = _line(card, parent)[parent.column - 1 : parent.column] in ("[", "{")
    line = _line(card, start)
    begin = start.column - 1
    if line[begin : begin + 1] in ("'", '"'):
        # The closing quote is the first one after which the text reads back as the value.
        ends = [i + 1 for i in range(begin + 1, len(line)) if line[i] == line[begin]]
    else:
        stop = _PLAIN_END[flow].search(line, begin)
        ends = [begin + len(line[begin : stop.start() if stop else len(line)].rstrip())]
    for end in ends:
        if end > begin and _reads_as(line[begin:end], value, flow):
            return start, Position(start.line, end + 1), flow
    return None


def _reads_as(written: str, value: object, flow: bool) -> bool:
    """Whether `written`, as a flow or block list item, is read as `value` by our loader."""
    from cardlint.load.yaml_events import load_front_matter  # PyYAML, on first use

    document = f"[{written}]" if flow else f"- {written}"
    try:
        loaded = load_front_matter(document, lambda offset: Position(1, offset + 1)).data
    except YamlError:
        return False
    return (
        isinstance(loaded, list)
        and len(loaded) == 1
        and type(loaded[0]) is type(value)
        and loaded[0] == value
    )


def _value(card: Card, path: FieldPath) -> object:
    node: object = card.data
    for part in path:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
    return node


def _span_start(card: Card, path: FieldPath) -> Position | None:
    front: FrontMatter | None = card.front_matter
    span = front.spans.get(path) if front is not None else None
    return span.value if span is not None else None


def _line(card: Card, position: Position) -> str:
    lines = card.source.lines if card.source is not None else []
    return lines[position.line - 1] if position.line <= len(lines) else ""


def _between(card: Card, start: Position, end: Position) -> str:
    lines = card.source.lines if card.source is not None else []
    text = "\n".join(lines[start.line - 1 : end.line])
    return text[start.column - 1 : len(text) - len(lines[end.line - 1]) + end.column - 1]
