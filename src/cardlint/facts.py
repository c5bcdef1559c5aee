"""What a card states that another card may contradict: the concepts its names and timeline
name, its `introduced` years, the papers it cites and the works it lists.

Each fact is read here with where it is written, for the rules that report it; `encode`
turns a card's facts into one line of keys per kind (see `corpus_facts`), which the index keeps
and the cache stores, so that a warm run matches every card's facts by set and dict
operations without reading a card again.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from cardlint.bibliography import Reference, references_of
from cardlint.card import Card, per_card
from cardlint.card_names import name_fields, own_keys
from cardlint.citations import Citation, author_key, citations_of, first_author
from cardlint.concept_keys import compact, concept_key, skeleton
from cardlint.corpus_facts import ITEM, SEPARATOR, span
from cardlint.dates import Years, dated_values
from cardlint.schema import CardSchema
from cardlint.timeline_names import TimelineEntry, timeline
from cardlint.violation import Position

_TITLE = re.compile(r"\(\s*[0-9]{4}[a-z]?\s*\)[.,]?\s*(.+?)(?:\.\s|\.?\Z)")
MIN_TITLE = 10
"""Titles whose key is shorter (`Blog post`, `Report`) say too little to match works by."""


class CitedWork(NamedTuple):
    key: str
    """`label author`: the label's concept key and the first author's key, `compact`ed."""
    citation: Citation

    @property
    def item(self) -> str:
        """As CITES holds it: the year last, in four digits."""
        return f"{self.key} {self.citation.year}"


class ListedWork(NamedTuple):
    title: str
    """The title's concept key, `compact`ed, as is the author's key."""
    author: str
    year: int
    entry: Reference
    written: str
    """The title as the entry writes it."""

    @property
    def item(self) -> str:
        """As REFS holds it."""
        return f"{self.title} {self.author} {self.year}"


def introduced(schema: CardSchema, card: Card) -> tuple[Years, Position] | None:
    """The card's introduced years and where they are written, when they can be read."""
    field = schema.extension.introduced_field
    for value in dated_values(card, schema.extension):  # read once for the date rules
        if value.subject == field and value.footer_text is None:
            return (value.parsed, value.position) if isinstance(value.parsed, Years) else None
    return None


@per_card
def cited_works(schema: CardSchema, card: Card) -> tuple[CitedWork, ...]:
    """The labelled citations (`CLIP (Radford et al., 2021)`): an unlabelled one
    (`Radford et al. (2021)`) does not say which of its author's papers it is."""
    cited = citations_of(schema, card)
    found = []
    for citation in cited.citations if cited is not None else ():
        label = _label(citation)
        if label:
            found.append(CitedWork(f"{compact(label)} {compact(citation.key)}", citation))
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
            found.append(ListedWork(compact(key), compact(entry.key), entry.year, entry, written))
    return tuple(found)


def timeline_items(entry: TimelineEntry) -> list[str]:
    """The entry's items as TIMELINE holds them."""
    given = span(entry.years.start, entry.years.end)
    return [f"{key} {given}" for key in entry.keys]


def created(schema: CardSchema, card: Card) -> date | None:
    """When the card was made: the earliest date of its footer."""
    dates = [
        v.parsed
        for v in dated_values(card, schema.extension)
        if v.footer_text is not None and isinstance(v.parsed, date)
    ]
    return min(dates, default=None)


def encode(schema: CardSchema, card: Card) -> str:
    """The card's facts as the index keeps them: a line per kind of `corpus_facts`, in its
    order, items separated by tabs (keys hold no white space)."""
    names = [n.key for n in name_fields(schema, card)]
    years = introduced(schema, card)
    made = created(schema, card)
    lines = [
        own_keys(schema, card).difference(names),
        [*names, *(f"~{s}" for n in names if (s := skeleton(n)))],
        [span(years[0].start, years[0].end)] if years else [],
        [item for entry in timeline(schema, card) for item in timeline_items(entry)],
        [work.item for work in cited_works(schema, card)],
        [work.item for work in listed_works(schema, card)],
        [made.isoformat()] if made is not None else [],
    ]
    return SEPARATOR.join(ITEM.join(dict.fromkeys(items)) for items in lines)
