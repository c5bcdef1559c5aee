"""Which rule answers for each schema issue (`Rule.claims`, `rules._checks.claimant`)."""

from __future__ import annotations

import pytest

from cardlint.rules._checks import claimant
from cardlint.schema.card_schema import default_schema_path, load_schema
from cardlint.schema.issues import SchemaIssue


@pytest.mark.parametrize(
    ("keyword", "path", "claimed_by"),
    [
        ("required", (), "CL101"),
        ("type", ("difficulty",), "CL102"),
        ("enum", ("difficulty",), "CL103"),
        ("pattern", ("concept_id",), "CL104"),
        ("additionalProperties", ("extra",), "CL105"),
        ("minLength", ("concept_name_en",), None),  # CL106: what no rule claims
        ("uniqueItems", ("related_concepts",), "CL303"),
        ("minLength", ("paper",), "CL401"),
        ("minLength", ("paper", 0), None),
        ("pattern", ("introduced",), "CL501"),
    ],
)
def test_each_schema_issue_has_one_rule_to_answer_for_it(
    keyword: str, path: tuple[str | int, ...], claimed_by: str | None
) -> None:
    schema = load_schema(default_schema_path())
    assert claimant(SchemaIssue(keyword, path, "message"), schema) == claimed_by
