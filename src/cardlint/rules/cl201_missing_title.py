from collections.abc import Iterator

from cardlint.facts.structure import Structure, structure
from cardlint.load.card import Card
from cardlint.model import Finding, Position
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.schema.heading_template import Template
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    templates = [Template(t) for t in ctx.schema.extension.title]
    if not templates or card.body is None:
        return
    found = structure(ctx.schema, card)
    titles = found.titles
    if titles and any(t.matches(titles[0].text, card.data) for t in templates):
        return
    if found.blamed:
        yield from _blame(card, found)
        return
    expected = "# " + templates[0].render(card.data)
    if not titles:
        yield Finding(
            # After the front matter, unless the card ends with it.
            Position(min(card.front_matter_end + 1, card.last_line), 1),
            "card has no H1 title",
            f"add the title `{expected}` after the front matter",
        )
    else:
        first = titles[0]
        yield Finding(
            Position(first.line, first.column),
            f"title {quote(first.text)} does not match the expected {quote(expected[2:])}",
            f"write the title as `{expected}`",
        )


def _blame(card: Card, found: Structure) -> Iterator[Finding]:
    """The title and a section heading agree on a name the front matter gives otherwise: one
    finding, at the field, for both headings."""
    for name in found.blamed:
        lines = [m.near.heading.line for m in found.sections if m.near and name in m.near.suspects]
        headings, at = ("heading", "line") if len(lines) == 1 else ("headings", "lines")
        span = card.front_matter.span((name,)) if card.front_matter is not None else None
        yield Finding(
            span.value if span is not None else Position(1, 1),
            f"{name} {quote(card.data.get(name))} is not the name the title (line "
            f"{found.titles[0].line}) and the section {headings} ({at} "
            f"{', '.join(map(str, lines))}) give",
            f"correct {name}; or, if it is right, rewrite the title and those {headings} with it",
        )


RULE = Rule(
    code="CL201",
    name="missing-title",
    summary="The card has no H1 title, or it does not match the schema's title template.",
    doc=RuleDoc(
        what="A card without an H1 heading, or whose first H1 does not match the schema's title "
        "template, e.g. `{concept_name_zh} ({concept_name_en})` filled from the front matter. "
        "Full-width and half-width punctuation, spacing, case and emphasis are ignored. When "
        "the title and a required section heading agree on a name the front matter gives "
        "otherwise (`# 多模态模型 (…)` and `## 什么是多模态模型？` under `concept_name_zh: "
        "多模太模型`), the field is the likelier mistake: the one finding is at the field, and "
        "the section heading is not reported again (CL210). A schema without `title` asks "
        "for no title; one with `title_field` takes the title from that front-matter field, "
        "and an H1 in the body is CL213's.",
        why="The title is what readers and search see first; when it disagrees with the names "
        "in the front matter, one of the two is wrong.",
        example="```markdown\n# Multimodal\n```\nwith `concept_name_zh: 多模态模型` and "
        "`concept_name_en: Multimodal Models`.",
        fix="Write the title from the names: `# 多模态模型 (Multimodal Models)`, or correct the "
        "names in the front matter.",
    ),
    check=check,
)
