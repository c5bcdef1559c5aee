"""The corpus as the editing commands see it: every card, and the bytes it was parsed from.

`fix` and `rename` edit the very bytes the cards were parsed from, and `fix` lints cards it
has edited in memory before anything is written; `new` reads the index for the ids in use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cardlint.errors import UsageError
from cardlint.load.card import Card
from cardlint.paths import display_path
from cardlint.rules import Context
from cardlint.run.engine import load
from cardlint.run.job import Job
from cardlint.run.workers import Kept
from cardlint.schema.card_schema import CardSchema
from cardlint.text import quote


@dataclass(frozen=True)
class EditableCorpus:
    cards: dict[Path, Card]
    data: dict[Path, bytes]
    """The bytes each card was parsed from, for the cards that are text."""
    context: Context


def load_corpus(job: Job, edited: Mapping[Path, bytes] | None = None) -> EditableCorpus:
    """The job's cards and index, loaded as `check` loads them; `edited` gives some cards'
    bytes instead of the disk's."""
    edited = edited or {}
    kept = Kept({p: edited[Path(p)] for p in job.corpus if Path(p) in edited})
    loaded = load(job, kept)
    cards = {Path(p): kept.cards[p] for p in job.corpus}
    data = {Path(p): kept.data[p] for p in job.corpus if p in kept.data}
    return EditableCorpus(cards, data, loaded.context)


def require_new_id(corpus: EditableCorpus, new: str | int, schema: CardSchema) -> None:
    """Refuse an id the card's schema's id field rejects, or that a card already has (ids
    compared as text: `1559` is taken by `eip: 1559`)."""
    field = schema.extension.id_field
    rules = schema.properties.get(field, {"type": "string", "minLength": 1})
    if not schema.validator.evolve(schema=rules).is_valid(new):
        described = rules.get("description") if isinstance(rules, dict) else None
        why = f": {described}" if described else ""
        raise UsageError(f"{quote(new)} is not a valid {field}{why}")
    holders = corpus.context.index.by_id.get(str(new), ())
    if holders:
        where = display_path(holders[0].path, corpus.context.root)
        raise UsageError(f"a card with the id {quote(new)} already exists: {where}")
