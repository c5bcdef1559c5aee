"""The table's `facts` column, kept in a file of its own and read only when asked.

A warm run that changed nothing never needs the cards' facts: what the agreement found from
them is kept beside the table (see `index.agreement_memo`). Read with the table, the column
(2.5 of 6.6 MB at 10,000 cards) cost every such run about 9 ms to check, decode and split.
`<key>.facts.json` holds it instead, naming the table it belongs to by the table's check, and
is read the first time a card's facts are asked for: by a run whose cards' facts changed, or
one that writes the table afresh.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from cardlint.cache.folder import pack, read_document, unpack, write_document

FORMAT = "cardlint-cache-facts-1"


class LostFacts(Exception):
    """The facts file is missing, damaged, untrusted or another table's."""


def facts_file(table: Path) -> Path:
    return table.with_name(f"{table.stem}.facts.json")


def write(table: Path, check: str, facts: Sequence[str]) -> None:
    """Keep the facts of the table just written with `check`, one value per row."""
    write_document(facts_file(table), FORMAT, {"table": check, "facts": pack(facts)})


class FactsColumn:
    """The facts of a table's rows: read from the table's facts file on first use; the rows
    patched since (by its changes file) are kept apart and need no read."""

    __slots__ = ("_read", "check", "count", "patched", "table")

    def __init__(self, table: Path | None, check: str, count: int) -> None:
        self.table = table
        """The table file; None: no table, and no facts to read."""
        self.check = check
        """The check of the table the facts must belong to."""
        self.count = count
        self.patched: dict[int, str] = {}
        self._read: list[str] | None = None

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, row: int) -> str:
        patched = self.patched.get(row)
        return patched if patched is not None else self._values()[row]

    def __setitem__(self, row: int, value: str) -> None:
        self.patched[row] = value

    def __iter__(self) -> Iterator[str]:
        return iter(self.at(range(self.count)))

    def at(self, rows: Sequence[int]) -> list[str]:
        """The facts of many rows at once, not a method call per row; the file is read only
        when some row is not patched."""
        patched = list(map(self.patched.get, rows))
        values = self._values() if None in patched else []
        pairs = zip(rows, patched, strict=True)
        return [values[row] if value is None else value for row, value in pairs]

    def _values(self) -> list[str]:
        """The file's facts; raises `LostFacts` when it holds none of this table's."""
        if self._read is None:
            if self.table is None:
                raise LostFacts("no table")
            document = read_document(facts_file(self.table), FORMAT)
            fields = document.fields if document is not None else {}
            packed = fields.get("facts")
            if fields.get("table") != self.check or not isinstance(packed, str):
                raise LostFacts(str(facts_file(self.table)))
            values = unpack(packed)
            if len(values) != self.count:
                raise LostFacts(str(facts_file(self.table)))
            self._read = values
        return self._read
