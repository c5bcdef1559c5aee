"""Loading one card: bytes -> text -> front matter and body, keeping every position exact.

This module is the parser of record. python-frontmatter is not used here: it turns malformed
front matter into "no metadata", strips leading blank lines (shifting every line number) and
crashes on non-string keys.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from cardlint.load.framing import DELIMITER, Frame, frame, misplaced_opening
from cardlint.load.read import SourceError, SourceText, decode, read_bytes
from cardlint.model import Position

if TYPE_CHECKING:
    from cardlint.load.markdown import Body
    from cardlint.load.yaml_front_matter import FrontMatter

DEFAULT_MAX_SIZE = 1024 * 1024
_DASHES = re.compile(r"-{4,}[ \t]*\Z")


class LoadProblem(NamedTuple):
    """Something wrong found while loading; `rule` names the rule that reports it."""

    rule: str
    position: Position
    message: str
    hint: str | None = None


@dataclass(frozen=True, eq=False)
class Card:
    file: str
    """The card file (see `load.discover`); `path` is the same as a `Path`."""
    source: SourceText | None = None
    front_matter: FrontMatter | None = None
    front_matter_end: int = 0
    body: Body | None = None
    problems: tuple[LoadProblem, ...] = ()
    memo: dict[object, tuple[Any, Any]] = field(default_factory=dict, repr=False)
    """What `per_card` analyses computed for this card; it lives and dies with the card."""

    @property
    def data(self) -> dict[str, object]:
        """The front-matter mapping, or an empty one when there is none to read."""
        if self.front_matter is not None and isinstance(self.front_matter.data, dict):
            return self.front_matter.data
        return {}

    @property
    def last_line(self) -> int:
        """The last line of the card (a final newline does not start another line)."""
        if self.source is None:
            return 1
        return max(1, len(self.source.lines) - self.source.text.endswith("\n"))

    @property
    def path(self) -> Path:
        return Path(self.file)

    @property
    def name(self) -> str:
        """The card's file name."""
        return self.file.rsplit(os.sep, 1)[-1]

    def text_after(self, line: int) -> str:
        """The card's text from the line after card line `line` on ("" past its end)."""
        return self.source.text_after(line) if self.source is not None else ""

    def line_text(self, line: int) -> str:
        """The text of card line `line`, or "" when there is no such line."""
        lines = self.source.lines if self.source is not None else []
        return lines[line - 1] if 0 < line <= len(lines) else ""

    @property
    def has_mapping(self) -> bool:
        return self.front_matter is not None and isinstance(self.front_matter.data, dict)


S = TypeVar("S")
T = TypeVar("T")


def per_card(compute: Callable[[S, Card], T]) -> Callable[[S, Card], T]:
    """Compute an analysis of a card under some settings (a schema) once, however many
    rules ask for it.

    Kept on the card rather than in an LRU cache: a cache keyed by cards would keep the
    last few hundred cards' texts alive in every worker process. The result is kept with
    the settings it was computed under, told apart by identity (they need not be hashable):
    a card is analysed under one schema, and other settings only compute it again.
    """

    @functools.wraps(compute)
    def once(settings: S, card: Card) -> T:
        held = card.memo.get(compute)
        if held is not None and held[0] is settings:
            return held[1]  # type: ignore[no-any-return]
        value = compute(settings, card)
        card.memo[compute] = (settings, value)
        return value

    return once


def load_card(path: str | os.PathLike[str], max_size: int = DEFAULT_MAX_SIZE) -> Card:
    try:
        data = read_bytes(path, max_size)
    except SourceError as error:
        return unreadable(path, error)
    return card_from_bytes(path, data)


def card_from_bytes(path: str | os.PathLike[str], data: bytes) -> Card:
    try:
        source = decode(data)
    except SourceError as error:
        return unreadable(path, error)
    return parse_card(path, source)


def unreadable(path: str | os.PathLike[str], error: SourceError) -> Card:
    problem = LoadProblem("unreadable-file", error.position, error.message)
    return Card(os.fspath(path), problems=(problem,))


