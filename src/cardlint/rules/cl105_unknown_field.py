from cardlint.rules import Claim, Rule, RuleDoc
from cardlint.rules._checks import schema_issues_claimed_by

RULE = Rule(
    code="CL105",
    name="unknown-field",
    summary="A front-matter field the schema does not know.",
    doc=RuleDoc(
        what="A key not declared in the schema when the schema forbids extra fields, at the "
        "key; the hint suggests the closest known field.",
        why="An unknown key is almost always a misspelling, and the misspelt field's value is "
        "then missing where every tool looks for it.",
        example="```yaml\ncatgory: architecture\n```\n`unknown field 'catgory'`, hint: did you "
        "mean 'category'?",
        fix="Rename the key to the field you meant, or declare the new field in the schema.",
    ),
    claims=Claim(frozenset({"additionalProperties", "unevaluatedProperties"})),
    check=schema_issues_claimed_by("CL105"),
)
