"""What a run is to do, settled before any card is read: files, schema, rules, settings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cardlint.facts.suppressions import Resolve
from cardlint.load.discover import matches
from cardlint.model import Severity
from cardlint.rules import RuleInfo
from cardlint.schema.card_schema import CardSchema
from cardlint.schema.card_types import CardTypes


@dataclass(frozen=True)
class Job:
    targets: Sequence[str]
    """The card files to report on (see `load.discover`)."""
    corpus: Sequence[str]
    """The card files the index is built from, each once, every target among them."""
    types: CardTypes
    """Which schema each card is checked against."""
    rules: Sequence[RuleInfo]
    severity: dict[str, Severity]
    today: date
    max_file_size: int
    resolve: Resolve
    known_ids: frozenset[str] = frozenset()
    referrers_of: frozenset[str] = frozenset()
    """Ids whose cards are gone: the cards that still list them are checked too."""
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    cwd: Path = Path()
    root: Path = Path()
    cache_dir: Path | None = None
    cache_key: str = ""
    workers: int = 1

    @property
    def schema(self) -> CardSchema:
        """The default type's schema: every card's, unless the configuration has types."""
        return self.types.default.schema

    def ignored_for(self, relative: str) -> frozenset[str]:
        return frozenset(
            code
            for glob, codes in self.per_file_ignores
            if matches(relative, [glob])
            for code in codes
        )
