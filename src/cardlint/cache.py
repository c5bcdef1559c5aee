"""The result cache: each card's own findings, index entry and suppressions, by content.

One JSON file per run key (cardlint version, schema, settings, rules, today) in
`.cardlint_cache/`. A card's record is reused when its stat stamp is unchanged, or when its
bytes hash to the recorded digest. The file is replaced atomically, so concurrent runs (an
editor and a hook) never see half a file; anything unreadable, foreign or malformed is
ignored and rebuilt, never trusted. Cross-card results are never stored: they are
recomputed from the index on every run, so a deleted or renamed card is always caught.

The file is a table of columns, one value per card in the order the run that wrote it
walked them, so that a warm run compares every card's stamp in two list comparisons:

    cards    the card's name (its path from the project root)
    stamps   "mtime_ns:size:inode" of the bytes the record was made from
    digests  their BLAKE2b digest
    ids, labels, targets   the card's id, names and reference targets (for the index)
    own      "" or the JSON of the card's own findings and suppressions
    located  the JSON of where its id and references are written, decoded when needed:
             [id line, id column, [reference fields], [field index, line, column, ...]]

The text of those lines (fingerprints are made from it) is not kept: it is read again
from the card, which is unchanged, when a cross-card finding needs it.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cardlint.analysis import CardResult, Noted
from cardlint.atomic import write_atomically
from cardlint.cache_folder import CHECKED, prepare
from cardlint.corpus import Entry, Located, Reference
from cardlint.deferred import Deferred
from cardlint.paths import display_file, display_files
from cardlint.source import SourceError, decode, read_bytes
from cardlint.suppressions import Directive
from cardlint.violation import Edit, Finding, Fix, Position

FORMAT = "cardlint-cache-3"
COLUMNS = ("cards", "stamps", "digests", "ids", "labels", "targets", "own", "located")
_KEEP_SECONDS = 7 * 24 * 3600

_MALFORMED = (TypeError, ValueError, IndexError, KeyError, AttributeError)
"""What decoding a record that is not ours raises."""

Again = Callable[[str], CardResult]
"""Analyses one card file afresh: for a record that turns out, late, not to decode."""


def stamp(stat: os.stat_result) -> str:
    return f"{stat.st_mtime_ns}:{stat.st_size}:{stat.st_ino}"


class Cache:
    def __init__(self, folder: Path, key: str, root: Path) -> None:
        self.folder = folder
        self.root = root
        self.file = folder / f"{key}.json"
        self.table: dict[str, list[Any]] = _load(self.file)
        self.names: list[str] = []
        """This run's cards, by name, in the order the file will hold them."""
        self.kept: dict[str, tuple[str, int]] = {}
        """Cards whose record is reused: their stamp now and their row in the table."""
        self.fresh: dict[str, list[Any]] = {}
        """Cards analysed this run: their new row."""
        self.stale = True
        """Whether the file should be written: anything but a run that changed nothing."""

    def lookup(
        self, paths: Sequence[str], max_size: int, again: Again
    ) -> tuple[dict[str, CardResult], list[str]]:
        """The results of the cards whose records are current, and the cards to analyse."""
        self.names = names = display_files(paths, self.root)
        stamps = [_stamp_of(path) for path in paths]
        table = self.table
        results: dict[str, CardResult] = {}
        misses: list[str] = []
        self.stale = names != table["cards"] or stamps != table["stamps"]
        if not self.stale:  # nothing changed: the usual run, and one that must be fast
            for index, (path, name) in enumerate(zip(paths, names, strict=True)):
                try:
                    results[path] = _result(table, index, path, again)
                    self.kept[name] = (table["stamps"][index], index)
                except _MALFORMED:
                    misses.append(path)  # a malformed record is rebuilt, never trusted
                    self.stale = True
            return results, misses
        where: dict[str, int] = {}
        for index, name in enumerate(table["cards"]):
            where.setdefault(name, index)
        rows = [where.get(name) for name in names]
        for path, name, now, row in zip(paths, names, stamps, rows, strict=True):
            hit = None
            if row is not None and now is not None:
                hit = self._hit(path, row, now, max_size, again)
                if hit is not None:
                    self.kept[name] = (now, row)
            if hit is None:
                misses.append(path)
                self.stale = True
            else:
                results[path] = hit
        return results, misses

    def _hit(self, path: str, row: int, now: str, max_size: int, again: Again) -> CardResult | None:
        table = self.table
        if table["stamps"][row] != now:
            # Same bytes with a new stat (a checkout, a touch): hashing beats analysing again.
            try:
                now_digest = digest(read_bytes(path, max_size))
            except SourceError:
                return None
            if now_digest != table["digests"][row]:
                return None
            self.stale = True  # the new stamp is worth recording
        try:
            return _result(table, row, path, again)
        except _MALFORMED:
            return None  # a malformed record is rebuilt, never trusted

    def put(self, path: str, stamp: str, digest: str, result: CardResult) -> None:
        self.fresh[display_file(path, self.root)] = [stamp, digest, *_columns(result)]

    def save(self) -> None:
        """Keep what this run saw (records of removed cards drop out) and prune old keys."""
        if not self.stale:
            return  # a warm run that changed nothing need not rewrite the file
        document: dict[str, Any] = {"format": FORMAT, **self._columns()}
        with contextlib.suppress(OSError):
            prepare(self.folder)
            text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
            write_atomically(self.file, text.encode("utf-8", "surrogatepass"))
            cutoff = time.time() - _KEEP_SECONDS
            for old in self.folder.glob("*.json"):
                keep = old in (self.file, self.folder / CHECKED)
                if not keep and old.stat().st_mtime < cutoff:
                    old.unlink(missing_ok=True)


    def _columns(self) -> dict[str, list[Any]]:
        """The table this run leaves: its cards in its order, each with its record."""
        table = self.table
        if self.names == table["cards"] and len(self.kept) + len(self.fresh) == len(self.names):
            # The same cards in the same order (a card or two edited): patch a copy.
            columns = {column: list(values) for column, values in table.items()}
            for now, row in self.kept.values():
                columns["stamps"][row] = now
            position = {name: index for index, name in enumerate(self.names)}
            for name, values in self.fresh.items():
                for column, value in zip(COLUMNS[1:], values, strict=True):
                    columns[column][position[name]] = value
            return columns
        rows = []
        for name in dict.fromkeys(self.names):
            if name in self.fresh:
                rows.append([name, *self.fresh[name]])
            elif name in self.kept:
                now, row = self.kept[name]
                rows.append([name, now, *(table[column][row] for column in COLUMNS[2:])])
        return {column: [row[index] for row in rows] for index, column in enumerate(COLUMNS)}


