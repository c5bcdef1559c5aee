from __future__ import annotations

import json
from collections.abc import Iterator

from cardlint.load.card import Card
from cardlint.load.framing import DELIMITER, misplaced_opening
from cardlint.model import Finding
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.schema.card_schema import CardSchema
from cardlint.schema.heading_template import Template, normalise


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    for problem in card.problems:
        if problem.rule != "missing-front-matter":
            continue
        if _not_a_card(card, ctx.schema):
            # A README or an empty file among the cards: the remedy is the configuration.
            name = json.dumps(card.name, ensure_ascii=False)  # a TOML string as well
            yield Finding(
                problem.position,
                "this file is not a card: it has no front matter and none of the card's sections",
                f'if it is not meant to be one, exclude it: `exclude = [".*", "node_modules", '
                f"{name}]` in the configuration; if it is, start it with `---`, its YAML fields "
                "and a closing `---`",
            )
        else:
            yield Finding(problem.position, problem.message, problem.hint)


def _not_a_card(card: Card, schema: CardSchema) -> bool:
    """No front matter, misplaced or not closed, and no heading the schema asks for."""
    if card.source is None:
        return False
    lines = card.source.lines
    if DELIMITER.match(lines[0]) or misplaced_opening(lines) is not None:
        return False
    from cardlint.load.markdown import parse_body  # only a file without front matter needs it

    globs = [Template(t).matcher({}) for s in schema.extension.sections for t in s.titles]
    headings = [normalise(h.text) for h in parse_body(card.source.text, 1).headings]
    return not any(glob.matches(text) for glob in globs for text in headings)


RULE = Rule(
    code="CL002",
    name="missing-front-matter",
    summary="The card does not start with a closed `---` front-matter block.",
    doc=RuleDoc(
        what="A card whose first line is not `---`, or whose front matter is opened but never "
        "closed by a second `---` line. An unclosed front matter is reported once, with the "
        "line after which the `---` belongs (the last line that reads as YAML). A `...` line "
        "(YAML's document end) does not close it: Pandoc and Jekyll accept one, but "
        "python-frontmatter and most front-matter readers do not, so such a card would mean "
        "different things to different tools. A file with no front matter and none of "
        "the schema's sections (a README, an empty file) is reported as not a card. Either "
        "way, nothing else is reported on the file: its fields and its body are unknown.",
        why="The front matter holds the card's id, names and links; without it the card is "
        "invisible to the index and every cross-card check. Left open, it swallows the body, "
        "and YAML errors from the prose would point far from the mistake.",
        example="```markdown\n---\nconcept_id: clip\nrelated_concepts: [vision-language]\n\n"
        "# 对比语言-图像预训练 (CLIP)\n```\nReported as ``CL002 front matter is not closed: "
        "add `---` after line 3``.",
        fix="Start the file with `---`, the YAML fields, and a closing `---` line. Leading blank "
        "lines are not allowed before the first `---`. A Markdown file among the cards that is "
        "not a card belongs in the `exclude` setting.",
    ),
    check=check,
)
