"""A card as the corpus index sees it: its id, names and outgoing references, where it
writes them, and its facts. Made by the card pass from each card, or from the cache's record
of it (see `run.record`); the index (`corpus_index`) holds every card's.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from cardlint.facts.columns import NONE
from cardlint.index.deferred import Deferred
from cardlint.index.references import Item, items_of, position
from cardlint.load.card import Card, per_card
from cardlint.model import Position
from cardlint.schema.card_schema import CardSchema
from cardlint.schema.card_types import DEFAULT
from cardlint.schema.ids import id_text

LATER = "?"
"""The facts of an entry made from the result cache, which are read when first asked for (see
`CorpusIndex.cached_facts`): a run that changed nothing never asks."""
_facts = operator.attrgetter("facts")


class Reference(NamedTuple):
    field: str
    target: str
    position: Position


class Located(NamedTuple):
    """Where a card writes its id and its references, and the text of those lines (the
    fingerprints of cross-card findings are made from it)."""

    id_position: Position | None
    references: tuple[Reference, ...]
    line_texts: Mapping[int, str]


class Entry(NamedTuple):
    """One card as the index sees it.

    A named tuple, with its positions deferred: a warm run rebuilds 10,000 entries from the
    cache and looks up where things are written only on the few cards it reports on.
    """

    path: str
    """The card file (see `load.discover`)."""
    id: str | None
    names: tuple[str, ...]
    targets: tuple[str, ...]
    """The target of each reference, in order; `references` says where each is written."""
    located: Deferred[Located]
    facts: str = NONE
    """What the card states that other cards may contradict, encoded (see `facts.columns`)."""
    type: str = DEFAULT
    """The name of the card's type (see `schema.card_types`)."""
    spans: str = ""
    """How many of `targets` each reference field gave, in the schema's order (`2,0,1`), when
    some field names the card types it takes (CL312 tells its suspects by it); "" otherwise."""

    @property
    def id_position(self) -> Position | None:
        return self.located.get().id_position

    @property
    def references(self) -> tuple[Reference, ...]:
        return self.located.get().references


def facts_of(
    entries: Sequence[Entry], cached: Callable[[Sequence[str]], list[str]] | None
) -> list[str]:
    """Each entry's facts, those of the entries made from the cache (`LATER`) read by
    `cached`."""
    facts = list(map(_facts, entries))
    if LATER not in facts:
        return facts  # every entry made this run, as in a cold run
    if cached is None:
        raise ValueError("entries from the cache, and no cache to read their facts from")
    later = [index for index, found in enumerate(facts) if found == LATER]
    for index, found in zip(later, cached([entries[i].path for i in later]), strict=True):
        facts[index] = found
    return facts


def entry_for(card: Card, schema: CardSchema) -> Entry:
    """What the index needs to know about one card, its facts aside (`NONE`): the card pass
    reads those for many cards at once (see `facts.comparable.encode_all`)."""
    return _entry(schema, card)


@per_card
def _entry(schema: CardSchema, card: Card) -> Entry:
    data = card.data
    ext = schema.extension
    card_id, items = _written_ids(schema, card)
    names = tuple(v for n in ext.name_fields if isinstance(v := data.get(n), str))
    references = [Reference(field, item.target, item.position) for field, item in items]
    id_position = position(card, (ext.id_field,)) if card_id is not None else None
    lines = {r.position.line for r in references}
    if id_position is not None:
        lines.add(id_position.line)
    texts = {line: card.line_text(line) for line in sorted(lines)}
    located = Located(id_position, tuple(references), texts)
    targets = tuple(r.target for r in references)
    spans = ""
    if any(spec.types for spec in ext.reference_fields):
        spans = ",".join(
            str(sum(r.field == s.field for r in references)) for s in ext.reference_fields
        )
    return Entry(card.file, card_id, names, targets, Deferred.ready(located), NONE, DEFAULT, spans)


def _written_ids(schema: CardSchema, card: Card) -> tuple[str | None, list[tuple[str, Item]]]:
    """The card's id, and the items of its reference fields with their fields.

    An id or an item written as a type the schema rejects (`concept_id: 1` where an id is
    text, `related: clip` where a list is due) is none: the schema rule's finding is the one
    message, not a cascade of cross-card findings about a value the author must change anyway.
    Text ids and text in lists, the forms every schema took before ids of any scalar, need no
    look at the schema.
    """
    data = card.data
    ext = schema.extension
    written = data.get(ext.id_field)
    card_id = id_text(written)
    items = [(spec.field, item) for spec in ext.reference_fields for item in items_of(card, spec)]
    if isinstance(written, (str, type(None))) and all(_text_in_list(data, i) for _, i in items):
        return card_id, items
    from cardlint.schema.issues import schema_issues

    rejected = {issue.path for issue in schema_issues(schema, card) if issue.keyword == "type"}
    if (ext.id_field,) in rejected:
        card_id = None
    return card_id, [(field, item) for field, item in items if item.path not in rejected]


def _text_in_list(data: Mapping[str, object], item: Item) -> bool:
    if len(item.path) != 2:
        return False
    listed = data.get(str(item.path[0]))
    return isinstance(listed, list) and isinstance(listed[int(item.path[1])], str)
