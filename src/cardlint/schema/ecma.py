"""Keyword overrides for jsonschema: `pattern` with ECMA-262 anchors, linear `uniqueItems`.

JSON Schema patterns are ECMA-262 regexes, where `$` matches only at the very end of the
input. Python's `$` also matches before a trailing newline, so jsonschema would accept
`concept_id: "x\\n"` against `^[a-z0-9]+$`. Translating `$` to `\\Z` (outside character
classes and escapes) restores the intended, fully anchored meaning; `\\d`, `\\w` and `\\s` are
ASCII-only as in ECMA-262.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any


def to_python(pattern: str) -> str:
    out: list[str] = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append(r"\Z")
            continue
        out.append(char)
    return "".join(out)


@functools.lru_cache(maxsize=256)
def compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(to_python(pattern), re.ASCII)


def pattern_keyword(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[Any]:
    """A drop-in for jsonschema's `pattern` keyword with ECMA-262 anchoring."""
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def unique_items_keyword(validator: Any, unique: bool, instance: Any, schema: Any) -> Iterator[Any]:
    """`uniqueItems` in linear time: jsonschema compares every pair of unsortable items."""
    from jsonschema.exceptions import ValidationError

    if not unique or not validator.is_type(instance, "array"):
        return
    seen: set[object] = set()
    for item in instance:
        key = json_key(item)
        if key in seen:
            yield ValidationError(f"{instance!r} has non-unique elements")
            return
        seen.add(key)


def json_key(value: Any) -> object:
    """A hashable stand-in with JSON's equality: 1 == 1.0, but true is not 1."""
    if isinstance(value, bool) or value is None:
        return ("literal", value)
    if isinstance(value, (int, float)):
        return ("number", value)
    if isinstance(value, list):
        return ("array", tuple(json_key(v) for v in value))
    if isinstance(value, dict):
        return ("object", frozenset((k, json_key(v)) for k, v in value.items()))
    return ("string", value)
