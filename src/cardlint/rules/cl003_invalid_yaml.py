from cardlint.rules import Rule, RuleDoc
from cardlint.rules._checks import loader_problems

RULE = Rule(
    code="CL003",
    name="invalid-yaml",
    summary="The front matter is not valid YAML, or uses YAML cardlint refuses to read.",
    doc=RuleDoc(
        what="Front matter that YAML cannot parse, or that uses features cardlint refuses for "
        "safety: non-standard tags such as `!!python/object`, complex keys, nesting deeper than "
        "64 levels, or aliases that expand too far. The common mistakes are named in words at "
        "the place to edit, with the parser's own words after the hint: a `: ` inside a plain "
        "value (at the value), a quote or a `[`/`{` never closed (at the opening one), a quote "
        "that ends a value early, a tab or a line indented like none around it, a missing space "
        "after a key's colon. One card gets one CL003: the first mistake.",
        why="A card that other tools read differently, or that makes them execute code or run "
        "out of memory, cannot be trusted in a shared corpus. The parser stops where it gives "
        "up, often a line or more past the mistake.",
        example="```yaml\nconcept_name_en: Guidance: Classifier-Free\n```\nReported at "
        "`Guidance`: ``the value of 'concept_name_en' holds `: `, which YAML reads as another "
        'key``, hint ``quote the value: `concept_name_en: "Guidance: Classifier-Free"` ``.',
        fix="Do what the hint says at the reported position. Quote values that contain `: `, "
        "` #`, or start with `[`, `{`, `*`, `&`, `@` or a quote; indent with spaces. Remove tags "
        "and anchors; write the values out.",
    ),
    check=loader_problems("invalid-yaml"),
)
