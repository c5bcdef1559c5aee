from collections.abc import Iterator

from cardlint.card import Card
from cardlint.citations import citations_of, field_position
from cardlint.dates import Years, parse_years
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.text import quote
from cardlint.violation import Finding, Severity


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    field = ctx.schema.extension.introduced_field
    cited = citations_of(ctx.schema, card)
    value = card.data.get(field) if field is not None else None
    if cited is None or not isinstance(value, (str, int)) or isinstance(value, bool):
        return
    years = parse_years(value)
    # An unreadable `introduced` is the date rules' to report; there is no range to compare.
    if not isinstance(years, Years):
        return
    shown = str(years.start) if years.start == years.end else f"{years.start}-{years.end}"
    for citation in cited.citations:
        if years.start <= citation.year <= years.end:
            continue
        wider = f"{min(years.start, citation.year)}-{max(years.end, citation.year)}"
        what = quote(citation.text) if citation.text else citation.author
        yield Finding(
            field_position(card, citation.path),
            f"{what} is from {citation.year}, outside {field} {shown}",
            f"check the year; if the concept dates from then, set `{field}: {wider}`",
        )


RULE = Rule(
    code="CL405",
    name="citation-year-outside-introduced",
    summary="A cited paper's year lies outside the card's introduced year or range.",
    doc=RuleDoc(
        what="A citation whose year is before the first or after the last year of the card's "
        "introduced field (`introduced: 2017` or `introduced: 2021-2023`). Nothing is "
        "reported when that field is absent or unreadable; the field and date rules say so.",
        why="The key papers are the ones that introduced the concept, so their years and "
        "`introduced` should agree; a mismatch is usually a typo in one of them. It is a "
        "warning because a card may rightly cite an earlier precursor.",
        example='`introduced: 2021-2023` with `paper: "CLIP (Radford et al., 2012)"`',
        fix="Correct the year on the wrong side, or widen `introduced` to cover the paper.",
    ),
    check=check,
    severity=Severity.WARNING,
)
