"""The concepts a card's timeline names: its year-led subheadings (`### 2021: CLIP - …`),
each with its years and the concept keys of its subject."""

from __future__ import annotations

import re
from typing import NamedTuple

from cardlint.card import Card, per_card
from cardlint.card_names import own_keys
from cardlint.concept_keys import compact, concept_key
from cardlint.dates import Years
from cardlint.markdown import Heading
from cardlint.schema import CardSchema
from cardlint.structure import structure

_LEAD = re.compile(r"([0-9]{4})(?: *[-–—~] *([0-9]{4}))?(?:[ \t]*[:：]|[ \t]+|\Z)(.*)")
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


@per_card
def timeline(schema: CardSchema, card: Card) -> tuple[TimelineEntry, ...]:
    """The year-led subheadings of the timeline section, with the concepts they name."""
    key = schema.extension.timeline_section
    if card.body is None or key is None:
        return ()
    found = structure(schema, card).sections
    section = next((m.heading for m in found if m.spec.key == key and m.heading), None)
    if section is None:
        return ()
    own = own_keys(schema, card)
    entries = []
    for heading in _subheadings(card.body.headings, section):
        match = _LEAD.fullmatch(heading.text)
        if match is not None:
            first, last = int(match[1]), int(match[2] or match[1])
            keys = tuple(k for k in map(compact, subject_keys(match[3])) if k not in own)
            entries.append(TimelineEntry(heading, Years(min(first, last), max(first, last)), keys))
    return tuple(entries)


def _subheadings(headings: tuple[Heading, ...], section: Heading) -> list[Heading]:
    inside = []
    for heading in headings:
        if heading.line <= section.line:
            continue
        if heading.level <= section.level:
            break
        if heading.level == section.level + 1:
            inside.append(heading)
    return inside


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
