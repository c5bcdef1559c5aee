"""Baselines: record today's violations, then fail only on new ones.

A violation is known by its fingerprint (path from the project root, code, and the text of
the offending line), never by its line number, so lines inserted above it or edits to other
cards keep it baselined. Counts make repeated identical violations work.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ValidationError

from cardlint import atomic
from cardlint.engine import Report


class BaselineError(Exception):
    pass


class BaselineFile(BaseModel):
    version: Literal[1] = 1
    fingerprints: dict[str, int]


def write_baseline(report: Report, path: Path) -> int:
    counts = Counter(v.fingerprint for v in report.violations)
    document = BaselineFile(fingerprints=dict(sorted(counts.items())))
    atomic.write_atomically(path, (json.dumps(document.model_dump(), indent=2) + "\n").encode())
    return len(report.violations)


def load_baseline(path: Path) -> Counter[str]:
    try:
        document = BaselineFile.model_validate_json(path.read_bytes())
    except OSError as error:
        raise BaselineError(f"{path}: cannot read baseline: {error.strerror or error}") from error
    except ValidationError as error:
        raise BaselineError(
            f"{path}: not a cardlint baseline ({error.error_count()} problems)"
        ) from error
    return Counter(document.fingerprints)


def apply_baseline(report: Report, known: Counter[str]) -> Report:
    remaining = Counter(known)
    kept = []
    for violation in report.violations:
        if remaining[violation.fingerprint] > 0:
            remaining[violation.fingerprint] -= 1
        else:
            kept.append(violation)
    return report._replace(violations=tuple(kept))
