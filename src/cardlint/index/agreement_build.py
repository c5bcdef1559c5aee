"""Finding the agreement of a corpus, and rebuilding one the memo kept (see `agreement`):
imported only when there is something to find or to rebuild."""

from __future__ import annotations

from collections.abc import Sequence, Set
from typing import Any

from cardlint.facts.columns import (
    CITES,
    CONCEPTS,
    CREATED,
    INTRODUCED,
    NAMES,
    REFS,
    TIMELINE,
    CorpusFacts,
)
from cardlint.index import agree_concepts, agree_timeline, agree_works, agreement_memo
from cardlint.index.agreement_tables import Tables
from cardlint.index.entry import Entry


def matched(
    entries: Sequence[Entry], encoded: Sequence[str], named: Set[str] | None = None
) -> Tables:
    """The conflicts between the cards of `entries`, whose facts are `encoded`, and whose
    timelines name `named` when that is known (see `CorpusIndex.timeline_keys`)."""
    facts = CorpusFacts([e.path for e in entries], encoded)
    # Each kind's lines and items are let go once no check left reads them: the timeline
    # reads names, concepts, timelines and introduced years; duplicates, concepts and
    # creation dates; the works, citations and references.
    timeline = agree_timeline.clashes(facts, named)
    facts.release(NAMES, TIMELINE, INTRODUCED)
    duplicates = _duplicates(facts, entries)
    facts.release(CONCEPTS, CREATED)
    citations = agree_works.clashes(facts, CITES)
    facts.release(CITES)
    return Tables(timeline, citations, agree_works.clashes(facts, REFS), duplicates)


def _duplicates(
    facts: CorpusFacts, entries: Sequence[Entry]
) -> dict[str, list[agree_concepts.Duplicate]]:
    found: dict[str, list[agree_concepts.Duplicate]] = {}

    def age(index: int) -> tuple[str, str]:
        """The older card sorts first: by creation date, one without last, then path."""
        return _created(facts, index) or "9999-99-99", entries[index].path

    for pair in agree_concepts.pairs(facts):
        first, second = entries[pair.first], entries[pair.second]
        if first.id is not None and first.id == second.id:
            continue  # one id on two cards is CL304's to report
        if first.type != second.type:
            continue  # a model and the paper that made it known may well share a name
        older, newer = sorted((pair.first, pair.second), key=age)
        keys = pair.keys if newer == pair.first else (pair.keys[1], pair.keys[0])
        made = _created(facts, older)
        duplicate = agree_concepts.Duplicate(entries[older].path, keys, pair.exact, made)
        found.setdefault(entries[newer].path, []).append(duplicate)
    return found


def _created(facts: CorpusFacts, index: int) -> str:
    made = facts.of(index, CREATED)
    return made[0] if made else ""


def decoded(found: agreement_memo.Found) -> Tables | None:
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


def _duplicate(value: list[Any]) -> agree_concepts.Duplicate:
    other, (ours, theirs), exact, created = value
    return agree_concepts.Duplicate(other, (ours, theirs), bool(exact), created)
