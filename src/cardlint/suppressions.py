"""Inline suppressions, so a team can adopt cardlint on a corpus that already has violations.

In the body (outside code):  <!-- cardlint-disable CODES --> ... <!-- cardlint-enable -->,
<!-- cardlint-disable-next-line CODES -->, <!-- cardlint-disable-file CODES -->.
In the front matter, a YAML comment on the line: `# cardlint: disable=CODES`.
CODES are codes, names or prefixes, comma-separated; none means every rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from cardlint.card import Card
from cardlint.violation import Position, Violation

_BODY = re.compile(r"<!--\s*cardlint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)-->")
_YAML = re.compile(r"(?<!\S)#\s*cardlint:\s*disable(?:=([^#]*))?(?:#.*)?\Z")

Resolve = Callable[[str], frozenset[str]]
"""Codes for a selector; raises ValueError for one that names no rule."""


@dataclass
class Directive:
    position: Position
    text: str
    codes: frozenset[str] | None
    first: int
    last: int
    used: bool = field(default=False)

    def covers(self, violation: Violation) -> bool:
        in_range = self.first <= violation.line <= self.last
        return in_range and (self.codes is None or violation.code in self.codes)


@dataclass(frozen=True)
class Outcome:
    kept: list[Violation]
    unused: list[Directive]
    unknown: list[tuple[Directive, str]]


def apply(card: Card, violations: Iterable[Violation], resolve: Resolve) -> Outcome:
    found, unknown = _directives(card, resolve)
    kept = []
    for violation in violations:
        covering = [d for d in found if d.covers(violation)]
        for directive in covering:
            directive.used = True
        if not covering:
            kept.append(violation)
    return Outcome(kept, [d for d in found if not d.used], unknown)


def _directives(
    card: Card, resolve: Resolve
) -> tuple[list[Directive], list[tuple[Directive, str]]]:
    if card.source is None:
        return [], []
    lines = card.source.lines
    found: list[Directive] = []
    unknown: list[tuple[Directive, str]] = []

    def add(line: int, column: int, text: str, selectors: str, first: int, last: int) -> Directive:
        codes, bad = _codes(selectors, resolve)
        directive = Directive(Position(line, column), text, codes, first, last)
        unknown.extend((directive, selector) for selector in bad)
        found.append(directive)
        return directive

    for number in range(2, card.front_matter_end):
        match = _YAML.search(lines[number - 1])
        if match:
            add(number, match.start() + 1, match.group(0).strip(), match[1] or "", number, number)
    open_regions: list[Directive] = []
    last_line = card.last_line
    body = card.body
    for number in range(card.front_matter_end + 1, last_line + 1):
        if body is not None and body.in_code(number):
            continue
        for match in _BODY.finditer(lines[number - 1]):
            kind, selectors = match[1], match[2]
            column, text = match.start() + 1, match.group(0)
            if kind == "disable-next-line":
                add(number, column, text, selectors, number + 1, number + 1)
            elif kind == "disable-file":
                add(number, column, text, selectors, 1, last_line)
            elif kind == "disable":
                open_regions.append(add(number, column, text, selectors, number, last_line))
            else:
                _close(open_regions, number, resolve, selectors)
    return found, unknown


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


def _close(open_regions: list[Directive], line: int, resolve: Resolve, selectors: str) -> None:
    wanted, _ = _codes(selectors, resolve)
    for region in list(open_regions):
        if wanted is None or (region.codes is not None and region.codes <= wanted):
            region.last = line
            open_regions.remove(region)
