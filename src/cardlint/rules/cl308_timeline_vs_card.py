from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cardlint.load.card import Card
from cardlint.model import Finding, Position, Severity
from cardlint.paths import display_path
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.rules._agreeing import agreement_of
from cardlint.text import quote

if TYPE_CHECKING:
    from cardlint.facts.dates import Years
    from cardlint.facts.timeline_names import TimelineEntry


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    found = agreement_of(ctx)
    clashes = found.timeline.get(card.file)
    if not clashes:
        return  # nearly every card of a warm run: nothing read
    from cardlint.facts.comparable import timeline_items
    from cardlint.facts.timeline_names import timeline

    card = found.loaded(card)
    for entry in timeline(ctx.schema, card):
        items = set(timeline_items(entry))
        for other in dict.fromkeys(c.other for c in clashes if c.item in items):
            finding = _finding(entry, found.card(other), ctx)
            if finding is not None:
                yield finding


def _finding(entry: TimelineEntry, other: Card, ctx: Context) -> Finding | None:
    from cardlint.facts.comparable import introduced

    schema = ctx.schema_of(other.file)
    given = introduced(schema, other)
    field = schema.extension.introduced_field
    if given is None or field is None:
        return None  # the card changed since its facts were read
    theirs, at = given
    shown = display_path(other.file, ctx.root)
    heading = entry.heading
    return Finding(
        Position(heading.line, heading.column),
        f"timeline heading {quote(heading.text)} is dated {_span(entry.years)}, but it names "
        f"{shown}, whose {field} is {_span(theirs)} (line {at.line})",
        _hint(entry.years, theirs, other, ctx, (shown, field)),
    )


def _hint(ours: Years, theirs: Years, other: Card, ctx: Context, named: tuple[str, str]) -> str:
    """Which side to check: the one the other card's own citations do not back."""
    from cardlint.facts.citations import citations_of

    shown, field = named
    cited = citations_of(ctx.schema_of(other.file), other)
    years = sorted({c.year for c in cited.citations} if cited is not None else ())
    backing = [y for y in years if ours.start <= y <= ours.end]
    if backing:
        return f"check {field} in {shown}: it cites a paper from {backing[0]}"
    if any(theirs.start <= y <= theirs.end for y in years):
        return f"check this heading's year: the papers {shown} cites agree with its {field}"
    return f"check which is right: this heading's year, or {field} in {shown}"


def _span(years: Years) -> str:
    return str(years.start) if years.start == years.end else f"{years.start}-{years.end}"


RULE = Rule(
    code="CL308",
    name="timeline-vs-card",
    summary="A timeline heading names another card but gives years outside its introduced.",
    severity=Severity.WARNING,
    cross_card=True,
    doc=RuleDoc(
        what="A year-led subheading of the timeline section (the schema's `timeline_section`, "
        "`### 2021: CLIP - …`) whose subject names another card, by its id or one of its "
        "names (case, width, punctuation and a plural aside; `A 与 B`, `A, B` and `A (B)` "
        "name each), with a year or range that does not overlap that card's introduced "
        "field. Reported at the heading, naming the other card and the line of its field. "
        "The hint says which of the two to check: the heading when the other card's "
        "citations agree with its field, the field when it cites a paper from the heading's "
        "years. A heading that names no card, or the card it is in, is left alone, as is a "
        "card whose introduced field cannot be read (the date rules report that).",
        why="Two cards that disagree on when something happened make the history wrong in "
        "one of them, and nothing in either card alone shows it.",
        example="`### 2020: CLIP - …` in `multimodal-models.md` while `clip.md` says "
        "`introduced: 2021`.",
        fix="Correct the heading's year or the other card's introduced field, whichever is wrong.",
    ),
    check=check,
    candidates=lambda ctx: agreement_of(ctx).timeline.keys(),
)
