"""Turning jsonschema errors into plain-language issues anchored at a key or list item.

Messages are built from each error's parts (keyword, path, value, constraint), never from
jsonschema's own text, and quote card values truncated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from cardlint.load.card import Card, per_card
from cardlint.schema.card_schema import CardSchema
from cardlint.schema.check_extension import check_extension
from cardlint.schema.guidance import conforming, guidance, own_guidance
from cardlint.text import did_you_mean, json_type, only_close_match, quote

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class SchemaIssue:
    keyword: str
    path: FieldPath
    message: str
    hint: str | None = None
    at_key: bool = False
    replacement: str | None = None
    """The allowed value to write instead, when it is the only one close to what is written."""
    severity: str | None = None
    """The severity the subschema's own `x-cardlint` gives its checks (see `check_extension`)."""
    custom: bool = False
    """Whether the message is the one the subschema's `x-cardlint` gives."""


def label(path: FieldPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "front matter"


@per_card
def schema_issues(schema: CardSchema, card: Card) -> tuple[SchemaIssue, ...]:
    """Every schema issue of one card's front matter, in a stable order; computed once."""
    if not card.has_mapping:
        return ()
    if schema.accepts is not None and schema.accepts(card.data):
        return ()  # valid: jsonschema would only confirm it, at ten times the cost
    issues: list[SchemaIssue] = []
    for error in schema.validator.iter_errors(card.data):
        issues.extend(_describe(schema, _placed(error, card.data)))
    return tuple(sorted(set(issues), key=lambda i: (str(i.path), i.keyword, i.message)))


def _placed(error: Any, data: object) -> Any:
    """The error, at the field it is about where jsonschema leaves that out: a `false`
    subschema (`"category": false`) does not say which property it refused, and a
    `not: {required: [...]}` speaks of the whole mapping, not of the field it forbids."""
    parent = _value_at(data, tuple(error.absolute_path))
    if not isinstance(parent, dict):
        return error
    if error.validator is None and list(error.relative_schema_path)[-1:] == ["properties"]:
        key = next((k for k, v in parent.items() if v is error.instance), None)
        if key is not None:
            error.path.append(key)
    elif error.validator == "not" and isinstance(error.validator_value, dict):
        listed = error.validator_value.get("required")
        key = next((k for k in listed if k in parent), None) if isinstance(listed, list) else None
        if key is not None:
            error.path.append(key)
    return error


def _value_at(data: Any, path: FieldPath) -> object:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _describe(schema: CardSchema, error: Any) -> Iterator[SchemaIssue]:
    """The error's issues, in the words and at the severity the failing subschema's own
    `x-cardlint` gives, where it gives them; an inner subschema's words win."""
    # The document's own top-level `x-cardlint` is the extension, not a check's.
    own = None if error.schema is schema.document else check_extension(error.schema)
    for issue in _described(schema, error):
        if own is None:
            yield issue
            continue
        yield replace(
            issue,
            message=issue.message if issue.custom or own.message is None else own.message,
            custom=issue.custom or own.message is not None,
            severity=issue.severity or own.severity,
        )


def _described(schema: CardSchema, error: Any) -> Iterator[SchemaIssue]:
    keyword = str(error.validator)
    path: FieldPath = tuple(error.absolute_path)
    value = error.instance
    constraint = error.validator_value
    hint = guidance(schema, error.schema, path)
    field = label(path)
    if keyword in ("anyOf", "oneOf") and error.context:
        yield from _describe_alternatives(schema, error)
    elif keyword == "required":
        known = value if isinstance(value, dict) else {}
        for name in constraint:
            if name not in known:
                yield SchemaIssue(
                    keyword,
                    (*path, name),
                    f"missing required field '{name}'",
                    own_guidance(_properties(error.schema).get(name)),
                )
    elif keyword in ("additionalProperties", "unevaluatedProperties"):
        yield from _unknown_fields(keyword, path, value, error.schema)
    elif keyword == "type":
        expected = " or ".join(_as_list(constraint))
        yield SchemaIssue(keyword, path, f"{field}: expected {expected}, got {_shown(value)}", hint)
    elif keyword in ("enum", "const"):
        allowed = [str(v) for v in (constraint if keyword == "enum" else [constraint])]
        message = f"{field}: {quote(value)} is not one of {', '.join(allowed)}"
        close = _closest_allowed(schema, path, value, allowed, did_you_mean)
        strings = [
            v for v in (constraint if keyword == "enum" else [constraint]) if isinstance(v, str)
        ]
        yield SchemaIssue(
            keyword,
            path,
            message + (f" (did you mean '{close}'?)" if close else ""),
            replacement=_closest_allowed(schema, path, value, strings, only_close_match),
        )
    elif keyword == "pattern":
        yield _pattern_issue(path, value, str(constraint), hint)
    elif keyword == "None":  # a `false` subschema: the field may not be here at all
        yield SchemaIssue("false", path, f"{field}: this field is not allowed here", hint, True)
    elif keyword == "not" and isinstance(constraint, dict) and "required" in constraint and path:
        yield SchemaIssue(keyword, path, f"{field}: this field is not allowed here", hint, True)
    elif keyword == "uniqueItems":
        for index in _repeated(value):
            item_path = (*path, index)
            yield SchemaIssue(
                keyword,
                item_path,
                f"{label(item_path)}: {quote(value[index])} is listed more than once",
                "remove the repeated entry",
            )
    else:
        yield SchemaIssue(
            keyword, path, f"{field}: {_constraint_text(keyword, constraint, value)}", hint
        )


def _pattern_issue(path: FieldPath, value: Any, pattern: str, hint: str | None) -> SchemaIssue:
    """The schema's words for the form a value must take, not its regex: the regex is shown,
    cut short, only when the schema says nothing else about the field."""
    field = label(path)
    close = conforming(value, pattern)
    suggestion = f" (did you mean {quote(close)}?)" if close is not None else ""
    if hint is not None:
        message = f"{field}: {quote(value)} is not in the form this field takes"
    else:
        message = f"{field}: {quote(value)} does not match the pattern {quote(pattern, 40)}"
    return SchemaIssue("pattern", path, message + suggestion, hint, replacement=close)


def _describe_alternatives(schema: CardSchema, error: Any) -> Iterator[SchemaIssue]:
    from jsonschema.exceptions import best_match

    # Branches that failed only on type are not what the author meant; when every branch
    # failed on type, one "expected X or Y" says it all.
    relevant = [e for e in error.context if e.validator != "type" or e.relative_path]
    if relevant:
        yield from _describe(schema, best_match(relevant))
        return
    expected = sorted({t for e in error.context for t in _as_list(e.validator_value)})
    path: FieldPath = tuple(error.absolute_path)
    yield SchemaIssue(
        "type",
        path,
        f"{label(path)}: expected {' or '.join(expected)}, got {_shown(error.instance)}",
        guidance(schema, error.schema, path),
    )


def _closest_allowed(
    schema: CardSchema,
    path: FieldPath,
    value: Any,
    allowed: list[str],
    guess: Callable[[str, list[str]], str | None],
) -> str | None:
    """The schema's alias for `value`, else what `guess` makes of its spelling."""
    if not isinstance(value, str):
        return None
    aliases = schema.extension.value_aliases.get(str(path[0]) if path else "", {})
    alias = aliases.get(value.strip().casefold())
    return alias if alias in allowed else guess(value, allowed)


def _unknown_fields(
    keyword: str, path: FieldPath, value: Any, subschema: Any
) -> Iterator[SchemaIssue]:
    if not isinstance(value, dict) or not isinstance(subschema, dict):
        return
    known = list(subschema.get("properties", {}))
    for name in value:
        if name in known:
            continue
        close = did_you_mean(name, known)
        hint = f"did you mean '{close}'?" if close else "known fields: " + ", ".join(known)
        yield SchemaIssue(keyword, (*path, name), f"unknown field {quote(name)}", hint, at_key=True)


def _constraint_text(keyword: str, constraint: Any, value: Any) -> str:
    texts = {
        "minLength": "must not be empty"
        if constraint == 1
        else f"must be at least {constraint} characters long",
        "maxLength": f"must be at most {constraint} characters long",
        "minItems": "must not be empty"
        if constraint == 1
        else f"must have at least {constraint} items",
        "maxItems": f"must have at most {constraint} items",
        "minimum": f"must be at least {constraint}",
        "maximum": f"must be at most {constraint}",
        "exclusiveMinimum": f"must be greater than {constraint}",
        "exclusiveMaximum": f"must be less than {constraint}",
        "multipleOf": f"must be a multiple of {constraint}",
        "minProperties": f"must have at least {constraint} fields",
        "maxProperties": f"must have at most {constraint} fields",
        "format": f"{quote(value)} is not a valid {constraint}",
    }
    return texts.get(keyword, f"{_shown(value)} fails the schema's '{keyword}' constraint")


def _shown(value: Any) -> str:
    kind = json_type(value)
    return kind if kind in ("array", "object", "null") else f"{kind} {quote(value)}"


def _as_list(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _properties(subschema: Any) -> dict[str, Any]:
    properties = subschema.get("properties") if isinstance(subschema, dict) else None
    return properties if isinstance(properties, dict) else {}


def _repeated(items: Sequence[Any]) -> Iterator[int]:
    """Indexes of items equal to (and of the same type as) an earlier item.

    Hashed, not compared pairwise: a list may hold 100,000 items.
    """
    seen: set[object] = set()
    for index, item in enumerate(items):
        key = (type(item), _hashable(item))
        if key in seen:
            yield index
        else:
            seen.add(key)


def _hashable(value: Any) -> object:
    """A hashable stand-in that is equal exactly when the values are `==`."""
    if isinstance(value, list):
        return ("list", tuple(_hashable(item) for item in value))
    if isinstance(value, dict):
        return ("dict", frozenset((key, _hashable(item)) for key, item in value.items()))
    return value
