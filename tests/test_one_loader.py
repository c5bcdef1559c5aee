"""One loader: `check`, graph, stats, fix, rename, new and the language server all read the
corpus through `run.engine.load`, each card read once per load, with the same boundary rules
(a symlink out of the project is never read by any of them)."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from cardlint import app
from cardlint.authoring.fix import fix_cards
from cardlint.authoring.new_card import NewCard, create_card
from cardlint.authoring.rename import plan_rename
from cardlint.graph.snapshot import take_snapshot
from cardlint.lsp.projects import Project
from cardlint.run import workers
from cardlint.settings.request import CheckRequest
from tests.small_corpus import write_small_corpus

Command = Callable[[CheckRequest], object]

COMMANDS: dict[str, Command] = {
    "check": app.check,
    "graph and stats": take_snapshot,
    "fix": fix_cards,
    "rename": lambda request: plan_rename(request, "c", "gamma"),
    "new": lambda request: create_card(request, NewCard("zeta")),
    "lsp": lambda request: Project(request.cwd),
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = write_small_corpus(tmp_path / "project")
    secret = tmp_path / "secret.md"
    secret.write_text("---\nid: secret\n---\n\n# Secret\n", encoding="utf-8")
    (root / "cards" / "leak.md").symlink_to(secret)
    return root


def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every card file the loader reads, counted, from now on."""
    counted: Counter[str] = Counter()

    real_read = workers._Boundary.read

    def counting(
        boundary: workers._Boundary, path: str, max_size: int
    ) -> tuple[bytes, os.stat_result]:
        found = real_read(boundary, path, max_size)  # raises for a card it refuses
        counted[Path(path).name] += 1
        return found

    monkeypatch.setattr(workers._Boundary, "read", counting)  # the loader's only way to read
    return counted


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_reads_each_card_once_through_the_loader(
    name: str, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cards = sorted(p.name for p in (corpus / "cards").iterdir() if p.name != "leak.md")
    counted = reads(monkeypatch)
    COMMANDS[name](CheckRequest(cwd=corpus, cache=False))
    assert sorted(counted) == cards
    assert set(counted.values()) == {1}


@pytest.mark.parametrize("name", COMMANDS)
def test_no_command_opens_a_symlink_out_of_the_project(
    name: str, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    real_open = os.open

    def spying(path: str, flags: int, *args: int, **kwargs: int) -> int:
        # An open that fails (a symlink opened without following it) reads nothing.
        handle = real_open(path, flags, *args, **kwargs)
        opened.append(os.path.realpath(path))
        return handle

    monkeypatch.setattr(os, "open", spying)
    COMMANDS[name](CheckRequest(cwd=corpus, cache=False))
    assert opened  # the spy sees the cards being read
    assert str((corpus.parent / "secret.md").resolve()) not in opened
