"""Every card's facts at once (see `facts`), as columns of keys.

A card's facts are one string, a line per kind below, items separated by tabs. Joined and
split, 10,000 cards' strings become one list a kind per slice: the questions asked on every
warm run ("is any key held with two values?") are set operations in C, and only a corpus
that has a conflict goes on to find where.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence, Set

NAMES, CONCEPTS, INTRODUCED, TIMELINE, CITES, REFS, CREATED = range(7)
"""NAMES: the concept key of a card's id, unless one of its names gives it; CONCEPTS: those
of its names, with `~skeleton` keys of the Latin ones; INTRODUCED: its years (`2021` or
`2021 2023`); TIMELINE: `key first last` per concept a timeline heading names; CITES: `label
author year` per labelled citation; REFS: `title author year` per references entry;
CREATED: the date the card was made. Keys are `concept_keys.compact`ed: letters, digits and
`#~_-`, which JSON writes as they are (a tab would be an escape, slower to decode)."""
KINDS = 7
FORMAT = "facts-6"
"""Of the encoding: part of the cache key, so that records of another encoding are not read.
Anything that changes what `facts.encode` writes for a card must change it too."""
SEPARATOR = "|"
ITEM = ","
NONE = SEPARATOR * (KINDS - 1)
"""The facts of a card that states none, such as one that cannot be read."""
_BOUNDARY = (SEPARATOR, ITEM)
FEW_KEYS = 64
"""Keys `CorpusFacts.holding` searches for in the text; more are looked up item by item."""


_HEAD = operator.itemgetter(0)


def keys(items: Iterable[str]) -> set[str]:
    """The keys of items (TIMELINE, REFS), each what precedes the item's first space: taken
    in C, with no Python call per item."""
    return set(map(_HEAD, map(str.partition, items, itertools.repeat(" "))))


def timeline_keys(encoded: Sequence[str]) -> set[str]:
    """The concepts the timelines of the cards whose facts are `encoded` name: workers
    gather them for their cards as they go, where the parent would split every timeline
    item of the corpus (see `agree_timeline`)."""
    return CorpusFacts((), encoded).heads(TIMELINE)


def head(item: str) -> str:
    """An item's key: what precedes its first space."""
    return item.partition(" ")[0]


def years(text: str) -> tuple[int, int]:
    """`2021` or `2021 2023` as first and last year."""
    start, _, end = text.partition(" ")
    return int(start), int(end or start)


def span(start: int, end: int) -> str:
    """Years as the facts write them (see `years`)."""
    return str(start) if start == end else f"{start} {end}"


def _kinds(encoded: str) -> list[str]:
    lines = encoded.split(SEPARATOR)
    return lines if len(lines) == KINDS else [""] * KINDS


def _item_end(text: str, start: int) -> int:
    ends = [end for end in (text.find(mark, start) for mark in _BOUNDARY) if end >= 0]
    return min(ends, default=len(text))


class CorpusFacts:
    """The facts of the cards at `paths`, `encoded` in the same order."""

    __slots__ = ("_counts", "lines", "paths")

    def __init__(self, paths: Sequence[str], encoded: Sequence[str]) -> None:
        self.paths = paths
        self.lines = SEPARATOR.join(encoded).split(SEPARATOR) if encoded else []
        if len(self.lines) != KINDS * len(encoded):  # a card's facts not of this encoding
            self.lines = [line for e in encoded for line in _kinds(e)]
        self._counts: dict[int, Counter[str]] = {}

    def column(self, kind: int) -> list[str]:
        """Each card's line of one kind."""
        return self.lines[kind::KINDS]

    def items(self, kind: int) -> Set[str]:
        """Every item of one kind, of every card, once."""
        return self.counts(kind).keys()

    def counts(self, kind: int) -> Counter[str]:
        """How many cards give each item of one kind (a card gives an item once): counted
        in C as fast as a set is built, and where two cards meet is then known at once."""
        found = self._counts.get(kind)
        if found is None:
            found = self._counts[kind] = Counter(ITEM.join(self.column(kind)).split(ITEM))
            del found[""]  # the cards that give none
        return found

    def heads(self, kind: int) -> set[str]:
        """The keys of the items of one kind, of every card (see `keys`), when only they are
        asked for: the items are not counted."""
        found = keys(set(ITEM.join(self.column(kind)).split(ITEM)))
        found.discard("")
        return found

    def release(self, *kinds: int) -> None:
        """Forget the lines and items of `kinds`, which no question asks for again: each kind
        holds up to a few megabytes for 10,000 cards, and a run's memory peaks while the
        agreement is found."""
        cards = len(self.lines) // KINDS
        for kind in kinds:
            self._counts.pop(kind, None)
            self.lines[kind::KINDS] = [""] * cards

    def of(self, index: int, kind: int) -> list[str]:
        """The items of one kind of the card at `index`."""
        line = self.lines[index * KINDS + kind]
        return line.split(ITEM) if line else []

    def holding(
        self, kind: int, keys: Collection[str], key: Callable[[str], str]
    ) -> Iterator[tuple[int, str]]:
        """(card index, item) for each item of one kind whose `key` (its start) is among
        `keys`, in card order: only a corpus with a conflict asks.

        A few keys are searched for in the joined column, and found where an item starts;
        many are looked up item by item."""
        column = self.column(kind)
        if len(keys) > FEW_KEYS:
            for index, line in enumerate(column):
                if line:
                    for item in line.split(ITEM):
                        if key(item) in keys:
                            yield index, item
            return
        text = SEPARATOR.join(column)
        found = set()
        for wanted in keys:
            at = text.find(wanted)
            while at >= 0:
                if at == 0 or text[at - 1] in _BOUNDARY:
                    item = text[at : _item_end(text, at)]
                    if key(item) == wanted:
                        found.add((at, item))
                at = text.find(wanted, at + 1)
        if found:
            # Where each card's line starts in `text`: its length and a separator per line.
            lengths = itertools.accumulate(map(len, column), initial=0)
            starts = list(map(operator.add, lengths, itertools.count()))
            yield from sorted({(bisect.bisect_right(starts, at) - 1, item) for at, item in found})
