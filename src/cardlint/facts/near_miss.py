"""Near-miss headings: a required section written almost as the schema asks.

Authors drop the `？`, add one to the English alias, write the section in both languages at
once, slip a character, name the concept as the front matter does not, or pick the wrong
heading level. Such a heading is the section, misspelt: reporting the section missing at the
next heading, and inserting a second one under it, is two mistakes made of one.

Only a required section no heading matches is looked for this way (one `required: false`
is there or not), and each heading stands for one section at most: ordinary subheadings are
never taken for sections a card already has. The level a heading should have is the
section's (`level`, H2 by default).
"""

from __future__ import annotations

import enum
import functools
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from cardlint.facts.edit_distance import within
from cardlint.load.markdown import Heading
from cardlint.schema.heading_template import Glob, Template, field_text, loose, normalise

MAX_TYPO_LENGTH = 48
"""A template longer than this, once rendered, is not compared letter by letter."""
MAX_TYPO_KEYS = 500
"""How many different H2 texts a card's templates are compared with letter by letter: a
card whose author slipped on a heading has a dozen, a hostile one a hundred thousand."""
FEW = 2
"""Headings kept per section, way of being near and level: the nearest wins, and the next
stands in when another section took it."""


class Closeness(enum.IntEnum):
    """How far a heading's text is from a template, nearest first."""

    SAME = 0
    """Matches as the structure rules match: only the level is wrong."""
    FORM = 1
    """Differs in punctuation or symbols, or gives the section in two languages at once."""
    NAME = 2
    """Names the concept otherwise than the front matter does."""
    TYPO = 3
    """A few letters away."""


class NearMiss(NamedTuple):
    heading: Heading
    closeness: Closeness
    template: Template
    """The template the heading should be written as."""
    suspects: tuple[str, ...] = ()
    """For NAME: the fields whose values the heading does not use."""
    level: int = 2
    """The level the section is written at."""


class _Form(NamedTuple):
    """A way to write a section: one of its templates, or two of them one after the other."""

    written_as: Template
    parts: tuple[Template, ...]

    def glob(self, data: Mapping[str, object], loosely: bool) -> Glob:
        return functools.reduce(Glob.then, (t.matcher(data, loosely) for t in self.parts))

    def known(self, data: Mapping[str, object]) -> tuple[str, ...]:
        """The fields it names that the card gives a value."""
        fields = dict.fromkeys(f for t in self.parts for f in t.fields)
        return tuple(f for f in fields if field_text(data, f) is not None)


def _forms(sources: Sequence[str]) -> list[_Form]:
    templates = [Template(s) for s in sources]
    pairs = [_Form(a, (a, b)) for a in templates for b in templates if a is not b]
    return [_Form(t, (t,)) for t in templates] + pairs


def assign(
    sections: Sequence[Sequence[str]],
    candidates: Sequence[Heading],
    data: Mapping[str, object],
    levels: Sequence[int] = (),
) -> list[NearMiss | None]:
    """For each section (its title templates, written at its level in `levels`, or at 2
    without), the candidate heading nearest to it, if any is near enough; the nearest pairs
    are taken first, each heading once."""
    wanted = list(levels) or [2] * len(sections)
    keys = _Keys(candidates, frozenset(wanted))
    found = [
        (_rank(near), index, near)
        for index, (sources, level) in enumerate(zip(sections, wanted, strict=True))
        for near in _near(sources, level, keys, data)
    ]
    chosen: list[NearMiss | None] = [None] * len(sections)
    taken: set[int] = set()
    for _, index, near in sorted(found, key=lambda item: item[:2]):
        if chosen[index] is None and near.heading.line not in taken:
            chosen[index] = near
            taken.add(near.heading.line)
    return chosen


def suspects(text: str, sources: Sequence[str], data: Mapping[str, object]) -> tuple[str, ...]:
    """The fields whose values `text` leaves out, when it reads as one of the templates but
    for them."""
    key = loose(text)
    for form in _forms(sources):
        fields = _suspects(form, key, data)
        if fields:
            return fields
    return ()


def _suspects(form: _Form, key: str, data: Mapping[str, object]) -> tuple[str, ...]:
    known = form.known(data)
    single = tuple(f for f in known if form.glob(_without(data, [f]), True).matches(key))
    if single or not known:
        return single
    return known if form.glob(_without(data, known), True).matches(key) else ()


