"""Heading templates such as `什么是{concept_name_zh}？`, matched forgivingly.

Matching ignores full-width vs half-width forms (NFKC), letter case and white space, so
`什么是多模态模型?` and `What is  multimodal models ?` match their templates.

A field the card lacks matches any non-empty text. Matching is a glob match done by hand, not
a regex: `.+(.+)` against a heading of 100,000 `(` backtracks quadratically, and headings
come from untrusted cards.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections.abc import Mapping
from typing import NamedTuple

_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    # The same section headings recur from card to card; long texts are not kept.
    return _normalised(text) if len(text) <= 200 else _normalise(text)


def _normalise(text: str) -> str:
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text)).casefold()


_normalised = functools.lru_cache(maxsize=4096)(_normalise)


def loose(text: str) -> str:
    """`normalise`d, less punctuation and symbols: `为什么重要`, `为什么重要？` and
    `为什么重要:` read alike. What a near-miss heading is compared by, never a match."""
    return _loosened(text) if len(text) <= 200 else _loosen(text)


def _loosen(text: str) -> str:
    return "".join(ch for ch in normalise(text) if unicodedata.category(ch)[0] not in "PS")


_loosened = functools.lru_cache(maxsize=4096)(_loosen)


class Template(NamedTuple):
    source: str

    @property
    def fields(self) -> tuple[str, ...]:
        return _fields(self.source)

    def render(self, data: Mapping[str, object]) -> str:
        """The heading the template asks for; a field without a text value shows as
        `<field>`, never as the template's own `{field}`, which reads as a fault of cardlint."""
        return "".join(
            literal + (field_text(data, name) or f"<{name}>" if name else "")
            for literal, name, _, _ in string.Formatter().parse(self.source)
        )

    def complete(self, data: Mapping[str, object]) -> bool:
        """Whether every field the template names has a text value, so `render` is final."""
        return all(field_text(data, name) is not None for name in self.fields)

    def matches(self, heading: str, data: Mapping[str, object]) -> bool:
        return self.matcher(data).matches(normalise(heading))

    def matcher(self, data: Mapping[str, object], loosely: bool = False) -> Glob:
        """What `matches` compares a heading with, once `normalise`d (or, `loosely`, once
        `loose`); for many headings."""
        parts = _parts(self.source, loosely)
        if len(parts) == 1:
            return _glob(parts, (), loosely)  # no fields: the same glob for every card
        return _glob(parts, tuple(field_text(data, name) for _, name in parts[1:]), loosely)


@functools.lru_cache(maxsize=64)
def _fields(source: str) -> tuple[str, ...]:
    # Cached: a card with 100,000 H2 headings asks for them a million times.
    return tuple(name for _, name, _, _ in string.Formatter().parse(source) if name)


def field_text(data: Mapping[str, object], name: str) -> str | None:
    """The field's value when it is text a heading can show, else None."""
    value = data.get(name)
    return value if isinstance(value, str) and value.strip() else None


class Glob(NamedTuple):
    """Normalised literal runs with a wildcard (one or more characters) between each two."""

    pieces: tuple[str, ...]

    @property
    def exact(self) -> str | None:
        """The one text the glob matches, when it has no wildcard."""
        return self.pieces[0] if len(self.pieces) == 1 else None

    def then(self, other: Glob) -> Glob:
        """The text of this glob followed by that of `other`: a heading in two languages."""
        return Glob((*self.pieces[:-1], self.pieces[-1] + other.pieces[0], *other.pieces[1:]))

    def matches(self, text: str) -> bool:
        if len(self.pieces) == 1:
            return text == self.pieces[0]
        first, *middle, last = self.pieces
        if len(text) < sum(map(len, self.pieces)) + len(self.pieces) - 1:
            return False
        if not (text.startswith(first) and text.endswith(last)):
            return False
        # Taking each middle piece at its leftmost place (after at least one wildcard
        # character) is always right when every wildcard may match any text: a later place
        # leaves the rest of the pieces less room, never more. One pass, no backtracking.
        at, stop = len(first), len(text) - len(last)
        for piece in middle:
            found = text.find(piece, at + 1, stop - 1)
            if found < 0:
                return False
            at = found + len(piece)
        return at < stop


# Small: a card asks for a dozen templates with the same field values, and those values may be
# up to a megabyte each.
@functools.lru_cache(maxsize=32)
def _glob(
    parts: tuple[tuple[str, str], ...], values: tuple[str | None, ...], loosely: bool
) -> Glob:
    key = loose if loosely else normalise
    pieces = [parts[0][0]]
    for (literal, _), value in zip(parts[1:], values, strict=True):
        # A field the card lacks is reported by the schema rules; the heading may then say
        # anything.
        if value is None:
            pieces.append(literal)
        else:
            pieces[-1] += key(value) + literal
    return Glob(tuple(pieces))


@functools.lru_cache(maxsize=64)
def _parts(source: str, loosely: bool) -> tuple[tuple[str, str], ...]:
    """The template as (normalised literal, field before it): the first has no field."""
    key = loose if loosely else normalise
    parts = [("", "")]
    for literal, name, _, _ in string.Formatter().parse(source):
        parts[-1] = (parts[-1][0] + key(literal), parts[-1][1])
        if name:
            parts.append(("", name))
    return tuple(parts)
