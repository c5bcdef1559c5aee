"""What a section's own text holds: its first paragraph and how many list items.

A section's own text runs from its heading to the next heading of any level: what its
subsections hold is theirs. Only sections whose schema constrains their body are read, by
markdown-it's CommonMark block parser (inline markup is not parsed: nothing here needs it,
and it is what turns quadratic on hostile text).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from cardlint.load.card import Card
from cardlint.load.markdown import Heading
from cardlint.model import Position

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


class Paragraph(NamedTuple):
    start: Position
    """Its first character."""
    end: Position
    """The end of its last line."""
    text: str
    """As written (its Markdown), its lines' outer blanks trimmed and the lines joined by one
    space."""


class SectionBody(NamedTuple):
    paragraph: Paragraph | None
    """The first paragraph at the top level of the section's own text (not in a list, a
    quote or an HTML block)."""
    items: int
    """The items of the lists at the top level of the section's own text (nested items are
    parts of theirs), counted until there are as many as asked."""


@functools.lru_cache(maxsize=1)
def _blocks() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable("inline")


def reads_as_paragraph(text: str) -> bool:
    """Whether `text`, on a line of its own, is a paragraph (not a heading, a list item...)."""
    return [t.type for t in _blocks().parse(text)][:1] == ["paragraph_open"]


def section_body(card: Card, heading: Heading, paragraph: bool, enough: int) -> SectionBody:
    """The own text of the section under `heading`, one of the card's body headings: its
    first paragraph if `paragraph`, and its list items, counted until there are `enough`."""
    assert card.body is not None and card.source is not None, "a heading is in a card's body"
    headings = card.body.headings
    after = bisect.bisect_right([h.line for h in headings], heading.line)
    end = headings[after].line if after < len(headings) else len(card.source.lines) + 1
    # Read with its heading, so that a setext heading's underline is read as one.
    return read(card.source.lines[heading.line - 1 : end - 1], heading.line, paragraph, enough)


def read(
    lines: Sequence[str], first: int, paragraph: bool, enough: int, size: int = 64
) -> SectionBody:
    """What `lines` (card line `first` on) hold, read from a first few lines, then from four
    times as many, until what is asked is known: a section of a hundred thousand list items
    is not parsed whole to learn it has two.

    Block parsing runs forward, so the blocks that end before the cut are what the whole
    text makes of them, and an item starts where it would in the whole; a paragraph that
    runs to the cut may run on past it, and is known only once a longer read ends it.
    """
    if paragraph and not any(map(_may_start_paragraph, lines[1:])):
        paragraph = False  # told without parsing: a megabyte of list items has no paragraph
    while True:
        cut = min(size, len(lines))
        whole = cut == len(lines)
        found: Paragraph | None = None
        open_ended = False  # the first paragraph runs to the cut
        items = 0
        for token in _blocks().parse("\n".join(lines[:cut])):
            if token.type == "list_item_open" and token.level == 1:
                items += 1
            elif (
                token.type == "paragraph_open" and token.level == 0 and not found and not open_ended
            ):
                assert token.map is not None, "a block token knows its lines"
                start, stop = token.map
                open_ended = stop == cut and not whole
                found = None if open_ended else _paragraph(lines, first, start, stop)
        if whole or ((found is not None or not paragraph) and items >= enough):
            return SectionBody(found, items)
        size *= 4


_NOT_A_PARAGRAPH = re.compile(
    r" {0,3}(?:[-+*]|\d{1,9}[.)]|#{1,6})(?:[ \t]|\Z)| {0,3}(?:>|```|~~~)|[ \t]*\Z| {4}|\t"
)
"""The start of a line that cannot begin a top-level paragraph: a list item, a heading, a
quote, a fence, a blank line or an indented line."""


def _may_start_paragraph(line: str) -> bool:
    """Whether the line could begin a paragraph at the top level of its section; a line that
    only continues one, or begins some other block, may pass too (the parser decides)."""
    return _NOT_A_PARAGRAPH.match(line) is None


def _paragraph(lines: Sequence[str], first: int, start: int, stop: int) -> Paragraph:
    written = lines[start:stop]
    indent = len(written[0]) - len(written[0].lstrip(" \t"))
    return Paragraph(
        Position(first + start, indent + 1),
        Position(first + stop - 1, len(written[-1]) + 1),
        " ".join(line.strip() for line in written),
    )
