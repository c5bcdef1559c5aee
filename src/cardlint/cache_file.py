"""The result cache on disk: a table of columns, and the rows changed since it was written.

`<key>.json` is the table: one value per card in each column, in the order the run that
wrote it walked the cards, so that a warm run compares every card's stamp in two list
comparisons:

    cards    the card's name (its path from the project root)
    stamps   "mtime_ns:ctime_ns:size:inode" of the bytes the record was made from
    digests  their BLAKE2b digest
    ids, labels, targets, own, located   the card's record (see `record`)

Rewriting the table of 10,000 cards because one was edited costs more than the rest of such
a run. So `<key>.changes.json` holds the rows of the cards changed since the table was
written, by name, and names the table it applies to; once it grows past `MAX_CHANGES` rows,
the table is written afresh instead. Both files are replaced atomically; a file that is
unreadable, foreign, malformed or meant for another table is ignored, never trusted.
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import Any

from cardlint.cache_folder import read_document, write_document

FORMAT = "cardlint-cache-3"
CHANGES_FORMAT = "cardlint-cache-changes-1"
COLUMNS = ("cards", "stamps", "digests", "ids", "labels", "targets", "own", "located")
MAX_CHANGES = 500

Table = dict[str, list[Any]]


def changes_file(file: Path) -> Path:
    return file.with_name(f"{file.stem}.changes.json")


def read(file: Path) -> tuple[Table, str | None, set[str]]:
    """The table in `file` with its changes applied, the token naming the table as written,
    and the names of the cards whose rows came from the changes file."""
    document = read_document(file, FORMAT)
    columns = [document.get(column) for column in COLUMNS]
    lists = [c for c in columns if isinstance(c, list)]
    if len(lists) != len(COLUMNS) or any(len(c) != len(lists[0]) for c in lists):
        return _empty(), None, set()
    table = dict(zip(COLUMNS, lists, strict=True))
    token = document.get("written")
    changed = _apply_changes(table, changes_file(file), token) if isinstance(token, str) else set()
    if not _well_typed(table):
        return _empty(), None, set()
    return table, token if isinstance(token, str) else None, changed


def write_table(file: Path, table: Table) -> None:
    """Replace the table, under a new token (which leaves any changes file behind)."""
    write_document(file, FORMAT, {"written": os.urandom(8).hex(), **table})
    changes_file(file).unlink(missing_ok=True)


def write_changes(file: Path, token: str, rows: dict[str, list[Any]]) -> None:
    """Replace the changes of the table named `token`: each changed card's row, by name."""
    write_document(changes_file(file), CHANGES_FORMAT, {"base": token, "rows": rows})


def _empty() -> Table:
    return {column: [] for column in COLUMNS}


def _apply_changes(table: Table, file: Path, token: str) -> set[str]:
    """Patch the table with the rows of its changes file; returns the cards patched."""
    document = read_document(file, CHANGES_FORMAT)
    rows = document.get("rows")
    if document.get("base") != token or not isinstance(rows, dict) or not rows:
        return set()  # none, or the changes of a table since replaced
    position = {name: index for index, name in enumerate(table["cards"])}
    if not all(name in position and isinstance(row, list) for name, row in rows.items()):
        return set()
    if not all(len(row) == len(COLUMNS) - 1 for row in rows.values()):
        return set()
    for name, row in rows.items():
        for column, value in zip(COLUMNS[1:], row, strict=True):
            table[column][position[name]] = value
    return set(rows)


def _well_typed(table: Table) -> bool:
    """Whether every value has the type its column holds, checked a column at a time at C
    speed, so that reading a record need not check it again."""
    try:
        for column in ("cards", "stamps", "digests", "own", "located"):
            "".join(table[column])  # raises TypeError unless every value is text
        for column in ("labels", "targets"):
            if not set(map(type, table[column])) <= {list}:
                return False
            "".join(itertools.chain.from_iterable(table[column]))
    except TypeError:
        return False
    return all(table["stamps"]) and set(map(type, table["ids"])) <= {str, type(None)}
