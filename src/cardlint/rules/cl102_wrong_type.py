from cardlint.rules import Claim, Rule, RuleDoc
from cardlint.rules._checks import schema_issues_claimed_by

RULE = Rule(
    code="CL102",
    name="wrong-type",
    summary="A field's value has the wrong type.",
    doc=RuleDoc(
        what="A value whose JSON type (string, integer, array, ...) is not one the schema "
        "allows, reported at the value.",
        why="Tools that read the card expect the declared type; a string where a list belongs "
        "breaks links, counts and rendering.",
        example="```yaml\nrelated_concepts: clip\n```\n`related_concepts: expected array, got "
        "string 'clip'`.",
        fix="Write the value in the expected form, e.g. `related_concepts: [clip]`. Note that "
        "YAML reads `true`, `null` and bare numbers as non-strings: quote them to keep text.",
    ),
    claims=Claim(frozenset({"type"})),
    check=schema_issues_claimed_by("CL102"),
)
