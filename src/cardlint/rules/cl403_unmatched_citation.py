from collections.abc import Iterator, Sequence

from cardlint.bibliography import Reference, references_of
from cardlint.card import Card
from cardlint.citations import Citation, citations_of, field_position
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.text import did_you_mean, quote
from cardlint.violation import Finding


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    cited = citations_of(ctx.schema, card)
    section = references_of(ctx.schema, card)
    # Without any entry CL402 or CL203 already says the list is missing; one report is enough.
    if cited is None or section is None or not section.entries:
        return
    for citation in cited.citations:
        if not any(_same_paper(citation, entry) for entry in section.entries):
            as_written = f", cited as {quote(citation.text)}" if citation.text else ""
            yield Finding(
                field_position(card, citation.path),
                f"no entry in {quote(section.heading.text)} for {_name(citation)}{as_written}",
                _hint(citation, section.entries),
            )


def _same_paper(citation: Citation, entry: Reference) -> bool:
    # A suffix (2021a) tells two papers of one year apart; only two different ones conflict.
    suffixes_agree = not citation.suffix or not entry.suffix or citation.suffix == entry.suffix
    return entry.key == citation.key and entry.year == citation.year and suffixes_agree


def _name(citation: Citation) -> str:
    return f"{citation.author} ({citation.year}{citation.suffix})"


def _hint(citation: Citation, entries: Sequence[Reference]) -> str:
    other_years = sorted(
        {f"{e.year}{e.suffix}" for e in entries if e.key == citation.key and e.year}
    )
    if other_years:
        listed = ", ".join(other_years)
        return f"the references list {citation.author} in {listed}: correct the year, or add it"
    same_year = {e.key: e.author for e in entries if e.year == citation.year}
    close = did_you_mean(citation.key, same_year)
    if close is not None:
        return f"the references have {same_year[close]} ({citation.year}): spell the name alike"
    return f"add a references entry such as `- {_name(citation)}. Title.`"


RULE = Rule(
    code="CL403",
    name="unmatched-citation",
    summary="A citation has no references entry with the same first author and year.",
    doc=RuleDoc(
        what="Each citation in the citation field is matched to the references section's list "
        "entries by first author (surname or organisation) and year. Names match ignoring "
        "case, accents, initials, particles such as `van den` and punctuation; a year suffix "
        "(2021a) must agree when both sides give one. Reported at the citation field, or at "
        "the list item for list forms. Nothing is reported when the section has no entries: "
        "CL402 or CL203 covers that.",
        why="A citation a reader cannot look up is a dead end, and a mismatch is usually a "
        "typo in the year or the name on one of the two sides.",
        example='`paper: "CLIP (Radford et al., 2020)"` with the entry '
        "`- Radford, A., et al. (2021). Learning Transferable Visual Models.`",
        fix="Correct the author or year on whichever side is wrong, or add the missing entry, "
        "e.g. `- Radford, A., et al. (2021). Title.`",
    ),
    check=check,
)
