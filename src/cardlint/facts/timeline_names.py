"""The concepts a card's timeline names: its year-led subheadings (`### 2021: CLIP - …`),
each with its years and the concept keys of its subject."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import NamedTuple

from cardlint.facts.card_names import own_keys
from cardlint.facts.concept_keys import compact, concept_key
from cardlint.facts.dates import Years, timeline_years
from cardlint.facts.structure import structure
from cardlint.load.card import Card, per_card
from cardlint.load.markdown import Heading
from cardlint.schema.card_schema import CardSchema

_LEAD = re.compile(
    r"([0-9]{4})(?: *[-–—~] *([0-9]{4}))?(?:[ \t]*[:：]|[ \t]+|\Z)[^\S\n]*([^-–—:：\n]*)(.*)"
)
"""A year-led heading: its first and last years, then what follows (`rest`, less its leading
white space) in two parts: up to its first dash or colon (where a subject may end), and the
others (see `_subject_of`)."""
# Where a heading's subject ends: a dash between spaces, or a colon.
_SUBJECT_END = re.compile(r"\s+[-–—]+\s+|——|[:：]")
_PARTS = re.compile(r"\s+(?:与|和|and|vs\.?|&)\s+|[,，、/;；&+]")
_ALIAS = re.compile(r"(.*?)\s*[(（]([^()（）]*)[)）]\s*\Z")
# A subject with none of these names one concept, itself: most do.
_COMPOSITE = re.compile(r"[,，、/;；&+(（]|\s(?:与|和|and|vs)")


class TimelineEntry(NamedTuple):
    heading: Heading
    years: Years
    keys: tuple[str, ...]
    """The concept keys the heading's subject gives (`compact`ed), the card's own names left
    out."""


def timeline(schema: CardSchema, card: Card) -> tuple[TimelineEntry, ...]:
    """The year-led subheadings of the timeline section, with the concepts they name."""
    names, card_id = own_keys(schema, card)
    own = {card_id, *names}
    return tuple(
        TimelineEntry(heading, Years(int(first), int(last)), tuple(k for k in keys if k not in own))
        for heading, first, last, keys in year_led(schema, card)
    )


YearHeading = tuple[Heading, int, re.Match[str] | None]
"""A year-led subheading of the timeline, its first year, and its `_LEAD` match when the year
is followed by a separator (`### 2021: CLIP`), None when not (`### 2021年 CLIP`)."""


@per_card
def year_headings(schema: CardSchema, card: Card) -> tuple[YearHeading, ...]:
    """The timeline section's subheadings that start with a year (`dates.timeline_years`).

    One pass serves CL505, which checks their order, and the facts, which read the concepts
    they name: computed once per card."""
    rank = _rank(schema)
    if rank is None or card.body is None:
        return ()
    sections = structure(schema, card).sections
    section = sections[rank].heading
    lead: Callable[[str], re.Match[str] | None] = _LEAD.fullmatch
    if section is None:
        # A schema that names two sections for the timeline: CL505 reads the first present,
        # the facts only the first named (absent here), so no heading is read for them.
        key = sections[rank].spec.key
        section = next((m.heading for m in sections if m.spec.key == key and m.heading), None)
        if section is None:
            return ()
        lead = _nothing
    return tuple(
        (heading, year, lead(heading.text))
        for heading, year in timeline_years(card.body.headings, section)
    )


def _nothing(text: str) -> None:
    return None


def year_led(schema: CardSchema, card: Card) -> list[tuple[Heading, str, str, tuple[str, ...]]]:
    """(heading, first year, last year, `compact`ed subject keys) for each subheading of the
    timeline section that starts with a year and a separator, the first year first: what
    `timeline` and the facts are made of."""
    found = []
    for heading, _, match in year_headings(schema, card):
        if match is not None:
            first, last = match.group(1, 2)
            if last is None:
                last = first
            elif last < first:  # four digits each: as strings, as numbers
                first, last = last, first
            found.append((heading, first, last, _subject_of(match[3], match[4])))
    return found


@functools.lru_cache(maxsize=8)
def _rank(schema: CardSchema) -> int | None:
    """Where the timeline section is in `structure`'s sections: the schema's order."""
    keys = [spec.key for spec in schema.extension.sections]
    key = schema.extension.timeline_section
    return keys.index(key) if key in keys else None


_SUBJECTS: dict[str, tuple[str, ...]] = {}
"""Subjects repeat (a model in several cards' timelines, with different descriptions after
it): each is read once. Cleared when it holds `_SUBJECTS_HELD`."""
_SUBJECTS_HELD = 8192


def _subject_of(run: str, others: str) -> tuple[str, ...]:
    """`subject_keys(run + others)`, `compact`ed, where `run` holds no dash and no colon and
    `others` is empty or starts with one: where the subject ends is mostly told without a
    search (`_SUBJECT_END`, which the cases below follow)."""
    if not others:
        subject = run.rstrip()  # nothing could end it
    elif others[0] in ":：":
        subject = run  # the first colon, with no dash before it
    elif run[-1:].isspace() and _spaced(others):
        subject = run.rstrip()  # dashes between spaces, such as ` - `
    elif others.startswith("——"):
        subject = run
    else:
        return _subject((run + others).strip())  # a dash within the subject (`GPT-4`)
    return _known(subject)


def _spaced(others: str) -> bool:
    """Whether the dashes `others` starts with are followed by white space, then more."""
    after = others.lstrip("-–—")
    return after[:1].isspace() and not after.isspace()


def _subject(rest: str) -> tuple[str, ...]:
    """`subject_keys(rest)`, `compact`ed, for `rest` without leading or trailing white space."""
    end = _SUBJECT_END.search(rest)  # as `subject_keys` splits, without making the list
    return _known(rest[: end.start()] if end is not None else rest)


def _known(subject: str) -> tuple[str, ...]:
    """A subject's keys, read once per subject (see `_SUBJECTS`)."""
    keys = _SUBJECTS.get(subject)
    if keys is None:
        if len(_SUBJECTS) >= _SUBJECTS_HELD:
            _SUBJECTS.clear()
        keys = _SUBJECTS[subject] = tuple(map(compact, _keys(subject)))
    return keys


def subject_keys(rest: str) -> tuple[str, ...]:
    """`CLIP - 4 亿图文对` -> `clip`; `MoCo 与 SimCLR` -> both; `ViT (Vision Transformer)` ->
    the whole, `vit` and `visiontransformer`."""
    return _keys(_SUBJECT_END.split(rest.strip(), maxsplit=1)[0])


def _keys(subject: str) -> tuple[str, ...]:
    if _COMPOSITE.search(subject) is None:
        key = concept_key(subject)
        return (key,) if key else ()
    names = [subject]
    for part in _PARTS.split(subject):
        alias = _ALIAS.fullmatch(part.strip())
        names.extend([part, alias[1], alias[2]] if alias else [part])
    return tuple(k for k in dict.fromkeys(concept_key(n) for n in names) if k)
