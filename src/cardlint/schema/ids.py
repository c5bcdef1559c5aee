"""Ids as text, the file names made of them, and the fields that list them.

An id is any scalar a card writes in its id field, compared as text: `eip: 1559` and
`eip: "1559"` are the same id, `1559`. A file-name template (`x-cardlint.file_name`, such as
`eip-{eip}.md` or `{number:04d}-{slug}.md`) says which file name a card's front matter asks
for and, read the other way, which id a file name gives. A reference field
(`x-cardlint.reference_fields`) holds a list of ids, one id, or, with a delimiter, several ids
in one string (`requires: 2718, 2930`).
"""

from __future__ import annotations

import functools
import os
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, NamedTuple

from cardlint.pydantic_edge import After

_INTEGER_SPEC = re.compile(r"(?:0[0-9]+)?d\Z")
"""The format specs a file name may give a field: `d`, or zero-padded as `04d`."""
_INTEGER = re.compile(r"-?[0-9]{1,1000}\Z")
_SUFFIX = ".md"


def id_text(value: object) -> str | None:
    """A scalar id as text: a string as written, an integer (or a float without a fraction)
    in decimal; None for anything else (a boolean, null, a list, a mapping)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None


def _named(name: str) -> None:
    if not name:
        raise ValueError("must name a front-matter field")


def _delimiter(delimiter: str | None) -> None:
    if delimiter == "":
        raise ValueError("must not be empty: leave it out when a string holds one id")


@dataclass(frozen=True)
class ReferenceField:
    """A front-matter field whose value names other cards by id."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "use_attribute_docstrings": True,
    }

    field: Annotated[str, After(_named)]
    """The field's name, e.g. `related_concepts` or `requires`."""
    delimiter: Annotated[str | None, After(_delimiter)] = None
    """What separates ids written in one string (`,` for `requires: 2718, 2930`); None: a
    string is one id."""
    types: list[str] | None = None
    """The card types the ids must name (the configuration's `types`), e.g. `["person"]`;
    null: a card of any type."""


def reference_field(value: object) -> object:
    """A reference field as written in the schema (a name, or an object) as the object."""
    if isinstance(value, str):
        return {"field": value}
    if isinstance(value, (dict, ReferenceField)):
        return value
    raise ValueError('must be a field name, or an object such as {"field": "requires"}')


def check_file_name(template: str | None) -> None:
    """Raise ValueError, in words for the schema's author, unless `template` is one."""
    if template is not None:
        _parse(template)


class FileNames(NamedTuple):
    """A file-name template, parsed."""

    source: str
    """As the schema writes it (`{concept_id}.md` when it does not)."""
    parts: tuple[tuple[str, str, str], ...]
    """(the literal text before it, field, format spec) for each placeholder."""
    tail: str
    """The literal text after the last placeholder."""
    id_field: str

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(field for _, field, _ in self.parts))

    def render(self, data: Mapping[str, object]) -> str | None:
        """The file name the front matter asks for; None when a field the template needs is
        missing or not a scalar (the schema rules report it)."""
        written: list[str] = []
        for literal, field, spec in self.parts:
            text = field_text(data.get(field), spec)
            if text is None:
                return None
            written += (literal, text)
        return "".join(written) + self.tail

    def fields_of(self, name: str) -> dict[str, str] | None:
        """The text of each field a file name gives (an integer field's in decimal, without
        padding); None when the name does not follow the template.

        Matched on names without `.md` (in any case), as cards are found. Where two fields
        meet at a literal that either could contain, the first takes the shortest text.
        """
        found = _matcher(self.parts, stem(self.tail)).fullmatch(stem(name))
        if found is None:
            return None
        values: dict[str, str] = {}
        for (_, field, spec), text in zip(self.parts, found.groups(), strict=True):
            given = str(int(text)) if spec else text
            if values.setdefault(field, given) != given:
                return None  # a field named twice, written two ways
        return values

    def id_of(self, path: str) -> str | None:
        """The id a card file's name gives it (`cards/eip-1559.md`: `1559`), or None."""
        fields = self.fields_of(path.rsplit(os.sep, 1)[-1])
        return fields.get(self.id_field) if fields is not None else None


def file_names(template: str | None, id_field: str) -> FileNames:
    """The template parsed; None stands for the default, `{<id_field>}.md`."""
    if template is None:
        return FileNames(f"{{{id_field}}}{_SUFFIX}", (("", id_field, ""),), _SUFFIX, id_field)
    parts, tail = _parse(template)
    return FileNames(template, parts, tail, id_field)


def field_text(value: object, spec: str) -> str | None:
    """A field's value as a file name writes it under `spec`, or None."""
    text = id_text(value)
    if text is None or not spec:
        return text
    return format(int(text), spec) if _INTEGER.match(text) else None


def stem(name: str) -> str:
    """A file name without its `.md`, in any case (`clip.MD`: `clip`)."""
    return name[: -len(_SUFFIX)] if name.lower().endswith(_SUFFIX) else name


@functools.lru_cache(maxsize=16)
def _parse(template: str) -> tuple[tuple[tuple[str, str, str], ...], str]:
    try:
        chunks = list(string.Formatter().parse(template))
    except ValueError as error:
        raise ValueError(f"{template!r} is not a template: {error}") from error
    parts: list[tuple[str, str, str]] = []
    tail = ""
    for literal, field, spec, conversion in chunks:
        if "/" in literal or os.sep in literal:
            raise ValueError(f"{template!r} must be a file name, not a path")
        if field is None:
            tail = literal
            continue
        if not field or field.isdigit() or any(c in field for c in ".[]"):
            raise ValueError(f"{{{field}}} in {template!r} must name a front-matter field")
        if conversion is not None or (spec and not _INTEGER_SPEC.match(spec)):
            written = f"{field}!{conversion}" if conversion else f"{field}:{spec}"
            raise ValueError(
                f"{{{written}}} in {template!r} is not supported: write {{{field}}}, or "
                f"{{{field}:04d}} for an integer padded with zeros"
            )
        parts.append((literal, field, spec or ""))
    if not parts:
        raise ValueError(f"{template!r} names no field: write one such as 'eip-{{eip}}.md'")
    return tuple(parts), tail


@functools.lru_cache(maxsize=16)
def _matcher(parts: tuple[tuple[str, str, str], ...], tail: str) -> re.Pattern[str]:
    pattern = "".join(
        re.escape(literal) + ("(-?[0-9]+)" if spec else "(.*?)") for literal, _, spec in parts
    )
    return re.compile(pattern + re.escape(tail), re.DOTALL)
