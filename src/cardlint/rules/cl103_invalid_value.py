from cardlint.rules import Claim, Rule, RuleDoc
from cardlint.rules._checks import schema_issues_claimed_by

RULE = Rule(
    code="CL103",
    name="invalid-value",
    summary="A value is not one of the values the schema allows.",
    doc=RuleDoc(
        what="A value outside the schema's `enum` (or different from its `const`); when one "
        "allowed value is close, the message suggests it.",
        why="Categories and difficulty levels drive navigation and filters; a misspelt value "
        "silently puts the card in a bucket of its own.",
        example="```yaml\ndifficulty: expert\n```\n`difficulty: 'expert' is not one of "
        "beginner, intermediate, advanced (did you mean 'advanced'?)`.",
        fix="Use one of the listed values, or add the new value to the schema's `enum`. When "
        "only one allowed value is close, `--fix --unsafe-fixes` writes it.",
    ),
    claims=Claim(frozenset({"enum", "const"})),
    check=schema_issues_claimed_by("CL103"),
)
