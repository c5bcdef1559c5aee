from collections.abc import Iterator

from cardlint.facts.bibliography import references_of
from cardlint.facts.citation_match import listed
from cardlint.facts.citation_place import citation_position
from cardlint.facts.citations import citations_of
from cardlint.facts.dates import Years, parse_years
from cardlint.load.card import Card
from cardlint.model import Finding, Severity
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    field = ctx.schema.extension.introduced_field
    cited = citations_of(ctx.schema, card)
    if field is None or cited is None:
        return
    value = card.data.get(field)
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        return
    years = parse_years(value)
    # An unreadable `introduced`, or one that ends in the future, is the date rules' to
    # report (CL501-CL504); there is no sound range to compare the citations with.
    if not isinstance(years, Years) or years.end > ctx.today.year:
        return
    section = references_of(ctx.schema, card)
    entries = section.entries if section is not None else ()
    shown = str(years.start) if years.start == years.end else f"{years.start}-{years.end}"
    for citation in cited.citations:
        # A citation the references do not list is CL403's: its year is the likelier typo.
        if years.start <= citation.year <= years.end or (entries and not listed(citation, entries)):
            continue
        what = quote(citation.text) if citation.text else citation.author
        yield Finding(
            citation_position(card, citation.path, citation.offset),
            f"{what} is from {citation.year}, outside {field} {shown}",
            _hint(citation.year, years, field, ctx.today.year),
        )


def _hint(year: int, years: Years, field: str, this_year: int) -> str:
    if year > this_year:  # widening `introduced` to it would put the concept in the future
        return f"{year} is later than the current year: correct the citation's year"
    wider = f"{min(years.start, year)}-{max(years.end, year)}"
    return f"check the year; if the concept dates from then, set `{field}: {wider}`"


RULE = Rule(
    code="CL405",
    name="citation-year-outside-introduced",
    summary="A cited paper's year lies outside the card's introduced year or range.",
    doc=RuleDoc(
        what="A citation whose year is before the first or after the last year of the card's "
        "introduced field (`introduced: 2017` or `introduced: 2021-2023`). Nothing is "
        "reported when that field is absent, unreadable or ends in the future (the field and "
        "date rules say so), nor for a citation the references section does not list (CL403 "
        "says so). The hint never proposes a range that ends after the current year.",
        why="The key papers are the ones that introduced the concept, so their years and "
        "`introduced` should agree; a mismatch is usually a typo in one of them. It is a "
        "warning because a card may rightly cite an earlier precursor.",
        example='`introduced: 2021-2023` with `paper: "CLIP (Radford et al., 2012)"`',
        fix="Correct the year on the wrong side, or widen `introduced` to cover the paper.",
    ),
    check=check,
    severity=Severity.WARNING,
)
