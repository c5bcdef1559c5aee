"""The concept graph: cards as nodes, references as edges, dangling targets as missing nodes.

Built from a `Snapshot`, so it sees the corpus exactly as `cardlint check` does. The graph is
plain frozen data; `graph.render` turns it into Mermaid, DOT, JSON or an HTML page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from cardlint.graph.snapshot import Snapshot
from cardlint.index.agreement import agreement
from cardlint.index.entry import Entry
from cardlint.model import Violation
from cardlint.text import quote


class GraphError(Exception):
    """A request the graph cannot answer, such as the neighbourhood of an unknown id."""


@dataclass(frozen=True)
class Node:
    id: str
    """Unique in the graph: the card's id; a card with no id, or with an id other cards share,
    is keyed by its path instead. For a missing node, the id that was referenced."""
    path: str | None
    """As `cardlint check` shows it; None for a missing node."""
    names: tuple[tuple[str, str], ...]
    """(field, value) for each of the schema's name fields the card fills, in schema order."""
    group: str | None
    """The card's value of the graph's group field, when it is text."""
    orphan: bool
    """No other card references this card."""
    missing: bool
    """No card has this id: a dangling reference, or an id listed under `known-ids`."""
    violations: tuple[Violation, ...]
    conflicts: tuple[str, ...] = ()
    """The kinds of conflict with other cards reported on this card (`agreement.CONFLICTS`)."""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    field: str
    dangling: bool
    """The target is neither a card's id nor a known id (what CL301 reports)."""


@dataclass(frozen=True)
class Graph:
    nodes: tuple[Node, ...]
    """Cards first, then missing nodes, each sorted by id."""
    edges: tuple[Edge, ...]
    """Sorted by source, target and field; a reference listed twice is one edge."""
    group_field: str | None = None
    """The field nodes are grouped (coloured, filtered) by: the schema's first group field;
    None when the schema names none."""

    @property
    def groups(self) -> tuple[str, ...]:
        return tuple(sorted({n.group for n in self.nodes if n.group is not None}))

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)

    def part(
        self,
        around: str | None = None,
        depth: int | None = None,
        group: str | None = None,
        paths: Collection[str] | None = None,
    ) -> Graph:
        """The part of the graph `cardlint graph` is asked for: the nodes within `depth` hops
        (1 by default) of the card `around`, of those the cards in `group`, of those the
        cards at `paths` (as shown), or all."""
        shown = self if around is None else self.around(around, 1 if depth is None else depth)
        if group is not None:
            if self.group_field is None:
                raise GraphError(
                    "--category needs a field to group cards by, and the schema's "
                    "x-cardlint.group_fields is empty"
                )
            if group not in self.groups:
                known = ", ".join(quote(g) for g in self.groups) or "none"
                raise GraphError(
                    f"no card has the {self.group_field} {quote(group)} (known: {known})"
                )
            shown = shown.in_group(group)
        return shown if paths is None else shown.at_paths(paths)

    def around(self, node_id: str, depth: int) -> Graph:
        """The nodes within `depth` hops of `node_id`, following edges both ways."""
        if self.node(node_id) is None:
            raise GraphError(f"no card has the id {quote(node_id)}")
        neighbours: defaultdict[str, set[str]] = defaultdict(set)
        for edge in self.edges:
            neighbours[edge.source].add(edge.target)
            neighbours[edge.target].add(edge.source)
        reached = {node_id}
        frontier = {node_id}
        for _ in range(depth):
            frontier = {n for f in frontier for n in neighbours[f]} - reached
            reached |= frontier
        return self._keep(reached)

    def in_group(self, group: str) -> Graph:
        """The cards of one group, the edges between them and their dangling references.

        Orphan marks still describe the whole corpus: a card referenced only from another
        group is not an orphan.
        """
        return self._with_missing({n.id for n in self.nodes if n.group == group and not n.missing})

    def at_paths(self, paths: Collection[str]) -> Graph:
        """The cards at `paths` (as shown): kept as `in_group` keeps a group's cards."""
        return self._with_missing({n.id for n in self.nodes if n.path in paths})

    def _with_missing(self, cards: set[str]) -> Graph:
        missing = {n.id for n in self.nodes if n.missing}
        return self._keep(cards | ({e.target for e in self.edges if e.source in cards} & missing))

    def _keep(self, ids: set[str]) -> Graph:
        return Graph(
            tuple(n for n in self.nodes if n.id in ids),
            tuple(e for e in self.edges if e.source in ids and e.target in ids),
            self.group_field,
        )


