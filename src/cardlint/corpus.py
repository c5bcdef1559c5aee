"""The corpus index: every card's id, names and outgoing references, for cross-card rules."""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from cardlint.card import Card, per_card
from cardlint.schema import CardSchema
from cardlint.text import did_you_mean
from cardlint.violation import Position

_NOT_WORD = re.compile(r"[\W_]+")


class Reference(NamedTuple):
    field: str
    target: str
    position: Position


class Entry(NamedTuple):
    """One card as the index sees it. Named tuples: a warm run rebuilds 10,000 of them."""

    path: str
    """The card file (see `files`)."""
    id: str | None
    id_position: Position | None
    names: tuple[str, ...]
    references: tuple[Reference, ...]


def entry_for(card: Card, schema: CardSchema) -> Entry:
    """What the index needs to know about one card."""
    return _entry(schema, card)


@per_card
def _entry(schema: CardSchema, card: Card) -> Entry:
    data = card.data
    ext = schema.extension
    raw_id = data.get(ext.id_field)
    card_id = raw_id if isinstance(raw_id, str) else None
    names = tuple(v for n in ext.name_fields if isinstance(v := data.get(n), str))
    references: list[Reference] = []
    for name in ext.reference_fields:
        items = data.get(name)
        if not isinstance(items, list):
            continue
        for index, target in enumerate(items):
            if isinstance(target, str):
                references.append(Reference(name, target, _position(card, (name, index))))
    id_position = _position(card, (ext.id_field,)) if card_id is not None else None
    return Entry(os.fspath(card.path), card_id, id_position, names, tuple(references))


def _position(card: Card, path: tuple[str | int, ...]) -> Position:
    span = card.front_matter.span(path) if card.front_matter is not None else None
    return span.value if span is not None else Position(1, 1)


@dataclass(frozen=True, eq=False)
class CorpusIndex:
    entries: tuple[Entry, ...] = ()
    known_ids: frozenset[str] = frozenset()
    by_id: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    referrers: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    by_path: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[Entry], known_ids: Iterable[str] = ()) -> CorpusIndex:
        ordered = tuple(sorted(entries, key=lambda e: e.path))
        by_id: defaultdict[str, list[Entry]] = defaultdict(list)
        referrers: defaultdict[str, list[Entry]] = defaultdict(list)
        for entry in ordered:
            if entry.id is not None:
                by_id[entry.id].append(entry)
            for target in dict.fromkeys(r.target for r in entry.references):
                referrers[target].append(entry)
        return cls(
            ordered,
            frozenset(known_ids),
            {k: tuple(v) for k, v in by_id.items()},
            {k: tuple(v) for k, v in referrers.items()},
            {e.path: e for e in ordered},
        )

    def exists(self, card_id: str) -> bool:
        return card_id in self.by_id or card_id in self.known_ids

    def entry_of(self, card: Card, schema: CardSchema) -> Entry:
        """The card's entry as indexed, or computed when the card is not part of the corpus."""
        return self.by_path.get(os.fspath(card.path)) or entry_for(card, schema)

    def suggest(self, target: str) -> str | None:
        """The id a dangling reference most likely means: same letters, a card name, or close."""
        return _suggest(self, target)

    @functools.cached_property
    def squashed(self) -> dict[str, str]:
        """Ids by their squashed ids and names, first card first: built once, on demand."""
        found: dict[str, str] = {}
        for entry in self.entries:
            if entry.id is not None:
                for key in (entry.id, *entry.names):
                    found.setdefault(_squash(key), entry.id)
        return found


@functools.lru_cache(maxsize=4096)
def _suggest(index: CorpusIndex, target: str) -> str | None:
    # Every card that lists the same missing id asks the same question; ask difflib once.
    hit = index.squashed.get(_squash(target))
    return hit if hit is not None else did_you_mean(target, [*index.by_id, *index.known_ids])


def _squash(text: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())
