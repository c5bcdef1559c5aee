"""Timeline against card: a timeline heading that names another card (`### 2020: CLIP`)
with years that do not overlap that card's `introduced`.

A heading naming no card, or a card whose `introduced` cannot be read, is not compared:
the first is not a conflict, the second is the date rules' to report. (A warm run imports
this module: it keeps to plain tuples rather than loading `dates` and its parsers.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set
from typing import NamedTuple

from cardlint.facts.columns import (
    CONCEPTS,
    INTRODUCED,
    NAMES,
    TIMELINE,
    CorpusFacts,
    head,
    years,
)


class TimelineClash(NamedTuple):
    item: str
    """The heading's item, `key start end` (see `facts`)."""
    other: str
    """The card it names."""
    introduced: tuple[int, int]
    """That card's introduced years, first and last."""


def clashes(facts: CorpusFacts, named: Set[str] | None = None) -> dict[str, list[TimelineClash]]:
    """The timeline headings whose years miss those of the card they name. `named`: the
    concepts the timelines name, when already known (see `CorpusIndex.timeline_keys`)."""
    # The concepts timelines name (far fewer than the cards) that are some card's: each
    # intersection walks the smaller set, where a union of every card's names would be built.
    if named is None:
        named = facts.heads(TIMELINE)
    named = (named & facts.items(NAMES)) | (named & facts.items(CONCEPTS))
    if not named:
        return {}  # the usual corpus: its timelines name no other card
    owners: defaultdict[str, set[int]] = defaultdict(set)
    for kind in (NAMES, CONCEPTS):
        for index, key in facts.holding(kind, named, str):
            owners[key].add(index)
    found: defaultdict[str, list[TimelineClash]] = defaultdict(list)
    for index, item in facts.holding(TIMELINE, named, head):
        key, _, given = item.partition(" ")
        start, end = years(given)
        for owner in sorted(owners[key]):
            introduced = facts.of(owner, INTRODUCED)
            theirs = years(introduced[0]) if introduced else None
            if owner != index and theirs and (end < theirs[0] or theirs[1] < start):
                found[facts.paths[index]].append(TimelineClash(item, facts.paths[owner], theirs))
    return dict(found)
