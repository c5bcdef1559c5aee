"""The concepts a card's timeline names: its year-led subheadings (`### 2021: CLIP - …`),
each with its years and the concept keys of its subject."""

from __future__ import annotations

import bisect
import functools
import operator
import re
from typing import NamedTuple

from cardlint.facts.card_names import own_keys
from cardlint.facts.concept_keys import compact, concept_key
from cardlint.facts.dates import Years
from cardlint.facts.structure import structure
from cardlint.load.card import Card
from cardlint.load.markdown import Heading
from cardlint.schema.card_schema import CardSchema

_LEAD = re.compile(r"([0-9]{4})(?: *[-–—~] *([0-9]{4}))?(?:[ \t]*[:：]|[ \t]+|\Z)(.*)")
# Where a heading's subject ends: a dash between spaces, or a colon.
_SUBJECT_END = re.compile(r"\s+[-–—]+\s+|——|[:：]")
_PARTS = re.compile(r"\s+(?:与|和|and|vs\.?|&)\s+|[,，、/;；&+]")
_ALIAS = re.compile(r"(.*?)\s*[(（]([^()（）]*)[)）]\s*\Z")
# A subject with none of these names one concept, itself: most do.
_line = operator.attrgetter("line")
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


def year_led(schema: CardSchema, card: Card) -> list[tuple[Heading, str, str, tuple[str, ...]]]:
    """(heading, first year, last year, `compact`ed subject keys) for each year-led subheading
    of the timeline section: what `timeline` and the facts are made of, read in one pass."""
    section = _section(schema, card)
    if section is None or card.body is None:
        return []
    headings = card.body.headings
    level = section.level + 1
    found = []
    # Headings are in line order: the section's subheadings follow its own.
    for heading in headings[bisect.bisect_right(headings, section.line, key=_line) :]:
        if heading.level != level:
            if heading.level < level:
                break
            continue
        match = _LEAD.fullmatch(heading.text)
        if match is not None:
            first, last = match.group(1, 2)
            if last is None:
                last = first
            elif last < first:  # four digits each: as strings, as numbers
                first, last = last, first
            found.append((heading, first, last, _subject(match[3])))
    return found


def _section(schema: CardSchema, card: Card) -> Heading | None:
    rank = _rank(schema)
    if rank is None or card.body is None:
        return None
    return structure(schema, card).sections[rank].heading


@functools.lru_cache(maxsize=8)
def _rank(schema: CardSchema) -> int | None:
    """Where the timeline section is in `structure`'s sections: the schema's order."""
    keys = [spec.key for spec in schema.extension.sections]
    key = schema.extension.timeline_section
    return keys.index(key) if key in keys else None


@functools.lru_cache(maxsize=8192)
def _subject(rest: str) -> tuple[str, ...]:
    # Subjects repeat (a model in several cards' timelines): each is read once.
    return tuple(map(compact, subject_keys(rest)))


def subject_keys(rest: str) -> tuple[str, ...]:
    """`CLIP - 4 亿图文对` -> `clip`; `MoCo 与 SimCLR` -> both; `ViT (Vision Transformer)` ->
    the whole, `vit` and `visiontransformer`."""
    subject = _SUBJECT_END.split(rest.strip(), maxsplit=1)[0]
    if _COMPOSITE.search(subject) is None:
        key = concept_key(subject)
        return (key,) if key else ()
    names = [subject]
    for part in _PARTS.split(subject):
        alias = _ALIAS.fullmatch(part.strip())
        names.extend([part, alias[1], alias[2]] if alias else [part])
    return tuple(k for k in dict.fromkeys(concept_key(n) for n in names) if k)
