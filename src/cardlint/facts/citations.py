"""Reading the citation field: which papers a card cites, by first author and year.

A citation string holds citations separated by commas or semicolons outside parentheses,
each `Label (Radford et al., 2021)` or `Radford et al. (2021)`. A list holds such strings, or
mappings with `authors`, `year` and optionally `doi` and `arxiv`. Authors compare by a key
that ignores case, diacritics, initials, name particles and punctuation.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from cardlint.load.card import Card, per_card
from cardlint.model import Position
from cardlint.schema.card_schema import CardSchema
from cardlint.text import quote

FieldPath = tuple[str | int, ...]

_YEAR = re.compile(r"\A([0-9]{4})([a-z]?)\Z")
# What is not a parenthesis, and separators outside a parenthesised group.
_NOT_PARENTHESIS = re.compile(r"[^()]+")
_GROUP = re.compile(r"(\([^()]*\))")
_SEPARATOR = re.compile(r"[,;]")
# Where the first author's name ends: the next author, "et al." or its Chinese form 等.
_AUTHOR_END = re.compile(r",|;|&|\band\b|\bet\s+al\b|等")
# What str.isalnum() rejects: \w is exactly the alphanumerics and `_`.
_NOT_ALNUM = re.compile(r"[\W_]+")
_DOI = re.compile(r"\A10\.([0-9.]+)/\S+\Z")
_ARXIV = re.compile(r"\A(?:[0-9]{4}\.[0-9]{4,5}|[a-z][a-z-]*(?:\.[A-Z][A-Z])?/[0-9]{7})\Z")
# Left out of keys so that `van den Oord` meets `Oord`; `le` is not one, Le is a surname.
_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "ter"})
_EMPTY_HINT = "write the citation, or remove the entry"
_AUTHORS_HINT = "list the authors first author first, e.g. `authors: [Radford, A., Kim, J. W.]`"
_FORM_HINT = "write it as `Title (Author et al., 2021)` or `Author et al. (2021)`"


class Citation(NamedTuple):
    author: str
    key: str
    year: int
    suffix: str
    path: FieldPath
    text: str
    offset: int = 0
    """Where the citation starts in the string at `path` (after NFKC), for `citation_place`."""


class CitationProblem(NamedTuple):
    path: FieldPath
    message: str
    hint: str
    offset: int = 0


class CitationField(NamedTuple):
    citations: tuple[Citation, ...]
    problems: tuple[CitationProblem, ...]


def first_author(authors: str) -> str:
    """The first name in an author list: `Radford, A., et al.` -> `Radford`."""
    end = _AUTHOR_END.search(authors)
    return (authors[: end.start()] if end else authors).strip()


@functools.lru_cache(maxsize=4096)
def author_key(name: str) -> str:
    """`Lévy` and `Levy`, `van den Oord` and `Oord`, `A. Radford` and `Radford` share a key."""
    folded = unicodedata.normalize("NFKD", name).casefold()
    if not folded.isascii():
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = folded.split()
    kept = [w for w in words if not _is_initial(w) and w not in _PARTICLES] or words
    return _NOT_ALNUM.sub("", "".join(kept))


def _is_initial(word: str) -> bool:
    if len(word) > 3 and word[:3].isalnum():
        return False  # a surname: the common case, told at a glance
    letters = len(_NOT_ALNUM.sub("", word))
    return letters == 1 or (letters == 2 and word.endswith("."))


def valid_doi(doi: str) -> bool:
    match = _DOI.match(doi)
    registrant = match.group(1).split(".") if match else []
    return bool(registrant) and len(registrant[0]) >= 4 and all(registrant)


def valid_arxiv(identifier: str) -> bool:
    # The version suffix (`v2`) is split off here so the pattern needs no nested quantifier;
    # rpartition keeps a `v` inside an old archive name such as `solv-int` out of it.
    head, v, version = identifier.rpartition("v")
    numbered = bool(v) and version.isascii() and version.isdigit()
    return bool(_ARXIV.match(head if numbered else identifier))


def parse_citations(value: object, field: str) -> CitationField:
    found: list[Citation | CitationProblem] = []
    if isinstance(value, str):
        found.extend(_parse_text(value, (field,)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            path = (field, index)
            if isinstance(item, dict):
                found.extend(_parse_mapping(item, path))
            elif item is None or (isinstance(item, str) and not item.strip()):
                found.append(CitationProblem(path, "empty citation entry", _EMPTY_HINT))
            elif isinstance(item, str):
                found.extend(_parse_text(item, path))
    return CitationField(
        tuple(c for c in found if isinstance(c, Citation)),
        tuple(p for p in found if isinstance(p, CitationProblem)),
    )


@per_card
def citations_of(schema: CardSchema, card: Card) -> CitationField | None:
    """The card's parsed citation field, or None when the schema or the card has none."""
    field = schema.extension.citation_field
    if field is None or field not in card.data:
        return None
    return parse_citations(card.data[field], field)


def field_position(card: Card, path: FieldPath) -> Position:
    span = card.front_matter.span(path) if card.front_matter is not None else None
    return span.value if span is not None else Position(1, 1)


def _parse_text(text: str, path: FieldPath) -> list[Citation | CitationProblem]:
    # NFKC turns full-width brackets, commas and semicolons into the ASCII ones.
    normalized = unicodedata.normalize("NFKC", text)
    found: list[Citation | CitationProblem] = []
    for piece, offset in _offsets(normalized, _split_outside_parentheses(normalized)):
        found.extend(_parse_piece(piece, path, offset))
    return found


