"""The result cache: each card's own findings, index entry and suppressions, by content.

One JSON file per run key (cardlint version, schema, settings, rules, today) in
`.cardlint_cache/`. A card's record is reused when its stat stamp is unchanged, or when its
bytes hash to the recorded digest. The file is replaced atomically, so concurrent runs (an
editor and a hook) never see half a file; anything unreadable, foreign or malformed is
ignored and rebuilt, never trusted. Cross-card results are never stored: they are
recomputed from the index on every run, so a deleted or renamed card is always caught.

A record is a short list of strings, most of it decoded only when needed: a warm run over
10,000 cards needs every card's id and references but the positions of hardly any.

    [stamp, digest, id, names, targets, own, located]

`stamp` is "mtime_ns:size:inode"; `names` and `targets` are NUL-joined (a list when an item
holds a NUL); `own` is "" or the JSON of the card's findings and suppressions; `located`
is the JSON of where its id and references are written.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cardlint.analysis import CardResult, Noted
from cardlint.atomic import write_atomically
from cardlint.corpus import Entry, Located, Reference
from cardlint.deferred import Deferred
from cardlint.suppressions import Directive
from cardlint.violation import Edit, Finding, Fix, Position

FORMAT = "cardlint-cache-2"
_KEEP_SECONDS = 7 * 24 * 3600
_SEPARATOR = "\0"

Record = list[Any]


def stamp(stat: os.stat_result) -> str:
    return f"{stat.st_mtime_ns}:{stat.st_size}:{stat.st_ino}"


class Cache:
    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.file = folder / f"{key}.json"
        self.records: dict[str, Record] = _load(self.file)
        self.fresh: dict[str, Record] = {}

    def has(self, name: str) -> bool:
        return name in self.records

    def get(
        self,
        path: str,
        name: str,
        stamp: str,
        digest: str | None = None,
        again: Callable[[], CardResult] | None = None,
    ) -> CardResult | None:
        """The card's result if its record is current; `again` recomputes what turns out,
        late, not to decode."""
        record = self.records.get(name)
        if record is None or (record[0] != stamp and record[1] != digest):
            return None
        try:
            result = _result(record, path, again)
        except (TypeError, ValueError, IndexError, KeyError):
            return None  # a malformed record is rebuilt, never trusted
        self.fresh[name] = [stamp, *record[1:]] if record[0] != stamp else record
        return result

    def put(self, name: str, stamp: str, digest: str, result: CardResult) -> None:
        self.fresh[name] = [stamp, digest, *_record(result)]

    def save(self) -> None:
        """Keep what this run saw (records of removed cards drop out) and prune old keys."""
        if self.fresh == self.records:
            return  # a warm run that changed nothing need not rewrite the file
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# Created by cardlint.\n*\n", encoding="utf-8")
            document = {"format": FORMAT, "cards": self.fresh}
            text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
            write_atomically(self.file, text.encode("utf-8", "surrogatepass"))
            cutoff = time.time() - _KEEP_SECONDS
            for old in self.folder.glob("*.json"):
                if old != self.file and old.stat().st_mtime < cutoff:
                    old.unlink(missing_ok=True)


def _load(file: Path) -> dict[str, Record]:
    try:
        document = json.loads(file.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return {}
    cards = document.get("cards")
    if not isinstance(cards, dict):
        return {}
    return {
        name: record
        for name, record in cards.items()
        if isinstance(record, list) and len(record) == 7 and all(map(_is_text, record[:2]))
    }


def _is_text(value: object) -> bool:
    return isinstance(value, str)


def _record(result: CardResult) -> Record:
    entry = result.entry
    located = entry.located.get()
    own = (
        json.dumps(
            [[_noted(n) for n in result.findings], [_directive(d) for d in result.directives]]
        )
        if result.findings or result.directives
        else ""
    )
    where = [
        _position(located.id_position),
        [[r.field, r.position.line, r.position.column] for r in located.references],
        {str(k): v for k, v in located.line_texts.items()},
    ]
    return [entry.id, _join(entry.names), _join(entry.targets), own, json.dumps(where)]


def _result(record: Record, path: str, again: Callable[[], CardResult] | None) -> CardResult:
    _, _, card_id, names, targets, own, where = record
    if card_id is not None and not isinstance(card_id, str):
        raise TypeError("an id is text")
    target_list = _split(targets)
    if not isinstance(where, str):
        raise TypeError("positions are encoded text")

    def fallback() -> Located:
        if again is None:
            raise ValueError("the cached positions do not decode")
        return again().entry.located.get()

    located = Deferred(lambda: _located(where, target_list), fallback)
    entry = Entry(path, card_id, _split(names), target_list, located)
    findings: tuple[Noted, ...] = ()
    directives: tuple[Directive, ...] = ()
    if own:
        if not isinstance(own, str):
            raise TypeError("own results are encoded text")
        noted, suppressions = json.loads(own)
        findings = tuple(_found(item) for item in noted)
        directives = tuple(_directive_from(item) for item in suppressions)
    return CardResult(path, findings, entry, directives)


def _join(items: Sequence[str]) -> str | list[str] | None:
    if not items:
        return None
    if any(_SEPARATOR in item for item in items):
        return list(items)
    return _SEPARATOR.join(items)


def _split(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(value.split(_SEPARATOR))
    if isinstance(value, list) and all(map(_is_text, value)):
        return tuple(value)
    raise TypeError("a list of names or ids is text")


def _located(encoded: str, targets: tuple[str, ...]) -> Located:
    try:
        id_position, references, lines = json.loads(encoded)
        if len(references) != len(targets):
            raise ValueError("one position per reference")
        return Located(
            None if id_position is None else _at(id_position),
            tuple(
                Reference(_text(field), target, _at([line, column]))
                for (field, line, column), target in zip(references, targets, strict=True)
            ),
            {int(k): _text(v) for k, v in lines.items()},
        )
    except (TypeError, AttributeError, KeyError) as error:
        raise ValueError("malformed positions") from error


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
