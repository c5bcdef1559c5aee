"""What the agreement found, kept between runs, so that a warm run reuses it.

Matching every card's facts costs tens of milliseconds at 10,000 cards, a fifth of a warm
run, and its answer depends on nothing but each card's path, id and facts. It is kept in
`<cache key>.agreement.json` in the cache folder with the SHA-256 of those (`fingerprint`),
sealed as the cache's own files are (see `cache_folder`), and used only while the
fingerprint matches: any card added, removed, renamed or changed in what it states makes the
agreement be found again. A file that is missing, foreign or malformed is found again too.
"""

from __future__ import annotations

import contextlib
import hashlib
import operator
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from cardlint.cache_folder import read_document, write_document
from cardlint.corpus import Entry

T = TypeVar("T")
FORMAT = "cardlint-agreement-1"
Found = dict[str, dict[str, list[Any]]]
"""Per kind of conflict, the cards it is reported on and what each conflicts with, as JSON
values (see `agreement`)."""

MALFORMED = (TypeError, ValueError, IndexError, KeyError, AttributeError)
"""What rebuilding a table that is not ours raises."""


def fingerprint(entries: Sequence[Entry]) -> str:
    digest = hashlib.sha256()
    for column in ("path", "id", "facts"):
        values = map(operator.attrgetter(column), entries)
        text = "\0".join(v or "" for v in values) if column == "id" else "\0".join(values)
        digest.update(text.encode("utf-8", "surrogatepass") + b"\1")
    return digest.hexdigest()


def load(file: Path, expected: str) -> Found | None:
    document = read_document(file, FORMAT)
    if document is None or document.fields.get("fingerprint") != expected:
        return None
    found = document.fields.get("found")
    return found if isinstance(found, dict) else None


def save(file: Path, fingerprint: str, found: Found) -> None:
    # A folder that cannot be written only means finding the agreement again next time.
    with contextlib.suppress(OSError):
        write_document(file, FORMAT, {"fingerprint": fingerprint, "found": found})


def rebuilt(found: Found, kind: str, make: Callable[[Any], T]) -> dict[str, list[T]]:
    """One kind's table, each clash rebuilt by `make`; raises one of MALFORMED when the
    table is not one `save` wrote."""
    return {_text(path): [make(value) for value in values] for path, values in found[kind].items()}


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value
