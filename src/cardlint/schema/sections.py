"""The `sections` of a card schema's extension: each section's headings, whether and where
it is required, and what its body must hold."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from cardlint.schema.heading_template import Template

STRICT_FIELDS: dict[str, Any] = {"extra": "forbid", "use_attribute_docstrings": True}
"""Unknown keys are refused; each field's docstring describes it in the meta-schema."""


@dataclass(frozen=True)
class FirstParagraph:
    """What a section's first paragraph must read: exactly a text, or a pattern it matches."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_FIELDS

    equals: str | None = None
    """The paragraph as written (its Markdown), its lines joined by one space."""
    pattern: str | None = None
    """An ECMA-262 pattern found in the paragraph, as JSON Schema's `pattern` is."""
    description: str | None = None
    """What `pattern` asks, in words that complete "the first paragraph must be ..."."""

    def __post_init__(self) -> None:
        if (self.equals is None) == (self.pattern is None):
            raise ValueError("give either equals or pattern")
        if self.description is not None and self.pattern is None:
            raise ValueError("description says what a pattern asks: equals says it already")
        if self.equals is not None and (
            self.equals != " ".join(self.equals.split()) or not self.equals
        ):
            # A paragraph is compared with its lines joined by one space: nothing else matches.
            raise ValueError("equals must be text on one line, single-spaced, without outer blanks")
        if self.pattern is not None:
            from cardlint.schema.ecma import compiled

            try:
                compiled(self.pattern)
            except re.error as error:
                raise ValueError(f"pattern {self.pattern!r} is not a regex: {error}") from None


@dataclass(frozen=True)
class SectionSpec:
    """One section of the card: its headings, whether and where it is required, its body."""

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_FIELDS

    key: str
    """A short name for the section, used by other settings (`references_section`)."""
    titles: list[str]
    """Accepted heading templates, e.g. `["什么是{concept_name_zh}？", "What is
    {concept_name_en}?"]`."""
    required: bool = True
    """False: a card may leave the section out; when present it keeps its place in the order."""
    when: dict[str, Any] | None = None
    """A JSON Schema for the front matter: the section is looked for only on cards it accepts."""
    level: int = 2
    """The heading level the section is written at."""
    first_paragraph: FirstParagraph | None = None
    """What the section's first paragraph must read (CL212; see `FirstParagraph`)."""
    min_items: int | None = None
    """How many list items the section's own text (before any subheading) holds at least."""

    def __post_init__(self) -> None:
        if not self.titles:
            raise ValueError("a section needs at least one title")
        check_templates(self.titles)
        if not 2 <= self.level <= 6:
            raise ValueError(f"section {self.key!r}: level must be 2 to 6, not {self.level}")
        if self.min_items is not None and self.min_items < 1:
            raise ValueError(f"section {self.key!r}: min_items must be 1 or more")

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> SectionSpec:
        paragraph = record.get("first_paragraph")
        if paragraph is None:
            return cls(**record)
        return cls(**{**record, "first_paragraph": FirstParagraph(**paragraph)})

    @property
    def constrains_body(self) -> bool:
        return self.first_paragraph is not None or self.min_items is not None


def check_templates(sources: list[str]) -> None:
    for source in sources:
        try:
            Template(source).fields  # noqa: B018 - parsing is the check
        except ValueError as error:
            raise ValueError(f"bad heading template {source!r}: {error}") from error
