"""Schema checks jsonschema does not place at a field are reported at the field they forbid."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli

FORBIDDEN: dict[str, Any] = {
    "false subschema": {"properties": {"category": False}},
    "not required": {"not": {"required": ["category"]}},
}


@pytest.mark.parametrize("other", FORBIDDEN.values(), ids=FORBIDDEN.keys())
def test_a_field_only_some_cards_may_have_is_reported_at_its_key(
    tmp_path: Path, other: dict[str, Any]
) -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": {"id": {"type": "string"}, "kind": {"enum": ["core", "meta"]}},
        "if": {"properties": {"kind": {"const": "core"}}},
        "then": {},
        "else": other,
        "x-cardlint": {"id_field": "id"},
    }
    (tmp_path / "cards").mkdir()
    (tmp_path / "schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (tmp_path / "cardlint.toml").write_text('schema = "schema.json"\n', encoding="utf-8")
    card = "---\nid: one\nkind: meta\ncategory: x\n---\n\n# One\n\nText.\n"
    (tmp_path / "cards" / "one.md").write_text(card, encoding="utf-8")
    found = run_cli("check", "--no-cache", "--format", "json", cwd=tmp_path).json()["violations"]
    assert [(v["line"], v["column"], v["code"], v["message"]) for v in found] == [
        (4, 1, "CL106", "category: this field is not allowed here")
    ]
