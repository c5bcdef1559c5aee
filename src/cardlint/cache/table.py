"""The result cache on disk: a table of columns, the rows changed since, and local stamps.

`<key>.json` is the table: one value per card in each column, in the order the run that
wrote it walked the cards:

    cards    the card's name (its path from the project root)
    digests  the SHA-256 of the bytes the record was made from
    ids, labels, targets, own, located, types, spans   the card's record (see `record`),
             `types` written as one string (see `PACKED`)

The record's `facts` column is kept in `<key>.facts.json` (see `facts_column`), read only
when asked for.

Nothing in it depends on the machine or the folder: a record is used for a card of that
name whose bytes have that digest, so the table holds in a fresh checkout too.

Rewriting the table of 10,000 cards because one was edited costs more than the rest of such
a run. So `<key>.changes.json` holds the rows of the cards changed since the table was
written, by name, and names the table it applies to by its check; once it grows past
`MAX_CHANGES` rows, the table is written afresh instead.

`<key>.stamps.json` is this folder's own: each card's stat stamp when its bytes were last
found to have their recorded digest, in the table's order, and the checks of the table and
changes file it was taken against. It is the fast first check of a warm run: one list
comparison for every card. Stamps taken in another folder are never used.

All three are sealed and replaced atomically (see `cache.folder`); a file that is
unreadable, malformed, untrusted or meant for another table is ignored, never trusted.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import Any, NamedTuple

from cardlint.cache import facts_column
from cardlint.cache.facts_column import FactsColumn
from cardlint.cache.folder import Document, pack, read_document, unpack, write_document

FORMAT = "cardlint-cache-9"
CHANGES_FORMAT = "cardlint-cache-changes-4"
STAMPS_FORMAT = "cardlint-cache-stamps-1"
COLUMNS = (
    "cards",
    "digests",
    "ids",
    "labels",
    "targets",
    "own",
    "located",
    "facts",
    "types",
    "spans",
)
FACTS = "facts"
"""The column kept in a file of its own."""
IN_TABLE = tuple(column for column in COLUMNS if column != FACTS)
MAX_CHANGES = 500
PACKED = ("types",)
"""Columns the table file holds as one string (see `folder.pack`)."""

Table = dict[str, list[Any]]


class Loaded(NamedTuple):
    table: Table
    base: str
    """The checks of the table and of the changes applied to it, which stamps are taken
    against; "" for no table."""
    changed: set[str]
    """The cards whose rows came from the changes file."""
    stamps: list[str] | None
    """This folder's stamps of the table's cards, or None when there are none to trust."""
    facts: FactsColumn
    """The table's `facts` column, read when first asked for."""


def changes_file(file: Path) -> Path:
    return file.with_name(f"{file.stem}.changes.json")


def stamps_file(file: Path) -> Path:
    return file.with_name(f"{file.stem}.stamps.json")


def empty() -> Loaded:
    return Loaded({column: [] for column in IN_TABLE}, "", set(), None, FactsColumn(None, "", 0))


def read_local(file: Path) -> Document | None:
    """The stamps of the table in `file` taken in this folder, if any (see `read`)."""
    document = read_document(stamps_file(file), STAMPS_FORMAT)
    return document if document is not None and document.here else None


def read(file: Path, local: Document | None) -> Loaded:
    """The table in `file` with its changes applied, and the `local` stamps if they were
    taken against it."""
    document = read_document(file, FORMAT)
    fields = _unpacked(document.fields) if document else {}
    columns = [fields.get(column) for column in IN_TABLE]
    lists = [c for c in columns if isinstance(c, list)]
    if document is None or len(lists) != len(IN_TABLE) or len(set(map(len, lists))) != 1:
        return empty()
    table = dict(zip(IN_TABLE, lists, strict=True))
    facts = FactsColumn(file, document.check, len(lists[0]))
    changes = read_document(changes_file(file), CHANGES_FORMAT)
    changed = _apply_changes(table, facts, changes, document.check) if changes else set()
    if not _well_typed(table, facts):
        return empty()
    base = _base(document.check, changes.check if changes and changed else "")
    return Loaded(table, base, changed, _stamps(local, base, len(lists[0])), facts)