def digest(data: bytes) -> str:
    # Imported here: a warm run hashes nothing, and OpenSSL takes milliseconds to load.
    import hashlib

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _stamp_of(path: str) -> str | None:
    try:
        return stamp(os.stat(path))
    except OSError:
        return None


def _load(file: Path) -> dict[str, list[Any]]:
    empty: dict[str, list[Any]] = {column: [] for column in COLUMNS}
    try:
        document = json.loads(file.read_bytes())
    except (OSError, ValueError):
        return empty
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return empty
    columns = [document.get(column) for column in COLUMNS]
    lists = [c for c in columns if isinstance(c, list)]
    if len(lists) != len(COLUMNS) or any(len(c) != len(lists[0]) for c in lists):
        return empty
    try:
        for column in lists[:3]:
            "".join(column)  # names, stamps and digests are compared, so they must be text
    except TypeError:
        return empty
    return dict(zip(COLUMNS, lists, strict=True))


def _columns(result: CardResult) -> list[Any]:
    """The card's values in the columns after `stamps` and `digests`."""
    entry = result.entry
    located = entry.located.get()
    own = (
        json.dumps(
            [[_noted(n) for n in result.findings], [_directive(d) for d in result.directives]]
        )
        if result.findings or result.directives
        else ""
    )
    fields = list(dict.fromkeys(r.field for r in located.references))
    places = [n for r in located.references for n in (fields.index(r.field), *r.position)]
    where = [*(located.id_position or (0, 0)), fields, places]
    text = json.dumps(where, ensure_ascii=False, separators=(",", ":"))
    return [entry.id, list(entry.names), list(entry.targets), own, text]


