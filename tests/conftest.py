from __future__ import annotations

import re
from datetime import date
from pathlib import Path

TESTS = Path(__file__).parent
RULES = TESTS / "rules"
REPO = TESTS.parent
REFERENCE_CARD = REPO.parent / "shared" / "reference-card" / "multimodal-models.md"
TODAY = date(2026, 11, 29)

_MARK = re.compile(r"expect(-next-line|-at)?:\s*((?:CL\d{3}@[\d:]+[,\s]*)+)")
_ITEM = re.compile(r"(CL\d{3})@(?:(\d+):)?(\d+)")


def expected_violations(card: Path) -> set[tuple[int, int, str]]:
    """The (line, column, code) triples marked inline in a fixture card."""
    found: set[tuple[int, int, str]] = set()
    lines = card.read_bytes().decode("utf-8", "replace").splitlines()
    for number, line in enumerate(lines, start=1):
        for kind, items in _MARK.findall(line):
            for code, absolute_line, column in _ITEM.findall(items):
                target = number + 1 if kind == "-next-line" else number
                if kind == "-at":
                    target = int(absolute_line)
                found.add((target, int(column), code))
    return found
