"""Generated and copied files must match what they are generated or copied from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cardlint.docs import rules_document
from cardlint.rules import all_rules, index_source, rule_index
from cardlint.schema.card_schema import default_schema_path, load_schema
from cardlint.schema.meta import FILE_NAME, meta_schema_text, with_reference
from tests.conftest import REPO


def test_docs_rules_md_is_fresh() -> None:
    written = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == rules_document(all_rules()), "run: python -m cardlint.docs"


def test_the_rule_index_is_fresh() -> None:
    written = (REPO / "src" / "cardlint" / "rules" / "_index.py").read_text(encoding="utf-8")
    assert written == index_source(), "run: python -m cardlint.docs"
    assert [(i.code, i.name, i.severity, i.cross_card) for i in rule_index()] == [
        (r.code, r.name, r.severity, r.cross_card) for r in all_rules()
    ]
    assert [i.load() for i in rule_index()] == list(all_rules())


def test_schemas_folder_holds_the_bundled_default_schema() -> None:
    bundled = default_schema_path().read_bytes()
    assert (REPO / "schemas" / "concept-card.schema.json").read_bytes() == bundled


def test_the_bundled_schema_is_what_checking_it_would_give(tmp_path: Path) -> None:
    # Runs trust the bundled schema unchecked (schema.load_schema); this is where it is checked.
    copy = tmp_path / "copy.schema.json"
    copy.write_bytes(default_schema_path().read_bytes())
    checked = load_schema(copy)  # elsewhere, it is checked: the meta-schema and pydantic
    trusted = load_schema(default_schema_path())
    assert (trusted.extension, trusted.document) == (checked.extension, checked.document)


def test_every_rule_is_documented_in_full() -> None:
    for rule in all_rules():
        assert rule.code.startswith("CL") and len(rule.code) == 5
        assert rule.name == rule.name.lower() and " " not in rule.name
        for part in (rule.summary, rule.doc.what, rule.doc.why, rule.doc.example, rule.doc.fix):
            assert len(part) > 20, (rule.code, part)


def test_rule_codes_and_names_are_unique() -> None:
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)


@pytest.mark.parametrize("folder", [REPO / "src" / "cardlint" / "schemas", REPO / "schemas"])
def test_the_meta_schema_is_fresh(folder: Path) -> None:
    written = (folder / FILE_NAME).read_text(encoding="utf-8")
    assert written == meta_schema_text(), "run: python -m cardlint.docs"


def test_the_meta_schema_accepts_the_bundled_schema_and_names_a_wrong_key() -> None:
    from jsonschema import Draft202012Validator

    meta = json.loads(meta_schema_text())
    Draft202012Validator.check_schema(meta)
    validator = Draft202012Validator(meta)
    bundled = json.loads(default_schema_path().read_text(encoding="utf-8"))
    assert list(validator.iter_errors(bundled)) == []
    wrong = {**bundled, "x-cardlint": {**bundled["x-cardlint"], "id_field": {}, "colour": 1}}
    found = sorted("/".join(map(str, e.absolute_path)) for e in validator.iter_errors(wrong))
    assert found == ["x-cardlint", "x-cardlint/id_field"]


def test_the_schema_reference_is_fresh() -> None:
    written = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    assert written == with_reference(written), "run: python -m cardlint.docs"
