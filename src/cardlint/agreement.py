"""Whether the cards agree: the conflicts between their facts, found once per index.

CL308-CL310, the stats and the graph ask the same questions of one corpus; the answers are
built here on first use, from the facts the index keeps (see `corpus_facts`). Only the cards
a conflict involves are read again, for where things are written and when a card was made.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable
from typing import Any, NamedTuple

from cardlint import agree_concepts, agree_timeline, agree_works
from cardlint.card import Card, load_card
from cardlint.corpus import CorpusIndex
from cardlint.corpus_facts import CITES, CREATED, REFS, CorpusFacts
from cardlint.schema import CardSchema

CONFLICTS = ("timeline", "citations", "duplicates")
"""The kinds of conflict, as the stats and the graph name them: CL308, CL309, CL310."""


class Duplicate(NamedTuple):
    other: str
    """The older card."""
    keys: tuple[str, str]
    """The concept keys that met, this card's first."""
    exact: bool
    created: str
    """When the older card was made (YYYY-MM-DD), or ""."""


class Agreement:
    def __init__(self, index: CorpusIndex, schema: CardSchema) -> None:
        self.schema = schema
        self.index = index
        entries = index.entries
        self.facts = CorpusFacts([e.path for e in entries], [e.facts for e in entries])
        self._cards: dict[str, Card] = {}

    def card(self, path: str) -> Card:
        """A card of the corpus, read once: only those a conflict involves are asked for."""
        card = self._cards.get(path)
        if card is None:
            # Its facts were read from it this run, within the run's size limit.
            card = self._cards[path] = load_card(path, sys.maxsize)
        return card

    def loaded(self, card: Card) -> Card:
        """`card` as a rule was given it: a stub of a card whose results were cached is read."""
        return card if card.source is not None else self.card(card.file)

    @functools.cached_property
    def timeline(self) -> dict[str, list[agree_timeline.TimelineClash]]:
        return agree_timeline.clashes(self.facts)

    @functools.cached_property
    def citations(self) -> dict[str, list[agree_works.WorkClash]]:
        return agree_works.clashes(self.facts, CITES)

    @functools.cached_property
    def references(self) -> dict[str, list[agree_works.WorkClash]]:
        return agree_works.clashes(self.facts, REFS)

    @functools.cached_property
    def duplicates(self) -> dict[str, list[Duplicate]]:
        """The newer card of each pair of duplicates, with the older ones it repeats."""
        found: dict[str, list[Duplicate]] = {}
        entries = self.index.entries
        for pair in agree_concepts.pairs(self.facts):
            first, second = entries[pair.first], entries[pair.second]
            if first.id is not None and first.id == second.id:
                continue  # one id on two cards is CL304's to report
            older, newer = sorted((pair.first, pair.second), key=self._age)
            keys = pair.keys if newer == pair.first else (pair.keys[1], pair.keys[0])
            duplicate = Duplicate(entries[older].path, keys, pair.exact, self._created(older))
            found.setdefault(entries[newer].path, []).append(duplicate)
        return found

    def found(self, kind: str) -> tuple[dict[str, list[Any]], ...]:
        """The cards a kind of conflict is reported on, with what each conflicts with."""
        if kind == "timeline":
            return (self.timeline,)
        return (self.citations, self.references) if kind == "citations" else (self.duplicates,)

    def conflicts(self, path: str) -> tuple[str, ...]:
        """The kinds of conflict reported on a card."""
        return tuple(k for k in CONFLICTS if any(path in found for found in self.found(k)))

    def count(self, kind: str, paths: Iterable[str]) -> int:
        """How many conflicts of a kind are reported on the cards at `paths`."""
        tables = self.found(kind)
        return sum(len(table.get(path, ())) for path in paths for table in tables)

    def _created(self, index: int) -> str:
        made = self.facts.of(index, CREATED)
        return made[0] if made else ""

    def _age(self, index: int) -> tuple[str, str]:
        """The older card sorts first: by creation date, one without a date last, then path."""
        return self._created(index) or "9999-99-99", self.index.entries[index].path


@functools.lru_cache(maxsize=2)
def agreement(index: CorpusIndex, schema: CardSchema) -> Agreement:
    """The agreement of the run's index: each rule and view asks the same one."""
    return Agreement(index, schema)
