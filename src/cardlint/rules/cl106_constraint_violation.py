from cardlint.rules import Rule, RuleDoc
from cardlint.rules._checks import schema_issues_claimed_by

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
    # Unclaimed issues are CL106's: what no other rule answers for (see rules._checks.claimant).
    check=schema_issues_claimed_by(None),
)
