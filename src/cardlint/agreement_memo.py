"""What the agreement found, kept between runs, so that a warm run reuses it.

Matching every card's facts costs tens of milliseconds at 10,000 cards, a fifth of a warm
run, and its answer depends on nothing but each card's path, id and facts: what the result
cache's table holds, and names by its checks (see `cache.Cache.saved`). It is kept in
`<cache key>.agreement.json` in the cache folder with that name and the project root,
sealed as the cache's own files are (see `cache_folder`), and used only while they match:
any card added, removed, renamed or changed makes the agreement be found again, as does a
file that is missing, foreign or malformed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from cardlint.cache_folder import read_document, write_document

T = TypeVar("T")
FORMAT = "cardlint-agreement-2"
Found = dict[str, dict[str, list[Any]]]
"""Per kind of conflict, the cards it is reported on and what each conflicts with, as JSON
values (see `agreement`)."""

MALFORMED = (TypeError, ValueError, IndexError, KeyError, AttributeError)
"""What rebuilding a table that is not ours raises."""


def load(file: Path, corpus: str) -> Found | None:
    document = read_document(file, FORMAT)
    if document is None or document.fields.get("corpus") != corpus:
        return None
    found = document.fields.get("found")
    return found if isinstance(found, dict) else None


def save(file: Path, corpus: str, found: Found) -> None:
    # A folder that cannot be written only means finding the agreement again next time.
    with contextlib.suppress(OSError):
        write_document(file, FORMAT, {"corpus": corpus, "found": found})


def rebuilt(found: Found, kind: str, make: Callable[[Any], T]) -> dict[str, list[T]]:
    """One kind's table, each clash rebuilt by `make`; raises one of MALFORMED when the
    table is not one `save` wrote."""
    return {_text(path): [make(value) for value in values] for path, values in found[kind].items()}


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value
