from collections.abc import Iterator, Sequence

from cardlint.facts.structure import structure
from cardlint.load.card import Card
from cardlint.load.markdown import Heading
from cardlint.model import Finding, Fix, Position, Severity
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.rules._heading_fix import rewrite
from cardlint.schema.heading_template import Template


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    found = structure(ctx.schema, card)
    ext = ctx.schema.extension
    # A near miss is CL210's: its heading does not match the template to begin with.
    required: list[tuple[Heading, Sequence[str]]] = [
        (m.heading, m.spec.titles)
        for m in found.sections
        if m.heading is not None and m.near is None
    ]
    if found.titles and ext.title:
        required.insert(0, (found.titles[0], ext.title))
    for heading, sources in required:
        template = next(
            (t for t in map(Template, sources) if t.matches(heading.text, card.data)), None
        )
        # Without the fields it names, a template matches any text: there is no form to hold.
        if template is None or not template.complete(card.data):
            continue
        wanted = template.render(card.data)
        if heading.text == wanted:
            continue
        # Emphasis, code, escapes or a comment in the heading would be lost by a rewrite.
        rewritten = rewrite(card, heading, wanted, heading.level)
        fix = None
        if rewritten is not None and rewritten.lossless:
            fix = Fix(f"write the heading as '{wanted}'", rewritten.edits)
        yield Finding(
            Position(heading.line, heading.column),
            f"heading '{heading.text}' is written differently from the schema's '{wanted}'",
            f"write `{'#' * heading.level} {wanted}`",
            fix,
        )


RULE = Rule(
    code="CL208",
    name="heading-form",
    summary="A required heading matches its template only loosely.",
    severity=Severity.WARNING,
    enabled_by_default=False,
    doc=RuleDoc(
        what="The title or a required section heading that matches its template once "
        "full-width and half-width punctuation, spacing and case are ignored, but is not "
        "written exactly as the template renders with the card's names (`什么是注意力?` for "
        "`什么是注意力？`). Inline emphasis does not count. Off by default: the structure rules "
        "accept these variants, and some corpora write them on purpose.",
        why="One spelling per heading keeps cards uniform for readers, search and tools that "
        "compare headings as plain text.",
        example="```markdown\n## 为什么重要?\n```\nwhere the schema writes `为什么重要？`.",
        fix="Write the heading as the schema renders it; `--fix` does (safe) unless the heading "
        "holds markup that a rewrite would lose.",
    ),
    check=check,
)
