from cardlint.rules import Rule, RuleDoc
from cardlint.rules._checks import loader_problems

RULE = Rule(
    code="CL005",
    name="duplicate-key",
    summary="A front-matter key appears twice in the same mapping.",
    doc=RuleDoc(
        what="The second occurrence of a key in one mapping; the message names the line of the "
        "first. cardlint keeps the first value.",
        why="YAML libraries disagree: most silently keep the last value, some keep the first, "
        "some refuse. The card means different things to different tools.",
        example="```yaml\ncategory: architecture\ncategory: training\n```",
        fix="Delete one of the two entries, keeping the value you mean.",
    ),
    check=loader_problems("duplicate-key"),
)
