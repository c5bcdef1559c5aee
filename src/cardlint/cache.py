"""The result cache: each card's own findings, index entry and suppressions, by content.

One JSON file per run key (cardlint version, schema, settings, rules, today) in
`.cardlint_cache/`. A card's record is reused when its stat signature is unchanged, or when
its bytes hash to the recorded digest. The file is replaced atomically, so concurrent runs
(an editor and a hook) never see half a file; anything unreadable, foreign or malformed is
ignored and rebuilt, never trusted. Cross-card results are never stored: they are recomputed
from the index on every run, so a deleted or renamed card is always caught.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path
from typing import Any

from cardlint.analysis import CardResult, Noted
from cardlint.atomic import write_atomically
from cardlint.corpus import Entry, Reference
from cardlint.suppressions import Directive
from cardlint.violation import Edit, Finding, Fix, Position

FORMAT = "cardlint-cache-1"
_KEEP_SECONDS = 7 * 24 * 3600

Signature = tuple[int, int, int]


def signature(stat: os.stat_result) -> Signature:
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


class Cache:
    def __init__(self, folder: Path, key: str) -> None:
        self.folder = folder
        self.file = folder / f"{key}.json"
        self.records: dict[str, Any] = _load(self.file)
        self.fresh: dict[str, Any] = {}

    def has(self, name: str) -> bool:
        return name in self.records

    def get(
        self, path: str, name: str, stat: Signature, digest: str | None = None
    ) -> CardResult | None:
        record = self.records.get(name)
        if not isinstance(record, dict):
            return None
        if record.get("stat") != list(stat) and record.get("digest") != digest:
            return None
        try:
            result = _result(record["result"], path)
        except (KeyError, TypeError, ValueError, IndexError):
            return None  # a malformed record is rebuilt, never trusted
        self.fresh[name] = {**record, "stat": list(stat)}
        return result

    def put(self, name: str, stat: Signature, digest: str, result: CardResult) -> None:
        self.fresh[name] = {"stat": list(stat), "digest": digest, "result": _record(result)}

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
            text = json.dumps(document, ensure_ascii=False, sort_keys=True)
            write_atomically(self.file, text.encode("utf-8"))
            cutoff = time.time() - _KEEP_SECONDS
            for old in self.folder.glob("*.json"):
                if old != self.file and old.stat().st_mtime < cutoff:
                    old.unlink(missing_ok=True)


def _load(file: Path) -> dict[str, Any]:
    try:
        document = json.loads(file.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        return {}
    cards = document.get("cards")
    return cards if isinstance(cards, dict) else {}


def _position(value: Position | None) -> list[int] | None:
    return None if value is None else [value.line, value.column]


def _at(value: Any) -> Position:
    line, column = value
    if type(line) is not int or type(column) is not int:
        raise TypeError("a position is two integers")
    return Position(line, column)


def _record(result: CardResult) -> dict[str, Any]:
    entry = result.entry
    return {
        "findings": [_noted(n) for n in result.findings],
        "entry": [
            entry.id,
            _position(entry.id_position),
            list(entry.names),
            [[r.field, r.target, _position(r.position)] for r in entry.references],
        ],
        "directives": [
            [
                _position(d.position),
                d.text,
                None if d.codes is None else sorted(d.codes),
                d.first,
                d.last,
                list(d.unknown),
            ]
            for d in result.directives
        ],
        "lines": {str(k): v for k, v in result.line_texts.items()},
    }


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


def _result(record: dict[str, Any], path: str) -> CardResult:
    id_, id_position, names, references = record["entry"]
    entry = Entry(
        path,
        None if id_ is None else str(id_),
        None if id_position is None else _at(id_position),
        tuple(str(n) for n in names),
        tuple(Reference(str(f), str(t), _at(p)) for f, t, p in references),
    )
    directives = tuple(
        Directive(
            _at(p),
            str(text),
            None if codes is None else frozenset(codes),
            int(first),
            int(last),
            tuple(unknown),
        )
        for p, text, codes, first, last, unknown in record["directives"]
    )
    findings = tuple(_found(item) for item in record["findings"])
    lines = {int(k): str(v) for k, v in record["lines"].items()}
    return CardResult(path, findings, entry, directives, lines)


def _found(item: list[Any]) -> Noted:
    code, position, message, hint, fixed, text = item
    fix = None
    if fixed is not None:
        description, safe, edits = fixed
        fix = Fix(
            str(description), tuple(Edit(_at(s), _at(e), str(t)) for s, e, t in edits), bool(safe)
        )
    return Noted(str(code), Finding(_at(position), str(message), hint, fix), str(text))
