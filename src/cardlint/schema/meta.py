"""The meta-schema of a card schema: JSON Schema plus the `x-cardlint` keyword, for editors.

Generated from the classes that validate the extension (`card_schema.Extension`,
`check_extension.CheckExtension`), so it cannot drift from what cardlint accepts: `python -m
cardlint.docs` writes it to `schemas/card-schema.meta.json`, and a test keeps it fresh.
An editor that maps `*.schema.json` to it completes and validates `x-cardlint` as it is typed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DIALECT = "https://json-schema.org/draft/2020-12/schema"
FILE_NAME = "card-schema.meta.json"


def meta_schema() -> dict[str, Any]:
    from pydantic import TypeAdapter

    from cardlint.schema.card_schema import Extension
    from cardlint.schema.check_extension import CheckExtension

    extension = TypeAdapter(Extension).json_schema(ref_template="#/$defs/{model}")
    check = TypeAdapter(CheckExtension).json_schema(ref_template="#/$defs/{model}")
    definitions = {**extension.pop("$defs", {}), **check.pop("$defs", {})}
    # The classes' docstrings speak to cardlint's developers; the schema speaks to authors.
    extension["description"] = "What JSON Schema cannot say about a card: cardlint's extension."
    definitions.update(Extension=extension, CheckExtension=check)
    return {
        "$schema": DIALECT,
        "$id": "urn:cardlint:card-schema",
        "title": "cardlint card schema",
        "description": "A JSON Schema for a card's front matter, with cardlint's `x-cardlint` "
        "keyword: at the top level the extension, inside a subschema a check's own severity "
        "and message.",
        "allOf": [{"$ref": DIALECT}],
        "properties": {"x-cardlint": {"$ref": "#/$defs/Extension"}},
        "$defs": dict(sorted(definitions.items())),
    }


def meta_schema_text() -> str:
    return json.dumps(meta_schema(), indent=2, ensure_ascii=False) + "\n"


def meta_schema_path() -> Path:
    return Path(__file__).parent.with_name("schemas") / FILE_NAME
