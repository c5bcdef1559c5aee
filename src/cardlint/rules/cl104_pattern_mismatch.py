from cardlint.rules import Claim, Rule, RuleDoc
from cardlint.rules._checks import schema_issues_claimed_by

RULE = Rule(
    code="CL104",
    name="pattern-mismatch",
    summary="A value does not match the pattern the schema declares for it.",
    doc=RuleDoc(
        what="A string that fails its field's `pattern`, at the value or list item. Date fields "
        "are left to the date rules (CL5xx), which say more precisely what is wrong.",
        why="Ids and other structured strings are used as file names and link targets; one "
        "stray capital or space breaks every link to the card.",
        example="```yaml\nconcept_id: Multimodal Models\n```\nnot kebab-case.",
        fix="Rewrite the value to match; the hint quotes the field's description.",
    ),
    claims=Claim(frozenset({"pattern"})),
    check=schema_issues_claimed_by("CL104"),
)
