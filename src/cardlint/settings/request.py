"""What the command line asked a check for, before any file is read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple


class Named(NamedTuple):
    """A git revision as it was given, and where (an option, or pre-commit's variable)."""

    name: str
    source: str


@dataclass(frozen=True)
class CheckRequest:
    paths: Sequence[Path] = ()
    config: Path | None = None
    schema: Path | None = None
    select: Sequence[str] = ()
    extend_select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    today: date | None = None
    pre_commit: bool = False
    """Named files outside the corpus are skipped, and cards listing removed cards are added."""
    baseline: Path | None = None
    cache: bool = True
    cache_dir: Path | None = None
    roots: Sequence[Path] = ()
    cwd: Path = field(default_factory=Path.cwd)
    require_cards: bool = False
    """Finding no card to check is a usage error (a CI gate with a wrong path would pass)."""
    missing_roots_ok: bool = False
    """A configured root may be missing: `new` creates the one it writes to."""
    changed_since: Named | None = None
    """Report on the cards changed since this revision forked, those that list a card the
    change removes, and every card when the change alters the rules (see `changed`)."""
    changed_until: Named | None = None
    """Where that change ends (pre-commit's --to-ref); None: the working tree."""
    rules_from: str | None = None
    """Read the configuration and the schema as this git revision holds them."""