def _offsets(text: str, pieces: list[str]) -> list[tuple[str, int]]:
    """Each piece with where it starts in `text`, the pieces being its parts in order."""
    placed, cursor = [], 0
    for piece in pieces:
        start = text.find(piece, cursor)
        placed.append((piece, start))
        cursor = start + len(piece)
    return placed


def _split_outside_parentheses(text: str) -> list[str]:
    if not _unnested(text):
        return _split_by_depth(text)
    # The usual case, groups that pair up and do not nest: split what lies between them.
    # (A lookahead for the next `)` after each separator would be quadratic on a field of
    # commas.)
    pieces: list[list[str]] = [[]]
    for index, part in enumerate(_GROUP.split(text)):
        if index % 2:  # a group: its separators separate nothing
            pieces[-1].append(part)
            continue
        first, *rest = _SEPARATOR.split(part)
        pieces[-1].append(first)
        pieces.extend([r] for r in rest)
    joined = ("".join(piece).strip() for piece in pieces)
    return [p for p in joined if p]


def _unnested(text: str) -> bool:
    """Whether the parentheses pair up, none inside another."""
    parentheses = _NOT_PARENTHESIS.sub("", text)
    return parentheses == "()" * (len(parentheses) // 2)


def _split_by_depth(text: str) -> list[str]:
    pieces, depth, start = [], 0, 0
    for index, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(depth - 1, 0)
        elif ch in ",;" and depth == 0:
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def _parse_piece(piece: str, path: FieldPath, offset: int) -> list[Citation | CitationProblem]:
    if piece.count("(") != piece.count(")"):
        message = f"cannot read citation {quote(piece)}: its parentheses do not pair up"
        return [CitationProblem(path, message, _FORM_HINT, offset)]
    opening = _opening_of_last_group(piece)
    if opening is None:
        message = f"cannot read citation {quote(piece)}: no `(author, year)` at its end"
        return [CitationProblem(path, message, _FORM_HINT, offset)]
    inner = piece[opening + 1 : -1].strip()
    if _YEAR.match(inner):
        return [_citation(piece[:opening], inner, path, piece, offset)]
    parts = [p for p in inner.split(";") if p.strip()] or [inner]
    # One group citing several papers: each is placed at its own author, the first at the
    # piece, where the reader's eye starts.
    at = [offset + start + len(part) - len(part.lstrip()) for part, start in _offsets(piece, parts)]
    results: list[Citation | CitationProblem] = []
    for part, start in zip(parts, [offset, *at[1:]], strict=True):
        cut = max(part.rfind(","), part.rfind(" "))
        results.append(_citation(part[: max(cut, 0)], part[cut + 1 :], path, piece, start))
    return results


def _opening_of_last_group(piece: str) -> int | None:
    if not piece.endswith(")"):
        return None
    if _unnested(piece):
        return piece.rfind("(")
    return _last_group_by_depth(piece)


def _last_group_by_depth(piece: str) -> int | None:
    depth = 0
    for index in range(len(piece) - 1, -1, -1):
        if piece[index] == ")":
            depth += 1
        elif piece[index] == "(":
            depth -= 1
            if depth == 0:
                return index
    return None


def _citation(
    authors: str,
    year: str,
    path: FieldPath,
    text: str,
    offset: int = 0,
    author_hint: str = _FORM_HINT,
) -> Citation | CitationProblem:
    name, match = first_author(authors), _YEAR.match(year.strip())
    if match is not None and (key := author_key(name)):
        return Citation(name, key, int(match.group(1)), match.group(2), path, text, offset)
    what = f"citation {quote(text)}" if text else "the citation"
    if match is None:
        given = f": {quote(year.strip())}" if year.strip() else ""
        message = f"cannot read the year of {what}{given}"
        hint = "give the year as four digits, e.g. 2021 or 2021a"
        return CitationProblem(path, message, hint, offset)
    return CitationProblem(path, f"cannot read the first author of {what}", author_hint, offset)


def _parse_mapping(item: dict[str, object], path: FieldPath) -> list[Citation | CitationProblem]:
    title, authors, year = item.get("title"), item.get("authors"), item.get("year")
    first = authors[0] if isinstance(authors, list) and authors else authors
    readable_year = isinstance(year, (int, str)) and not isinstance(year, bool)
    found = _citation(
        first if isinstance(first, str) else "",
        str(year) if readable_year else "",
        path,
        title if isinstance(title, str) else "",
        author_hint=_AUTHORS_HINT,
    )
    return [found, *_identifier_problems(item, path)]


def _identifier_problems(item: dict[str, object], path: FieldPath) -> list[CitationProblem]:
    problems = []
    doi, arxiv = item.get("doi"), item.get("arxiv")
    if isinstance(doi, str) and not valid_doi(doi):
        hint = "write the bare DOI, e.g. `10.48550/arXiv.2103.00020`; put links in `url`"
        problems.append(CitationProblem((*path, "doi"), f"{quote(doi)} is not a valid DOI", hint))
    if isinstance(arxiv, str) and not valid_arxiv(arxiv):
        hint = "write the bare id, e.g. `2103.00020`, `2103.00020v2` or `hep-th/9901001`"
        message = f"{quote(arxiv)} is not a valid arXiv id"
        problems.append(CitationProblem((*path, "arxiv"), message, hint))
    return problems
