"""The front matter nearly every card has, read without libyaml's event stream.

A card's front matter is a dozen `key: value` lines: plain or quoted scalars, flow lists
such as `[clip, gpt-4v]` and block lists of `- item` lines. Composing them from libyaml's
events costs some 90 us a card, most of it building one Python object per event; reading
these lines directly costs a fraction of that.

`read_simple` accepts only text it reads exactly as `load.yaml_events.load_front_matter` does (the
same values, types, spans and positions) and returns None for anything else: comments
after values, escapes, anchors, tags, nesting, continued scalars, duplicate keys, unusual
characters... which then go to libyaml. tests/test_simpleyaml.py holds the two to the same
result on generated front matter.
"""

from __future__ import annotations

import re

from cardlint.load.yaml_front_matter import FrontMatter, Span, resolve_plain
from cardlint.model import Position

MAX_VALUES = 1000
"""Longer front matter goes to libyaml, which enforces the node limits."""

# What is not among libyaml's printable characters, or is but is read as a line break
# (U+0085, U+2028, U+2029); the byte-order mark; and the tab, which YAML allows only in some
# places. Listed as such, not as the complement of what may appear: a class of the wide
# printable ranges costs milliseconds to compile, in every process that reads a card.
_UNUSUAL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +|\Z)")
_LONGEST_KEY = 1000
_ITEM = re.compile(r"( *)- +(?=\S)")
# What a plain scalar may not start with; inside, this reader also refuses `#` (a comment
# after a space), `: ` and a final `:` (a mapping), and in flow lists `,[]{}` and `:`.
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
_FLOW_PLAIN = r"[^\s" + re.escape(_INDICATORS) + r"][^,\[\]{}#:'\"]*?"
_FLOW_ITEM = re.compile(rf" *(?:({_FLOW_PLAIN})|'([^']*)'|\"([^\"\\]*)\") *([,\]])")
_EMPTY_FLOW = re.compile(r"\[ *\] *\Z")
_FLOW_SCALAR = re.compile(r"[^\s" + re.escape(_INDICATORS) + r"][^,\[\]{}#:'\"]*")


class _NotSimple(Exception):
    """The text is not in the subset this module reads."""


def read_simple(text: str, first_line: int) -> FrontMatter | None:
    """The front matter in `text`, whose first line is card line `first_line`; or None."""
    if _UNUSUAL.search(text) is not None:
        return None
    try:
        return _Reader(text.split("\n"), first_line).read()
    except _NotSimple:
        return None


class _Reader:
    def __init__(self, lines: list[str], first_line: int) -> None:
        self.lines = lines
        self.first_line = first_line
        self.data: dict[str, object] = {}
        self.spans: dict[tuple[str | int, ...], Span] = {}

    def read(self) -> FrontMatter:
        index = self._skip(0)
        while index < len(self.lines):
            key = _KEY.match(self.lines[index])
            # YAML limits a key on one line to 1024 characters; libyaml refuses longer ones.
            if key is None or key[1] in self.data or key.end() > _LONGEST_KEY:
                raise _NotSimple  # not a plain key at the margin, or a duplicate
            if not self.spans:
                self.spans[()] = Span(self._at(index, 0))
            rest = self.lines[index][key.end() :]
            if rest:
                # An indented line after it (which would continue it) is no key: refused.
                self.data[key[1]] = self._value(key[1], index, key.end())
                index = self._skip(index + 1)
            else:
                index = self._block_list(key[1], index)
            if len(self.spans) > MAX_VALUES:
                raise _NotSimple
        if not self.data:
            raise _NotSimple
        return FrontMatter(self.data, self.spans)

    def _skip(self, index: int) -> int:
        """The next line that is neither blank nor a comment."""
        while index < len(self.lines):
            stripped = self.lines[index].lstrip(" ")
            if stripped and stripped[0] != "#":
                break
            index += 1
        return index

    def _at(self, index: int, column: int) -> Position:
        return Position(self.first_line + index, column + 1)

    def _value(self, name: str, index: int, column: int) -> object:
        line = self.lines[index]
        self.spans[(name,)] = Span(self._at(index, column), self._at(index, 0))
        if line[column] != "[":
            return _scalar(line[column:])
        if _EMPTY_FLOW.match(line, column):
            return []
        plain_items = self._plain_flow(name, index, column)
        if plain_items is not None:
            return plain_items
        items: list[object] = []
        at = column + 1
        while True:
            found = _FLOW_ITEM.match(line, at)
            if found is None:
                raise _NotSimple
            plain, single, double, end = found.groups()
            if plain is not None:
                start, value = found.start(1), resolve_plain(plain)
            else:
                start = found.start(2 if single is not None else 3) - 1  # the opening quote
                value = single if single is not None else double
            self.spans[(name, len(items))] = Span(self._at(index, start))
            items.append(value)
            at = found.end()
            if end == "]":
                if line[at:].strip(" "):
                    raise _NotSimple
                return items

    def _plain_flow(self, name: str, index: int, column: int) -> list[object] | None:
        """A one-line flow list of plain items only (none holds a comma), or None."""
        line = self.lines[index].rstrip(" ")
        if not line.endswith("]"):
            return None
        pieces = line[column + 1 : -1].split(",")
        if not all(_FLOW_SCALAR.fullmatch(piece.strip(" ")) for piece in pieces):
            return None
        line_number = self.first_line + index
        items: list[object] = []
        at = column + 1
        for piece in pieces:
            start = at + len(piece) - len(piece.lstrip(" "))
            self.spans[(name, len(items))] = Span(Position(line_number, start + 1))
            items.append(resolve_plain(piece.strip(" ")))
            at += len(piece) + 1
        return items

    def _block_list(self, name: str, index: int) -> int:
        """Read the `- item` lines under `name:`, or its null; return the next line."""
        key_at, colon = self._at(index, 0), len(name)
        items: list[object] = []
        indent = -1
        index = self._skip(index + 1)
        while index < len(self.lines):
            line = self.lines[index]
            item = _ITEM.match(line)
            if item is None or (indent >= 0 and len(item[1]) != indent):
                if line[:1] == " ":
                    raise _NotSimple  # nested, continued or oddly indented
                break
            if indent < 0:
                indent = len(item[1])
                self.spans[(name,)] = Span(self._at(index, indent), key_at)
            self.spans[(name, len(items))] = Span(self._at(index, item.end()))
            items.append(_scalar(line[item.end() :]))
            index = self._skip(index + 1)
        if indent < 0:
            # `name:` with nothing under it is null, placed just after the colon.
            self.spans[(name,)] = Span(Position(key_at.line, colon + 2), key_at)
            self.data[name] = None
        else:
            self.data[name] = items
        return index


def _scalar(text: str) -> object:
    """A one-line scalar in block context, as libyaml reads it."""
    value = text.rstrip(" ")
    first = value[:1]
    if first == '"':
        inner = value[1:-1]
        if len(value) < 2 or value[-1] != '"' or '"' in inner or "\\" in inner:
            raise _NotSimple
        return inner
    if first == "'":
        inner = value[1:-1]
        if len(value) < 2 or value[-1] != "'" or "'" in inner:
            raise _NotSimple
        return inner
    if not first or first in _INDICATORS or "#" in value or ": " in value or value[-1] == ":":
        raise _NotSimple
    return resolve_plain(value)
