from cardlint.rules import Rule, RuleDoc
from cardlint.rules._checks import loader_problems

RULE = Rule(
    code="CL004",
    name="front-matter-not-mapping",
    summary="The front matter is empty, a list or a single value instead of fields.",
    doc=RuleDoc(
        what="Front matter that parses as YAML but is not a mapping of fields.",
        why="Every field check needs `key: value` pairs; a list or a bare string holds none.",
        example="```yaml\n---\n- concept_id: clip\n---\n```\nA list with one mapping in it.",
        fix="Write the fields as `key: value` lines directly between the `---` lines.",
    ),
    check=loader_problems("front-matter-not-mapping"),
)
