"""The bibliography: the references section's entries, each by first author and year.

Entries are read in the APA shape the cards use, `- Radford, A., et al. (2021). Title.`:
the year is the first four digits in parentheses, the first author is what precedes the
first comma, `&`, `and` or `et al.` before it. Lines inside fenced code blocks are skipped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

from cardlint.facts.citations import author_key, first_author
from cardlint.facts.structure import structure
from cardlint.load.card import Card, per_card
from cardlint.load.markdown import Heading
from cardlint.schema.card_schema import CardSchema

_ITEM = re.compile(r"\s*(?:[-*+]|[0-9]{1,9}[.)])(?:\s+|\Z)")
_FENCE = re.compile(r"\s*(`{3,}|~{3,})")
_YEAR = re.compile(r"\(([0-9]{4})([a-z]?)\)")


class Reference(NamedTuple):
    author: str
    key: str
    year: int | None
    suffix: str
    line: int
    text: str
    title: str = ""
    """What follows the year, up to its first `. `: the title in the APA shape."""


class ReferencesSection(NamedTuple):
    heading: Heading
    entries: tuple[Reference, ...]


@per_card
def references_of(schema: CardSchema, card: Card) -> ReferencesSection | None:
    """The card's references section, or None when the schema names none or it is absent."""
    key = schema.extension.references_section
    if key is None or card.body is None or card.source is None:
        return None
    heading = next((m.heading for m in structure(schema, card).sections if m.spec.key == key), None)
    if heading is None:
        return None
    lines = card.source.lines
    later = (
        h.line for h in card.body.headings if h.line > heading.line and h.level <= heading.level
    )
    stop = next(later, len(lines) + 1)
    entries = parse_references(lines[heading.line : stop - 1], heading.line + 1)
    return ReferencesSection(heading, entries)


def parse_references(lines: Sequence[str], first_line: int) -> tuple[Reference, ...]:
    """The list entries among `lines`, whose first is card line `first_line`."""
    items: list[tuple[int, str]] = []
    fence: str | None = None
    open_item = False
    for number, line in enumerate(lines, start=first_line):
        marker = _FENCE.match(line)
        if fence is None and marker:
            fence, open_item = marker.group(1), False
        elif fence is not None:
            if marker and _closes(marker.group(1), fence) and line.strip() == marker.group(1):
                fence = None
        elif item := _ITEM.match(line):
            items.append((number, line[item.end() :]))
            open_item = True
        elif open_item and line.strip():
            # A wrapped entry continues on the next lines; its year may sit there.
            start, text = items[-1]
            items[-1] = (start, f"{text} {line.strip()}")
        else:
            open_item = False
    return tuple(_reference(text, number) for number, text in items)


def _closes(marker: str, fence: str) -> bool:
    return marker[0] == fence[0] and len(marker) >= len(fence)


def _reference(text: str, line: int) -> Reference:
    # NFKC turns the full-width brackets of Chinese entries, `（2020）`, into ASCII ones.
    plain = unicodedata.normalize("NFKC", text).strip()
    year = _YEAR.search(plain)
    author = first_author(plain[: year.start()] if year else plain)
    title = plain[year.end() :].lstrip(" .,").split(". ", 1)[0].rstrip(". ") if year else ""
    return Reference(
        author,
        author_key(author),
        int(year.group(1)) if year else None,
        year.group(2) if year else "",
        line,
        plain,
        title,
    )
