"""What a card states that another card may contradict: the concepts its names and timeline
name, its `introduced` years, the papers it cites and the works it lists.

Each fact is read here with where it is written, for the rules that report it; `encode`
turns a card's facts into one line of keys per kind (see `FactKinds`), which the index keeps
and the cache stores, so that a warm run matches every card's facts by set and dict
operations without reading a card again.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cardlint.bibliography import Reference, references_of
from cardlint.card import Card, per_card
from cardlint.citations import Citation, author_key, citations_of, first_author
from cardlint.concept_keys import concept_key, skeleton
from cardlint.corpus_facts import ITEM, SEPARATOR
from cardlint.dates import Years, parse_years
from cardlint.markdown import Heading
from cardlint.schema import CardSchema
from cardlint.structure import structure
from cardlint.violation import Position

_LEAD = re.compile(r"([0-9]{4})(?: *[-–—~] *([0-9]{4}))?(?:[ \t]*[:：]|[ \t]+|\Z)(.*)")
# Where a heading's subject ends: a dash between spaces, or a colon.
_SUBJECT_END = re.compile(r"\s+[-–—]+\s+|——|[:：]")
_PARTS = re.compile(r"\s+(?:与|和|and|vs\.?|&)\s+|[,，、/;；&+]")
_ALIAS = re.compile(r"(.*?)\s*[(（]([^()（）]*)[)）]\s*\Z")
_TITLE = re.compile(r"\(\s*[0-9]{4}[a-z]?\s*\)[.,]?\s*(.+?)(?:\.\s|\.?\Z)")
MIN_TITLE = 10
"""Titles whose key is shorter (`Blog post`, `Report`) say too little to match works by."""


class TimelineEntry(NamedTuple):
    heading: Heading
    years: Years
    keys: tuple[str, ...]
    """The concept keys the heading's subject gives, the card's own names left out."""


class CitedWork(NamedTuple):
    key: str
    """`label author`: the label's concept key and the first author's key."""
    citation: Citation


class ListedWork(NamedTuple):
    title: str
    """The title's concept key."""
    author: str
    year: int
    entry: Reference
    written: str
    """The title as the entry writes it."""


class NameField(NamedTuple):
    field: str
    value: str
    key: str
    position: Position


def name_fields(schema: CardSchema, card: Card) -> tuple[NameField, ...]:
    found = []
    for field in schema.extension.name_fields:
        value = card.data.get(field)
        if isinstance(value, str) and (key := concept_key(value)):
            found.append(NameField(field, value, key, _position(card, field)))
    return tuple(found)


def own_keys(schema: CardSchema, card: Card) -> tuple[str, ...]:
    """The concept keys of the card's id and names, each once."""
    card_id = card.data.get(schema.extension.id_field)
    keys = [concept_key(card_id)] if isinstance(card_id, str) else []
    keys.extend(n.key for n in name_fields(schema, card))
    return tuple(k for k in dict.fromkeys(keys) if k)


def introduced(schema: CardSchema, card: Card) -> tuple[Years, Position] | None:
    field = schema.extension.introduced_field
    value = card.data.get(field) if field is not None else None
    if field is None or not isinstance(value, (str, int)) or isinstance(value, bool):
        return None
    years = parse_years(value)
    return (years, _position(card, field)) if isinstance(years, Years) else None


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
    own = set(own_keys(schema, card))
    entries = []
    for heading in _subheadings(card.body.headings, section):
        match = _LEAD.fullmatch(heading.text)
        if match is None:
            continue
        first, last = int(match[1]), int(match[2] or match[1])
        keys = tuple(k for k in subject_keys(match[3]) if k not in own)
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
    names = [subject]
    for part in _PARTS.split(subject):
        alias = _ALIAS.fullmatch(part.strip())
        names.extend([part, alias[1], alias[2]] if alias else [part])
    return tuple(k for k in dict.fromkeys(concept_key(n) for n in names) if k)


@per_card
def cited_works(schema: CardSchema, card: Card) -> tuple[CitedWork, ...]:
    """The labelled citations (`CLIP (Radford et al., 2021)`): an unlabelled one
    (`Radford et al. (2021)`) does not say which of its author's papers it is."""
    cited = citations_of(schema, card)
    found = []
    for citation in cited.citations if cited is not None else ():
        label = _label(citation)
        if label:
            found.append(CitedWork(f"{label} {citation.key}", citation))
    return tuple(found)


def _label(citation: Citation) -> str:
    if not citation.text.endswith(")"):
        return concept_key(citation.text)  # a mapping's title: a written citation ends in `)`
    before = citation.text[: citation.text.rfind("(")]
    if not before.strip() or author_key(first_author(before)) == citation.key:
        return ""  # `Radford et al. (2021)`: what precedes the year is the author
    return concept_key(before)


@per_card
def listed_works(schema: CardSchema, card: Card) -> tuple[ListedWork, ...]:
    """The references entries whose title, first author and year can be read."""
    section = references_of(schema, card)
    found = []
    for entry in section.entries if section is not None else ():
        title = _TITLE.search(entry.text)
        written = title[1] if title else ""
        key = concept_key(written)
        if len(key) >= MIN_TITLE and entry.year is not None and entry.key:
            found.append(ListedWork(key, entry.key, entry.year, entry, written))
    return tuple(found)


def encode(schema: CardSchema, card: Card) -> str:
    """The card's facts as the index keeps them: a line per kind of `corpus_facts`, in its
    order, items separated by tabs (keys hold no white space)."""
    names = name_fields(schema, card)
    years = introduced(schema, card)
    lines = [
        own_keys(schema, card),
        [n.key for n in names] + [f"~{s}" for n in names if (s := skeleton(n.key))],
        [f"{years[0].start} {years[0].end}"] if years else [],
        [f"{k} {e.years.start} {e.years.end}" for e in timeline(schema, card) for k in e.keys],
        [f"{w.key} {w.citation.year}" for w in cited_works(schema, card)],
        [f"{w.title} {w.author} {w.year}" for w in listed_works(schema, card)],
    ]
    return SEPARATOR.join(ITEM.join(dict.fromkeys(items)) for items in lines)


def _position(card: Card, field: str) -> Position:
    span = card.front_matter.spans.get((field,)) if card.front_matter is not None else None
    return span.value if span is not None else Position(1, 1)
