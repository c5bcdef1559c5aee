"""Questions cross-card rules ask about a card's references, answered from the index."""

from __future__ import annotations

import re
import unicodedata

from cardlint.card import Card
from cardlint.corpus import CorpusIndex, Entry, entry_for
from cardlint.schema import CardSchema
from cardlint.text import did_you_mean

_NOT_WORD = re.compile(r"[\W_]+")


def own_entry(card: Card, schema: CardSchema, index: CorpusIndex) -> Entry:
    return index.entry(card.path) or entry_for(card, schema)


def _squash(text: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text).casefold())


def suggest_id(target: str, index: CorpusIndex) -> str | None:
    """The card a dangling reference most likely means: same letters, a card name, or close."""
    wanted = _squash(target)
    for entry in index.entries:
        if entry.id is not None and (
            _squash(entry.id) == wanted or any(_squash(n) == wanted for n in entry.names)
        ):
            return entry.id
    return did_you_mean(target, [*index.by_id, *index.known_ids])
