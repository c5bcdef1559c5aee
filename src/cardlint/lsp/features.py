"""cardlint's results as LSP values: diagnostics, quick fixes, completions and locations."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path

from lsprotocol import types

from cardlint.index.corpus_index import CorpusIndex
from cardlint.lsp.positions import DocumentText
from cardlint.lsp.projects import Linted
from cardlint.lsp.slots import Slot
from cardlint.model import Position, Severity, Violation

SOURCE = "cardlint"
_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
}
# Where a front-matter token ends: a comment, a key's colon, or the end of a flow item.
_YAML_END = re.compile(r"\s#|:(?:\s|\Z)|[,\]}]")
# In the body, rules point at citations (`[3]`), dates and years; anything else gets one char.
_BODY_TOKEN = re.compile(r"\[[^\]]*\]|[0-9A-Za-z_./:-]+")
_CLOSING = {"[": "]", "{": "}"}


def diagnostic(
    violation: Violation, document: DocumentText, front_matter_end: int
) -> types.Diagnostic:
    start = Position(violation.line, violation.column)
    line = document.line(violation.line)
    if violation.column - 1 < len(line.rstrip()):
        in_yaml = violation.line <= front_matter_end
        end = Position(violation.line, _end(line, violation.column - 1, in_yaml) + 1)
    elif violation.line < len(document.lines):
        end = Position(violation.line + 1, 1)  # past the text: its line break, to be visible
    else:
        end = start
    hint = f"\nhint: {violation.hint}" if violation.hint else ""
    return types.Diagnostic(
        range=document.range(start, end),
        message=violation.message + hint,
        severity=_SEVERITY[violation.severity],
        code=violation.code,
        source=SOURCE,
    )


def diagnostics(linted: Linted, document: DocumentText) -> list[types.Diagnostic]:
    return [diagnostic(v, document, linted.card.front_matter_end) for v in linted.violations]


def _end(line: str, start: int, in_yaml: bool) -> int:
    """Where the token starting at code point `start` of `line` ends (exclusive)."""
    last = len(line.rstrip())
    if not in_yaml:
        if start == 0:
            return last  # a heading, or a line the rule means as a whole
        found = _BODY_TOKEN.match(line, start)
        return found.end() if found else start + 1
    first = line[start]
    if first in "\"'":
        return _after_quote(line, start)
    if first in _CLOSING:
        depth = 0
        for index in range(start, last):
            depth += (line[index] == first) - (line[index] == _CLOSING[first])
            if depth == 0:
                return index + 1
        return last
    stop = _YAML_END.search(line, start + 1)
    return start + len(line[start : stop.start() if stop else last].rstrip())


def _after_quote(line: str, start: int) -> int:
    quote, index = line[start], start + 1
    while index < len(line):
        if (quote == '"' and line[index] == "\\") or (
            quote == "'" and line[index : index + 2] == "''"
        ):
            index += 2  # an escaped character, or a quote doubled inside single quotes
        elif line[index] == quote:
            return index + 1
        else:
            index += 1
    return len(line.rstrip())


def quick_fixes(
    uri: str, linted: Linted, document: DocumentText, wanted: types.Range
) -> list[types.CodeAction]:
    """A quick fix for each fixable violation whose range meets `wanted`."""
    actions: list[types.CodeAction] = []
    for violation in linted.violations:
        fix = violation.fix
        if fix is None:
            continue
        found = diagnostic(violation, document, linted.card.front_matter_end)
        if not _meets(found.range, wanted):
            continue
        edits = [
            types.TextEdit(document.range(e.start, e.end), e.text.replace("\n", document.newline))
            for e in fix.edits
        ]
        actions.append(
            types.CodeAction(
                title=f"{violation.code}: {fix.description}" + ("" if fix.safe else " (unsafe)"),
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[found],
                # An unsafe fix guesses at what the author meant; it is offered, never preferred.
                is_preferred=fix.safe,
                edit=types.WorkspaceEdit(changes={uri: edits}),
            )
        )
    return actions


def _meets(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def completion_items(
    slot: Slot,
    at: Position,
    index: CorpusIndex,
    own_id: str | None,
    document: DocumentText,
    kinds: Collection[str] | None = None,
) -> list[types.CompletionItem]:
    """Every id the index knows that starts with what is typed before the cursor: of a card
    of one of `kinds` (a typed reference field's types) when given."""
    typed = slot.text[: at.column - slot.start.column].casefold()
    where = document.range(slot.start, slot.end)
    known = dict.fromkeys(index.known_ids, "known id (no card yet)")
    named = {
        i: " / ".join(entries[0].names) or None
        for i, entries in index.by_id.items()
        if kinds is None or any(e.type in kinds for e in entries)
    }
    return [
        types.CompletionItem(
            label=card_id,
            kind=types.CompletionItemKind.Reference,
            detail=detail,
            text_edit=types.TextEdit(where, card_id),
        )
        for card_id, detail in sorted({**known, **named}.items())
        # The card's own id would be a self-reference (CL302).
        if card_id != own_id and card_id.casefold().startswith(typed)
    ]


def definitions(slot: Slot, index: CorpusIndex) -> list[types.Location]:
    """The cards whose id is the slot's text, at their id's line."""
    found: list[types.Location] = []
    for entry in index.by_id.get(slot.text, ()):
        at = types.Position(entry.id_position.line - 1 if entry.id_position else 0, 0)
        found.append(types.Location(Path(entry.path).as_uri(), types.Range(at, at)))
    return found
