"""The body's block structure: headings, content blocks and unclosed fences.

markdown-it-py with the CommonMark preset decides what is a heading, so `#` lines inside
fences, indented code and HTML comments are not, and setext headings are. Only the block
phase runs over the whole body; inline parsing runs on heading text alone, which keeps
pathological inline input (`![a` repeated) out of the hot path.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

_ONLY_COMMENT = re.compile(r"\s*<!--.*-->\s*\Z", re.DOTALL)


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int
    column: int


@dataclass(frozen=True)
class Body:
    headings: tuple[Heading, ...]
    content_lines: tuple[int, ...]
    unclosed_fences: tuple[int, ...]
    line_count: int
    code_blocks: tuple[tuple[int, int], ...] = ()
    """Card lines [start, end) of fenced and indented code, where nothing is markup."""

    def in_code(self, line: int) -> bool:
        index = bisect.bisect_right(self.code_blocks, (line, float("inf"))) - 1
        return index >= 0 and self.code_blocks[index][0] <= line < self.code_blocks[index][1]


@functools.lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"typographer": False})


def parse_body(text: str, first_line: int) -> Body:
    """Parse `text`, whose first line is card line `first_line`."""
    md = _parser()
    tokens: list[Token] = []
    md.block.parse(text, md, {}, tokens)
    lines = text.split("\n")
    headings: list[Heading] = []
    content: list[int] = []
    unclosed: list[int] = []
    code: list[tuple[int, int]] = []
    for index, token in enumerate(tokens):
        if token.type in ("fence", "code_block") and token.map is not None:
            code.append((token.map[0] + first_line, token.map[1] + first_line))
        if token.level != 0 or token.map is None:
            continue
        start = token.map[0]
        if token.type == "heading_open":
            inline = tokens[index + 1]
            column = len(lines[start]) - len(lines[start].lstrip(" ")) + 1
            headings.append(
                Heading(int(token.tag[1:]), plain_text(inline.content), start + first_line, column)
            )
        elif _is_content(token):
            content.append(start + first_line)
            if token.type == "fence" and not _closed(token, lines):
                unclosed.append(start + first_line)
    return Body(tuple(headings), tuple(content), tuple(unclosed), len(lines), tuple(code))


def _is_content(token: Token) -> bool:
    if token.type in ("hr", "heading_close", "paragraph_close", "inline"):
        return False
    if token.type == "html_block":
        return not _ONLY_COMMENT.match(token.content)
    return token.nesting >= 0


def _closed(fence: Token, lines: list[str]) -> bool:
    assert fence.map is not None
    start, end = fence.map
    if end - start < 2 or end > len(lines):
        return False
    closing = lines[end - 1].strip()
    marker = fence.markup[0]
    return len(closing) >= len(fence.markup) and closing == marker * len(closing)


def plain_text(inline: str) -> str:
    """Heading text as a reader sees it: emphasis, code and link markup removed."""
    parts: list[str] = []
    for token in _parser().parseInline(inline):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif child.type == "image":
                parts.append(child.content)
    return "".join(parts).strip()
