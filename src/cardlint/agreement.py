"""Whether the cards agree: the conflicts between their facts, found once per index.

CL308-CL310, the stats and the graph ask the same questions of one corpus; the answers are
built here on first use, from the facts the index keeps (see `corpus_facts`). Only the cards
a conflict involves are read again, for where things are written and when a card was made.
"""

from __future__ import annotations

import functools
import sys
import weakref
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from cardlint import agree_concepts, agree_timeline, agree_works, agreement_memo
from cardlint.card import Card, load_card
from cardlint.corpus import CorpusIndex, Entry
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


class Tables(NamedTuple):
    """Per kind of conflict, the cards it is reported on, with what each conflicts with."""

    timeline: dict[str, list[agree_timeline.TimelineClash]]
    citations: dict[str, list[agree_works.WorkClash]]
    references: dict[str, list[agree_works.WorkClash]]
    duplicates: dict[str, list[Duplicate]]
    """The newer card of each pair of duplicates, with the older ones it repeats."""


class Agreement:
    def __init__(self, entries: Sequence[Entry], schema: CardSchema, memo: Path | None) -> None:
        self.entries = entries
        """The index's entries (not the index: see `agreement`)."""
        self.schema = schema
        self.memo = memo
        """Where what was found is kept between runs (see `agreement_memo`); None: nowhere."""
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

    @property
    def timeline(self) -> dict[str, list[agree_timeline.TimelineClash]]:
        return self.tables.timeline

    @property
    def citations(self) -> dict[str, list[agree_works.WorkClash]]:
        return self.tables.citations

    @property
    def references(self) -> dict[str, list[agree_works.WorkClash]]:
        return self.tables.references

    @property
    def duplicates(self) -> dict[str, list[Duplicate]]:
        return self.tables.duplicates

    @functools.cached_property
    def tables(self) -> Tables:
        """What the agreement found: kept from the last run when nothing it depends on changed."""
        if self.memo is None:
            return self._matched()
        key = agreement_memo.fingerprint(self.entries)
        kept = agreement_memo.load(self.memo, key)
        tables = _decoded(kept) if kept is not None else None
        if tables is None:
            tables = self._matched()
            agreement_memo.save(self.memo, key, tables._asdict())
        return tables

    def _matched(self) -> Tables:
        entries = self.entries
        facts = CorpusFacts([e.path for e in entries], [e.facts for e in entries])
        return Tables(
            agree_timeline.clashes(facts),
            agree_works.clashes(facts, CITES),
            agree_works.clashes(facts, REFS),
            self._duplicates(facts),
        )

    def _duplicates(self, facts: CorpusFacts) -> dict[str, list[Duplicate]]:
        found: dict[str, list[Duplicate]] = {}
        entries = self.entries

        def age(index: int) -> tuple[str, str]:
            """The older card sorts first: by creation date, one without last, then path."""
            return _created(facts, index) or "9999-99-99", entries[index].path

        for pair in agree_concepts.pairs(facts):
            first, second = entries[pair.first], entries[pair.second]
            if first.id is not None and first.id == second.id:
                continue  # one id on two cards is CL304's to report
            older, newer = sorted((pair.first, pair.second), key=age)
            keys = pair.keys if newer == pair.first else (pair.keys[1], pair.keys[0])
            duplicate = Duplicate(entries[older].path, keys, pair.exact, _created(facts, older))
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


def _created(facts: CorpusFacts, index: int) -> str:
    made = facts.of(index, CREATED)
    return made[0] if made else ""


def _decoded(found: agreement_memo.Found) -> Tables | None:
    try:
        return Tables(
            agreement_memo.rebuilt(found, "timeline", _timeline_clash),
            agreement_memo.rebuilt(found, "citations", _work_clash),
            agreement_memo.rebuilt(found, "references", _work_clash),
            agreement_memo.rebuilt(found, "duplicates", _duplicate),
        )
    except agreement_memo.MALFORMED:
        return None


def _timeline_clash(value: list[Any]) -> agree_timeline.TimelineClash:
    item, other, (start, end) = value
    return agree_timeline.TimelineClash(item, other, (start, end))


def _work_clash(value: list[Any]) -> agree_works.WorkClash:
    item, year, others, majority = value
    sides = tuple(agree_works.Side(v, tuple(paths)) for v, paths in others)
    return agree_works.WorkClash(item, year, sides, bool(majority))


def _duplicate(value: list[Any]) -> Duplicate:
    other, (ours, theirs), exact, created = value
    return Duplicate(other, (ours, theirs), bool(exact), created)


_OF_INDEX: weakref.WeakKeyDictionary[CorpusIndex, Agreement] = weakref.WeakKeyDictionary()


def agreement(index: CorpusIndex, schema: CardSchema, memo: Path | None = None) -> Agreement:
    """The agreement of the run's index: each rule and view asks the same one.

    Kept only while the index lives: held past the run, 10,000 entries would be freed at
    the interpreter's exit, which costs a warm run a tenth of its time.
    """
    found = _OF_INDEX.get(index)
    if found is None or found.schema is not schema or found.memo != memo:
        found = _OF_INDEX[index] = Agreement(index.entries, schema, memo)
    return found
