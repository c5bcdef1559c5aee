from cardlint.rules import Rule, RuleDoc
from cardlint.rules._checks import loader_problems

RULE = Rule(
    code="CL003",
    name="invalid-yaml",
    summary="The front matter is not valid YAML, or uses YAML cardlint refuses to read.",
    doc=RuleDoc(
        what="Front matter that YAML cannot parse (reported at the parser's position), or that "
        "uses features cardlint refuses for safety: non-standard tags such as `!!python/object`, "
        "complex keys, nesting deeper than 64 levels, or aliases that expand too far.",
        why="A card that other tools read differently, or that makes them execute code or run "
        "out of memory, cannot be trusted in a shared corpus.",
        example="```yaml\nrelated_concepts: [clip, gpt-4v\ncategory: architecture\n```\nThe "
        "flow list is never closed.",
        fix="Correct the YAML at the reported position. Quote values that contain `: `, `#`, "
        "`[` or `{`. Remove tags and anchors; write the values out.",
    ),
    check=loader_problems("invalid-yaml"),
)
