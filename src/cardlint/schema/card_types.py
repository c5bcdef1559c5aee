"""Card types: which schema a card is checked against.

A corpus may keep several kinds of card (concepts, models, papers, people), each with its
own schema. A card's type is the one its `type-field` value names when it writes one, else the
first type whose file globs match its path, else the default: the configured `schema` (the
bundled concept card when none is). A value that names no type is the card's one finding
(CL006), not a reason to check it against a schema it was never written for.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cardlint.load.card import Card
from cardlint.load.discover import matches
from cardlint.paths import display_file
from cardlint.schema.card_schema import CardSchema
from cardlint.schema.ids import id_text

DEFAULT = "*"
"""The name of the default type: cards no configured type claims. No configured type can
have it (nor can a cache record's `;`-joined column hold it ambiguously, as "" would)."""
UNKNOWN = "?"
"""The type of a card whose type field names no type (CL006)."""


@dataclass(frozen=True)
class CardType:
    name: str
    schema: CardSchema
    files: tuple[str, ...] = ()
    """Globs, relative to the project root, of the files that are cards of this type."""


@dataclass(frozen=True)
class CardTypes:
    """The run's card types; without any configured, every card is of the default type."""

    default: CardType
    types: tuple[CardType, ...] = ()
    field: str | None = None
    """The front-matter field whose value names a card's type; None: the files decide."""
    root: Path = Path()
    """The project root, which the types' globs are relative to."""

    @classmethod
    def single(cls, schema: CardSchema) -> CardTypes:
        return cls(CardType(DEFAULT, schema))

    @property
    def several(self) -> bool:
        return bool(self.types)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.types)

    @property
    def every(self) -> tuple[CardType, ...]:
        return (self.default, *self.types)

    def named(self, name: str) -> CardType:
        """The type of that name; a name no type has (a record of an older configuration)
        is the default's."""
        return next((t for t in self.types if t.name == name), self.default)

    def schema_of(self, name: str) -> CardSchema:
        return self.named(name).schema

    def of(self, card: Card) -> CardType | None:
        """The card's type, or None when its type field names no type."""
        if not self.types:
            return self.default
        written = self.written(card)
        if written is not None:
            return next((t for t in self.types if t.name == written), None)
        return self.by_file(card.file)

    def written(self, card: Card) -> str | None:
        """The type the card's type field names, as text; None when it names none."""
        if self.field is None or self.field not in card.data:
            return None
        return id_text(card.data[self.field]) or ""

    def by_file(self, file: str) -> CardType:
        """The type a card file's path gives (its type field aside)."""
        relative = display_file(file, self.root).replace("\\", "/")
        return next((t for t in self.types if t.files and matches(relative, t.files)), self.default)
