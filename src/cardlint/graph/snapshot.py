"""The whole corpus at once: its cards, its index and a check report, for whole-corpus views.

`graph` and `stats` need the loaded cards and the index as well as the report: one
`engine.run`, keeping the cards, gives all three. The corpus, and the cards that paths name,
are found exactly as `cardlint check` finds them, via `app.build_job`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cardlint.app import build_job
from cardlint.index.corpus_index import CorpusIndex
from cardlint.index.entry import Entry
from cardlint.load.card import Card
from cardlint.model import Report
from cardlint.paths import display_path
from cardlint.run.engine import run
from cardlint.run.workers import Kept
from cardlint.schema.card_schema import CardSchema
from cardlint.schema.card_types import UNKNOWN
from cardlint.settings.request import CheckRequest


@dataclass(frozen=True, eq=False)
class Snapshot:
    cards: tuple[Card, ...]
    """Every card of the corpus, sorted by path."""
    selected: tuple[Card, ...]
    """The cards the request's paths name (every card without paths), sorted by path: the
    ones the report covers. The others are there so that references to them resolve."""
    index: CorpusIndex
    schema: CardSchema
    report: Report
    """The check of every card, with the rules the configuration selects."""
    cwd: Path

    def entry(self, card: Card) -> Entry:
        return self.index.entry_of(card, self.schema)

    def schema_of(self, card: Card) -> CardSchema:
        """The schema of the card's type."""
        return self.index.schema_of(card.file, self.schema)

    def type_of(self, card: Card) -> str | None:
        """The name of the card's type, when the corpus has several."""
        types = self.index.types
        if types is None or not types.several:
            return None
        name = self.entry(card).type
        if name == UNKNOWN:
            return "unknown type"  # its type field names no type: CL006
        return name if name in types.names else "default type"

    @property
    def group_fields(self) -> list[str]:
        """The group fields of every card type's schema, in order."""
        types = self.index.types
        schemas = [t.schema for t in types.every] if types is not None else [self.schema]
        return list(dict.fromkeys(f for s in schemas for f in s.extension.group_fields))

    def shown(self, path: str | Path) -> str:
        """The path as the report shows it, so violations can be matched to cards."""
        return display_path(path, self.cwd)

    def shown_selected(self) -> frozenset[str]:
        return frozenset(self.shown(card.path) for card in self.selected)


def take_snapshot(request: CheckRequest) -> Snapshot:
    """Raises `UsageError` for configuration and schema problems, as `check` does."""
    job = build_job(request)
    kept = Kept()
    done = run(job, kept)
    cards = tuple(sorted(kept.cards.values(), key=lambda c: str(c.path)))
    targets = set(job.targets)
    selected = tuple(c for c in cards if str(c.path) in targets)
    return Snapshot(cards, selected, done.loaded.context.index, job.schema, done.report, job.cwd)
