"""Which rules run, and at what severity: select, extend-select, ignore and overrides."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, TypeVar

from cardlint.model import Severity
from cardlint.text import did_you_mean, quote


class Selectable(Protocol):
    """What choosing rules reads: a `Rule`, or its row in the rule index."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def severity(self) -> Severity: ...
    @property
    def enabled_by_default(self) -> bool: ...


R = TypeVar("R", bound=Selectable)


class SelectionError(ValueError):
    pass


def _matches(rule: Selectable, selector: str) -> bool:
    wanted = selector.strip()
    return rule.name == wanted.lower() or rule.code.startswith(wanted.upper())


def resolve_selector(selector: str, rules: Sequence[R]) -> list[R]:
    chosen = [r for r in rules if _matches(r, selector)]
    if not chosen or not selector.strip():
        raise SelectionError(unknown_rule(selector, rules))
    return chosen


_LOOKALIKES = str.maketrans("OIL", "011")


def unknown_rule(selector: str, rules: Sequence[Selectable]) -> str:
    """'no rule X', with the nearest code or name."""
    wanted = selector.strip()
    # A code is compared with codes, anything else with names: 'CL999' is not near a name.
    if wanted.upper().startswith("CL"):
        # A letter typed for the digit it looks like (CL2O3) is nearer than a digit off by one
        # (CL213), which comparing characters alone cannot tell.
        digits = "CL" + wanted.upper()[2:].translate(_LOOKALIKES)
        close = did_you_mean(digits, [r.code for r in rules])
    else:
        close = did_you_mean(wanted.lower(), [r.name for r in rules])
    advice = f"did you mean {quote(close)}?" if close else "`cardlint rules` lists them"
    return f"no rule {quote(selector)} ({advice})"


def select_rules(
    rules: Sequence[R],
    select: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
) -> list[R]:
    selected = list(select)
    base = (
        {r.code for s in selected for r in resolve_selector(s, rules)}
        if selected
        else {r.code for r in rules if r.enabled_by_default}
    )
    base |= {r.code for s in extend_select for r in resolve_selector(s, rules)}
    base -= {r.code for s in ignore for r in resolve_selector(s, rules)}
    return [r for r in rules if r.code in base]


def severities(rules: Sequence[Selectable], overrides: Mapping[str, str]) -> dict[str, Severity]:
    result = {r.code: r.severity for r in rules}
    for selector, level in overrides.items():
        for rule in resolve_selector(selector, rules):
            result[rule.code] = Severity(level)
    return result
