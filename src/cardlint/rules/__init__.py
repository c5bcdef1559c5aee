"""The rule contract and the registry.

Every module in this package defines one `RULE`: its code, name, default severity,
documentation and check. Adding a rule means adding a module; the registry finds it.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cardlint.violation import Finding, Severity

if TYPE_CHECKING:
    from cardlint.card import Card
    from cardlint.corpus import CorpusIndex
    from cardlint.schema import CardSchema


@dataclass(frozen=True)
class RuleDoc:
    what: str
    why: str
    example: str
    fix: str


@dataclass(frozen=True, eq=False)
class Context:
    """What a check may consult besides the card itself."""

    schema: CardSchema
    index: CorpusIndex
    today: date
    root: Path
    """The project root; messages that name other files show them relative to it."""


Check = Callable[["Card", Context], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    doc: RuleDoc
    check: Check
    severity: Severity = Severity.ERROR
    enabled_by_default: bool = True
    cross_card: bool = False
    """A cross-card rule reads the corpus index, so its results are never cached per card."""


@functools.lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    rules = []
    for module in pkgutil.iter_modules(__path__):
        if module.name.startswith("_"):
            continue
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        rules.append(loaded.RULE)
    return tuple(sorted([*ENGINE_RULES, *rules], key=lambda rule: rule.code))


def find_rule(code_or_name: str) -> Rule | None:
    wanted = code_or_name.strip()
    return next(
        (r for r in all_rules() if wanted.upper() == r.code or wanted.lower() == r.name), None
    )


def _reported_by_the_engine(card: Card, ctx: Context) -> Iterable[Finding]:
    # CL000 and CL900 judge the other rules' results, so the engine reports them; these
    # Rule objects carry their code, severity and documentation.
    return ()


INTERNAL_ERROR = Rule(
    code="CL000",
    name="internal-error",
    summary="A rule failed with an unexpected error on this card.",
    doc=RuleDoc(
        what="A rule raised an exception while checking the card. The other rules and cards "
        "still run, and the run exits with status 2 so CI notices.",
        why="A crash in one rule must not hide every other result, nor pass silently.",
        example="`cards/clip.md:1:1: CL000 rule CL403 (unmatched-citation) failed: KeyError`",
        fix="Report it with the card that triggers it; meanwhile `--ignore` the failing rule.",
    ),
    check=_reported_by_the_engine,
)

UNUSED_SUPPRESSION = Rule(
    code="CL900",
    name="unused-suppression",
    summary="An inline suppression that suppresses nothing, or names no rule.",
    severity=Severity.WARNING,
    doc=RuleDoc(
        what="A `cardlint-disable` comment (or `# cardlint: disable=` in the front matter) that "
        "no violation matched, or that names a code that is not a rule. Reported by the engine "
        "after the other rules ran; only suppressions of selected rules are judged.",
        why="Suppressions outlive the problems they hid; a stale one would silently hide the "
        "next real problem on that line.",
        example="`<!-- cardlint-disable-next-line CL205 -->` above a section that has content.",
        fix="Delete the suppression, or correct the code it names.",
    ),
    check=_reported_by_the_engine,
)
ENGINE_RULES = (INTERNAL_ERROR, UNUSED_SUPPRESSION)
