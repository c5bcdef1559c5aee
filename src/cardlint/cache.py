"""The result cache: each card's own findings, index entry and suppressions, by content.

One table per run key (cardlint version, schema, settings, rules, today) in
`.cardlint_cache/` (see `cache_file`). A card's record is reused when its stat stamp is
unchanged, or when its bytes hash to the recorded digest. Files are replaced atomically, so
concurrent runs (an editor and a hook) never see half a file; anything unreadable, foreign
or malformed is ignored and rebuilt, never trusted. Cross-card results are never stored:
they are recomputed from the index on every run, so a deleted or renamed card is always
caught.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from cardlint import cache_file
from cardlint.analysis import CardResult
from cardlint.cache_file import COLUMNS
from cardlint.cache_folder import CHECKED
from cardlint.paths import display_file, display_files
from cardlint.record import Again, Record, from_records
from cardlint.source import SourceError, read_bytes

_KEEP_SECONDS = 7 * 24 * 3600


def stamp(stat: os.stat_result) -> str:
    # The change time too: a tool (or an attacker) can edit a file in place and set its
    # modification time back, but the system sets the change time of every edit itself.
    return f"{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_size}:{stat.st_ino}"


class Cache:
    def __init__(self, folder: Path, key: str, root: Path) -> None:
        self.folder = folder
        self.root = root
        self.file = folder / f"{key}.json"
        self.table, self.token, self.changed = cache_file.read(self.file)
        """The table as the last run left it; the token of the table as last written, and
        the cards changed since."""
        self.names: list[str] = []
        """This run's cards, by name, in the order the file will hold them."""
        self.kept: dict[str, tuple[str, int]] = {}
        """Cards whose record is reused: their stamp now and their row in the table (needed,
        and so kept, only when the file is to be written)."""
        self.fresh: dict[str, list[Any]] = {}
        """Cards analysed this run: their new row."""
        self.stale = True
        """Whether the file should be written: anything but a run that changed nothing."""

    def lookup(
        self, paths: Sequence[str], max_size: int, again: Again
    ) -> tuple[dict[str, CardResult], list[str]]:
        """The results of the cards whose records are current, and the cards to analyse.

        Every card with a record is decoded, a column at a time, before its stamp is compared:
        that is faster than picking out the current ones first, and the few stale results
        are then dropped.
        """
        self.names = names = display_files(paths, self.root)
        table = self.table
        if not table["cards"]:
            return {}, list(paths)  # a first run: no record to compare a stamp with
        stamps = _stamps(paths)
        same_cards = names == table["cards"]
        known: Sequence[int] = range(len(paths))  # which of `paths` have a record
        rows: Sequence[int] = known  # and in which row of the table
        columns = [table[column] for column in COLUMNS[3:]]
        if not same_cards:  # cards added, removed or renamed
            where: dict[str, int] = {}
            for index, name in enumerate(table["cards"]):
                where.setdefault(name, index)
            known = [index for index, name in enumerate(names) if name in where]
            rows = [where[names[index]] for index in known]
            columns = [[column[row] for row in rows] for column in columns]
        decoded = from_records(columns, [paths[index] for index in known], again)
        if same_cards and stamps == table["stamps"] and None not in decoded:
            self.stale = False  # nothing changed: the usual run, and one that must be fast
            return dict(zip(paths, cast(list[CardResult], decoded), strict=True)), []
        current = {
            index: (row, result)
            for index, row, result in zip(known, rows, decoded, strict=True)
            if result is not None  # a malformed record is rebuilt, never trusted
        }
        if stamps != table["stamps"]:
            for index, (row, _) in list(current.items()):
                if stamps[index] != table["stamps"][row] and not self._same_bytes(
                    paths[index], row, max_size
                ):
                    del current[index]
        results = {paths[index]: result for index, (_, result) in current.items()}
        self.stale = True
        self.kept = {names[index]: (stamps[index], row) for index, (row, _) in current.items()}
        return results, [path for index, path in enumerate(paths) if index not in current]

    def _same_bytes(self, path: str, row: int, max_size: int) -> bool:
        """Whether a card with a new stat (a checkout, a touch) still has the bytes its record
        was made from: hashing beats analysing again."""
        try:
            now = digest(read_bytes(path, max_size))
        except SourceError:
            return False
        return bool(now == self.table["digests"][row])

    def put(self, path: str, stamp: str, digest: str, values: Record) -> None:
        """Keep the record of a card analysed this run."""
        self.fresh[display_file(path, self.root)] = [stamp, digest, *values]

    def save(self) -> None:
        """Keep what this run saw (records of removed cards drop out) and prune old keys."""
        if not self.stale:
            return  # a warm run that changed nothing need not rewrite the file
        with contextlib.suppress(OSError):
            changed = self.changed | self.fresh.keys()
            changed.update(
                n for n, (now, row) in self.kept.items() if now != self.table["stamps"][row]
            )
            if self.token and self._same_cards() and len(changed) <= cache_file.MAX_CHANGES:
                # The same cards, a few edited: their rows alone, not the whole table again.
                rows = {name: self._row(name) for name in changed}
                cache_file.write_changes(self.file, self.token, rows)
            else:
                cache_file.write_table(self.file, self._columns())
            cutoff = time.time() - _KEEP_SECONDS
            kept = (self.file, cache_file.changes_file(self.file), self.folder / CHECKED)
            for old in self.folder.glob("*.json"):
                if old not in kept and old.stat().st_mtime < cutoff:
                    old.unlink(missing_ok=True)

    def _same_cards(self) -> bool:
        """Whether this run leaves the table's cards in its order, each with a record."""
        cards = self.names
        return cards == self.table["cards"] and len(self.kept) + len(self.fresh) == len(cards)

    def _row(self, name: str) -> list[Any]:
        """What this run leaves of a card it kept or analysed: its row, less its name."""
        if name in self.fresh:
            return self.fresh[name]
        now, row = self.kept[name]
        return [now, *(self.table[column][row] for column in COLUMNS[2:])]

    def _columns(self) -> dict[str, list[Any]]:
        """The table this run leaves: its cards in its order, each with its record."""
        table = self.table
        if self._same_cards():
            # The same cards in the same order (a card or two edited): patch a copy.
            columns = {column: list(values) for column, values in table.items()}
            for now, row in self.kept.values():
                columns["stamps"][row] = now
            position = {name: index for index, name in enumerate(self.names)}
            for name, values in self.fresh.items():
                for column, value in zip(COLUMNS[1:], values, strict=True):
                    columns[column][position[name]] = value
            return columns
        rows = [
            [name, *self._row(name)]
            for name in dict.fromkeys(self.names)
            if name in self.fresh or name in self.kept
        ]
        return {column: [row[index] for row in rows] for index, column in enumerate(COLUMNS)}


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _stamps(paths: Sequence[str]) -> list[str]:
    """Each card's stamp, or "" when it cannot be stat-ed (no record has that stamp).

    Where the system allows, a card is stat-ed by its name within its open folder: the
    kernel then need not walk the whole path again for each of 10,000 cards.
    """
    found = []
    folder, handle = None, -1
    try:
        for path in paths:
            inside, _, name = path.rpartition(os.sep)
            if inside != folder and _BY_FOLDER:
                if handle >= 0:
                    os.close(handle)
                folder, handle = inside, _open_folder(inside or os.sep)
            try:
                found.append(stamp(os.stat(name, dir_fd=handle) if handle >= 0 else os.stat(path)))
            except OSError:
                found.append("")
    finally:
        if handle >= 0:
            os.close(handle)
    return found


_BY_FOLDER = os.stat in os.supports_dir_fd


def _open_folder(folder: str) -> int:
    try:
        return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return -1  # its cards are stat-ed by their whole path, and fail as they will
