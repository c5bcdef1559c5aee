from cardlint.rules import Claim, Rule, RuleDoc
from cardlint.rules._checks import schema_issues_claimed_by

RULE = Rule(
    code="CL104",
    name="pattern-mismatch",
    summary="A value does not match the pattern the schema declares for it.",
    doc=RuleDoc(
        what="A string that fails its field's `pattern`, at the value or list item. The "
        "message says what form the field takes in the schema's words (its `description` and "
        "`examples`, or the list field's for an item); the pattern itself is shown, cut short, "
        "only when the schema gives neither. Date fields are left to the date rules (CL5xx), "
        "which say more precisely what is wrong.",
        why="Ids and other structured strings are used as file names and link targets; one "
        "stray capital or space breaks every link to the card.",
        example="```yaml\nconcept_id: Multimodal Models\n```\n`concept_id: 'Multimodal "
        "Models' is not in the form this field takes (did you mean 'multimodal-models'?)`.",
        fix="Rewrite the value as the hint describes. When the value trimmed, or lower-cased "
        "with single hyphens for its spaces and punctuation, matches the pattern, the message "
        "suggests it and `--fix --unsafe-fixes` writes it.",
    ),
    claims=Claim(frozenset({"pattern"})),
    check=schema_issues_claimed_by("CL104"),
)
