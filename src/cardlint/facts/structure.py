"""Which headings are the card's title and sections, computed once per card.

A section is looked for at its level; one whose `when` rejects the card's front matter is
not looked for at all (its heading, if the card has one, is like any other), and only a
required section that is absent is looked for among the headings that come near it.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import NamedTuple

from cardlint.facts import near_miss
from cardlint.facts.near_miss import NearMiss
from cardlint.load.card import Card, per_card
from cardlint.load.markdown import Heading
from cardlint.schema.card_schema import CardSchema
from cardlint.schema.fast_validity import compile_predicate
from cardlint.schema.heading_template import Glob, Template, normalise
from cardlint.schema.sections import SectionSpec


class SectionMatch(NamedTuple):
    spec: SectionSpec
    heading: Heading | None
    """The heading that stands for the section: the first heading at its level that matches
    it or, when none does and it is required, the heading nearest to it (see `near`)."""
    rank: int
    """Where the schema lists the section: the order the headings should follow."""
    near: NearMiss | None = None
    """How `heading` misses the section, when it only comes near."""
    again: Heading | None = None
    """A second heading at its level that matches the section."""
    required: bool = True
    """Whether the card must have the section: it is required, and applies to the card."""


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
    heading it should be: rules that judge levels judge the author's intent, not the slip."""
    headings = card.body.headings if card.body is not None else ()
    near = structure(schema, card).near_misses
    if not near:
        return [h.level for h in headings]
    return [near[h.line].spec.level if h.line in near else h.level for h in headings]


def expected_heading(spec: SectionSpec, card: Card) -> str:
    return "#" * spec.level + " " + Template(spec.titles[0]).render(card.data)


def section_titles(spec: SectionSpec, card: Card) -> list[str]:
    return [Template(t).render(card.data) for t in spec.titles]


class _Level(NamedTuple):
    """The headings of one level, and where each normalised text is among them."""

    headings: list[Heading]
    texts: list[str]
    where: dict[str, list[int]]


def _level(headings: Sequence[Heading], level: int) -> _Level:
    at_level = [h for h in headings if h.level == level]
    texts = [normalise(h.text) for h in at_level]
    # Most templates name no wildcard: their heading is found by its text, not by a scan.
    where: dict[str, list[int]] = {}
    for index, text in enumerate(texts):
        where.setdefault(text, []).append(index)
    return _Level(at_level, texts, where)


@per_card
def structure(schema: CardSchema, card: Card) -> Structure:
    headings = card.body.headings if card.body is not None else ()
    data = card.data  # a property that checks the front matter: read once, not per section
    levels: dict[int, _Level] = {}
    # The sections as matched exactly: final unless a required one is missing.
    exact: list[SectionMatch] = []
    for rank, ((spec, fixed, templates), applies) in enumerate(
        zip(_section_templates(schema), applicable(schema, data), strict=True)
    ):
        if not applies:
            exact.append(SectionMatch(spec, None, rank, required=False))
            continue
        found = levels.get(spec.level)
        if found is None:
            found = levels[spec.level] = _level(headings, spec.level)
        at_level, texts, where = found
        hits: list[int] = []
        for text in fixed:
            hits += where.get(text, ())[:2]
        for template in templates:
            glob = template.matcher(data)
            if glob.exact is not None:
                hits += where.get(glob.exact, ())[:2]
            else:
                hits.extend(itertools.islice(_matching(glob, texts), 2))
        if len(hits) > 1:
            hits = sorted(set(hits))  # several titles may match, the same heading or others
        first = at_level[hits[0]] if hits else None
        second = at_level[hits[1]] if len(hits) > 1 else None
        exact.append(SectionMatch(spec, first, rank, None, second, spec.required))
    titles = tuple(h for h in headings if h.level == 1)
    # The first H1 is the title, whatever it says (CL201 judges it), unless a field is.
    title = titles[:1] if schema.extension.title_field is None else ()
    matches = _with_near_misses(exact, headings, title, data)
    return Structure(titles, matches, _blamed(schema, titles, matches, data))


def _matching(glob: Glob, texts: Sequence[str]) -> Iterator[int]:
    return (i for i, text in enumerate(texts) if glob.matches(text))


def _with_near_misses(
    exact: Sequence[SectionMatch],
    headings: Sequence[Heading],
    title: Sequence[Heading],
    data: Mapping[str, object],
) -> tuple[SectionMatch, ...]:
    """The sections as matched, a missing required one by the heading that comes near it if
    any (an optional one is absent or itself: any other heading may be the card's own)."""
    missing = [m.spec for m in exact if m.heading is None and m.required]
    if not missing:
        return tuple(exact)
    taken = {h.line for m in exact for h in (m.heading, m.again) if h is not None}
    candidates = [h for h in headings if h.line not in taken and h not in title]
    nearest = iter(
        near_miss.assign([s.titles for s in missing], candidates, data, [s.level for s in missing])
    )
    return tuple(
        m._replace(heading=near.heading, near=near)
        if m.heading is None and m.required and (near := next(nearest)) is not None
        else m
        for m in exact
    )


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


def applicable(schema: CardSchema, data: Mapping[str, object]) -> list[bool]:
    """Per section of the schema: whether it applies to a card with front matter `data`."""
    return [when is None or when(data) for when in _conditions(schema)]


@functools.lru_cache(maxsize=8)
def _conditions(schema: CardSchema) -> tuple[Callable[[object], bool] | None, ...]:
    """Per section: whether a front matter satisfies its `when`, or None when it has none.

    Judged by the schema's own validator (its dialect, ECMA-262 patterns, `$ref`s into the
    document), or by a compiled predicate when the condition allows one.
    """
    conditions: list[Callable[[object], bool] | None] = []
    for spec in schema.extension.sections:
        when = spec.when
        if when is None:
            conditions.append(None)
            continue
        conditions.append(compile_predicate(when) or schema.validator.evolve(schema=when).is_valid)
    return tuple(conditions)


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
