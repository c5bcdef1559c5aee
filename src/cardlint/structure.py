"""Which headings are the card's title and required sections, computed once per card."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from cardlint.card import Card
from cardlint.markdown import Heading
from cardlint.schema import CardSchema, SectionSpec
from cardlint.template import Template


@dataclass(frozen=True)
class SectionMatch:
    spec: SectionSpec
    heading: Heading | None


@dataclass(frozen=True)
class Structure:
    titles: tuple[Heading, ...]
    sections: tuple[SectionMatch, ...]

    @property
    def found(self) -> tuple[SectionMatch, ...]:
        """Matched sections in document order."""
        present = [m for m in self.sections if m.heading is not None]
        return tuple(sorted(present, key=lambda m: m.heading.line if m.heading else 0))


def expected_heading(spec: SectionSpec, card: Card) -> str:
    return "## " + Template(spec.titles[0]).render(card.data)


def section_titles(spec: SectionSpec, card: Card) -> list[str]:
    return [Template(t).render(card.data) for t in spec.titles]


@functools.lru_cache(maxsize=512)
def structure(schema: CardSchema, card: Card) -> Structure:
    headings = card.body.headings if card.body is not None else ()
    h2s = [h for h in headings if h.level == 2]
    matches = []
    for spec in schema.extension.sections:
        templates = [Template(t) for t in spec.titles]
        heading = next(
            (h for h in h2s if any(t.matches(h.text, card.data) for t in templates)), None
        )
        matches.append(SectionMatch(spec, heading))
    return Structure(tuple(h for h in headings if h.level == 1), tuple(matches))


def in_order(ranks: Sequence[int]) -> set[int]:
    """Positions of the longest increasing run of `ranks`, keeping earlier items on ties."""
    best: list[list[int]] = []
    for i, rank in enumerate(ranks):
        chains = [best[j] for j in range(i) if ranks[j] < rank]
        longest = max(chains, key=lambda c: (len(c), [-p for p in c]), default=[])
        best.append([*longest, i])
    winner = max(best, key=lambda c: (len(c), [-p for p in c]), default=[])
    return set(winner)
