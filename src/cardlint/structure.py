"""Which headings are the card's title and required sections, computed once per card."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from typing import NamedTuple

from cardlint.card import Card, per_card
from cardlint.markdown import Heading
from cardlint.schema import CardSchema, SectionSpec
from cardlint.template import Template, normalise


class SectionMatch(NamedTuple):
    spec: SectionSpec
    heading: Heading | None
    rank: int
    """Where the schema lists the section: the order the headings should follow."""


class Structure(NamedTuple):
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


@per_card
def structure(schema: CardSchema, card: Card) -> Structure:
    headings = card.body.headings if card.body is not None else ()
    h2s = [h for h in headings if h.level == 2]
    texts = [normalise(h.text) for h in h2s]
    # Most templates name no wildcard: their heading is found by its text, not by a scan.
    first_with: dict[str, int] = {}
    for index, text in enumerate(texts):
        first_with.setdefault(text, index)
    matches = []
    for rank, (spec, fixed, templates) in enumerate(_section_templates(schema)):
        # The first H2 that any of the section's templates matches.
        found = min((first_with.get(text, len(h2s)) for text in fixed), default=len(h2s))
        for glob in (t.matcher(card.data) for t in templates):
            if glob.exact is not None:
                found = min(found, first_with.get(glob.exact, found))
            else:
                found = next((i for i in range(found) if glob.matches(texts[i])), found)
        matches.append(SectionMatch(spec, h2s[found] if found < len(h2s) else None, rank))
    return Structure(tuple(h for h in headings if h.level == 1), tuple(matches))


@functools.lru_cache(maxsize=8)
def _section_templates(
    schema: CardSchema,
) -> tuple[tuple[SectionSpec, tuple[str, ...], tuple[Template, ...]], ...]:
    """Per section: the normalised titles of its templates without fields, which are the
    same for every card, and its other templates."""
    sections = []
    for spec in schema.extension.sections:
        templates = [Template(t) for t in spec.titles]
        fixed = tuple(t.matcher({}).pieces[0] for t in templates if not t.fields)
        sections.append((spec, fixed, tuple(t for t in templates if t.fields)))
    return tuple(sections)


def in_order(ranks: Sequence[int]) -> set[int]:
    """Positions of the longest increasing run of `ranks`, keeping earlier items on ties."""
    if all(a < b for a, b in itertools.pairwise(ranks)):
        return set(range(len(ranks)))  # the usual case, already in order
    best: list[list[int]] = []
    for i, rank in enumerate(ranks):
        chains = [best[j] for j in range(i) if ranks[j] < rank]
        longest = max(chains, key=lambda c: (len(c), [-p for p in c]), default=[])
        best.append([*longest, i])
    winner = max(best, key=lambda c: (len(c), [-p for p in c]), default=[])
    return set(winner)
