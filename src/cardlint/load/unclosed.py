"""Which fence lacks its closer, when the last fence of a card runs to its end.

CommonMark pairs fence lines in order, so one forgotten closer in mid-card flips every fence
after it: the next block's opener closes the block left open, that block's closer opens a
new one, and so on, until the last fence runs to the end of the card. The fence the author
must close is then an earlier one, and what the flip did to the text shows which: lines
that read as card text (section headings, bold lead-ins) inside a "code block", and code
between the blocks where text should be.

The judgement is kept conservative, so that a code block that merely shows markdown is not
blamed: the last fence must be able to be a closer (a bare run of backticks or tildes, no
info string), card text must follow it, every fence in between must pair up the other way
round, no section heading may stand where the flip would make code, and the fence blamed
must hold card text (or nothing at all). Everything is read once: no quadratic scans.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

# Card text: a section heading, or a line led by bold text (`**图像理解**:`). `# ` starts a
# comment in many languages, and a card's one level-1 heading is its title.
_CARD_TEXT = re.compile(r" {0,3}(?:#{2,6}[ \t]+\S|\*\*[^*\s][^*]*\*\*)")


def lacking_closer(
    fences: Sequence[tuple[int, int, str]], lines: Sequence[str], sections: Sequence[int]
) -> int:
    """The first line of the fence the author must close.

    `fences` are the top-level fences in order (first line, line after the last, opening
    run), the last of which runs to the end of `lines`; `sections` the lines of the
    top-level headings of level 2 and more, in order.
    """
    start, _, run = fences[-1]
    if not _bare(lines[start], run) or not _reads_as_text(lines, start + 1, len(lines)):
        return start
    blamed = start
    for (first, end, _), (next_first, _, next_run) in zip(
        reversed(fences[:-1]), reversed(fences[1:]), strict=True
    ):
        closer = lines[end - 1].strip(" \t")
        # Flipped, this block's closer opens a block that the next fence's opener closes.
        if next_run[0] != closer[:1] or len(next_run) < len(closer):
            break
        if not _bare(lines[next_first], next_run) or _any_between(sections, end, next_first):
            break
        # The earliest such block explains the most; an empty one is a fence line written
        # twice, the second one opening the block that should have been closed.
        if _reads_as_text(lines, first + 1, end - 1) or _blank(lines, first + 1, end - 1):
            blamed = first
    return blamed


def _bare(line: str, run: str) -> bool:
    """Whether a fence's first line is nothing but its run, so that it could close one."""
    return line.strip(" \t") == run


def _reads_as_text(lines: Sequence[str], lo: int, hi: int) -> bool:
    return any(_CARD_TEXT.match(lines[i]) for i in range(lo, hi))


def _blank(lines: Sequence[str], lo: int, hi: int) -> bool:
    return not any(lines[i].strip() for i in range(lo, hi))


def _any_between(sorted_lines: Sequence[int], lo: int, hi: int) -> bool:
    """Whether any of `sorted_lines` is in [lo, hi)."""
    index = bisect.bisect_left(sorted_lines, lo)
    return index < len(sorted_lines) and sorted_lines[index] < hi
