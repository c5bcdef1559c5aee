from cardlint.rules import Rule, RuleDoc
from cardlint.rules._checks import loader_problems

RULE = Rule(
    code="CL002",
    name="missing-front-matter",
    summary="The card does not start with a closed `---` front-matter block.",
    doc=RuleDoc(
        what="A card whose first line is not `---`, or whose front matter is opened but never "
        "closed by a second `---` line.",
        why="The front matter holds the card's id, names and links; without it the card is "
        "invisible to the index and every cross-card check.",
        example="```markdown\n# 注意力机制 (Attention)\n```\nA card that starts with its "
        "title instead of `---`.",
        fix="Start the file with `---`, the YAML fields, and a closing `---` line. Leading blank "
        "lines are not allowed before the first `---`.",
    ),
    check=loader_problems("missing-front-matter"),
)
