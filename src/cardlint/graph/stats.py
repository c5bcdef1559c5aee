"""A summary of the corpus: cards per category and difficulty, references, and problems."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cardlint.graph.concept_graph import CATEGORY_FIELD
from cardlint.graph.snapshot import Snapshot
from cardlint.index.agreement import CONFLICTS, agreement
from cardlint.index.corpus_index import CorpusIndex, Entry
from cardlint.jsonout import dump_json
from cardlint.text import printable

DIFFICULTY_FIELD = "difficulty"
WANTED_SHOWN = 10
"""Wanted ids the text output lists; the JSON has all."""
NONE = "(none)"
"""The group of cards whose field is absent or not a string."""


@dataclass(frozen=True)
class Stats:
    cards: int
    categories: tuple[tuple[str, int], ...]
    """(value, cards), most cards first, then by value; as are `difficulties`."""
    difficulties: tuple[tuple[str, int], ...]
    references: tuple[int, ...]
    """References listed per card, in path order; a reference listed twice counts twice."""
    dangling: int
    """References to ids that are neither a card's nor known (what CL301 counts)."""
    one_way: int
    """References to a card that does not list the referring card back (what CL306 counts)."""
    orphans: int
    """Cards no other card references."""
    wanted: tuple[tuple[str, int], ...]
    """(id, cards) for each id that is listed but neither a card's nor known, most listed
    first, then by id: the cards the corpus asks for."""
    conflicts: tuple[tuple[str, int], ...]
    """(kind, count) of the conflicts between cards reported on these cards (see
    `agreement.CONFLICTS`: what CL308, CL309 and CL310 report)."""
    rules: tuple[tuple[int, str, str, str], ...]
    """(violations, code, rule name, severity) per rule that fired, most violations first."""

    @property
    def median(self) -> float | None:
        return float(statistics.median(self.references)) if self.references else None


def compute(snapshot: Snapshot) -> Stats:
    """The figures of the selected cards; references are judged against the whole corpus."""
    cards = snapshot.selected
    entries = [snapshot.entry(card) for card in cards]
    index = snapshot.index
    return Stats(
        cards=len(cards),
        categories=_count(c.data.get(CATEGORY_FIELD) for c in cards),
        difficulties=_count(c.data.get(DIFFICULTY_FIELD) for c in cards),
        references=tuple(len(e.references) for e in entries),
        dangling=sum(not index.exists(r.target) for e in entries for r in e.references),
        one_way=sum(len(index.one_way(e)) for e in entries),
        orphans=sum(map(index.is_orphan, entries)),
        wanted=_wanted(entries, index),
        conflicts=_conflicts(snapshot, [e.path for e in entries]),
        rules=tuple((n, c, r, s.value) for n, c, r, s in snapshot.report.counts_by_rule()),
    )


def _wanted(entries: Sequence[Entry], index: CorpusIndex) -> tuple[tuple[str, int], ...]:
    listing = Counter(t for e in entries for t in set(e.targets) if not index.exists(t))
    return tuple(sorted(listing.items(), key=lambda item: (-item[1], item[0])))


def _conflicts(snapshot: Snapshot, paths: Sequence[str]) -> tuple[tuple[str, int], ...]:
    found = agreement(snapshot.index, snapshot.schema)
    return tuple((kind, found.count(kind, paths)) for kind in CONFLICTS)


def _count(values: Iterable[object]) -> tuple[tuple[str, int], ...]:
    counts = Counter(v if isinstance(v, str) else NONE for v in values)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def to_json(stats: Stats) -> str:
    refs = stats.references
    return dump_json(
        {
            "version": 1,
            "cards": stats.cards,
            "categories": dict(stats.categories),
            "difficulties": dict(stats.difficulties),
            "references": {
                "total": sum(refs),
                "min": min(refs, default=None),
                "median": stats.median,
                "max": max(refs, default=None),
            },
            "dangling_references": stats.dangling,
            "one_way_references": stats.one_way,
            "orphans": stats.orphans,
            "wanted_cards": [{"id": i, "cards": n} for i, n in stats.wanted],
            "conflicts": dict(stats.conflicts),
            "violations": [
                {"code": code, "rule": rule, "severity": severity, "count": count}
                for count, code, rule, severity in stats.rules
            ],
        }
    )


def to_text(stats: Stats) -> str:
    refs = stats.references
    median = "-" if stats.median is None else f"{stats.median:g}"
    lines: list[tuple[str, object]] = [("Cards", stats.cards), ("By category", "")]
    lines += [(f"  {printable(value)}", count) for value, count in stats.categories]
    lines.append(("By difficulty", ""))
    lines += [(f"  {printable(value)}", count) for value, count in stats.difficulties]
    lines += [
        ("References per card", ""),
        ("  total", sum(refs)),
        ("  min", min(refs, default="-")),
        ("  median", median),
        ("  max", max(refs, default="-")),
        ("Dangling references", stats.dangling),
        ("One-way references", stats.one_way),
        ("Orphans", stats.orphans),
        ("Wanted cards", len(stats.wanted)),
        *((f"  {printable(i)}", n) for i, n in stats.wanted[:WANTED_SHOWN]),
        *([("  ...", "")] if len(stats.wanted) > WANTED_SHOWN else []),
        ("Conflicts", sum(n for _, n in stats.conflicts)),
        *((f"  {kind}", n) for kind, n in stats.conflicts),
        ("Violations", sum(count for count, *_ in stats.rules)),
    ]
    lines += [(f"  {code} {rule}", count) for count, code, rule, _ in stats.rules]
    label_width = max(len(label) for label, _ in lines) + 2
    value_width = max(len(str(value)) for _, value in lines)
    return "".join(
        f"{label:<{label_width}}{value!s:>{value_width}}".rstrip() + "\n" for label, value in lines
    )
