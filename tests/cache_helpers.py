"""What the cache tests share: a report as JSON, the cache's files, sealing a hand-made one."""

from __future__ import annotations

import json
from dataclasses import replace
from io import StringIO
from pathlib import Path
from typing import Any

from cardlint.app import build_job
from cardlint.cache.folder import CHECKED, write_document
from cardlint.report import ReportStyle, render
from cardlint.run.engine import run
from cardlint.settings.request import CheckRequest
from tests.conftest import TODAY


def report_json(project: Path, *, cache: bool, workers: int = 1) -> str:
    job = build_job(CheckRequest(cwd=project, cache=cache, today=TODAY))
    out = StringIO()
    render("json", run(replace(job, workers=workers)).report, out, ReportStyle())
    return out.getvalue()


def make_messy(corpus: Path) -> Path:
    """Our cards with a few violations of card-local and cross-card rules."""
    clip = corpus / "cards" / "clip.md"
    clip.write_text(
        clip.read_text(encoding="utf-8").replace("difficulty: ", "difficulty: x"), encoding="utf-8"
    )
    (corpus / "cards" / "attention.md").unlink()
    return corpus


def results_file(project: Path) -> Path:
    """The table of the one run key the tests use."""
    folder = project / ".cardlint_cache"
    [file] = [p for p in folder.glob("*.json") if p.name != CHECKED and p.name.count(".") == 1]
    return file


def companion(table: Path, kind: str) -> Path:
    """The table's `changes`, `stamps` or `facts` file."""
    return table.with_name(f"{table.stem}.{kind}.json")


def load(file: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    return document


def seal(file: Path, document: dict[str, Any]) -> str:
    """Write `document` as cardlint would, with a check that matches it (and the folder it
    names, which may be another's); returns the check."""
    fields = {k: v for k, v in document.items() if k not in ("check", "format")}
    return write_document(file, document["format"], fields)
