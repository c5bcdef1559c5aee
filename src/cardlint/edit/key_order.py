"""Reordering a card's front-matter keys, each key moving with its whole block.

A key's block is the comment lines directly above it (at the key's own indentation, with no
blank line between), its key line, and the lines of its value up to the last one that is
not blank and not such a comment. Everything else (a leading comment, blank lines between
blocks, a comment under a blank line, what follows the last block) stays where it is: only
the blocks trade places. The result is read back: a layout this does not follow (a quoted
scalar continued on a line that looks like a comment, a `|+` scalar keeping the blank lines
after it) gets no edit rather than a wrong one.
"""

from __future__ import annotations

from collections.abc import Sequence

from cardlint.load.card import Card
from cardlint.load.yaml_front_matter import YamlError
from cardlint.model import Edit, Position


def ordered(keys: Sequence[str], order: Sequence[str]) -> list[str]:
    """`keys` with those that `order` lists put in its order, in the places such keys hold;
    the others stay in their places."""
    rank = {name: number for number, name in enumerate(order)}
    listed = iter(sorted((k for k in keys if k in rank), key=rank.__getitem__))
    return [next(listed) if k in rank else k for k in keys]


def reorder_keys(card: Card, order: Sequence[str]) -> tuple[Edit, ...] | None:
    """The edits that put the card's top-level keys in `order` (see `ordered`), or None when
    the front matter is not laid out as one block per key, or reads differently after."""
    front = card.front_matter
    if front is None or not isinstance(front.data, dict) or front.duplicates:
        return None
    keys = [str(key) for key in front.data]  # already text: the loader reads keys as text
    wanted = ordered(keys, order)
    lines = card.source.lines if card.source is not None else []
    blocks = _blocks(card, keys, lines)
    if blocks is None or wanted == keys:
        return None
    # Each key's block goes where the block of the key in its place was.
    moves = [(blocks[old], blocks[new]) for old, new in zip(keys, wanted, strict=True)]
    if not _reads_back(card, lines, moves, wanted):
        return None
    return tuple(
        Edit(Position(top, 1), Position(bottom + 1, 1), "".join(f"{x}\n" for x in lines[a - 1 : b]))
        for (top, bottom), (a, b) in moves
        if (top, bottom) != (a, b)
    )


_Block = tuple[int, int]
"""The first and last card lines of a key's block."""


def _blocks(card: Card, keys: list[str], lines: list[str]) -> dict[str, _Block] | None:
    front = card.front_matter
    assert front is not None
    starts = []
    for key in keys:
        span = front.spans.get((key,))
        at = span.key if span is not None else None
        if at is None or lines[at.line - 1][: at.column - 1].strip():
            return None  # a flow mapping, or a `? key`: not one key a line
        starts.append(at)
    if len({p.column for p in starts}) != 1 or len({p.line for p in starts}) != len(starts):
        return None
    indent = starts[0].column - 1

    def comment(number: int) -> bool:
        """Card line `number` is a comment at the keys' indentation or less."""
        line = lines[number - 1]
        stripped = line.lstrip()
        return stripped[:1] == "#" and len(line) - len(stripped) <= indent

    blocks: dict[str, _Block] = {}
    floor = 2  # the first YAML line; the closing `---` is line `front_matter_end`
    for key, at, following in zip(
        keys, starts, [p.line for p in starts[1:]] + [card.front_matter_end], strict=True
    ):
        top = at.line
        while top > floor and comment(top - 1):
            top -= 1
        bottom = following - 1
        while bottom > at.line and (comment(bottom) or not lines[bottom - 1].strip()):
            bottom -= 1
        blocks[key] = (top, bottom)
        floor = bottom + 1
    return blocks


def _reads_back(
    card: Card, lines: list[str], moves: list[tuple[_Block, _Block]], wanted: list[str]
) -> bool:
    """Whether the moved front matter reads as the same mapping, its keys in `wanted` order."""
    from cardlint.load.simple_yaml import read_simple
    from cardlint.load.yaml_events import load_front_matter  # PyYAML, on first use

    # By the first line of each place: where the place ends, and the block that goes there.
    filled = {place[0]: (place[1], block) for place, block in moves}
    out: list[str] = []
    number = 2
    while number < card.front_matter_end:
        if number in filled:
            end, (top, bottom) = filled[number]
            out += lines[top - 1 : bottom]
            number = end + 1
        else:
            out.append(lines[number - 1])
            number += 1
    text = "\n".join(out)
    try:
        front = read_simple(text, 2) or load_front_matter(text, lambda at: Position(1, at + 1))
    except YamlError:
        return False
    data = front.data
    return isinstance(data, dict) and list(data) == wanted and _same(data, card.data)


def _same(a: object, b: object) -> bool:
    """Equal, and of the same types throughout (True is not 1, 1.0 is not 1)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return a == b
