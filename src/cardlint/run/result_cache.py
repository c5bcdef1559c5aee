"""The result cache: each card's own findings, index entry and suppressions, by content.

One table per run key (cardlint version, schema, rules, today, size limit) in
`.cardlint_cache/` (see `cache.table`). A card's record is used when the card has the name
and the bytes (their digest) it was made from; a stat stamp this folder took when it last
saw those bytes saves reading them again. Nothing else ties a record to a folder or a
machine, so a cache restored into a fresh checkout makes its run a warm one, less the
hashing. Files are replaced atomically, so concurrent runs (an editor and a hook) never see
half a file; anything unreadable, untrusted or malformed is ignored and rebuilt, never
trusted. Cross-card results are never stored: they are recomputed from the index on every
run, so a deleted or renamed card is always caught.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from cardlint.cache import table
from cardlint.cache.facts_column import LostFacts
from cardlint.cache.folder import CHECKED
from cardlint.cache.stamps import Reading, fingerprints, stamps
from cardlint.cache.table import COLUMNS, FACTS
from cardlint.index.entry import LATER
from cardlint.paths import display_file, display_files
from cardlint.run.card_pass import CardResult
from cardlint.run.record import Again, Record, from_records


class Cache:
    def __init__(self, folder: Path, key: str, root: Path) -> None:
        self.folder = folder
        self.root = root
        self.file = folder / f"{key}.json"
        self.table, self.base, self.changed, self.stamps, self.facts = table.empty()
        """The table as the last run left it, what it was read from, the cards changed
        since it was written, this folder's stamps of its cards (None: none to use) and
        the table's facts column; read by `lookup`."""
        self.placed: tuple[Sequence[str], Sequence[int]] = ((), ())
        """The cards whose results came from their records, and the row of each: their facts
        are read from there when asked for (see `facts_of`)."""
        self.again: Again | None = None
        """Analyses a card afresh (see `lookup`)."""
        self.names: list[str] = []
        """This run's cards, by name, in the order the file will hold them."""
        self.kept: dict[str, int] = {}
        """Cards whose record is reused, and their row in the table."""
        self.fresh: dict[str, list[Any]] = {}
        """Cards analysed this run: their new row."""
        self.now: dict[str, str] = {}
        """The stamp of each card kept or analysed this run."""
        self.stale = True
        """Whether the files should be written: anything but a run that changed nothing."""
        self.saved = ""
        """The base of the table as `save` left it: what names this run's records, cards and
        order (see `cache.table`); "" when they could not be written."""

    def lookup(
        self, paths: Sequence[str], max_size: int, again: Again, workers: int = 1
    ) -> tuple[dict[str, CardResult], list[str]]:
        """The results of the cards whose records are current, and the cards to analyse.

        Every card with a record is decoded, a column at a time, before it is checked: that
        is faster than picking out the current ones first, and the few stale results are
        then dropped.
        """
        local = table.read_local(self.file)
        ahead = None
        if local is None and self.file.exists():  # a table with no stamps taken here
            ahead = Reading.start(paths, max_size, workers)
        self.again = again
        try:
            self.table, self.base, self.changed, self.stamps, self.facts = table.read(
                self.file, local
            )
            return self._lookup(paths, max_size, again, ahead)
        finally:
            if ahead is not None:
                ahead.result()  # no child left behind

    def _lookup(
        self, paths: Sequence[str], max_size: int, again: Again, ahead: Reading | None
    ) -> tuple[dict[str, CardResult], list[str]]:
        self.names = names = display_files(paths, self.root)
        table = self.table
        if not table["cards"]:
            return {}, list(paths)  # a first run: no record to compare with
        # Stamps from another folder vouch for nothing: every card will be read anyway.
        now = stamps(paths) if self.stamps is not None else None
        same_cards = names == table["cards"]
        known: Sequence[int] = range(len(paths))  # which of `paths` have a record
        rows: Sequence[int] = known  # and in which row of the table
        # Facts are read when asked for (`facts_of`), which a run that changed nothing never is.
        later = [LATER] * len(table["cards"])
        columns = [later if column == FACTS else table[column] for column in COLUMNS[2:]]
        if not same_cards:  # cards added, removed or renamed
            where: dict[str, int] = {}
            for index, name in enumerate(table["cards"]):
                where.setdefault(name, index)
            known = [index for index, name in enumerate(names) if name in where]
            rows = [where[names[index]] for index in known]
            columns = [[column[row] for row in rows] for column in columns]
        decoded = from_records(columns, [paths[index] for index in known], again)
        if same_cards and now is not None and now == self.stamps and None not in decoded:
            self.stale = False  # nothing changed: the usual run, and one that must be fast
            self.placed = (paths, range(len(paths)))
            return dict(zip(paths, cast(list[CardResult], decoded), strict=True)), []
        current = {
            index: row
            for index, row, result in zip(known, rows, decoded, strict=True)
            if result is not None  # a malformed record is rebuilt, never trusted
        }
        self.now = self._confirm(current, paths, now, max_size, ahead)
        results = {
            paths[index]: cast(CardResult, decoded[position])
            for position, index in enumerate(known)
            if index in current
        }
        self.kept = {names[index]: row for index, row in current.items()}
        self.placed = ([paths[index] for index in current], list(current.values()))
        return results, [path for index, path in enumerate(paths) if index not in current]

    def _confirm(
        self,
        current: dict[int, int],
        paths: Sequence[str],
        now: list[str] | None,
        max_size: int,
        ahead: Reading | None,
    ) -> dict[str, str]:
        """Leave in `current` the cards whose bytes are still those of their record, and
        return the stamp of each by name.

        A stamp this folder took says so; otherwise (a checkout, a touch, a cache from
        elsewhere) the card is read, and its digest decides. Hashing beats analysing again.
        """
        vouched, recorded, names = self.stamps, self.table["digests"], self.names
        confirmed = {}
        unsure = []
        for index, row in current.items():
            if now is not None and vouched is not None and now[index] == vouched[row]:
                confirmed[names[index]] = now[index]
            else:
                unsure.append((index, row))
        if ahead is not None:
            everyone = ahead.result()
            found = [everyone[index] for index, _ in unsure]
        else:
            found = fingerprints([paths[index] for index, _ in unsure], max_size)
        for (index, row), print_ in zip(unsure, found, strict=True):
            if print_ is not None and print_[1] == recorded[row]:
                confirmed[names[index]] = print_[0]
            else:
                del current[index]
        return confirmed

    def facts_of(self, paths: Sequence[str]) -> list[str]:
        """The facts of cards whose results came from their records (`entry.LATER`).

        Should the facts file be lost or damaged, the cards are analysed again, and the
        table, which can no longer be completed, is dropped for the next run to rebuild.
        """
        rows = dict(zip(*self.placed, strict=True))
        try:
            return self.facts.at(list(map(rows.__getitem__, paths)))
        except LostFacts:
            self.file.unlink(missing_ok=True)
            again = self.again
            assert again is not None, "facts asked for before the records were read"
            return [again(path).entry.facts for path in paths]

    def put(self, path: str, stamp: str, digest: str, values: Record) -> None:
        """Keep the record of a card analysed this run."""
        name = display_file(path, self.root)
        self.fresh[name] = [digest, *values]
        self.now[name] = stamp

    def save(self) -> None:
        """Keep what this run saw (records of removed cards drop out) and prune old keys."""
        if not self.stale:
            self.saved = self.base
            return  # a warm run that changed nothing need not rewrite a file
        try:
            self._save()
        except LostFacts:
            self.file.unlink(missing_ok=True)  # rows cannot be completed: rebuilt next run

    def _save(self) -> None:
        with contextlib.suppress(OSError):
            changed = self.changed | self.fresh.keys()
            same = self.base and self._same_cards()
            if same and not self.fresh:
                base = self.base  # the same records, found by their digests: new stamps only
            elif same and len(changed) <= table.MAX_CHANGES:
                # The same cards, a few edited: their rows alone, not the whole table again.
                rows = {name: self._row(name) for name in changed}
                base = table.write_changes(self.file, self.base, rows)
            else:
                columns = self._columns()
                base = table.write_table(self.file, columns)
                self.names = columns["cards"]
            # Written last: stamps never vouch for records that did not reach the disk.
            table.write_stamps(self.file, base, [self.now[name] for name in self.names])
            self.saved = base
            table.prune(self.file, self.folder / CHECKED)

    def _same_cards(self) -> bool:
        """Whether this run leaves the table's cards in its order, each with a record."""
        cards = self.names
        return cards == self.table["cards"] and len(self.kept) + len(self.fresh) == len(cards)

    def _row(self, name: str) -> list[Any]:
        """What this run leaves of a card it kept or analysed: its row, less its name."""
        if name in self.fresh:
            return self.fresh[name]
        row = self.kept[name]
        return [
            self.facts[row] if column == FACTS else self.table[column][row]
            for column in COLUMNS[1:]
        ]

    def _columns(self) -> dict[str, list[Any]]:
        """The table this run leaves: its cards in its order, each with its record."""
        if self._same_cards():
            # The same cards in the same order (a card or two edited): patch a copy.
            columns = {column: list(values) for column, values in self.table.items()}
            columns[FACTS] = list(self.facts)
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