def _without(data: Mapping[str, object], fields: Iterable[str]) -> dict[str, object]:
    return {**data, **dict.fromkeys(fields)}


def _rank(near: NearMiss) -> tuple[bool, bool, int, int]:
    """Nearest first: a heading at the section's level off by its punctuation before the
    same text at another level, and both before different letters; then the earlier heading."""
    closeness, heading = near.closeness, near.heading
    return (closeness > Closeness.FORM, heading.level != near.level, closeness, heading.line)


class _Keys:
    """The candidates by their compared texts, so that a template without a wildcard finds
    its headings by lookup: a card of 250,000 headings asks for each section."""

    def __init__(self, candidates: Sequence[Heading], levels: frozenset[int]) -> None:
        self.entries: list[tuple[Heading, str, str]] = []
        seen: set[tuple[str, int]] = set()
        for heading in candidates:
            strict, key = normalise(heading.text), loose(heading.text)
            # Nothing but punctuation names no section, and a repeat is no nearer.
            if key and (strict, heading.level) not in seen:
                seen.add((strict, heading.level))
                self.entries.append((heading, strict, key))
        self.strict: dict[str, list[Heading]] = {}
        self.loose: dict[str, list[Heading]] = {}
        self.by_length: dict[tuple[int, int], dict[str, Heading]] = {}
        """Headings at the sections' levels, by level and length, for letter by letter."""
        typo_keys = 0
        for heading, strict, key in self.entries:
            self.strict.setdefault(strict, []).append(heading)
            self.loose.setdefault(key, []).append(heading)
            same_length = self.by_length.setdefault((heading.level, len(key)), {})
            if heading.level in levels and typo_keys < MAX_TYPO_KEYS and key not in same_length:
                same_length[key] = heading
                typo_keys += 1

    def matching(self, glob: Glob, loosely: bool, level: int, only: bool = False) -> list[Heading]:
        """The first few headings `glob` matches, at `level` and (unless `only`) at others."""
        exact = glob.exact
        if exact is not None:
            found: Iterable[Heading] = (self.loose if loosely else self.strict).get(exact, [])
        else:
            found = (h for h, s, k in self.entries if glob.matches(k if loosely else s))
        kept: dict[bool, list[Heading]] = {True: []} if only else {True: [], False: []}
        for heading in found:
            bucket = kept.get(heading.level == level)
            if bucket is not None and len(bucket) < FEW:
                bucket.append(heading)
                if all(len(b) == FEW for b in kept.values()):
                    break
        return [h for b in kept.values() for h in b]


def _near(
    sources: Sequence[str], level: int, keys: _Keys, data: Mapping[str, object]
) -> list[NearMiss]:
    """The candidates near a section written at `level`, each with the nearest way it is
    near."""
    near: dict[int, NearMiss] = {}

    def offer(heading: Heading, closeness: Closeness, form: _Form) -> None:
        held = near.get(heading.line)
        if held is None or closeness < held.closeness:
            fields = (
                _suspects(form, loose(heading.text), data) if closeness is Closeness.NAME else ()
            )
            near[heading.line] = NearMiss(heading, closeness, form.written_as, fields, level)

    forms = _forms(sources)
    for form in forms:
        if len(form.parts) == 1:
            for heading in keys.matching(form.glob(data, False), False, level):
                if heading.level != level:  # else a third of its kind: no near miss
                    offer(heading, Closeness.SAME, form)
        for heading in keys.matching(form.glob(data, True), True, level):
            offer(heading, Closeness.FORM, form)
        known = form.known(data)
        if known:
            without = form.glob(_without(data, known), True)
            for heading in keys.matching(without, True, level, only=True):
                offer(heading, Closeness.NAME, form)
    for form in forms[: len(sources)]:
        target = form.glob(data, True).exact
        if target is not None and len(target) <= MAX_TYPO_LENGTH:
            for heading in itertools.islice(_typos(target, level, keys), FEW):
                offer(heading, Closeness.TYPO, form)
    return list(near.values())


def _typos(target: str, level: int, keys: _Keys) -> Iterator[Heading]:
    limit = 1 + len(target) // 8
    for length in range(len(target) - limit, len(target) + limit + 1):
        for key, heading in keys.by_length.get((level, length), {}).items():
            if key != target and within(key, target, limit):
                yield heading
