"""A summary of the corpus: cards per value of the schema's group fields, references, and
problems."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cardlint.errors import UsageError
from cardlint.graph.snapshot import Snapshot
from cardlint.index.agreement import CONFLICTS, agreement
from cardlint.index.corpus_index import CorpusIndex
from cardlint.index.entry import Entry
from cardlint.jsonout import dump_json
from cardlint.load.card import Card
from cardlint.text import printable, quote

WANTED_SHOWN = 10
"""Wanted ids the text output lists; the JSON has all."""
NONE = "(none)"
"""The group of cards whose field is absent or not a string."""


@dataclass(frozen=True)
class Stats:
    cards: int
    groups: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    """(field, its table) for each of the schema's group fields that some card fills, in the
    schema's order; a table is (value, cards), most cards first, then by value."""
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
        groups=_type_group(snapshot) + _groups(snapshot.group_fields, cards),
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
    found = agreement(snapshot.index)
    return tuple((kind, found.count(kind, paths)) for kind in CONFLICTS)


def _groups(
    fields: Sequence[str], cards: Sequence[Card]
) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    tables = ((f, _count(c.data.get(f) for c in cards)) for f in fields)
    # A field no card fills would be one "(none)" row: no table says it better.
    return tuple((f, table) for f, table in tables if [value for value, _ in table] != [NONE])


def _type_group(snapshot: Snapshot) -> tuple[tuple[str, tuple[tuple[str, int], ...]], ...]:
    """Cards per card type, when the corpus has several."""
    kinds = [snapshot.type_of(card) for card in snapshot.selected]
    return (("type", _count(kinds)),) if any(kinds) else ()


def _count(values: Iterable[object]) -> tuple[tuple[str, int], ...]:
    counts = Counter(v if isinstance(v, str) else NONE for v in values)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def table_key(field: str) -> str:
    """The JSON key of a field's table: the field's English plural, as `categories` and
    `difficulties` were named before the schema chose the fields."""
    if field.endswith("y") and field[-2:-1] not in ("", *"aeiou"):
        return field[:-1] + "ies"
    return field + ("es" if field.endswith(("s", "x", "z", "ch", "sh")) else "s")


def to_json(stats: Stats) -> str:
    refs = stats.references
    tables = {table_key(field): dict(table) for field, table in stats.groups}
    figures = {
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
    _check_keys([field for field, _ in stats.groups], {"version", "cards", *figures})
    return dump_json({"version": 1, "cards": stats.cards, **tables, **figures})


def _check_keys(fields: Sequence[str], taken: set[str]) -> None:
    """Two figures under one JSON key would lose one of them: say so, exit 2."""
    for field in fields:
        key = table_key(field)
        if key in taken:
            raise UsageError(
                f"x-cardlint.group_fields: the table of {quote(field)} would take the JSON key "
                f"{quote(key)}, which `stats` already uses: group by another field"
            )
        taken.add(key)


def to_text(stats: Stats) -> str:
    refs = stats.references
    median = "-" if stats.median is None else f"{stats.median:g}"
    lines: list[tuple[str, object]] = [("Cards", stats.cards)]
    for field, table in stats.groups:
        lines.append((f"By {printable(field)}", ""))
        lines += [(f"  {printable(value)}", count) for value, count in table]
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
