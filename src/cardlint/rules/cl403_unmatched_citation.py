from collections.abc import Iterator, Sequence

from cardlint.facts.bibliography import Reference, references_of
from cardlint.facts.citation_match import listed
from cardlint.facts.citation_place import citation_position
from cardlint.facts.citations import Citation, citations_of
from cardlint.load.card import Card
from cardlint.model import Finding
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.text import did_you_mean, quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    cited = citations_of(ctx.schema, card)
    section = references_of(ctx.schema, card)
    # Without any entry CL402 or CL203 already says the list is missing; one report is enough.
    if cited is None or section is None or not section.entries:
        return
    for citation in cited.citations:
        if not listed(citation, section.entries):
            as_written = f", cited as {quote(citation.text)}" if citation.text else ""
            yield Finding(
                citation_position(card, citation.path, citation.offset),
                f"no entry in {quote(section.heading.text)} for {_name(citation)}{as_written}",
                _hint(citation, section.entries),
            )


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
        "(2021a) must agree when both sides give one. Reported at the citation itself, within "
        "the field's value or list item (at its author, in a group that cites several "
        "papers); at the value's start when an escape or a line break comes before it. "
        "Nothing is reported when the section has no entries: CL402 or CL203 covers that.",
        why="A citation a reader cannot look up is a dead end, and a mismatch is usually a "
        "typo in the year or the name on one of the two sides.",
        example='`paper: "CLIP (Radford et al., 2020)"` with the entry '
        "`- Radford, A., et al. (2021). Learning Transferable Visual Models.`",
        fix="Correct the author or year on whichever side is wrong, or add the missing entry, "
        "e.g. `- Radford, A., et al. (2021). Title.`",
    ),
    check=check,
)