def write_table(file: Path, table: Table) -> str:
    """Replace the table, every column of `COLUMNS` (which leaves any changes file behind);
    returns the new base."""
    columns = {c: pack(table[c]) if c in PACKED else table[c] for c in IN_TABLE}
    check = write_document(file, FORMAT, columns)
    facts_column.write(file, check, table[FACTS])
    changes_file(file).unlink(missing_ok=True)
    return _base(check, "")


def write_changes(file: Path, base: str, rows: dict[str, list[Any]]) -> str:
    """Replace the changes of the table of `base`: each changed card's row, by name; returns
    the new base."""
    table = base.partition(":")[0]
    check = write_document(changes_file(file), CHANGES_FORMAT, {"base": table, "rows": rows})
    return _base(table, check)


def write_stamps(file: Path, base: str, stamps: list[str]) -> None:
    """Keep this folder's stamps of the table's cards, taken against `base`."""
    write_document(stamps_file(file), STAMPS_FORMAT, {"base": base, "stamps": stamps})


def prune(file: Path, keep: Path) -> None:
    """Remove the files of other keys not written for a week (another day's, another
    schema's), sparing `keep` and every `<key>.*.json` of this table's key (others keep
    what they derive from it there too)."""
    cutoff = time.time() - _KEEP_SECONDS
    for old in file.parent.glob("*.json"):
        ours = old.name.partition(".")[0] == file.stem or old == keep
        if not ours and old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)


_KEEP_SECONDS = 7 * 24 * 3600


def _unpacked(fields: dict[str, Any]) -> dict[str, Any]:
    packed = {c: fields[c] for c in PACKED if isinstance(fields.get(c), str)}
    return {**fields, **{c: unpack(value) for c, value in packed.items()}}


def _base(table: str, changes: str) -> str:
    return f"{table}:{changes}"


def _stamps(document: Document | None, base: str, count: int) -> list[str] | None:
    if document is None or document.fields.get("base") != base:
        return None
    stamps = document.fields.get("stamps")
    if not isinstance(stamps, list) or len(stamps) != count:
        return None
    try:
        "".join(stamps)  # raises TypeError unless every stamp is text
    except TypeError:
        return None
    return stamps if all(stamps) else None


def _apply_changes(table: Table, facts: FactsColumn, document: Document, check: str) -> set[str]:
    """Patch the table with the rows of its changes file; returns the cards patched."""
    rows = document.fields.get("rows")
    if document.fields.get("base") != check or not isinstance(rows, dict) or not rows:
        return set()  # the changes of a table since replaced
    position = {name: index for index, name in enumerate(table["cards"])}
    if not all(name in position and isinstance(row, list) for name, row in rows.items()):
        return set()
    if not all(len(row) == len(COLUMNS) - 1 for row in rows.values()):
        return set()
    for name, row in rows.items():
        for column, value in zip(COLUMNS[1:], row, strict=True):
            (facts if column == FACTS else table[column])[position[name]] = value
    return set(rows)


def _well_typed(table: Table, facts: FactsColumn) -> bool:
    """Whether every value has the type its column holds, checked a column at a time at C
    speed, so that reading a record need not check it again."""
    try:
        for column in ("cards", "digests", "own", "located", "types", "spans"):
            "".join(table[column])  # raises TypeError unless every value is text
        "".join(facts.patched.values())  # the file's own are checked when read
        for column in ("labels", "targets"):
            if not set(map(type, table[column])) <= {list}:
                return False
            "".join(itertools.chain.from_iterable(table[column]))
    except TypeError:
        return False
    return set(map(type, table["ids"])) <= {str, type(None)}
