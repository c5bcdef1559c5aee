"""Timeline against card: a timeline heading that names another card (`### 2020: CLIP`)
with years that do not overlap that card's `introduced`.

A heading naming no card, or a card whose `introduced` cannot be read, is not compared:
the first is not a conflict, the second is the date rules' to report. (A warm run imports
this module: it keeps to plain tuples rather than loading `dates` and its parsers.)
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple

from cardlint.corpus_facts import INTRODUCED, NAMES, TIMELINE, CorpusFacts, head


class TimelineClash(NamedTuple):
    item: str
    """The heading's item, `key start end` (see `facts`)."""
    other: str
    """The card it names."""
    introduced: tuple[int, int]
    """That card's introduced years, first and last."""


def clashes(facts: CorpusFacts) -> dict[str, list[TimelineClash]]:
    named = {head(item) for item in facts.items(TIMELINE)}
    named &= facts.items(NAMES)
    if not named:
        return {}  # the usual corpus: its timelines name no other card
    owners: defaultdict[str, list[int]] = defaultdict(list)
    for index, key in facts.holding(NAMES, named, str):
        owners[key].append(index)
    found: defaultdict[str, list[TimelineClash]] = defaultdict(list)
    for index, item in facts.holding(TIMELINE, named, head):
        key, start, end = item.split(" ")
        for owner in owners[key]:
            years = _years(facts.of(owner, INTRODUCED))
            if owner != index and years and (int(end) < years[0] or years[1] < int(start)):
                found[facts.paths[index]].append(TimelineClash(item, facts.paths[owner], years))
    return dict(found)


def _years(items: list[str]) -> tuple[int, int] | None:
    if not items:
        return None
    start, end = items[0].split(" ")
    return int(start), int(end)
