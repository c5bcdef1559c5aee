"""What a schema says about a value in words, for messages: its `description` and `examples`,
and a conforming spelling of a value that fails a `pattern`. A raw regex helps no author."""

from __future__ import annotations

import re
from typing import Any

from cardlint.schema import ecma
from cardlint.schema.card_schema import CardSchema
from cardlint.text import quote

FieldPath = tuple[str | int, ...]
_NOT_WORD = re.compile(r"[\W_]+")


def guidance(schema: CardSchema, subschema: Any, path: FieldPath) -> str | None:
    """The `description` and `examples` of the value at `path`, else those of the card field
    it belongs to (an item of a list field often has none of its own)."""
    own = own_guidance(subschema)
    if own is not None or len(path) < 2:
        return own
    return own_guidance(schema.properties.get(str(path[0])))


def own_guidance(subschema: Any) -> str | None:
    if not isinstance(subschema, dict):
        return None
    description = subschema.get("description")
    examples = subschema.get("examples")
    shown = [quote(e, 40) for e in examples[:3]] if isinstance(examples, list) else []
    text = description.strip() if isinstance(description, str) else ""
    if shown:
        text += f"{' ' if text else ''}For example: {', '.join(shown)}."
    return text or None


def conforming(value: Any, pattern: str) -> str | None:
    """The value trimmed, or lower-cased with its spaces and punctuation made single hyphens
    (`Multimodal Models` -> `multimodal-models`), when that matches where the value does not."""
    if not isinstance(value, str):
        return None
    trimmed = value.strip()
    hyphenated = _NOT_WORD.sub("-", trimmed.casefold()).strip("-")
    matches = ecma.compiled(pattern).search
    return next((c for c in (trimmed, hyphenated) if c != value and matches(c)), None)
