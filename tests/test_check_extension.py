"""Per-check severity and message: an `x-cardlint` object inside a subschema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli, summary

BASE: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["id", "title"],
    "properties": {
        "id": {"type": "string"},
        "title": {
            "type": "string",
            # In an allOf item of its own: the x-cardlint speaks for this check alone.
            "allOf": [
                {
                    "not": {"type": "string", "pattern": "[Ss]tandard"},
                    "x-cardlint": {
                        "message": "title must not contain 'standard'",
                        "severity": "warning",
                    },
                }
            ],
        },
        "status": {
            "enum": ["Draft", "Final"],
            "x-cardlint": {"severity": "warning"},
        },
        "enum": {"type": "string"},
    },
    "x-cardlint": {"id_field": "id"},
}


TITLE_CHECK = "properties/title/allOf/0/x-cardlint"


def project(root: Path, schema: dict[str, Any], front: str) -> Path:
    (root / "cards").mkdir(parents=True)
    (root / "schema.json").write_text(json.dumps(schema), encoding="utf-8")
    (root / "cardlint.toml").write_text('schema = "schema.json"\n', encoding="utf-8")
    text = f"---\nid: one\n{front}---\n\n# One\n\nWhat it is.\n"
    (root / "cards" / "one.md").write_text(text, encoding="utf-8")
    return root


def violations(root: Path) -> list[dict[str, Any]]:
    done = run_cli("check", "--no-cache", "--format", "json", cwd=root)
    found: list[dict[str, Any]] = done.json()["violations"]
    return found


def test_the_message_and_severity_are_the_subschemas(tmp_path: Path) -> None:
    root = project(tmp_path, BASE, "title: A Standard for Tokens\n")
    [found] = violations(root)
    assert (found["line"], found["column"], found["code"]) == (3, 8, "CL106")
    assert found["message"] == "title must not contain 'standard'"
    assert found["severity"] == "warning"
    text = run_cli("check", "--no-cache", cwd=root)
    # A warning fails nothing, and the text report says it is one.
    assert (text.code, summary(text)) == (0, "Found 0 errors and 1 warning in 1 of 1 card.")
    assert "title must not contain 'standard'" in text.out


def test_a_severity_alone_keeps_the_rules_own_words(tmp_path: Path) -> None:
    root = project(tmp_path, BASE, "title: Tokens\nstatus: Done\n")
    [found] = violations(root)
    assert (found["line"], found["code"], found["severity"]) == (4, "CL103", "warning")
    assert found["message"] == "status: 'Done' is not one of Draft, Final"


def test_checks_without_their_own_keep_their_rules_severity(tmp_path: Path) -> None:
    root = project(tmp_path, BASE, "title: 7\n")
    [found] = violations(root)
    assert (found["code"], found["severity"]) == ("CL102", "error")


def test_the_cache_keeps_a_findings_own_severity(tmp_path: Path) -> None:
    root = project(tmp_path, BASE, "title: A Standard for Tokens\n")
    cold = run_cli("check", "--format", "json", cwd=root)
    warm = run_cli("check", "--format", "json", cwd=root)
    assert cold.json()["violations"] == warm.json()["violations"]
    assert warm.json()["violations"][0]["severity"] == "warning"


@pytest.mark.parametrize(
    ("extension", "where", "why"),
    [
        ({"severity": "fatal"}, f"{TITLE_CHECK}/severity", "'error' or 'warning'"),
        ({"message": ""}, TITLE_CHECK, "text on one line"),
        ({"mesage": "typo"}, f"{TITLE_CHECK}/mesage", "unknown key"),
        ("loud", TITLE_CHECK, "dictionary"),
    ],
)
def test_a_wrong_shaped_one_is_a_schema_error_naming_where(
    tmp_path: Path, extension: object, where: str, why: str
) -> None:
    schema = json.loads(json.dumps(BASE))
    schema["properties"]["title"]["allOf"][0]["x-cardlint"] = extension
    done = run_cli("check", "--no-cache", cwd=project(tmp_path, schema, "title: Tokens\n"))
    assert done.code == 2
    assert f"schema.json: {where}: " in done.err and why in done.err


def test_a_property_named_like_a_keyword_is_still_a_schema(tmp_path: Path) -> None:
    schema = json.loads(json.dumps(BASE))
    schema["properties"]["enum"]["x-cardlint"] = {"severity": "loud"}
    done = run_cli("check", "--no-cache", cwd=project(tmp_path, schema, "title: Tokens\n"))
    assert done.code == 2 and "properties/enum/x-cardlint/severity" in done.err


def test_instances_are_not_read_as_schemas(tmp_path: Path) -> None:
    schema = json.loads(json.dumps(BASE))
    schema["properties"]["id"]["examples"] = [{"x-cardlint": "just an example value"}]
    done = run_cli("check", "--no-cache", cwd=project(tmp_path, schema, "title: Tokens\n"))
    assert done.code == 0, done.err
