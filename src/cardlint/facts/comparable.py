"""What a card states that another card may contradict: the concepts its names and timeline
name, its `introduced` years, the papers it cites and the works it lists.

Each fact is read here with where it is written, for the rules that report it; `encode`
turns a card's facts into one line of keys per kind (see `corpus_facts`), which the index keeps
and the cache stores, so that a warm run matches every card's facts by set and dict
operations without reading a card again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from cardlint.facts.bibliography import Reference, references_of
from cardlint.facts.card_names import own_keys
from cardlint.facts.citations import Citation, citations_of
from cardlint.facts.columns import ITEM, SEPARATOR, span
from cardlint.facts.concept_keys import compact, compacted_key, plain_key, skeleton
from cardlint.facts.dates import Years, dated_values
from cardlint.facts.timeline_names import TimelineEntry, year_led
from cardlint.load.card import Card
from cardlint.model import Position
from cardlint.schema.card_schema import CardSchema

_BARE_YEAR = re.compile(r"\s*[0-9]{4}[a-z]?\s*")
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
    """The title's `plain_key`, `compact`ed, as is the author's key."""
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


def cited_works(schema: CardSchema, card: Card) -> list[CitedWork]:
    """The labelled citations (`CLIP (Radford et al., 2021)`): an unlabelled one
    (`Radford et al. (2021)`) does not say which of its author's papers it is."""
    cited = citations_of(schema, card)
    found = []
    for citation in cited.citations if cited is not None else ():
        key = _work_key(citation.text, citation.key)
        if key:
            found.append(CitedWork(key, citation))
    return found


def _work_key(text: str, author: str) -> str:
    """`label author` of a citation, or "" for one without a label."""
    if not text.endswith(")"):
        label = text  # a mapping's title: a written citation ends in `)`
    else:
        opening = text.rfind("(")
        # `(Radford et al., 2021)` has a comma, which a year alone has not: no match tried.
        if text.find(",", opening) < 0 and _BARE_YEAR.fullmatch(text, opening + 1, len(text) - 1):
            return ""  # `Radford et al. (2021)`: what precedes the year is the author
        label = text[:opening]
    key = _LABELS.get(label)
    if key is None:
        if len(_LABELS) >= LABELS_HELD:
            _LABELS.clear()
        key = _LABELS[label] = compacted_key(plain_key(label))
    return f"{key} {compact(author)}" if key else ""


_LABELS: dict[str, str] = {}
"""A citation's label as written (`CLIP `) and its `compact`ed concept key: a work is cited
by many cards, with different authors' spellings and years around its label."""
LABELS_HELD = 8192
"""`_LABELS` is emptied when it holds this many."""


def listed_works(schema: CardSchema, card: Card) -> list[ListedWork]:
    """The references entries whose title, first author and year can be read."""
    section = references_of(schema, card)
    found = []
    for entry in section.entries if section is not None else ():
        if entry.year is not None and entry.key and (key := _title_key(entry.title)):
            found.append(ListedWork(key, compact(entry.key), entry.year, entry, entry.title))
    return found


def _title_key(title: str) -> str:
    """A title's `compact`ed key; "" for one too short to tell works apart."""
    key = plain_key(title)
    return compact(key) if len(key) >= MIN_TITLE else ""


def timeline_items(entry: TimelineEntry) -> list[str]:
    """The entry's items as TIMELINE holds them."""
    return [f"{key} {entry.years.start} {entry.years.end}" for key in entry.keys]


def encode(schema: CardSchema, card: Card) -> str:
    """The card's facts as the index keeps them (see `encode_all`)."""
    return encode_all([(schema, card)])[0]


def encode_all(cards: Sequence[tuple[CardSchema, Card]]) -> list[str]:
    """The facts of cards, each under its schema, as the index keeps them: a line per kind of
    `corpus_facts`, in its order, items separated by `ITEM` (keys hold no white space).

    Every card of a cold run is encoded. Read a kind at a time over a worker's batch of cards,
    the same few functions running hot, the facts cost a worker a third less than read card
    by card (docs/performance.md). This makes the items of `timeline`, `cited_works` and
    `listed_works` with the functions they use, without building those."""
    owned = [own_keys(schema, card) for schema, card in cards]
    dated = [_dates(schema, card) for schema, card in cards]
    timelines = [
        _timeline(schema, card, names, own)
        for (schema, card), (names, own) in zip(cards, owned, strict=True)
    ]
    cites = [_cites(schema, card) for schema, card in cards]
    refs = [_refs(schema, card) for schema, card in cards]
    return [
        SEPARATOR.join(
            ("" if own in names else own, _concepts(names), years, timeline, cited, listed, made)
        )
        for (names, own), (years, made), timeline, cited, listed in zip(
            owned, dated, timelines, cites, refs, strict=True
        )
    ]


def _timeline(schema: CardSchema, card: Card, names: list[str], own: str) -> str:
    return ITEM.join(
        [
            f"{key} {first} {last}"
            for _, first, last, keys in year_led(schema, card)
            for key in keys
            if key != own and key not in names
        ]
    )


def _cites(schema: CardSchema, card: Card) -> str:
    cited = citations_of(schema, card)
    return ITEM.join(
        [
            f"{key} {c.year}"
            for c in (cited.citations if cited is not None else ())
            if (key := _work_key(c.text, c.key))
        ]
    )


def _refs(schema: CardSchema, card: Card) -> str:
    section = references_of(schema, card)
    refs = []
    for e in section.entries if section is not None else ():
        if e.year is not None and e.key:
            title = plain_key(e.title)  # as `_title_key`, without a call per entry
            if len(title) >= MIN_TITLE:
                refs.append(f"{compact(title)} {compact(e.key)} {e.year}")
    return ITEM.join(refs)


def _concepts(names: list[str]) -> str:
    """The name keys, and the `~skeleton` keys of the Latin ones."""
    concepts = names.copy()
    for name in names:
        shape = skeleton(name)
        if shape is not None:
            concepts.append(f"~{shape}")
    return ITEM.join(concepts)


def _dates(schema: CardSchema, card: Card) -> tuple[str, str]:
    """The introduced years and the creation date, as the facts write them."""
    field = schema.extension.introduced_field
    years, made = "", None
    for value in dated_values(card, schema.extension):
        parsed = value.parsed
        if value.footer_text is not None:
            if isinstance(parsed, date) and (made is None or parsed < made):
                made = parsed
        elif value.subject == field and isinstance(parsed, Years):
            years = span(parsed.start, parsed.end)
    return years, "" if made is None else made.isoformat()
