"""Baselines: record today's violations, then fail only on new ones.

A violation is known by its fingerprint (path from the project root, code, and the text of
the offending line), never by its line number, so lines inserted above it or edits to other
cards keep it baselined. Counts make repeated identical violations work.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from cardlint import atomic
from cardlint.model import Report
from cardlint.paths import display_path
from cardlint.sources.readers import Reader, on_disk
from cardlint.text import quote

VERSION = 1


class BaselineError(Exception):
    pass


class Baseline(NamedTuple):
    shown: str
    """The file, as the summary names it."""
    fingerprints: Counter[str]


def write_baseline(report: Report, path: Path) -> int:
    counts = Counter(v.fingerprint for v in report.violations)
    document = {"version": VERSION, "fingerprints": dict(sorted(counts.items()))}
    atomic.write_atomically(path, (json.dumps(document, indent=2) + "\n").encode())
    return len(report.violations)


def load_baseline(path: Path, reader: Reader = on_disk) -> Baseline:
    """The baseline at `path`, as `reader` finds it. Where the rules come from another revision
    (`--rules-from`), so does the baseline, or a pull request could record its own violations;
    a baseline that revision lacks hides nothing."""
    shown = display_path(path, Path.cwd())
    try:
        data = reader(path)
    except OSError as error:
        raise BaselineError(f"{shown}: cannot read baseline: {error.strerror or error}") from error
    if data is None:
        if reader is on_disk:
            raise BaselineError(f"{shown}: cannot read baseline: No such file or directory")
        return Baseline(shown, Counter())
    read = _read(data)
    if isinstance(read, str):
        raise BaselineError(
            f"{shown}: not a cardlint baseline: {read}; correct it, or record the current "
            f"violations again with `cardlint check --write-baseline {shown}`"
        )
    return Baseline(shown, read)


def _read(data: bytes) -> Counter[str] | str:
    """The fingerprints a baseline records, or what keeps it from being one."""
    if not data.strip():
        return "the file is empty"
    try:
        document = json.loads(data)
    except json.JSONDecodeError as error:
        return f"not valid JSON at line {error.lineno}, column {error.colno}"
    except (ValueError, RecursionError):  # not UTF-8, or nested past what the parser follows
        return "not valid JSON"
    if not isinstance(document, dict) or not isinstance(document.get("fingerprints"), dict):
        return 'no "fingerprints" object'
    if document.get("version", VERSION) != VERSION:
        return f"its version is not {VERSION}"
    fingerprints = document["fingerprints"]
    for key, count in fingerprints.items():
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            return f"the count of fingerprint {quote(key, 40)} is not a whole number above 0"
    return Counter(fingerprints)


def apply_baseline(report: Report, baseline: Baseline) -> Report:
    remaining = Counter(baseline.fingerprints)
    kept = []
    for violation in report.violations:
        if remaining[violation.fingerprint] > 0:
            remaining[violation.fingerprint] -= 1
        else:
            kept.append(violation)
    hidden = len(report.violations) - len(kept)
    return report._replace(violations=tuple(kept), baselined=hidden, baseline=baseline.shown)
