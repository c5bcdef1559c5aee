"""What one card says on its own: its rules' findings, its index entry and its suppressions.

Everything here depends only on the card's bytes and the run's settings, so it is what the
cache stores and what worker processes compute; cross-card rules run later, on the index.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from cardlint.facts.suppressions import Directive, Resolve, parse
from cardlint.index.corpus_index import CorpusIndex
from cardlint.index.entry import Entry, entry_for
from cardlint.load.card import Card
from cardlint.rules import Context, Rule, RuleInfo
from cardlint.run.rule_calls import Noted, note_findings
from cardlint.schema.card_schema import CardSchema
from cardlint.schema.card_types import DEFAULT, UNKNOWN, CardType, CardTypes


class CardResult(NamedTuple):
    """Named tuples, as are their parts: a warm run rebuilds 10,000 from the cache."""

    path: str
    """The card file (see `load.discover`)."""
    findings: tuple[Noted, ...]
    entry: Entry
    directives: tuple[Directive, ...]


@dataclass(frozen=True)
class CardPass:
    """The card pass of one run: its settings and rules, inherited by forked worker processes."""

    types: CardTypes
    rules: tuple[RuleInfo, ...]
    today: date
    root: Path
    resolve: Resolve

    @functools.cached_property
    def checks(self) -> tuple[Rule, ...]:
        """The card-local rules, imported when the first card is analysed."""
        return tuple(info.load() for info in self.rules if not info.cross_card)

    @functools.cached_property
    def contexts(self) -> dict[str, Context]:
        """What card-local rules consult, per card type: everything but the corpus's cards,
        which they do not read."""
        index = CorpusIndex(types=self.types)
        return {t.name: Context(t.schema, index, self.today, self.root) for t in self.types.every}

    @functools.cached_property
    def unknown_type_rule(self) -> Rule | None:
        """The rule that reports a card whose type field names no type, when selected."""
        # Imported here: only a card whose type is unknown asks, and most runs have none.
        from cardlint.rules.cl006_unknown_card_type import RULE as UNKNOWN_TYPE

        return next((r for r in self.checks if r.code == UNKNOWN_TYPE.code), None)


def analyse(card: Card, card_pass: CardPass) -> CardResult:
    return analyse_all([card], card_pass)[0]


def analyse_all(cards: Sequence[Card], card_pass: CardPass) -> list[CardResult]:
    """The cards' results. Each rule runs over all the cards before the next, and the facts
    are read a kind at a time (see `encode_all`): with the same few functions running hot, a
    batch of cards costs a third less than card by card (docs/performance.md)."""
    # Imported here: reading facts parses citations and sections, which a warm run never does.
    from cardlint.facts.comparable import encode_all

    types = card_pass.types
    kinds = [types.of(card) for card in cards]
    unknown = [_reported_unknown(kind, card_pass) for kind in kinds]
    noted: list[list[Noted]] = [[] for _ in cards]
    for rules, context, members in _groups(cards, kinds, unknown, card_pass):
        note_findings(rules, [cards[i] for i in members], context, [noted[i] for i in members])
    entries = [
        _typed_entry(card, types, kind, reported)
        for card, kind, reported in zip(cards, kinds, unknown, strict=True)
    ]
    facts = encode_all([(schema, card) for card, (_, schema) in zip(cards, entries, strict=True)])
    resolve = card_pass.resolve
    return [
        CardResult(entry.path, tuple(found), entry._replace(facts=written), parse(card, resolve))
        for card, found, (entry, _), written in zip(cards, noted, entries, facts, strict=True)
    ]


def _reported_unknown(kind: CardType | None, card_pass: CardPass) -> bool:
    return kind is None and card_pass.unknown_type_rule is not None


def _groups(
    cards: Sequence[Card],
    kinds: Sequence[CardType | None],
    unknown: Sequence[bool],
    card_pass: CardPass,
) -> list[tuple[Sequence[Rule], Context, list[int]]]:
    """The cards (by index) that run the same rules in the same context: one group, unless
    the corpus has several card types or a card whose type is unknown (and CL006 reports)."""
    groups: dict[tuple[bool, str], list[int]] = {}
    for index, (card, kind, reported) in enumerate(zip(cards, kinds, unknown, strict=True)):
        known = kind or card_pass.types.by_file(card.file)
        groups.setdefault((reported, known.name), []).append(index)
    found: list[tuple[Sequence[Rule], Context, list[int]]] = []
    for (reported, name), members in groups.items():
        rules: Sequence[Rule] = card_pass.checks
        reporter = card_pass.unknown_type_rule if reported else None  # imports CL006
        if reporter is not None:
            # With its type unknown, which schema the author meant is too: other findings
            # would guess.
            rules = (reporter,)
        found.append((rules, card_pass.contexts[name], members))
    return found


def card_entry(card: Card, types: CardTypes, unknown_reported: bool = True) -> Entry:
    """The card's index entry, of its type. A card whose type field names no type is of
    none while CL006 reports it; otherwise it is of the type its path gives."""
    from cardlint.facts.comparable import encode

    entry, schema = _typed_entry(card, types, types.of(card), unknown_reported)
    return entry._replace(facts=encode(schema, card))


def _typed_entry(
    card: Card, types: CardTypes, kind: CardType | None, unknown_reported: bool
) -> tuple[Entry, CardSchema]:
    """The card's entry, its facts aside, and the schema they are to be read under."""
    if kind is None and unknown_reported:
        return _untyped_entry(card, types)
    known = kind or types.by_file(card.file)
    entry = entry_for(card, known.schema)
    if known.name != DEFAULT:
        entry = entry._replace(type=known.name)
    return entry, known.schema


def _untyped_entry(card: Card, types: CardTypes) -> tuple[Entry, CardSchema]:
    """The index entry of a card whose type is unknown: its id as the first type whose id
    field it writes reads it, so that the cards listing it are not reported for its mistake."""
    kinds = dict.fromkeys((types.by_file(card.file), *types.every))
    entries = [(entry_for(card, t.schema), t.schema) for t in kinds]
    entry, schema = next((found for found in entries if found[0].id is not None), entries[0])
    return entry._replace(type=UNKNOWN), schema
