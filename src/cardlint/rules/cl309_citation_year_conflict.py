from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from cardlint.load.card import Card
from cardlint.model import Finding, Position
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.rules._agreeing import agreement_of, cards_named
from cardlint.text import quote

if TYPE_CHECKING:
    from cardlint.facts.comparable import ListedWork
    from cardlint.index.agree_works import Side, WorkClash
    from cardlint.index.agreement import Agreement

_ITEM_START = re.compile(r"\s*(?:[-*+]|[0-9]{1,9}[.)])\s+")


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    found = agreement_of(ctx)
    cites = {c.item: c for c in found.citations.get(card.file, ())}
    refs = {c.item: c for c in found.references.get(card.file, ())}
    if not cites and not refs:
        return  # nearly every card of a warm run: nothing read
    from cardlint.facts.citation_place import citation_position
    from cardlint.facts.comparable import cited_works, listed_works

    card = found.loaded(card)
    for work in cited_works(ctx.schema, card) if cites else ():
        clash = cites.get(work.item)
        if clash is not None:
            citation = work.citation
            yield Finding(
                citation_position(card, citation.path, citation.offset),
                f"{quote(citation.text)} dates the paper {citation.year}, but "
                + _sides(clash, "cite", lambda side: side.value, ctx),
                _hint(clash, "year", clash.others[0].value),
            )
    for listed in listed_works(ctx.schema, card) if refs else ():
        clash = refs.get(listed.item)
        if clash is not None:
            line = listed.entry.line
            item = _ITEM_START.match(card.line_text(line))
            written = {side: _as_listed(found, side, listed, ctx) for side in clash.others}
            yield Finding(
                Position(line, item.end() + 1 if item else 1),
                f"reference {quote(listed.written)} gives {_entry(listed)}, but "
                + _sides(clash, "list", written.__getitem__, ctx),
                _hint(clash, _what_differs(listed, clash), written[clash.others[0]]),
            )


def _sides(clash: WorkClash, verb: str, shown: Callable[[Side], str], ctx: Context) -> str:
    """The other side as the message names it: the majority's, or every other one."""
    sides = clash.others[:1] if clash.majority else clash.others
    return "; ".join(
        f"{cards_named(s.paths, ctx)} {verb if len(s.paths) > 1 else verb + 's'} it as {shown(s)}"
        for s in sides
    )


def _as_listed(found: Agreement, side: Side, listed: ListedWork, ctx: Context) -> str:
    """How the first card of a side writes the work: its first author and year."""
    from cardlint.facts.comparable import listed_works

    item = f"{listed.title} {side.value}"
    entry = next(
        (
            w
            for w in listed_works(ctx.schema_of(side.paths[0]), found.card(side.paths[0]))
            if w.item == item
        ),
        None,
    )
    return _entry(entry) if entry is not None else side.value


def _entry(work: ListedWork) -> str:
    return f"{work.entry.author}, {work.year}"


def _what_differs(listed: ListedWork, clash: WorkClash) -> str:
    author, _, year = clash.others[0].value.partition(" ")
    if author == listed.author:
        return "year"
    return "first author" if year == str(listed.year) else "first author and year"


def _hint(clash: WorkClash, what: str, theirs: str) -> str:
    if clash.majority:
        return f"if it is the same paper, give the {what} most cards give: {theirs}"
    return f"check the paper's {what}: as many cards give each, so one side is wrong"


RULE = Rule(
    code="CL309",
    name="citation-year-conflict",
    summary="Cards cite or list the same paper with different years or first authors.",
    cross_card=True,
    doc=RuleDoc(
        what="A citation whose paper other cards cite with another year, the paper matched by "
        "its label and first author (`CLIP (Radford et al., 2021)` in one card, `CLIP "
        "(Radford et al., 2022)` in another); and a references entry whose title other cards "
        "list with another year or first author. Reported on the cards on the minority side, "
        "naming the majority's cards; when no year has a majority, every side is reported. A "
        "citation without a label (`Radford et al. (2021)`) does not say which paper it is "
        "and is not compared, nor are suffixes: `2021a` and `2021b` are two papers of one "
        "year, not two years. Titles shorter than ten letters are not compared.",
        why="A paper has one year and one first author; a corpus that gives two is wrong in "
        "one card, and readers of either cannot tell which.",
        example='`paper: "CLIP (Radford et al., 2022)"` while three other cards cite CLIP '
        "(Radford et al., 2021).",
        fix="Correct the year (or author) on the wrong side, in the citation and its "
        "references entry alike.",
    ),
    check=check,
    candidates=lambda ctx: agreement_of(ctx).citations.keys() | agreement_of(ctx).references.keys(),
)
