"""Whether the cards agree: the conflicts between their facts, found once per index.

CL308-CL310, the stats and the graph ask the same questions of one corpus; the answers are
found on first use (see `agreement_build`), from the facts the index keeps (see
`facts.columns`), or taken from the last run's (see `agreement_memo`). Only the cards a
conflict involves are read again, for where things are written. A warm run imports this
module and no other of the agreement's: defining named tuples costs it a millisecond each.
"""

from __future__ import annotations

import functools
import sys
import weakref
from collections.abc import Callable, Iterable, Sequence, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cardlint.index import agreement_memo
from cardlint.index.agreement_tables import TABLES, Tables
from cardlint.index.corpus_index import CorpusIndex
from cardlint.index.entry import Entry, facts_of
from cardlint.load.card import Card, load_card

if TYPE_CHECKING:
    from cardlint.index.agree_concepts import Duplicate
    from cardlint.index.agree_timeline import TimelineClash
    from cardlint.index.agree_works import WorkClash

CONFLICTS = ("timeline", "citations", "duplicates")
"""The kinds of conflict, as the stats and the graph name them: CL308, CL309, CL310."""


class Agreement:
    def __init__(
        self,
        entries: Sequence[Entry],
        memo: Path | None,
        key: str,
        cached: Callable[[Sequence[str]], list[str]] | None = None,
        timeline_keys: Set[str] | None = None,
    ) -> None:
        self.entries = entries
        """The index's entries (not the index: see `agreement`)."""
        self.cached = cached
        """Reads the facts of entries made from the cache (see `CorpusIndex.cached_facts`)."""
        self.timeline_keys = timeline_keys
        """What the entries' timelines name, if known (see `CorpusIndex.timeline_keys`)."""
        self.memo = memo
        """Where what was found is kept between runs (see `agreement_memo`); None: nowhere."""
        self.key = key
        """What names the corpus the entries are of (see `rules.Context.corpus_key`)."""
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
    def timeline(self) -> dict[str, list[TimelineClash]]:
        return self.tables.timeline

    @property
    def citations(self) -> dict[str, list[WorkClash]]:
        return self.tables.citations

    @property
    def references(self) -> dict[str, list[WorkClash]]:
        return self.tables.references

    @property
    def duplicates(self) -> dict[str, list[Duplicate]]:
        return self.tables.duplicates

    @functools.cached_property
    def tables(self) -> Tables:
        """What the agreement found: kept from the last run when nothing it depends on changed."""
        if self.memo is None or not self.key:
            return self._matched()
        kept = agreement_memo.load(self.memo)
        if kept is not None and kept.corpus == self.key:
            tables = _decoded(kept.found)  # the usual warm run: nothing changed
            if tables is not None:
                return tables
        facts = agreement_memo.fingerprint(self.entries, self.facts)
        tables = _decoded(kept.found) if kept is not None and kept.facts == facts else None
        if tables is None:
            tables = self._matched()
        agreement_memo.save(self.memo, agreement_memo.Kept(self.key, facts, tables.found()))
        return tables

    @functools.cached_property
    def facts(self) -> list[str]:
        """Each entry's facts: a warm run that changed nothing never asks."""
        return facts_of(self.entries, self.cached)

    def _matched(self) -> Tables:
        from cardlint.index.agreement_build import matched

        return matched(self.entries, self.facts, self.timeline_keys)

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


def _decoded(found: agreement_memo.Found) -> Tables | None:
    if not any(found.get(name, True) for name in TABLES):
        return Tables({}, {}, {}, {})  # the usual corpus: nothing to rebuild
    from cardlint.index.agreement_build import decoded

    return decoded(found)


_OF_INDEX: weakref.WeakKeyDictionary[CorpusIndex, Agreement] = weakref.WeakKeyDictionary()


def agreement(index: CorpusIndex, memo: Path | None = None, key: str = "") -> Agreement:
    """The agreement of the run's index: each rule and view asks the same one.

    Kept only while the index lives: held past the run, 10,000 entries would be freed at
    the interpreter's exit, which costs a warm run a tenth of its time.
    """
    found = _OF_INDEX.get(index)
    if found is None or (found.memo, found.key) != (memo, key):
        found = _OF_INDEX[index] = Agreement(
            index.entries, memo, key, index.cached_facts, index.timeline_keys
        )
    return found
