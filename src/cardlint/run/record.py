"""A card's results as plain values: what the cache stores and worker processes send back.

A record is eight values, each text (or a list of text, or null): the card's id, its names,
its reference targets, `own` ("" or the JSON of its findings and suppressions), `located`
(the JSON of where its id and references are written: `[id line, id column, [reference
fields], [field index, line, column, ...]]`), `facts` (what other cards may contradict,
as `facts.columns` encodes it), the name of the card's type and its `spans`. Pickling or
dumping that is a fraction of the cost of the objects it stands for, and most of it is
decoded only when a report needs it. The text of the lines those positions point at
(fingerprints are made from it) is not kept: it is read again from the card, which is
unchanged, when needed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any

from cardlint.facts.suppressions import Directive
from cardlint.index.deferred import Deferred
from cardlint.index.entry import Entry, Located, Reference
from cardlint.load.read import SourceError, decode, read_bytes
from cardlint.model import Edit, Finding, Fix, Position, Severity
from cardlint.run.card_pass import CardResult
from cardlint.run.rule_calls import Noted

Record = list[Any]
MALFORMED = (TypeError, ValueError, IndexError, KeyError, AttributeError)
"""What decoding a record that is not ours raises."""

Again = Callable[[str], CardResult]
"""Analyses one card file afresh: for a record that turns out, late, not to decode."""


def record(result: CardResult) -> Record:
    """The record of a card's results."""
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
    return [
        entry.id,
        entry.names,  # tuples, which JSON writes as lists, and which decode without a copy
        entry.targets,
        own,
        text,
        entry.facts,
        entry.type,
        entry.spans,
    ]


def from_records(
    columns: Sequence[Sequence[Any]], paths: Sequence[str], again: Again
) -> list[CardResult | None]:
    """The results of many records, given column by column as the cache keeps them, with
    None for a record that does not decode.

    The records' values must have their types (ours do, and the cache checks its columns
    when it reads them). Built a column at a time, 10,000 results take half as long as one
    at a time. `located` is decoded when first needed, and falls back on `again`.
    """
    ids, labels, targets, owns, wheres, facts, types, spans = columns
    target_lists = list(map(tuple, targets))
    located = map(Deferred, repeat(_locate), wheres, target_lists, paths, repeat(again))
    # tuple.__new__ builds each named tuple as its own __new__ would, without a Python call.
    fields = zip(
        paths, ids, map(tuple, labels), target_lists, located, facts, types, spans, strict=True
    )
    entries = map(tuple.__new__, repeat(Entry), fields)
    return [
        _with_own(path, entry, own) if own else tuple.__new__(CardResult, (path, (), entry, ()))
        for path, entry, own in zip(paths, entries, owns, strict=True)
    ]


def _with_own(path: str, entry: Entry, own: str) -> CardResult | None:
    try:
        noted, suppressions = json.loads(_text(own))
        findings = tuple(_found(item) for item in noted)
        directives = tuple(_directive_from(item) for item in suppressions)
    except MALFORMED:
        return None
    return CardResult(path, findings, entry, directives)


def _locate(where: str, targets: tuple[str, ...], path: str, again: Again) -> Located:
    try:
        return _located(where, targets, path)
    except ValueError:  # found late, and cheaper to redo than to have checked every card
        return again(path).entry.located.get()


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
        # The card still has the bytes its record was made from: within the run's limit.
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
        None if found.severity is None else found.severity.value,
    ]


def _found(item: list[Any]) -> Noted:
    code, position, message, hint, fixed, text, severity = item
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
    level = None if severity is None else Severity(severity)
    found = Finding(_at(position), _text(message), hint, fix, level)
    return Noted(_text(code), found, _text(text))
