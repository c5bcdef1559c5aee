"""Front-matter YAML, composed from the parser's event stream with a position for every value.

Composing from events (rather than PyYAML's constructor) lets us bound aliases and nesting
before anything walks the value, refuse non-standard tags, detect duplicate keys, and resolve
plain scalars ourselves: dates and YAML 1.1 look-alikes (`yes`, `0777`, `1:20`) stay the strings
the author typed. The composer is in `yaml_events`, imported on first use: a run whose
cards come from the cache, or whose front matter `simple_yaml` reads, never loads PyYAML.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from cardlint.model import Position

MAX_DEPTH = 64
MAX_NODES = 100_000
MAX_INT_DIGITS = 1000
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_FLOAT = re.compile(
    r"[-+]?(?:(?:0|[1-9][0-9]*)\.[0-9]*|\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?[eE][-+]?[0-9]+)\Z"
)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}

Path = tuple[str | int, ...]


class YamlError(Exception):
    """The front matter is not YAML cardlint will read; `offset` is a code-point offset."""

    def __init__(self, message: str, offset: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


class Span(NamedTuple):
    """Where a value sits, and where its key sits when it is a mapping entry."""

    value: Position
    key: Position | None = None


class DuplicateKey(NamedTuple):
    key: str
    position: Position
    first: Position


class FrontMatter(NamedTuple):
    """The front matter's values, where each value sits (by its path of keys and indexes),
    and the keys it defines twice."""

    data: object
    spans: dict[Path, Span]
    duplicates: tuple[DuplicateKey, ...] = ()

    def span(self, path: Path) -> Span | None:
        """The span of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            found = self.spans.get(path[:end])
            if found is not None:
                return found
        return None


def resolve_plain(text: str) -> object:
    """YAML 1.2 core resolution, minus anything that would not read back as written."""
    if text[:1].isalpha() and text[0] not in "nNtTfF":
        return text  # no null, boolean or number starts so: most values, read fast
    if text in _NULLS:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _INT.match(text) and len(text) <= MAX_INT_DIGITS:
        return int(text)
    if _FLOAT.match(text):
        number = float(text)
        # 1e999 would become inf: keep the author's text rather than a value JSON cannot hold.
        return number if number not in (float("inf"), float("-inf")) else text
    return text
