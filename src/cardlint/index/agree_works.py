"""One paper, one year: the works cards cite (CITES) or list (REFS), matched across cards.

A work is keyed by its citation's label and first author (`clip radford`), or by its
reference entry's title; its value is the year, or the first author and year. A work held
with two values by different cards is a conflict: the cards of the value most cards give
are right by majority, and the others are reported; when no value has a majority, every
side is reported. Suffixes (`2021a`) are not part of a year: they tell two papers of one
author and year apart, never the same paper's years.
"""

from __future__ import annotations

import operator
from collections import Counter, defaultdict
from collections.abc import Callable, Collection
from typing import NamedTuple

from cardlint.facts.columns import CITES, CorpusFacts, keys

_CITE_KEY: Callable[[str], str] = operator.itemgetter(slice(None, -5))


class Side(NamedTuple):
    value: str
    """The year (CITES), or `author year` (REFS)."""
    paths: tuple[str, ...]
    """The cards that give it, sorted."""


class WorkClash(NamedTuple):
    item: str
    """The reported card's item, as `facts` encodes it."""
    value: str
    others: tuple[Side, ...]
    """The other values and the other cards that give them, most cards first."""
    majority: bool
    """Whether the first of `others` is the majority's (else no value has one)."""


def split(kind: int, item: str) -> tuple[str, str]:
    """An item's work key and its value."""
    if kind == CITES:
        return item[:-5], item[-4:]
    key, _, value = item.partition(" ")
    return key, value


def clashes(facts: CorpusFacts, kind: int) -> dict[str, list[WorkClash]]:
    """The cards on the wrong side of a conflict of one kind, with what they conflict with."""
    items = facts.items(kind)
    if len(_keys(kind, items)) == len(items):
        return {}  # the usual corpus: each work with one value, told by set sizes alone
    counts = Counter(split(kind, item)[0] for item in items)
    disputed = {key for key, n in counts.items() if n > 1}
    sides: defaultdict[str, defaultdict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for index, item in facts.holding(kind, disputed, lambda i: split(kind, i)[0]):
        key, value = split(kind, item)
        sides[key][value].add(facts.paths[index])
    found: defaultdict[str, list[WorkClash]] = defaultdict(list)
    for key, values in sides.items():
        for path, clash in _reported(key, values):
            found[path].append(clash)
    return dict(found)


def _keys(kind: int, items: Collection[str]) -> set[str]:
    """The works `items` are of: a citation's label and author, a reference's title."""
    return set(map(_CITE_KEY, items)) if kind == CITES else keys(items)


def _reported(key: str, values: dict[str, set[str]]) -> list[tuple[str, WorkClash]]:
    ranked = sorted(values.items(), key=lambda side: (-len(side[1]), side[0]))
    majority = len(ranked[1][1]) < len(ranked[0][1])
    losing = ranked[1:] if majority else ranked
    reported = []
    for value, paths in losing:
        for path in sorted(paths):
            others = tuple(
                Side(v, tuple(sorted(p for p in ps if p != path))) for v, ps in ranked if v != value
            )
            others = tuple(side for side in others if side.paths)
            if others:  # a card at odds only with itself is not a conflict between cards
                clash = WorkClash(f"{key} {value}", value, others, majority)
                reported.append((path, clash))
    return reported
