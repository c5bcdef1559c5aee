from cardlint.rules import Rule, RuleDoc
from cardlint.rules._checks import owned_elsewhere, schema_issues_where
from cardlint.schema import CardSchema
from cardlint.schema_issues import SchemaIssue

# The keywords the other schema rules (CL101-CL105) report; this rule takes everything else.
_NAMED = frozenset(
    {
        "required",
        "type",
        "enum",
        "const",
        "pattern",
        "additionalProperties",
        "unevaluatedProperties",
    }
)


def _other_constraint(issue: SchemaIssue, schema: CardSchema) -> bool:
    return issue.keyword not in _NAMED and not owned_elsewhere(issue, schema)


RULE = Rule(
    code="CL106",
    name="constraint-violation",
    summary="A value breaks another schema constraint (length, uniqueness, range, ...).",
    doc=RuleDoc(
        what="Any schema failure not covered by CL101-CL105: `minLength`, `minItems`, "
        "`uniqueItems`, `minimum`, `maximum`, `format` and the rest. Repeated ids in a reference "
        "field are left to CL303.",
        why="Constraints encode the corpus's conventions, such as names that are never empty.",
        example='```yaml\nconcept_name_en: ""\n```\n`concept_name_en: must not be empty`.',
        fix="Change the value to satisfy the constraint named in the message.",
    ),
    check=schema_issues_where(_other_constraint),
)
