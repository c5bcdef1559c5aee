"""Per-check severity and message: an `x-cardlint` object inside a subschema.

The schema's top-level `x-cardlint` is the extension (`card_schema.Extension`); one inside a
subschema speaks for every check of that subschema, and only for them. To single out one
check, give it an `allOf` item of its own:

    "title": {"type": "string",
              "allOf": [{"not": {"type": "string", "pattern": "[Ss]tandard"},
                         "x-cardlint": {"message": "title must not contain 'standard'",
                                        "severity": "warning"}}]}

so a style guide's "should" can be a warning while its "must"s stay errors, and a check the
schema can only write as a regex reads as the sentence the schema's author wrote. Other JSON
Schema validators ignore the keyword.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal

from cardlint.pydantic_edge import Invalid, validated
from cardlint.schema.files import SchemaLoadError

KEY = "x-cardlint"


@dataclass(frozen=True)
class CheckExtension:
    """A check's own `x-cardlint`: its severity and its message."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "use_attribute_docstrings": True,
    }

    severity: Literal["error", "warning"] | None = None
    """Overrides the severity of the rule that reports this subschema's checks."""
    message: str | None = None
    """Replaces the message of every finding of this subschema's checks."""

    def __post_init__(self) -> None:
        if self.message is not None and (not self.message.strip() or "\n" in self.message):
            raise ValueError("a message must be text on one line")


def check_extension(subschema: object) -> CheckExtension | None:
    """The subschema's own `x-cardlint`, already validated when the schema was loaded."""
    if not isinstance(subschema, dict):
        return None
    value = subschema.get(KEY)
    return CheckExtension(**value) if isinstance(value, dict) else None


def check_nested(path: Path, document: object, top: bool = False) -> None:
    """Refuse a wrong-shaped `x-cardlint` of a check, naming where it is: anywhere in a
    file a schema refers to, below the `top` of the schema itself (whose own is the
    extension)."""
    for where, value in _nested(document, (), top):
        try:
            validated(CheckExtension, value)
        except Invalid as error:
            shown = "/".join((*where, KEY, *error.where))
            raise SchemaLoadError(f"{path}: {shown}: {error.message}") from error


_VALUES = frozenset({"const", "enum", "default", "examples"})
"""Keywords whose values are instances, not schemas: an `x-cardlint` inside is data."""
_NAMED = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})
"""Keywords whose keys are names, each naming a schema (a property may be called `enum`)."""


def _nested(
    value: object, where: tuple[str, ...], top: bool = False, named: bool = False
) -> Iterator[tuple[tuple[str, ...], object]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if named:
                yield from _nested(item, (*where, str(key)))
            elif key == KEY:
                if not top:
                    yield where, item
            elif key not in _VALUES:
                yield from _nested(item, (*where, str(key)), named=key in _NAMED)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nested(item, (*where, str(index)))
