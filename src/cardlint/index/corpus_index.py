"""The corpus index: every card's entry (see `entry`), with the lookups cross-card rules need."""

from __future__ import annotations

import functools
import itertools
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass

from cardlint.facts.concept_keys import plain_key
from cardlint.index.entry import Entry, Reference, entry_for
from cardlint.load.card import Card
from cardlint.schema.card_schema import CardSchema
from cardlint.schema.card_types import DEFAULT, CardTypes
from cardlint.schema.ids import FileNames, file_names
from cardlint.text import did_you_mean

_targets = operator.attrgetter("targets")
_id = operator.attrgetter("id")
_DEFAULT_NAMES = file_names(None, "concept_id")


@dataclass(frozen=True, eq=False)
class CorpusIndex:
    """The entries of every card of the corpus, with the lookups cross-card rules need, each
    built on first use."""

    entries: tuple[Entry, ...] = ()
    known_ids: frozenset[str] = frozenset()
    types: CardTypes | None = None
    """The corpus's card types; None: one, named as the bundled schema names its files."""
    cached_facts: Callable[[Sequence[str]], list[str]] | None = None
    """Reads the facts of the cards at some paths whose entries hold `LATER`."""
    timeline_keys: Set[str] | None = None
    """The concepts the entries' timelines name, when the workers gathered them (see
    `facts.columns.timeline_keys`); None: the agreement finds them in the facts."""

    @classmethod
    def build(
        cls,
        entries: Iterable[Entry],
        types: CardTypes,
        known_ids: Iterable[str] = (),
        cached_facts: Callable[[Sequence[str]], list[str]] | None = None,
        timeline_keys: Set[str] | None = None,
    ) -> CorpusIndex:
        by_path = operator.attrgetter("path")
        ordered = tuple(sorted(entries, key=by_path))
        return cls(ordered, frozenset(known_ids), types, cached_facts, timeline_keys)

    def schema_of(self, path: str, fallback: CardSchema) -> CardSchema:
        """The schema of the corpus's card at `path`: its type's; `fallback` for a card the
        index does not hold, or an index without types."""
        entry = self.by_path.get(path)
        if entry is None or self.types is None:
            return fallback
        return self.types.schema_of(entry.type)

    def file_names(self, card_type: str = DEFAULT) -> FileNames:
        """How the files of a card type are named."""
        if self.types is None:
            return _DEFAULT_NAMES
        return self.types.schema_of(card_type).extension.file_names

    @functools.cached_property
    def by_id(self) -> dict[str, tuple[Entry, ...]]:
        found: dict[str, tuple[Entry, ...]] = {}
        for entry in self.entries:
            if entry.id is not None:
                # Ids are nearly all unique: a tuple per id, grown for the rare duplicate.
                same = found.get(entry.id)
                found[entry.id] = (entry,) if same is None else (*same, entry)
        return found

    @functools.cached_property
    def referrers(self) -> dict[str, tuple[Entry, ...]]:
        """The entries that list each id."""
        found: defaultdict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            for target in dict.fromkeys(entry.targets):
                found[target].append(entry)
        return {k: tuple(v) for k, v in found.items()}

    @functools.cached_property
    def by_path(self) -> dict[str, Entry]:
        return {e.path: e for e in self.entries}

    @functools.cached_property
    def ids(self) -> frozenset[str]:
        """Every card's id: most questions are only whether one exists."""
        return frozenset(map(_id, self.entries)) - {None}

    @functools.cached_property
    def file_ids(self) -> frozenset[str]:
        """The ids the file names give (`clip.md`: `clip`; `eip-1559.md`: `1559` when the
        files are named `eip-{eip}.md`) of cards whose id is unreadable, missing or different.

        Such a card is broken, not missing: its front matter did not parse, it lost its id
        field, or its id has a typo. Its own finding (CL003, CL101, CL305) is the message; a
        card that lists it by its file name is not reported, nor "fixed", for it.
        """
        names = self.file_names
        return frozenset(
            named
            for e in self.entries
            if (named := names(e.type).id_of(e.path)) != e.id and named is not None
        )

    def exists(self, card_id: str) -> bool:
        return card_id in self.ids or card_id in self.known_ids or card_id in self.file_ids

    def with_dangling(self) -> set[str]:
        """The card files that list an id no card has (and no known id)."""
        listed = set(itertools.chain.from_iterable(map(_targets, self.entries)))
        missing = listed.difference(self.ids, self.known_ids)
        if missing:
            missing -= self.file_ids  # built only when some id is missing
        if not missing:
            return set()  # the usual corpus: one pass of set operations tells
        return {entry.path for entry in self.entries if not missing.isdisjoint(entry.targets)}

    def with_shared_id(self) -> set[str]:
        """The card files whose id another card has too."""
        with_an_id = len(self.entries) - operator.countOf(map(_id, self.entries), None)
        if with_an_id == len(self.ids):
            return set()  # the usual corpus: as many ids as cards that have one
        return {e.path for same in self.by_id.values() if len(same) > 1 for e in same}

    def dangling(self, entry: Entry) -> list[Reference]:
        """The entry's references to ids that are neither a card's nor known, nor a broken
        card's."""
        missing = [i for i, t in enumerate(entry.targets) if not self.exists(t)]
        return [entry.references[i] for i in missing] if missing else []

    def one_way(self, entry: Entry) -> list[Reference]:
        """The entry's references to cards that do not list it back (CL306, and the stats)."""
        if entry.id is None:
            return []
        own, by_id = entry.id, self.by_id
        return [
            r
            for r in entry.references
            if r.target != own
            and (targets := by_id.get(r.target))
            and not any(own in t.targets for t in targets)
        ]

    def is_orphan(self, entry: Entry) -> bool:
        """Whether no other card lists the entry's id (CL307, the stats and the graph). A card
        with no id is not counted: what it lacks is an id (CL101), not a link."""
        if entry.id is None:
            return False
        return all(r.path == entry.path for r in self.referrers.get(entry.id, ()))

    def entry_of(self, card: Card, schema: CardSchema) -> Entry:
        """The card's entry as indexed, or computed when the card is not part of the corpus."""
        return self.by_path.get(card.file) or entry_for(card, schema)

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
                    found.setdefault(plain_key(key), entry.id)
        return found


@functools.lru_cache(maxsize=4096)
def _suggest(index: CorpusIndex, target: str) -> str | None:
    # Every card that lists the same missing id asks the same question; ask difflib once.
    hit = index.squashed.get(plain_key(target))
    if hit is not None or target.isdigit():
        return hit  # a number a digit away from another is another proposal, not a typo
    return did_you_mean(target, [*index.by_id, *index.known_ids])
