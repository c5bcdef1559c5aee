"""The corpus as the editing commands see it: every card loaded from bytes they keep.

`fix` and `rename` edit the very bytes the cards were parsed from, and `fix` lints cards it
has edited in memory before anything is written; `new` reads the index for the ids in use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cardlint.errors import UsageError
from cardlint.index.corpus_index import CorpusIndex, entry_for
from cardlint.load.card import Card, card_from_bytes, unreadable
from cardlint.load.read import SourceError, read_bytes
from cardlint.paths import display_path
from cardlint.rules import Context
from cardlint.run.engine import Job
from cardlint.text import quote


@dataclass(frozen=True)
class Corpus:
    cards: dict[Path, Card]
    data: dict[Path, bytes]
    """The bytes each card was parsed from, for the cards that are text."""
    context: Context


def load_corpus(job: Job, edited: Mapping[Path, bytes] | None = None) -> Corpus:
    """The job's cards and index; `edited` gives some cards' bytes instead of the disk."""
    data = dict(edited or {})
    cards: dict[Path, Card] = {}
    for path in map(Path, dict.fromkeys([*job.corpus, *job.targets])):
        if path not in data:
            try:
                data[path] = read_bytes(path, job.max_file_size)
            except SourceError as error:
                cards[path] = unreadable(path, error)
                continue
        cards[path] = card_from_bytes(path, data[path])
        if cards[path].source is None:
            del data[path]  # not text: nothing to edit
    index = CorpusIndex.build(
        (entry_for(cards[Path(p)], job.schema) for p in dict.fromkeys(job.corpus)), job.known_ids
    )
    return Corpus(cards, data, Context(job.schema, index, job.today, job.root))


def require_new_id(corpus: Corpus, new: str) -> None:
    """Refuse an id the schema's id field rejects, or that a card already has."""
    schema = corpus.context.schema
    field = schema.extension.id_field
    rules = schema.properties.get(field, {"type": "string", "minLength": 1})
    if not schema.validator.evolve(schema=rules).is_valid(new):
        described = rules.get("description") if isinstance(rules, dict) else None
        why = f": {described}" if described else ""
        raise UsageError(f"{quote(new)} is not a valid {field}{why}")
    holders = corpus.context.index.by_id.get(new, ())
    if holders:
        where = display_path(holders[0].path, corpus.context.root)
        raise UsageError(f"a card with the id {quote(new)} already exists: {where}")