def _result(table: dict[str, list[Any]], row: int, path: str, again: Again) -> CardResult:
    card_id, labels, targets = table["ids"][row], table["labels"][row], table["targets"][row]
    if card_id is not None and type(card_id) is not str:
        raise TypeError("an id is text")
    names, target_list = _texts(labels), _texts(targets)
    where = _text(table["located"][row])

    def locate() -> Located:
        try:
            return _located(where, target_list, path)
        except ValueError:  # found late, and cheaper to redo than to have checked every card
            return again(path).entry.located.get()

    entry = Entry(path, card_id, names, target_list, Deferred(locate))
    findings: tuple[Noted, ...] = ()
    directives: tuple[Directive, ...] = ()
    own = table["own"][row]
    if own:
        noted, suppressions = json.loads(_text(own))
        findings = tuple(_found(item) for item in noted)
        directives = tuple(_directive_from(item) for item in suppressions)
    return CardResult(path, findings, entry, directives)


def _texts(value: object) -> tuple[str, ...]:
    if type(value) is not list:
        raise TypeError("a list of names or ids")
    "".join(value)  # raises TypeError unless every item is text, at C speed
    return tuple(value)


def _located(encoded: str, targets: tuple[str, ...], path: str) -> Located:
    try:
        id_line, id_column, fields, places = json.loads(encoded)
        if len(places) != 3 * len(targets):
            raise ValueError("one position per reference")
        id_position = _at([id_line, id_column]) if id_line else None
        references = tuple(
            Reference(_text(fields[places[i]]), target, _at(places[i + 1 : i + 3]))
            for i, target in zip(range(0, len(places), 3), targets, strict=True)
        )
    except (TypeError, AttributeError, KeyError, IndexError) as error:
        raise ValueError("malformed positions") from error
    lines = {r.position.line for r in references}
    if id_position is not None:
        lines.add(id_position.line)
    return Located(id_position, references, _lines_of(path, lines))


def _lines_of(path: str, wanted: set[int]) -> dict[int, str]:
    """The text of some lines of a card whose cached results are current, read again."""
    try:
        # The stamp still matches: the card is the size it was, within the run's limit.
        text = decode(read_bytes(path, sys.maxsize)).lines
    except (OSError, SourceError) as error:
        raise ValueError("the card cannot be read again") from error
    return {line: text[line - 1] for line in sorted(wanted) if 0 < line <= len(text)}


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _position(value: Position | None) -> list[int] | None:
    return None if value is None else [value.line, value.column]


def _at(value: Any) -> Position:
    line, column = value
    if type(line) is not int or type(column) is not int:
        raise TypeError("a position is two integers")
    return Position(line, column)


def _directive(d: Directive) -> list[Any]:
    codes = None if d.codes is None else sorted(d.codes)
    return [_position(d.position), d.text, codes, d.first, d.last, list(d.unknown)]


def _directive_from(item: list[Any]) -> Directive:
    p, text, codes, first, last, unknown = item
    return Directive(
        _at(p),
        _text(text),
        None if codes is None else frozenset(map(_text, codes)),
        int(first),
        int(last),
        tuple(map(_text, unknown)),
    )


def _noted(noted: Noted) -> list[Any]:
    found = noted.finding
    fix = found.fix
    fixed = (
        None
        if fix is None
        else [
            fix.description,
            fix.safe,
            [[_position(e.start), _position(e.end), e.text] for e in fix.edits],
        ]
    )
    return [
        noted.code,
        _position(found.position),
        found.message,
        found.hint,
        fixed,
        noted.line_text,
    ]


def _found(item: list[Any]) -> Noted:
    code, position, message, hint, fixed, text = item
    fix = None
    if fixed is not None:
        description, safe, edits = fixed
        fix = Fix(
            _text(description),
            tuple(Edit(_at(s), _at(e), _text(t)) for s, e, t in edits),
            bool(safe),
        )
    if hint is not None:
        hint = _text(hint)
    return Noted(_text(code), Finding(_at(position), _text(message), hint, fix), _text(text))
