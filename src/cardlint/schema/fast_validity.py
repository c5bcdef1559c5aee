"""A compiled yes-or-no answer to "does this front matter satisfy the schema?".

jsonschema explains what is wrong with a value, at some 80 us a card; nearly every card is
valid, and for those a predicate built once from the schema answers in a few microseconds.
Only an invalid card goes on to jsonschema for its issues.

The predicate knows the keywords below, with jsonschema's meaning of each (and cardlint's
overrides: `pattern` anchored as in ECMA-262, `uniqueItems` in linear time). A schema that
uses any other keyword (`$ref`, `if`, `patternProperties`, `multipleOf`...) gets no
predicate at all, rather than one that would silently skip what it does not understand;
tests/test_validity.py holds the two to the same answer on generated schemas and values.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sized
from typing import Any

from cardlint.schema.ecma import compiled, json_key

Predicate = Callable[[Any], bool]

# What jsonschema does not validate (it has no format checker here) or only describes.
_ANNOTATIONS = frozenset(
    {
        "$schema",
        "$id",
        "$comment",
        "$defs",
        "definitions",
        "title",
        "description",
        "default",
        "examples",
        "deprecated",
        "readOnly",
        "writeOnly",
        "format",
        "contentEncoding",
        "contentMediaType",
    }
)
# Both supported dialects (2020-12, draft-07) count 1.0 as an integer, and no bool as a number.
_TYPES: dict[str, Predicate] = {
    "string": lambda v: isinstance(v, str),
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool))
        or (isinstance(v, float) and v.is_integer())
    ),
}


class Unsupported(Exception):
    """The schema uses something the predicate does not implement."""


def compile_predicate(schema: object) -> Predicate | None:
    """The predicate for a whole schema document, or None when it cannot be exact."""
    try:
        return _compile(schema)
    except (Unsupported, TypeError, ValueError, RecursionError):
        return None


def _always(instance: Any) -> bool:
    return True


def _never(instance: Any) -> bool:
    return False


def _compile(node: object) -> Predicate:
    if node is True:
        return _always
    if node is False:
        return _never
    if not isinstance(node, dict):
        raise Unsupported("a schema is an object or a boolean")
    checks: list[Predicate] = []
    for keyword, value in node.items():
        if keyword in _ANNOTATIONS or keyword.startswith("x-") or keyword in _OBJECT:
            continue
        build = _BUILDERS.get(keyword)
        if build is None:
            raise Unsupported(keyword)
        checks.append(build(value))
    if any(keyword in node for keyword in _OBJECT):
        checks.append(_object(node))
    return _every(checks)


def _every(checks: list[Predicate]) -> Predicate:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]

    def every(instance: Any) -> bool:
        # A loop, not all() over a generator: this runs for every value of every card.
        for check in checks:  # noqa: SIM110
            if not check(instance):
                return False
        return True

    return every


_OBJECT = frozenset({"properties", "additionalProperties", "required"})


def _object(node: dict[str, Any]) -> Predicate:
    """`properties`, `additionalProperties` and `required`, which read each other."""
    properties = node.get("properties", {})
    if not isinstance(properties, dict):
        raise Unsupported("properties")
    known = {name: _compile(sub) for name, sub in properties.items()}
    extra = _compile(node.get("additionalProperties", True))
    required = node.get("required", [])
    if not isinstance(required, list) or not all(isinstance(n, str) for n in required):
        raise Unsupported("required")

    def check(instance: Any) -> bool:
        if not isinstance(instance, dict):
            return True
        for name in required:
            if name not in instance:
                return False
        for name, value in instance.items():  # noqa: SIM110 - as in every()
            if not known.get(name, extra)(value):
                return False
        return True

    return check


def _type(value: object) -> Predicate:
    names = [str(n) for n in value] if isinstance(value, list) else [str(value)]
    if not names or not all(n in _TYPES for n in names):
        raise Unsupported("type")
    tests = [_TYPES[n] for n in names]
    if len(tests) == 1:
        return tests[0]
    return lambda instance: any(test(instance) for test in tests)


def _enum(value: object) -> Predicate:
    if not isinstance(value, list):
        raise Unsupported("enum")
    allowed = [json_key(item) for item in value]
    return lambda instance: json_key(instance) in allowed


def _const(value: object) -> Predicate:
    wanted = json_key(value)
    return lambda instance: json_key(instance) == wanted


def _pattern(value: object) -> Predicate:
    if not isinstance(value, str):
        raise Unsupported("pattern")
    search = compiled(value).search
    return lambda instance: not isinstance(instance, str) or search(instance) is not None


def _count(value: object) -> int:
    # Counts are non-negative integers; 2.0 is one in both dialects.
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise Unsupported("a count")
    if isinstance(value, float) and not value.is_integer():
        raise Unsupported("a count")
    return int(value)


def _bound(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Unsupported("a bound")
    if isinstance(value, float) and math.isnan(value):  # (an int too large for a float is fine)
        raise Unsupported("a bound")
    return value


def _sized(kind: type[Sized], at_least: bool) -> Callable[[object], Predicate]:
    def build(value: object) -> Predicate:
        limit = _count(value)
        if at_least:
            return lambda instance: not isinstance(instance, kind) or len(instance) >= limit
        return lambda instance: not isinstance(instance, kind) or len(instance) <= limit

    return build


def _numeric(fails: Callable[[Any, Any], bool]) -> Callable[[object], Predicate]:
    # Written as jsonschema tests each bound, by when it fails: NaN fails no comparison.
    def build(value: object) -> Predicate:
        bound = _bound(value)
        number = _TYPES["number"]
        return lambda instance: not number(instance) or not fails(instance, bound)

    return build


def _items(value: object) -> Predicate:
    if isinstance(value, list):
        raise Unsupported("items as a list (tuple validation)")
    each = _compile(value)
    return lambda instance: not isinstance(instance, list) or all(map(each, instance))


def _unique(value: object) -> Predicate:
    if not value:
        return _always

    def unique(instance: Any) -> bool:
        if not isinstance(instance, list):
            return True
        keys = [json_key(item) for item in instance]
        return len(set(keys)) == len(keys)

    return unique


def _subschemas(value: object) -> list[Predicate]:
    if not isinstance(value, list) or not value:
        raise Unsupported("a list of schemas")
    return [_compile(sub) for sub in value]


def _all_of(value: object) -> Predicate:
    return _every(_subschemas(value))


def _any_of(value: object) -> Predicate:
    branches = _subschemas(value)
    return lambda instance: any(branch(instance) for branch in branches)


def _one_of(value: object) -> Predicate:
    branches = _subschemas(value)
    return lambda instance: sum(branch(instance) for branch in branches) == 1


def _not(value: object) -> Predicate:
    inner = _compile(value)
    return lambda instance: not inner(instance)


_BUILDERS: dict[str, Callable[[object], Predicate]] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "pattern": _pattern,
    "minLength": _sized(str, at_least=True),
    "maxLength": _sized(str, at_least=False),
    "minItems": _sized(list, at_least=True),
    "maxItems": _sized(list, at_least=False),
    "minProperties": _sized(dict, at_least=True),
    "maxProperties": _sized(dict, at_least=False),
    "minimum": _numeric(lambda v, b: v < b),
    "maximum": _numeric(lambda v, b: v > b),
    "exclusiveMinimum": _numeric(lambda v, b: v <= b),
    "exclusiveMaximum": _numeric(lambda v, b: v >= b),
    "items": _items,
    "uniqueItems": _unique,
    "allOf": _all_of,
    "anyOf": _any_of,
    "oneOf": _one_of,
    "not": _not,
}
