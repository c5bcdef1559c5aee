"""Positions between cardlint and an LSP client.

cardlint counts lines from 1 and columns from 1 in Unicode code points, in the card as loaded
(no BOM). LSP counts both from 0, and characters in UTF-16 code units unless the client
negotiated UTF-8 or UTF-32. A character outside the BMP, such as the emoji in a heading, is
one code point but two UTF-16 units, so every column after it differs between the two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lsprotocol import types

from cardlint.model import Position

UTF16 = "utf-16"
_BREAK = re.compile(r"\r\n|\r|\n")
_BOM = "\ufeff"


def units(text: str, encoding: str) -> int:
    """How long `text` is in the client's units."""
    if encoding == UTF16:
        return len(text) + sum(ord(c) > 0xFFFF for c in text)
    if encoding == "utf-8":
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text)  # utf-32: one unit per code point


@dataclass(frozen=True)
class DocumentText:
    """An open document, its lines numbered as both the client and the card loader do."""

    lines: tuple[str, ...]
    """The card's lines: split on LF, CR LF and CR only (as LSP and the loader both split),
    without the BOM, which the client counts on the first line but the loader drops."""
    bom: bool
    newline: str
    encoding: str = UTF16

    @classmethod
    def of(cls, text: str, encoding: str = UTF16) -> DocumentText:
        bom = text.startswith(_BOM)
        body = text[len(_BOM) :] if bom else text
        newline = "\r\n" if "\r\n" in body else "\r" if "\r" in body else "\n"
        return cls(tuple(_BREAK.split(body)), bom, newline, encoding)

    def line(self, number: int) -> str:
        """The text of card line `number` (1-based), or "" past the end."""
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def to_client(self, position: Position) -> types.Position:
        """A card position as the client counts it; past the end of a line means its end."""
        index = min(max(position.line, 1), len(self.lines)) - 1
        text = self.lines[index]
        column = min(max(position.column - 1, 0), len(text))
        return types.Position(index, self._shift(index) + units(text[:column], self.encoding))

    def from_client(self, position: types.Position) -> Position:
        """A client position as a card position; inside a character means at its start."""
        if position.line >= len(self.lines):
            return Position(len(self.lines), len(self.lines[-1]) + 1)
        index = position.line
        wanted = position.character - self._shift(index)
        counted = column = 0
        for character in self.lines[index]:
            counted += units(character, self.encoding)
            if counted > wanted:
                break
            column += 1
        return Position(index + 1, column + 1)

    def range(self, start: Position, end: Position) -> types.Range:
        return types.Range(self.to_client(start), self.to_client(end))

    def _shift(self, index: int) -> int:
        """Units before the card's own text on line `index`: the BOM, on the first line."""
        return units(_BOM, self.encoding) if self.bom and index == 0 else 0
