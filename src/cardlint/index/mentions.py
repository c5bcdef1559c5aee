"""Where a card's prose names other cards (CL311): by their names, word by word for Latin
names, as written for names with Chinese characters, outside code and headings.

The names of every card are put in dicts once per index: a line is read once, each run of
words and each character looked up, never every name tried against it.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from typing import NamedTuple

from cardlint.index.corpus_index import CorpusIndex
from cardlint.load.card import Card
from cardlint.model import Position

_WORD = re.compile(r"[0-9A-Za-z]+")
_GAP = re.compile(r"[ \t-]?\Z")
_CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_INLINE_CODE = re.compile(r"(`+).+?\1|<!--.*?-->")
MOST_WORDS = 6
"""Latin names longer than this many words are not looked for."""


class Named(NamedTuple):
    id: str
    name: str
    path: str


class Mention(NamedTuple):
    position: Position
    card: Named


class Names:
    """Every card's names, by what a line can look them up with."""

    def __init__(self, index: CorpusIndex) -> None:
        self.words: dict[tuple[str, ...], list[Named]] = {}
        """Latin names by their words, lowercased; an acronym (`CLIP`) by its words as written."""
        self.chinese: dict[str, list[Named]] = {}
        """Names with Chinese characters by their first two characters."""
        for entry in index.entries:
            if entry.id is None:
                continue
            for name in dict.fromkeys(n.strip() for n in entry.names):
                named = Named(entry.id, name, entry.path)
                if _CHINESE.search(name):
                    if len(name) >= 2:
                        self.chinese.setdefault(name[:2], []).append(named)
                    continue
                words = tuple(_WORD.findall(name))
                if words and len(words) <= MOST_WORDS and len("".join(words)) >= 2:
                    key = words if name.isupper() else tuple(w.lower() for w in words)
                    self.words.setdefault(key, []).append(named)

    def in_card(self, card: Card) -> Iterator[Mention]:
        """The mentions in the card's prose, in reading order."""
        if card.body is None or card.source is None:
            return
        headings = {h.line for h in card.body.headings}
        lines = card.source.lines
        for number in range(card.front_matter_end + 1, len(lines) + 1):
            if number in headings or card.body.in_code(number):
                continue
            line = _INLINE_CODE.sub(lambda m: " " * len(m[0]), lines[number - 1])
            found = [*self._latin(line), *self._chinese(line)]
            for column, named in sorted(found, key=lambda hit: hit[0]):
                yield Mention(Position(number, column + 1), named)

    def _latin(self, line: str) -> Iterator[tuple[int, Named]]:
        tokens = list(_WORD.finditer(line))
        for start, first in enumerate(tokens):
            words: list[str] = []
            for token in tokens[start : start + MOST_WORDS]:
                if words and not _GAP.match(
                    line, tokens[start + len(words) - 1].end(), token.start()
                ):
                    break
                words.append(token[0])
                for key in (tuple(words), tuple(w.lower() for w in words)):
                    for named in self.words.get(key, ()):
                        yield first.start(), named

    def _chinese(self, line: str) -> Iterator[tuple[int, Named]]:
        if not self.chinese or not _CHINESE.search(line):
            return
        for at in range(len(line) - 1):
            for named in self.chinese.get(line[at : at + 2], ()):
                if line.startswith(named.name, at):
                    yield at, named


_OF_INDEX: weakref.WeakKeyDictionary[CorpusIndex, Names] = weakref.WeakKeyDictionary()


def names_of(index: CorpusIndex) -> Names:
    """The names of the index's cards, kept while the index lives (see `agreement`)."""
    found = _OF_INDEX.get(index)
    if found is None:
        found = _OF_INDEX[index] = Names(index)
    return found
