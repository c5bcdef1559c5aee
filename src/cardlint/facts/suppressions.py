"""Inline suppressions, so a team can adopt cardlint on a corpus that already has violations.

In the body (outside code):  <!-- cardlint-disable CODES --> ... <!-- cardlint-enable -->,
<!-- cardlint-disable-next-line CODES -->, <!-- cardlint-disable-file CODES -->.
In the front matter, a YAML comment on the line: `# cardlint: disable=CODES`.
CODES are codes, names or prefixes, comma-separated; none means every rule.
Parsing depends only on the card, so its result is cached with the card's own findings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from cardlint.model import Position, Violation

if TYPE_CHECKING:
    from cardlint.load.card import Card

# The selectors are bounded so a line of unclosed `<!-- cardlint-disable` stays linear.
_BODY = re.compile(
    r"<!--[ \t]{0,20}cardlint-(disable-next-line|disable-file|disable|enable)\b([^>\n]{0,300}?)-->"
)
_YAML = re.compile(r"(?<!\S)#\s*cardlint:\s*disable(?:=([^#]*))?(?:#.*)?\Z")

Resolve = Callable[[str], frozenset[str]]
"""Codes for a selector; raises ValueError for one that names no rule."""


class Directive(NamedTuple):
    position: Position
    text: str
    codes: frozenset[str] | None
    first: int
    last: int
    unknown: tuple[str, ...] = ()
    """Selectors in the directive that name no rule."""

    def covers(self, violation: Violation) -> bool:
        in_range = self.first <= violation.line <= self.last
        return in_range and (self.codes is None or violation.code in self.codes)


class Outcome(NamedTuple):
    kept: list[Violation]
    unused: list[Directive]


def apply(directives: Iterable[Directive], violations: Iterable[Violation]) -> Outcome:
    pending = list(directives)
    used: set[int] = set()
    kept = []
    for violation in violations:
        covering = [i for i, d in enumerate(pending) if d.covers(violation)]
        used.update(covering)
        if not covering:
            kept.append(violation)
    return Outcome(kept, [d for i, d in enumerate(pending) if i not in used])


def parse(card: Card, resolve: Resolve) -> tuple[Directive, ...]:
    # Nearly every card has no suppression: one search spares a look at each of its lines.
    if card.source is None or "cardlint" not in card.source.text:
        return ()
    lines = card.source.lines
    found: list[Directive] = []
    for number in range(2, card.front_matter_end):
        match = _YAML.search(lines[number - 1])
        if match:
            text = match.group(0).strip()
            found.append(_directive(number, match.start() + 1, text, match[1] or "", resolve))
    regions: list[int] = []
    last_line = card.last_line
    for number, column, match in _body_directives(card):
        kind, selectors = match[1], match[2]
        if kind == "enable":
            _close(found, regions, number, _codes(selectors, resolve)[0])
            continue
        first, last = {
            "disable-next-line": (number + 1, number + 1),
            "disable-file": (1, last_line),
            "disable": (number, last_line),
        }[kind]
        if kind == "disable":
            regions.append(len(found))
        found.append(_directive(number, column, match.group(0), selectors, resolve, first, last))
    return tuple(found)


def _body_directives(card: Card) -> Iterator[tuple[int, int, re.Match[str]]]:
    """Each directive in the body outside code, with its line and column.

    Found by one search of the body (the pattern spans no line), not line by line: a card
    that merely mentions cardlint should cost no more than one that does not.
    """
    body = card.text_after(card.front_matter_end)
    number, counted, line_start = card.front_matter_end + 1, 0, 0
    for match in _BODY.finditer(body):
        newlines = body.count("\n", counted, match.start())
        if newlines:
            number += newlines
            line_start = body.rfind("\n", counted, match.start()) + 1
        counted = match.start()
        if card.body is None or not card.body.in_code(number):
            yield number, match.start() - line_start + 1, match


def _directive(
    line: int,
    column: int,
    text: str,
    selectors: str,
    resolve: Resolve,
    first: int | None = None,
    last: int | None = None,
) -> Directive:
    codes, unknown = _codes(selectors, resolve)
    return Directive(
        Position(line, column), text, codes, first or line, last or line, tuple(unknown)
    )


def _codes(selectors: str, resolve: Resolve) -> tuple[frozenset[str] | None, list[str]]:
    """The codes a directive names (None: every rule) and the selectors that name no rule."""
    names = [s.strip() for s in selectors.split(",") if s.strip()]
    if not names:
        return None, []
    codes: set[str] = set()
    bad = []
    for name in names:
        try:
            codes |= resolve(name)
        except ValueError:
            bad.append(name)
    return frozenset(codes), bad


def _close(
    found: list[Directive], regions: list[int], line: int, wanted: frozenset[str] | None
) -> None:
    """End the open regions an enable names (all of them when it names none)."""
    for index in list(regions):
        region = found[index]
        if wanted is None or (region.codes is not None and region.codes <= wanted):
            found[index] = Directive(
                region.position, region.text, region.codes, region.first, line, region.unknown
            )
            regions.remove(index)
