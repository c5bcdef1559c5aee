"""Applying fixes to a card's original bytes, and showing the change as a unified diff.

Fix positions count lines and code points in the card as loaded, where every line ending is
LF and the BOM is gone. They are mapped onto the original text, split on CR LF, CR and LF
only (never on U+2028 or U+0085, which the loader does not split on either), so the BOM and
every line ending the author wrote survive; new line breaks take the card's own ending.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cardlint.load.read import UTF8_BOM, decode
from cardlint.model import Fix, Position

_BREAK = re.compile(r"\r\n|\r|\n")

_Range = tuple[int, int, str]
"""An edit as offsets into the original text: replace [start, end) with the text."""


@dataclass(frozen=True)
class Patched:
    data: bytes
    applied: int
    """How many fixes were applied; the others clashed with them and wait for a later pass."""


def apply_fixes(data: bytes, fixes: Sequence[Fix]) -> Patched:
    """Apply every fix whose edits clash with no fix applied before it, each fix whole."""
    source = decode(data)
    original = _text(data)
    starts = _line_starts(original)
    widths = [len(line) for line in source.lines]

    def offset(position: Position) -> int:
        line, column = position.line, position.column
        if not (1 <= line <= len(widths) and 1 <= column <= widths[line - 1] + 1):
            raise ValueError(f"position {line}:{column} is outside the card")
        return starts[line - 1] + column - 1

    taken: list[_Range] = []
    accepted: set[frozenset[_Range]] = set()
    applied = 0
    for fix in sorted(fixes, key=lambda f: min((e.start for e in f.edits), default=Position(0, 0))):
        try:
            ranges = [
                (offset(e.start), offset(e.end), e.text.replace("\n", source.newline))
                for e in fix.edits
            ]
        except ValueError:
            continue  # a rule's mistake must not corrupt the card; the violation stays reported
        if frozenset(ranges) in accepted:
            applied += 1  # two rules asked for the same edit: it is done once, and fixes both
            continue
        if _fits(ranges, taken):
            taken.extend(ranges)
            accepted.add(frozenset(ranges))
            applied += 1
    text = original
    for start, end, new in sorted(taken, reverse=True):
        text = text[:start] + new + text[end:]
    return Patched(_bytes(text, source.bom), applied)


def _fits(ranges: Sequence[_Range], taken: Sequence[_Range]) -> bool:
    pending: list[_Range] = []
    for candidate in ranges:
        if candidate[1] < candidate[0] or any(_clash(candidate, o) for o in (*taken, *pending)):
            return False
        pending.append(candidate)
    return True


def _clash(a: _Range, b: _Range) -> bool:
    # Overlapping ranges clash; so do two edits starting at one offset, whose order is unknown.
    return (a[0] < b[1] and b[0] < a[1]) or a[0] == b[0]


def unified_diff(old: bytes, new: bytes, old_name: str, new_name: str | None = None) -> str:
    """`old` -> `new` as a unified diff between `a/old_name` and `b/new_name`."""
    lines = difflib.unified_diff(
        _lines(_text(old)), _lines(_text(new)), f"a/{old_name}", f"b/{new_name or old_name}"
    )
    return "".join(
        line if line.endswith(("\n", "\r")) else f"{line}\n\\ No newline at end of file\n"
        for line in lines
    )


def _text(data: bytes) -> str:
    return data.removeprefix(UTF8_BOM).decode("utf-8")


def _bytes(text: str, bom: bool) -> bytes:
    return (UTF8_BOM if bom else b"") + text.encode("utf-8")


def _line_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in _BREAK.finditer(text))]


def _lines(text: str) -> list[str]:
    """The lines of `text`, each with its own line ending."""
    starts = _line_starts(text)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True) if a < b]
