"""A run imports only the rules it runs: choosing rules and telling which rule answers for a
schema issue read the generated index (`rules._index`), not the rule modules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cardlint.pydantic_edge import validated
from cardlint.rules import Claim, all_rules, claim_index, named_fields, rule_index
from cardlint.schema.card_schema import Extension, default_schema_path, load_schema
from cardlint.schema.ids import ReferenceField
from tests.conftest import NO_NETWORK
from tests.small_corpus import SCHEMA, write_small_corpus

REPORT_RULE_MODULES = (
    "import json, sys\n"
    "print(json.dumps(sorted(m for m in sys.modules if m.startswith('cardlint.rules.cl'))))\n"
)
"""Ends a probe: the rule modules it imported, as the last line of its output."""


def _probe(code: str, cwd: Path) -> tuple[str, list[str]]:
    """Runs `code` in a fresh interpreter; its output before the last line, and the rule
    modules it imported."""
    done = subprocess.run(
        [sys.executable, "-c", code + REPORT_RULE_MODULES],
        cwd=cwd,
        env={"NO_COLOR": "1", **NO_NETWORK},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=True,
    )
    *shown, imported = done.stdout.splitlines()
    modules: list[str] = json.loads(imported)
    return "\n".join(shown), modules


def _module_of(code: str) -> str:
    return "cardlint.rules." + next(info.module for info in rule_index() if info.code == code)


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """Six cards and a stray file; `f.md` has no id (CL101) and, as `c.md` does, a difficulty
    the schema does not allow (CL103): a schema issue that another rule answers for."""
    write_small_corpus(tmp_path)
    (tmp_path / "cards" / "f.md").write_text(
        "---\nname_en: Nameless\ndifficulty: medium\nrelated: [a]\n---\n\n# F\n\nSome text.\n",
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize(
    ("code", "reported"),
    [
        ("CL101", ["cards/f.md:1:1: CL101 missing required field 'id'"]),
        ("CL106", []),  # the schema issues no other rule claims: none here
        ("CL301", ["cards/a.md:7:14: CL301", "cards/d.md:6:14: CL301", "cards/d.md:6:21: CL301"]),
    ],
)
def test_selecting_one_rule_imports_that_rule_alone(
    small_corpus: Path, code: str, reported: list[str]
) -> None:
    check = (
        "from cardlint.cli.main import main\n"
        "try:\n"
        f"    main(args=['check', '--no-cache', '--select', '{code}'], prog_name='cardlint')\n"
        "except SystemExit:\n"
        "    pass\n"
    )
    shown, imported = _probe(check, small_corpus)
    findings = [line for line in shown.splitlines() if line.startswith("cards/")]
    assert [f for f in findings if not f.startswith(tuple(reported))] == []
    assert len(findings) == len(reported), shown
    assert imported == [_module_of(code)]


def test_reading_the_index_and_attributing_schema_issues_import_no_rule(tmp_path: Path) -> None:
    attribute = (
        "from cardlint.rules import claim_index, rule_index\n"
        "from cardlint.rules._checks import claimant\n"
        "from cardlint.schema.card_schema import default_schema_path, load_schema\n"
        "from cardlint.schema.issues import SchemaIssue\n"
        "from cardlint.settings.selection import select_rules, severities\n"
        "rules = rule_index()\n"
        "select_rules(rules, ['CL1'], ['CL3'], ['CL101'])\n"
        "severities(rules, {'CL2': 'warning'})\n"
        "schema = load_schema(default_schema_path())\n"
        "keywords = sorted({k for _, claim in claim_index() for k in claim.keywords})\n"
        "for keyword in keywords:\n"
        "    for path in [(), ('difficulty',), ('paper',), ('related_concepts', 0)]:\n"
        "        print(claimant(SchemaIssue(keyword, path, 'm'), schema))\n"
    )
    shown, imported = _probe(attribute, tmp_path)
    assert {"CL101", "CL301", "CL303", "CL401", "None"} <= set(shown.splitlines())
    assert imported == []


def test_finding_one_rule_imports_that_rule_alone(tmp_path: Path) -> None:
    find = "from cardlint.rules import find_rule\nprint(find_rule('missing-field'))\n"
    _, imported = _probe(find, tmp_path)
    assert imported == [_module_of("CL101")]


def _extensions() -> list[Extension]:
    """The bundled schema's, the small corpus's, one that names several fields in each
    attribute a claim may read, and one that names none."""
    return [
        load_schema(default_schema_path()).extension,
        validated(Extension, json.loads(SCHEMA)["x-cardlint"]),
        Extension(
            citation_field="cites",
            reference_fields=[ReferenceField("see"), ReferenceField("also")],
            introduced_field="since",
            date_fields=["updated", "reviewed"],
            name_fields=["name"],
        ),
        Extension(),
    ]


def test_the_index_lists_each_rules_claim_as_it_is() -> None:
    indexed = dict(claim_index())
    claims = {rule.code: rule.claims for rule in all_rules() if rule.claims is not None}
    assert indexed == claims


@pytest.mark.parametrize("extension", _extensions())
def test_every_claim_names_fields_through_the_extension(extension: Extension) -> None:
    for code, claim in claim_index():
        if claim.fields is not None:
            named = named_fields(extension, claim.fields)
            assert all(isinstance(field, str | None) for field in named), code


@pytest.mark.parametrize("fields", [("paper",), ("citation_field", "no_such_attribute")])
def test_a_claim_the_index_cannot_name_is_refused(fields: tuple[str, ...]) -> None:
    claim = Claim(frozenset({"pattern"}), fields=fields)
    with pytest.raises(ValueError, match="claim"):
        claim.record()
