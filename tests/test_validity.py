"""The compiled validity check agrees with jsonschema, or declines the schema.

schema_issues trusts the predicate's "valid" and skips jsonschema, so a disagreement would
hide or invent violations. Schemas and values are generated from the keywords the predicate
knows, plus ones it must refuse.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cardlint.load.card import load_card
from cardlint.schema.card_schema import _validator_class, default_schema_path, load_schema
from cardlint.schema.fast_validity import compile_predicate
from tests.conftest import examples

DIALECTS = (
    "https://json-schema.org/draft/2020-12/schema",
    "http://json-schema.org/draft-07/schema#",
)
TESTS = Path(__file__).parent

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.sampled_from([0.0, 1.0, 1.5, -2.0, 1e300, 2**70]),
    st.sampled_from(["", "a", "ab", "x\n", "2021", "2021-2023", "gpt-4v", "Gpt", "多模态", " "]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.sampled_from(["a", "b", "c", "id"]), inner, max_size=4),
    ),
    max_leaves=12,
)
type_names = st.sampled_from(["string", "integer", "number", "boolean", "null", "array", "object"])
counts = st.integers(0, 3)


def keyword(schema: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.one_of(
        st.builds(
            lambda t: {"type": t},
            st.one_of(type_names, st.lists(type_names, min_size=1, max_size=3)),
        ),
        st.builds(lambda v: {"enum": v}, st.lists(scalars, min_size=1, max_size=4)),
        st.builds(lambda v: {"const": v}, values),
        st.builds(
            lambda p: {"pattern": p},
            st.sampled_from(["^a", "b$", "^[a-z0-9]+(?:-[a-z0-9]+)*$", "\\S", "^[0-9]{4}$", "\\d"]),
        ),
        st.builds(
            lambda k, n: {k: n},
            st.sampled_from(
                ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"]
            ),
            counts,
        ),
        st.builds(
            lambda k, n: {k: n},
            st.sampled_from(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]),
            st.sampled_from([0, 1, 2.5, -1, 2**70]),
        ),
        st.builds(lambda s: {"items": s}, schema),
        st.builds(lambda u: {"uniqueItems": u}, st.booleans()),
        st.builds(
            lambda k, s: {k: s},
            st.sampled_from(["allOf", "anyOf", "oneOf"]),
            st.lists(schema, min_size=1, max_size=3),
        ),
        st.builds(lambda s: {"not": s}, schema),
        st.builds(
            lambda p, r, a: {"properties": p, "required": r, "additionalProperties": a},
            st.dictionaries(st.sampled_from(["a", "b", "id"]), schema, max_size=3),
            st.lists(st.sampled_from(["a", "b", "c"]), max_size=2, unique=True),
            st.one_of(st.booleans(), schema),
        ),
        st.just({"description": "ignored", "format": "email", "x-note": 1}),
    )


schemas: st.SearchStrategy[object] = st.recursive(
    st.one_of(st.booleans(), st.just({})),
    lambda inner: st.lists(keyword(inner), min_size=1, max_size=3).map(
        lambda parts: {k: v for part in parts for k, v in part.items()}
    ),
    max_leaves=6,
)


def reference_validator(document: dict[str, Any]) -> Any:
    return _validator_class(Path("schema.json"), document)(document)


@settings(max_examples=examples(400), suppress_health_check=[HealthCheck.too_slow])
@given(schema=schemas, value=values, dialect=st.sampled_from(DIALECTS))
def test_the_predicate_agrees_with_jsonschema(schema: Any, value: Any, dialect: str) -> None:
    document = {"$schema": dialect, **schema} if isinstance(schema, dict) else schema
    predicate = compile_predicate(document)
    assert predicate is not None
    if isinstance(document, bool):
        document = {"$schema": dialect, "not": {}} if not document else {"$schema": dialect}
    assert predicate(value) == reference_validator(document).is_valid(value)


NUMBERS = [0, 1, -1, 2, 3, 2**70, math.nan, math.inf, 0.0, 1.0, 2.0, 2.5, -1.0, 1e300, 2.0**70]
STRINGS = ["", " ", "a", "ab", "abc", "x\n", "2021", "多模态", "gpt-4v", "Gpt-4v"]
ARRAYS = [[], [1], [1, 1], [1, 1.0], [1, True], [True, True], ["a", "b"], [[1], [1.0]], [{}, {}]]
OBJECTS = [{}, {"a": 1}, {"a": 1, "b": 2}, {"a": 1, "b": 2, "c": 3}, {"id": "x"}, {"c": None}]
INTERESTING_VALUES: list[Any] = [None, True, False, *NUMBERS, *STRINGS, *ARRAYS, *OBJECTS]
SINGLE_KEYWORD_SCHEMAS: list[dict[str, Any]] = [
    *({"type": t} for t in ("string", "integer", "number", "boolean", "null", "array", "object")),
    {"type": ["integer", "string"]},
    {"enum": [1, "a", None]},
    {"enum": [True]},
    {"enum": [[1], {"a": 1}]},
    {"enum": [1.0]},
    {"const": 1},
    {"const": False},
    {"const": [1, 1]},
    {"const": {"a": 1}},
    *({"pattern": p} for p in ("^a", "b$", "^[a-z0-9]+(?:-[a-z0-9]+)*$", "\\S", "^$", "\\d")),
    *({k: n} for k in ("minLength", "maxLength", "minItems", "maxItems") for n in (0, 1, 2)),
    *({k: n} for k in ("minProperties", "maxProperties") for n in (0, 1, 2)),
    *(
        {k: n}
        for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")
        for n in (0, 1, 2.5, -1, 2**70)
    ),
    {"items": {"type": "integer"}},
    {"items": False},
    {"items": True},
    {"uniqueItems": True},
    {"uniqueItems": False},
    {"required": ["a"]},
    {"required": ["a", "b"]},
    {"properties": {"a": {"type": "integer"}}},
    {"properties": {"a": True}, "additionalProperties": False},
    {"additionalProperties": {"type": "integer"}},
    {"allOf": [{"type": "integer"}, {"minimum": 1}]},
    {"anyOf": [{"type": "integer"}, {"type": "string"}]},
    {"oneOf": [{"type": "integer"}, {"type": "number"}]},
    {"not": {"type": "null"}},
]


@pytest.mark.parametrize("dialect", DIALECTS)
@pytest.mark.parametrize("schema", SINGLE_KEYWORD_SCHEMAS, ids=json.dumps)
def test_each_keyword_agrees_on_every_interesting_value(schema: Any, dialect: str) -> None:
    document = {"$schema": dialect, **schema}
    predicate = compile_predicate(document)
    assert predicate is not None
    reference = reference_validator(document)
    disagreements = [v for v in INTERESTING_VALUES if predicate(v) != reference.is_valid(v)]
    assert disagreements == []


@pytest.mark.parametrize(
    "schema",
    [
        {"$ref": "#/$defs/x", "$defs": {"x": {}}},
        {"if": {"type": "string"}, "then": {"minLength": 2}},
        {"patternProperties": {"^a": {"type": "string"}}},
        {"multipleOf": 0.1},
        {"items": [{"type": "string"}]},
        {"prefixItems": [{"type": "string"}]},
        {"properties": {"a": {"dependentRequired": {"a": ["b"]}}}},
        {"unknownKeyword": 1},
        {"anyOf": []},
        {"type": "strnig"},
    ],
)
def test_schemas_it_cannot_read_exactly_get_no_predicate(schema: dict[str, Any]) -> None:
    assert compile_predicate(schema) is None


def fixture_cards() -> list[Path]:
    return sorted(TESTS.glob("rules/*/*.md")) + sorted((TESTS.parent / "cards").glob("*.md"))


@pytest.mark.parametrize("path", fixture_cards(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_fixture_card_gets_jsonschema_s_verdict(path: Path) -> None:
    schema = load_schema(default_schema_path())
    card = load_card(path)
    if not card.has_mapping:
        pytest.skip("no front-matter mapping to validate")
    assert schema.accepts is not None
    assert schema.accepts(card.data) == schema.validator.is_valid(card.data)


def test_the_default_schema_has_a_predicate() -> None:
    document = json.loads(default_schema_path().read_text(encoding="utf-8"))
    assert compile_predicate(document) is not None
