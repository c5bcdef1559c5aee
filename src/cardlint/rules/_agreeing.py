"""What the rules on facts that cards share (CL308-CL311) have in common: the run's
agreement, and other cards named in a message."""

from __future__ import annotations

from collections.abc import Sequence

from cardlint.index.agreement import Agreement, agreement
from cardlint.paths import display_path
from cardlint.rules import Context

MOST_NAMED = 3
"""Cards named in one message; the rest are counted."""


def agreement_of(ctx: Context) -> Agreement:
    return agreement(ctx.index, ctx.memo, ctx.corpus_key)


def cards_named(paths: Sequence[str], ctx: Context) -> str:
    """`cards/a.md, cards/b.md and 2 more`: other cards, as a message names them."""
    shown = ", ".join(display_path(p, ctx.root) for p in paths[:MOST_NAMED])
    rest = len(paths) - MOST_NAMED
    return f"{shown} and {rest} more" if rest > 0 else shown
