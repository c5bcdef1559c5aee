from collections.abc import Iterator

from cardlint.facts.citation_place import citation_position
from cardlint.facts.citations import citations_of
from cardlint.load.card import Card
from cardlint.model import Finding
from cardlint.rules import Context, Rule, RuleDoc


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    cited = citations_of(ctx.schema, card)
    for problem in cited.problems if cited is not None else ():
        at = citation_position(card, problem.path, problem.offset)
        yield Finding(at, problem.message, problem.hint)


RULE = Rule(
    code="CL404",
    name="malformed-citation",
    summary="A citation whose author or year cannot be read, or an invalid DOI or arXiv id.",
    doc=RuleDoc(
        what="A citation in the citation field that does not end in `(Author, Year)` or "
        "`Author (Year)`, whose first author or four-digit year cannot be read, a blank list "
        "entry, or in the mapping form a `doi` that is not `10.NNNN/suffix` or an `arxiv` "
        "that is neither `NNNN.NNNNN` nor `archive/NNNNNNN` (each with an optional `vN`). "
        "Reported at the citation within the field's value or list item (its `doi`, `arxiv`, "
        "`authors` or `year` value when there is one).",
        why="An unreadable citation cannot be matched to the references (CL403) or dated "
        "(CL405), so it would escape every other check; a broken DOI leads nowhere.",
        example='`paper: "CLIP by Radford, 2021"` or `doi: "https://doi.org/10.1000/x"`',
        fix="Write `Title (Author et al., 2021)` or `Author et al. (2021)`; give DOIs and "
        "arXiv ids bare (`10.48550/arXiv.2103.00020`, `2103.00020`) and links under `url`.",
    ),
    check=check,
)
