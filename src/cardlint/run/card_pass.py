"""What one card says on its own: its rules' findings, its index entry and its suppressions.

Everything here depends only on the card's bytes and the run's settings, so it is what the
cache stores and what worker processes compute; cross-card rules run later, on the index.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NamedTuple

from cardlint.facts.suppressions import Directive, Resolve, parse
from cardlint.index.corpus_index import CorpusIndex, Entry, entry_for
from cardlint.load.card import Card
from cardlint.model import Finding, Position
from cardlint.rules import INTERNAL_ERROR, Context, Rule, RuleInfo
from cardlint.schema.card_schema import CardSchema
from cardlint.schema.card_types import DEFAULT, UNKNOWN, CardType, CardTypes


class Noted(NamedTuple):
    """A rule's finding on a card, with the text of the line it points at (for fingerprints)."""

    code: str
    finding: Finding
    line_text: str


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
        _findings(rules, [cards[i] for i in members], context, [noted[i] for i in members])
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


def _findings(
    rules: Sequence[Rule], cards: Sequence[Card], context: Context, noted: Sequence[list[Noted]]
) -> None:
    """Adds every rule's findings on each card to its list in `noted`, as `run_rule` gives
    them, in the rules' order.

    No wrapper per rule call: a card runs some forty rules and nearly never a failing one.
    When a rule raises on a card, its CL000 finding is noted and the next rules run.
    """
    for rule in rules:
        check, code = rule.check, rule.code
        for card, found_on in zip(cards, noted, strict=True):
            try:
                found = list(itertools.islice(check(card, context), MAX_FINDINGS + 1))
            except Exception as error:  # a broken rule must not stop the other rules or cards
                failure = _failure(rule, error)
                line = card.line_text(failure.position.line)
                found_on.append(Noted(INTERNAL_ERROR.code, failure, line))
                continue
            if found:
                if len(found) > MAX_FINDINGS:
                    found[-1] = _more_than(rule, found[-1])
                line_text = card.line_text
                found_on.extend(Noted(code, f, line_text(f.position.line)) for f in found)


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


MAX_FINDINGS = 1000
"""Findings of one rule on one card past which the rest are not shown (nor computed)."""


def run_rule(rule: Rule, card: Card, context: Context) -> list[tuple[str, Finding]]:
    """The rule's findings with its code, or one CL000 finding when the rule raises.

    A megabyte of `#` lines is half a million empty sections: past MAX_FINDINGS, one finding
    says there are more, and the run stays fast and its report readable.
    """
    try:
        found = list(itertools.islice(rule.check(card, context), MAX_FINDINGS + 1))
    except Exception as error:  # a broken rule must not stop the other rules or cards
        return [(INTERNAL_ERROR.code, _failure(rule, error))]
    if len(found) > MAX_FINDINGS:
        found[-1] = _more_than(rule, found[-1])
    return [(rule.code, finding) for finding in found] if found else []


def _failure(rule: Rule, error: Exception) -> Finding:
    return Finding(
        Position(1, 1),
        f"rule {rule.code} ({rule.name}) failed: {type(error).__name__}",
        "please report this as a cardlint bug",
    )


def _more_than(rule: Rule, last: Finding) -> Finding:
    """The finding past MAX_FINDINGS, saying that the rest are not shown."""
    return Finding(
        last.position,
        f"more than {MAX_FINDINGS} findings of {rule.code} in this card; the rest are not shown",
        "fix the ones shown, then check again",
    )
