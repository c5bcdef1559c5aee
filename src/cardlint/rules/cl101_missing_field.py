from cardlint.rules import Claim, Rule, RuleDoc
from cardlint.rules._checks import schema_issues_claimed_by

RULE = Rule(
    code="CL101",
    name="missing-field",
    summary="A field the schema requires is absent.",
    doc=RuleDoc(
        what="Each field listed in the schema's `required` that the front matter lacks, reported "
        "at the front matter's first line.",
        why="Readers, indexes and the other rules rely on required fields; a card without its "
        "`difficulty` cannot be filtered, one without `paper` cannot be cited.",
        example="A card without `difficulty:` reports `CL101 missing required field 'difficulty'`.",
        fix="Add the field with a value the schema accepts; the hint describes it.",
    ),
    claims=Claim(frozenset({"required"})),
    check=schema_issues_claimed_by("CL101"),
)
