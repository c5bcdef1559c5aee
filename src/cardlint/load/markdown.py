"""The body's block structure: headings, content blocks, and fences and comments left open.

CommonMark decides what is a heading, so `#` lines inside fences, indented code and HTML
comments are not, and setext headings are. `load.block_scanner` scans the body line by line the
way markdown-it-py's CommonMark block parser does, at a fraction of its cost; markdown-it
itself still strips inline markup from heading text that has any.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from cardlint.load.block_scanner import Scan
from cardlint.load.unclosed import lacking_closer

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# Characters that can begin inline markup (or that markdown-it rewrites before parsing);
# heading text without any of them is its own plain text.
_INLINE_MARKUP = re.compile(r"[\\`*_&<\[\n\r\x00]")


class Heading(NamedTuple):
    """A named tuple: a card has dozens, and a run reads tens of thousands of cards."""

    level: int
    text: str
    line: int
    column: int


class Body(NamedTuple):
    headings: tuple[Heading, ...]
    content_lines: tuple[int, ...]
    unclosed_fences: tuple[int, ...]
    line_count: int
    code_blocks: tuple[tuple[int, int], ...] = ()
    """Card lines [start, end) of fenced and indented code, where nothing is markup."""
    unclosed_comments: tuple[int, ...] = ()
    """First lines of top-level HTML comments with no `-->`: they hide the rest of the card."""

    @property
    def swallowed_from(self) -> int | None:
        """The first line of a block that is never closed: what follows it is not card text,
        so sections after it are not missing, they are swallowed."""
        return min((*self.unclosed_fences, *self.unclosed_comments), default=None)

    def in_code(self, line: int) -> bool:
        index = bisect.bisect_right(self.code_blocks, (line, float("inf"))) - 1
        return index >= 0 and self.code_blocks[index][0] <= line < self.code_blocks[index][1]


MAX_LINK_OPENERS = 1000
"""A heading with more `[` than this is read without links (see `_plain_text`)."""


@functools.lru_cache(maxsize=2)
def _parser(links: bool) -> MarkdownIt:
    # Imported here: most headings have no inline markup, and many runs parse no card at all.
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"typographer": False})
    if not links:
        # Without "](" no link or image can form, and markdown-it would still look for the
        # end of a label from every "[": quadratic on "![a![a…". The result is the same.
        md.disable(["link", "image"])
    return md


def parse_body(text: str, first_line: int, lines: list[str] | None = None) -> Body:
    """Parse `text`, whose first line is card line `first_line` (and `lines`, when given,
    are its lines: `text` split at each LF)."""
    scan = Scan(text, lines)
    lines = scan.raw
    sections = [line for level, _, line, _ in scan.headings if level >= 2]
    unclosed = unclosed_fences(scan.fences, lines, sections)
    # A fence left open in mid-card flips the fences after it, and a heading read between
    # them is code (a `# comment`), not the card's: only headings before it are kept.
    kept = min(unclosed, default=len(lines))
    headings = tuple(
        Heading(level, plain_text(inline), line + first_line, column)
        for level, inline, line, column in scan.headings
        if line < kept
    )
    return Body(
        headings,
        tuple(line + first_line for line in scan.content),
        tuple(line + first_line for line in unclosed),
        len(lines),
        tuple((start + first_line, end + first_line) for start, end in scan.code),
        tuple(line + first_line for line in scan.open_comments),
    )


def unclosed_fences(
    fences: Sequence[tuple[int, int, str]], lines: Sequence[str], sections: Sequence[int]
) -> list[int]:
    """The first lines of the fences that lack their closer, given the top-level fences in
    order (first line, line after the last, opening run) and the top-level headings of level
    2 and more: a fence left open in mid-card shows as the last one running to the end."""
    unclosed = [start for start, end, markup in fences if not _closed(start, end, markup, lines)]
    if unclosed and unclosed[-1] == fences[-1][0]:
        unclosed[-1] = lacking_closer(fences, lines, sections)
    return unclosed


def _closed(start: int, end: int, markup: str, lines: Sequence[str]) -> bool:
    # Judged from the last line of the block, as cardlint always has: a fence that runs to
    # the end of the card counts as closed if its last line looks like a closing fence.
    if end - start < 2 or end > len(lines):
        return False
    closing = lines[end - 1].strip()
    return len(closing) >= len(markup) and closing == markup[0] * len(closing)


def plain_text(inline: str) -> str:
    """Heading text as a reader sees it: emphasis, code and link markup removed."""
    # The same headings recur from card to card; long ones are not kept.
    return _cached_plain_text(inline) if len(inline) <= 200 else _plain_text(inline)


def _plain_text(inline: str) -> str:
    if _INLINE_MARKUP.search(inline) is None:
        return inline.strip()
    parts: list[str] = []
    # markdown-it scans for the end of a link label from every `[`: quadratic on a heading of
    # `![a![a…](x)`. A heading with so many openers keeps its link markup as text.
    links = "](" in inline and inline.count("[") <= MAX_LINK_OPENERS
    for token in _parser(links).parseInline(inline):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif child.type == "image":
                parts.append(child.content)
    return "".join(parts).strip()


_cached_plain_text = functools.lru_cache(maxsize=4096)(_plain_text)
