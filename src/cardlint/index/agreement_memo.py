"""What the agreement found, kept between runs, so that a warm run reuses it.

Matching every card's facts costs tens of milliseconds at 10,000 cards, a fifth of a warm
run, and its answer depends on nothing but each card's path, id and facts. It is kept in
`<cache key>.agreement.json` in the cache folder, sealed as the cache's own files are (see
`cache_folder`), under two names of what it was found from:

- `corpus`: the base of the result cache's table and the project root (see
  `rules.Context.corpus_key`), which a run that changed nothing knows for free;
- `facts`: the SHA-256 of every card's path, id and facts (`fingerprint`), a few
  milliseconds to compute, asked for when `corpus` differs: an edit of a card's prose
  changes the table, not the facts, and the agreement still holds.

Anything else (a card added, removed, renamed, or changed in what it states; a file that is
missing, foreign or malformed) means finding the agreement again.
"""

from __future__ import annotations

import contextlib
import hashlib
import operator
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from cardlint.cache.folder import read_document, write_document
from cardlint.index.entry import Entry

T = TypeVar("T")
FORMAT = "cardlint-agreement-3"
Found = dict[str, dict[str, list[Any]]]
"""Per kind of conflict, the cards it is reported on and what each conflicts with, as JSON
values (see `agreement`)."""

MALFORMED = (TypeError, ValueError, IndexError, KeyError, AttributeError)
"""What rebuilding a table that is not ours raises."""


class Kept:
    """What the file holds (a plain class: a warm run reads one, and defining a named tuple
    costs it a millisecond)."""

    __slots__ = ("corpus", "facts", "found")

    def __init__(self, corpus: str, facts: str, found: Found) -> None:
        self.corpus = corpus
        self.facts = facts
        self.found = found


def load(file: Path) -> Kept | None:
    document = read_document(file, FORMAT)
    fields = document.fields if document is not None else {}
    corpus, facts, found = fields.get("corpus"), fields.get("facts"), fields.get("found")
    if not (isinstance(corpus, str) and isinstance(facts, str) and isinstance(found, dict)):
        return None
    return Kept(corpus, facts, found)


def save(file: Path, kept: Kept) -> None:
    # A folder that cannot be written only means finding the agreement again next time.
    with contextlib.suppress(OSError):
        fields = {"corpus": kept.corpus, "facts": kept.facts, "found": kept.found}
        write_document(file, FORMAT, fields)


def fingerprint(entries: Sequence[Entry], facts: Sequence[str]) -> str:
    """The SHA-256 of every card's path, id and `facts`."""
    digest = hashlib.sha256()
    for values in (map(_path, entries), (entry.id or "" for entry in entries), facts):
        digest.update("\0".join(values).encode("utf-8", "surrogatepass") + b"\1")
    return digest.hexdigest()


_path = operator.attrgetter("path")


def rebuilt(found: Found, kind: str, make: Callable[[Any], T]) -> dict[str, list[T]]:
    """One kind's table, each clash rebuilt by `make`; raises one of MALFORMED when the
    table is not one `save` wrote."""
    return {_text(path): [make(value) for value in values] for path, values in found[kind].items()}


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value
