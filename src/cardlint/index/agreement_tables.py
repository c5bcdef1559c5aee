"""The conflicts one corpus holds, per kind: what `agreement` keeps and `agreement_build` finds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cardlint.index import agreement_memo

if TYPE_CHECKING:
    from cardlint.index.agree_concepts import Duplicate
    from cardlint.index.agree_timeline import TimelineClash
    from cardlint.index.agree_works import WorkClash

TABLES = ("timeline", "citations", "references", "duplicates")


class Tables:
    """Per kind of conflict, the cards it is reported on, with what each conflicts with."""

    __slots__ = TABLES

    def __init__(
        self,
        timeline: dict[str, list[TimelineClash]],
        citations: dict[str, list[WorkClash]],
        references: dict[str, list[WorkClash]],
        duplicates: dict[str, list[Duplicate]],
    ) -> None:
        self.timeline = timeline
        self.citations = citations
        self.references = references
        self.duplicates = duplicates
        """The newer card of each pair of duplicates, with the older ones it repeats."""

    def found(self) -> agreement_memo.Found:
        """As the memo keeps it: named tuples are written as lists."""
        return {name: getattr(self, name) for name in TABLES}
