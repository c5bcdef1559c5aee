"""Duplicate concepts: two cards whose names have one concept key, or Latin names one small
edit apart (their `~skeleton` keys meet, and `one_edit_apart` confirms)."""

from __future__ import annotations

import itertools
import operator
from collections import defaultdict
from itertools import repeat
from typing import NamedTuple

from cardlint.facts.columns import CONCEPTS, CorpusFacts


class Duplicate(NamedTuple):
    """What CL310 reports on the newer card of a pair (see `agreement_found`)."""

    other: str
    """The older card."""
    keys: tuple[str, str]
    """The concept keys that met, this card's first."""
    exact: bool
    created: str
    """When the older card was made (YYYY-MM-DD), or ""."""


class Pair(NamedTuple):
    first: int
    second: int
    """Card indices, `first < second`."""
    keys: tuple[str, str]
    """The keys that met, the first card's first."""
    exact: bool
    """The same key, rather than one small edit apart."""


def pairs(facts: CorpusFacts) -> list[Pair]:
    counts = facts.counts(CONCEPTS)
    if counts.total() == len(counts):
        return []  # the usual corpus: no key is held twice, told by counting alone
    # Which keys are held twice, told in C: few are, of tens of thousands.
    shared = set(itertools.compress(counts, map(operator.gt, counts.values(), repeat(1))))
    holders: defaultdict[str, list[int]] = defaultdict(list)
    for index, key in facts.holding(CONCEPTS, shared, str):
        holders[key].append(index)
    found: dict[tuple[int, int], Pair] = {}
    # Same keys first: a pair whose names are equal is not also reported as near.
    for key, cards in sorted(holders.items(), key=lambda held: held[0].startswith("~")):
        near = key.startswith("~")
        for at, first in enumerate(cards):
            for second in cards[at + 1 :]:
                if first == second:
                    continue
                met = _near_keys(facts, first, second, key) if near else (key, key)
                if met is not None and (first, second) not in found:
                    found[first, second] = Pair(first, second, met, not near)
    return sorted(found.values())


def _near_keys(facts: CorpusFacts, first: int, second: int, met: str) -> tuple[str, str] | None:
    """The keys of two cards, of the skeleton `met`, that are one small edit apart."""
    # Imported here: only a corpus where two skeletons meet asks, and a warm run is spared it.
    from cardlint.facts.concept_keys import one_edit_apart, skeleton

    ours = [k for k in facts.of(first, CONCEPTS) if f"~{skeleton(k)}" == met]
    theirs = [k for k in facts.of(second, CONCEPTS) if f"~{skeleton(k)}" == met]
    return next(((a, b) for a in ours for b in theirs if one_edit_apart(a, b)), None)
