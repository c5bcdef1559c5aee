from collections.abc import Iterator, Sequence

from cardlint.card import Card
from cardlint.markdown import Heading, plain_text
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.structure import structure
from cardlint.template import Template
from cardlint.violation import Edit, Finding, Position, Severity
from cardlint.yamledit import one_edit


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    found = structure(ctx.schema, card)
    ext = ctx.schema.extension
    required: list[tuple[Heading, Sequence[str]]] = [
        (m.heading, m.spec.titles) for m in found.sections if m.heading is not None
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
        yield Finding(
            Position(heading.line, heading.column),
            f"heading '{heading.text}' is written differently from the schema's '{wanted}'",
            f"write `{'#' * heading.level} {wanted}`",
            one_edit(f"write the heading as '{wanted}'", _retitle(card, heading, wanted)),
        )


def _retitle(card: Card, heading: Heading, wanted: str) -> Edit | None:
    """Replace the heading's text, keeping its markers, or None when that would lose markup."""
    if card.source is None:
        return None
    line = card.source.lines[heading.line - 1]
    # A setext heading's text is its first line (one line, or the texts would differ below).
    start, written = _atx_text(line) or (len(line) - len(line.lstrip(" ")), line.strip())
    # Emphasis, code, escapes or a comment in the heading would be lost by a rewrite.
    if written != heading.text or plain_text(wanted) != wanted:
        return None
    return Edit(
        Position(heading.line, start + 1), Position(heading.line, start + 1 + len(written)), wanted
    )


def _atx_text(line: str) -> tuple[int, str] | None:
    """Where an ATX heading line's text starts, and the text: the line less its opening run
    of `#`, an optional closing run and the blanks around them. Scanned, not matched: a
    pattern for it backtracks quadratically on a long run of blanks."""
    rest = line.lstrip(" ")
    level = len(rest) - len(rest.lstrip("#"))
    if (
        len(line) - len(rest) > 3
        or not 1 <= level <= 6
        or rest[level : level + 1] not in (" ", "\t")
    ):
        return None
    text = rest[level:].lstrip(" \t")
    start = len(line) - len(text)
    text = text.rstrip(" \t")
    unclosed = text.rstrip("#")
    if unclosed != text and unclosed[-1:] in ("", " ", "\t"):
        text = unclosed.rstrip(" \t")
    return (start, text) if text else None  # nothing but a closing run: nothing to rewrite


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