def build_graph(snapshot: Snapshot) -> Graph:
    index = snapshot.index
    keys = _card_keys(snapshot)
    taken = set(keys.values())
    missing: dict[str, str] = {}
    edges: set[Edge] = set()
    for card in snapshot.cards:
        entry = snapshot.entry(card)
        for reference in entry.references:
            found = index.by_id.get(reference.target, ())
            if found:
                # An id several cards share points at all of them, as CL304 reports it.
                targets = [keys[e.path] for e in found]
            else:
                if reference.target not in missing:
                    missing[reference.target] = _free(reference.target, taken)
                targets = [missing[reference.target]]
            dangling = not index.exists(reference.target)
            edges.update(Edge(keys[entry.path], t, reference.field, dangling) for t in targets)
    violations = _by_path(snapshot.report.violations)
    several = any(snapshot.type_of(card) for card in snapshot.cards)
    # Several card types: the type is what tells cards apart first.
    group_field = "type" if several else next(iter(snapshot.group_fields), None)
    agreeing = agreement(index)
    cards = []
    for card in snapshot.cards:
        entry = snapshot.entry(card)
        own = keys[entry.path]
        shown = snapshot.shown(card.path)
        data = card.data
        group = data.get(group_field) if group_field is not None else None
        if several:
            group = snapshot.type_of(card)
        name_fields = snapshot.schema_of(card).extension.name_fields
        cards.append(
            Node(
                id=own,
                path=shown,
                names=tuple((f, v) for f in name_fields if isinstance(v := data.get(f), str)),
                group=group if isinstance(group, str) else None,
                orphan=index.is_orphan(entry),
                missing=False,
                violations=violations.get(shown, ()),
                conflicts=agreeing.conflicts(entry.path),
            )
        )
    absent = [Node(key, None, (), None, False, True, ()) for key in missing.values()]
    return Graph(
        tuple(sorted(cards, key=lambda n: n.id)) + tuple(sorted(absent, key=lambda n: n.id)),
        tuple(sorted(edges, key=lambda e: (e.source, e.target, e.field))),
        group_field,
    )


def _card_keys(snapshot: Snapshot) -> dict[str, str]:
    by_id = snapshot.index.by_id
    entries = [snapshot.entry(card) for card in snapshot.cards]

    def own_id(entry: Entry) -> str | None:
        return entry.id if entry.id is not None and len(by_id[entry.id]) == 1 else None

    # Cards with an id of their own are keyed first, so a path can never take a real id.
    ordered = sorted(entries, key=lambda e: (own_id(e) is None, e.path))
    taken: set[str] = set()
    keys = {}
    for entry in ordered:
        own = own_id(entry)
        keys[entry.path] = _free(snapshot.shown(entry.path) if own is None else own, taken)
    return keys


def _free(wanted: str, taken: set[str]) -> str:
    """`wanted`, or `wanted#2`, `wanted#3`... when a node already has that id."""
    key, number = wanted, 1
    while key in taken:
        number += 1
        key = f"{wanted}#{number}"
    taken.add(key)
    return key


def _by_path(violations: Iterable[Violation]) -> dict[str, tuple[Violation, ...]]:
    grouped: defaultdict[str, list[Violation]] = defaultdict(list)
    for violation in violations:
        grouped[violation.path].append(violation)
    return {path: tuple(found) for path, found in grouped.items()}