def parse_card(path: str | os.PathLike[str], source: SourceText) -> Card:
    # Imported here: runs whose cards all come from the cache never parse Markdown or YAML.
    from cardlint.load.simple_yaml import read_simple
    from cardlint.load.yaml_front_matter import YamlError
    from cardlint.text import json_type

    file = os.fspath(path)
    lines = source.lines
    if not DELIMITER.match(lines[0]):
        # No body either: without front matter, what the text holds is no card's structure.
        return Card(file, source, problems=(_missing_front_matter(lines),))
    shape = frame(lines)
    closing = shape.closing
    if closing is None or shape.document_end is not None:
        return _unclosed(file, source, shape)
    base = len(lines[0]) + 1
    yaml_text = "\n".join(lines[1:closing])
    try:
        front = read_simple(yaml_text, 2) or _composed(yaml_text, source, base)
    except YamlError as error:
        position = source.position(base + min(error.offset, len(yaml_text)))
        if shape.body is not None and position.line > shape.last_yaml + 1:
            return _unclosed(file, source, shape)  # the error is in the body it ran into
        problem = LoadProblem("invalid-yaml", position, error.message, error.hint)
        return Card(file, source, None, closing + 1, _body(source, closing), (problem,))
    body = _body(source, closing)
    problems = [
        LoadProblem(
            "duplicate-key",
            duplicate.position,
            f"duplicate key '{duplicate.key}' (first defined at line {duplicate.first.line})",
            "remove one of the two entries; YAML readers disagree on which one wins",
        )
        for duplicate in front.duplicates
    ]
    if not isinstance(front.data, dict):
        kind = json_type(front.data)
        article = "an" if kind[0] in "aeiou" else "a"
        what = "empty" if front.data is None else f"{article} {kind}, not a mapping"
        problems.append(
            LoadProblem(
                "front-matter-not-mapping",
                Position(1, 1),
                f"front matter is {what}",
                "write the fields as `key: value` lines between the two `---` lines",
            )
        )
    return Card(file, source, front, closing + 1, body, tuple(problems))


def _body(source: SourceText, closing: int) -> Body:
    """The body after the front matter closed on line index `closing`, from the card's lines
    as they were split (the body's text split again would give the same)."""
    from cardlint.load.markdown import parse_body

    text = source.text_after(closing + 1)
    return parse_body(text, closing + 2, source.lines[closing + 1 :] or [""])


def _unclosed(file: str, source: SourceText, shape: Frame) -> Card:
    if shape.document_end is not None:
        line = shape.document_end + 1
        message = f"front matter is not closed: use `---` instead of `...` on line {line}"
        hint = "`...` ends a YAML document, not a card's front matter: only `---` closes it"
    else:
        message = f"front matter is not closed: add `---` after line {shape.last_yaml + 1}"
        hint = "the front matter opened on line 1 needs a `---` line before the card's text"
    problem = LoadProblem("missing-front-matter", Position(1, 1), message, hint)
    # What follows the opening `---` was all read as YAML: no body to judge, no footer.
    return Card(file, source, front_matter_end=len(source.lines), problems=(problem,))


def _missing_front_matter(lines: list[str]) -> LoadProblem:
    later = misplaced_opening(lines)
    if later is not None:
        hint = f"the `---` on line {later + 1} must be the very first line of the file"
    elif _DASHES.match(lines[0]):
        hint = "the first line must be exactly three dashes, `---`"
    else:
        hint = "start the card with `---`, its YAML fields, and a closing `---`"
    return LoadProblem("missing-front-matter", Position(1, 1), "card has no front matter", hint)


def _composed(yaml_text: str, source: SourceText, base: int) -> FrontMatter:
    """The front matter `simple_yaml` does not read, composed by PyYAML (imported only now)."""
    from cardlint.load.yaml_events import load_front_matter

    return load_front_matter(yaml_text, lambda offset: source.position(base + offset))
