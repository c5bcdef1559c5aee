"""Which headings are the card's title and required sections, computed once per card."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import NamedTuple

from cardlint.facts import near_miss
from cardlint.facts.near_miss import NearMiss
from cardlint.load.card import Card, per_card
from cardlint.load.markdown import Heading
from cardlint.schema.card_schema import CardSchema, SectionSpec
from cardlint.schema.heading_template import Glob, Template, normalise


class SectionMatch(NamedTuple):
    spec: SectionSpec
    heading: Heading | None
    """The heading that stands for the section: the first H2 that matches it or, when none
    does, the heading nearest to it (see `near`)."""
    rank: int
    """Where the schema lists the section: the order the headings should follow."""
    near: NearMiss | None = None
    """How `heading` misses the section, when it only comes near."""
    again: Heading | None = None
    """A second H2 that matches the section."""


class Structure(NamedTuple):
    titles: tuple[Heading, ...]
    sections: tuple[SectionMatch, ...]
    blamed: tuple[str, ...] = ()
    """Name fields the title and a section heading agree to leave out: the front matter's
    value is the likelier mistake."""

    @property
    def found(self) -> tuple[SectionMatch, ...]:
        """Matched sections in document order."""
        present = [m for m in self.sections if m.heading is not None]
        return tuple(sorted(present, key=lambda m: m.heading.line if m.heading else 0))

    @property
    def near_misses(self) -> dict[int, SectionMatch]:
        """The sections matched by a near-miss heading, by the heading's line."""
        return {m.near.heading.line: m for m in self.sections if m.near is not None}


def intended_levels(schema: CardSchema, card: Card) -> list[int]:
    """The level of each heading of the card, a near miss of a required section taken as the
    H2 it should be: rules that judge levels judge the author's intent, not the slip."""
    headings = card.body.headings if card.body is not None else ()
    near = structure(schema, card).near_misses
    if not near:
        return [h.level for h in headings]
    return [2 if h.line in near else h.level for h in headings]


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
    where: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        where.setdefault(text, []).append(index)
    exact = []
    for spec, fixed, templates in _section_templates(schema):
        hits = [i for text in fixed for i in where.get(text, ())[:2]]
        for glob in (t.matcher(card.data) for t in templates):
            if glob.exact is not None:
                hits.extend(where.get(glob.exact, ())[:2])
            else:
                hits.extend(itertools.islice(_matching(glob, texts), 2))
        first, second = (*(h2s[i] for i in sorted(set(hits))[:2]), None, None)[:2]
        exact.append((spec, first, second))
    titles = tuple(h for h in headings if h.level == 1)
    matches = _with_near_misses(exact, headings, titles, card.data)
    return Structure(titles, matches, _blamed(schema, titles, matches, card.data))


def _matching(glob: Glob, texts: Sequence[str]) -> Iterator[int]:
    return (i for i, text in enumerate(texts) if glob.matches(text))


def _with_near_misses(
    exact: Sequence[tuple[SectionSpec, Heading | None, Heading | None]],
    headings: Sequence[Heading],
    titles: Sequence[Heading],
    data: Mapping[str, object],
) -> tuple[SectionMatch, ...]:
    """The sections as matched, a missing one by the heading that comes near it if any."""
    missing = [spec.titles for spec, first, _ in exact if first is None]
    if not missing:
        return tuple(SectionMatch(s, h, rank, None, a) for rank, (s, h, a) in enumerate(exact))
    taken = {h.line for _, *pair in exact for h in pair if h is not None}
    # The first H1 is the title, whatever it says; CL201 judges it.
    candidates = [h for h in headings if h.line not in taken and h not in titles[:1]]
    nearest = iter(near_miss.assign(missing, candidates, data))
    matches = []
    for rank, (spec, first, again) in enumerate(exact):
        near = next(nearest) if first is None else None
        heading = near.heading if near is not None else first
        matches.append(SectionMatch(spec, heading, rank, near, again))
    return tuple(matches)


def _blamed(
    schema: CardSchema,
    titles: Sequence[Heading],
    sections: Sequence[SectionMatch],
    data: Mapping[str, object],
) -> tuple[str, ...]:
    title = schema.extension.title
    named = {f for m in sections if m.near is not None for f in m.near.suspects}
    if not (named and title and titles) or any(
        Template(t).matches(titles[0].text, data) for t in title
    ):
        return ()
    return tuple(f for f in near_miss.suspects(titles[0].text, title, data) if f in named)


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
