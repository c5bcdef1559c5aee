"""Open documents linted against the corpus on disk, with the configuration the CLI would use.

A project is what `cardlint check` run from one folder sees: its job (configuration, schema,
rules, corpus files) and the index entry of every card on disk. The open document's own
entry, computed from its unsaved text, replaces its on-disk one for each lint, so cross-card
rules judge the text being edited. Entries are re-read only when a file changes on disk:
parsing the whole corpus on every keystroke would not scale.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cardlint.app import build_job
from cardlint.index.corpus_index import CorpusIndex
from cardlint.load.card import Card, card_from_bytes, load_card, unreadable
from cardlint.load.read import SourceError, check_size
from cardlint.model import Violation
from cardlint.rules import Context
from cardlint.run.card_pass import card_entry
from cardlint.run.engine import check_card, load
from cardlint.settings.config import ConfigError, find_config
from cardlint.settings.request import CheckRequest


@dataclass(frozen=True)
class Linted:
    card: Card
    violations: tuple[Violation, ...]
    index: CorpusIndex
    """The index the card was judged against, its own entry included."""


class Project:
    def __init__(self, folder: Path) -> None:
        # The result cache is for whole runs; a server lints one card at a time.
        self.request = CheckRequest(cwd=folder, cache=False)
        self.job = build_job(self.request)
        # One spelling per card: the corpus's own, whichever path the client uses for it.
        self.members = {_real(p): p for p in map(Path, self.job.corpus)}
        index = load(self.job).context.index
        self.entries = {Path(p): e for p, e in index.by_path.items()}

    def card_path(self, path: Path) -> Path | None:
        """The corpus's spelling of `path`, or None when it is not one of the project's cards."""
        return self.members.get(_real(path))

    def reread(self, path: Path) -> None:
        """Take a card's changed file on disk into the index."""
        own = self.card_path(path)
        if own is not None:
            self.entries[own] = card_entry(load_card(own, self.job.max_file_size), self.job.types)

    def remove(self, path: Path) -> None:
        """Forget a card whose file is gone."""
        own = self.members.pop(_real(path), None)
        if own is not None:
            self.entries.pop(own, None)

    def finds(self, path: Path) -> bool:
        """Whether walking the roots again finds `path`: a card saved for the first time."""
        return _real(path) in {_real(Path(p)) for p in build_job(self.request).corpus}

    def lint(self, path: Path, text: str) -> Linted:
        """Everything `cardlint check` would report for the card `path` (as `card_path`
        spells it) if `text` were saved."""
        job = self.job
        card = _card(path, text, job.max_file_size)
        entries = {**self.entries, path: card_entry(card, job.types)}
        index = CorpusIndex.build(entries.values(), job.types, job.known_ids)
        context = Context(job.schema, index, job.today, job.root)
        # check_card gives cross-card rules the whole card, so their fixes come back too.
        return Linted(card, tuple(check_card(card, context, job)), index)


def _card(path: Path, text: str, limit: int) -> Card:
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate then reads as CL001
    try:
        check_size(len(data), limit)
    except SourceError as error:
        return unreadable(path, error)
    return card_from_bytes(path, data)


class Projects:
    """The projects of the open documents, by the folder their checks run from."""

    def __init__(self) -> None:
        self._by_folder: dict[Path, Project] = {}

    def of(self, path: Path, workspace: Sequence[Path]) -> Project:
        """The project `path` belongs to; raises `UsageError` for a broken configuration."""
        folder = project_folder(path, workspace)
        project = self._by_folder.get(folder)
        if project is None:
            project = self._by_folder[folder] = Project(folder)
        return project

    def changed(self, path: Path, workspace: Sequence[Path]) -> None:
        """A file changed on disk: the projects holding it read it again, and a project that
        does not hold it yet is built again when its roots now hold it (a new card saved)."""
        holders = [p for p in self._by_folder.values() if p.card_path(path) is not None]
        for project in holders:
            project.reread(path)
        if not holders:
            folder = project_folder(path, workspace)
            stale = self._by_folder.get(folder)
            if stale is not None and stale.finds(path):
                del self._by_folder[folder]

    def removed(self, path: Path) -> None:
        for project in self._by_folder.values():
            project.remove(path)

    def forget(self) -> None:
        """Files were added, removed or reconfigured: projects are built again when next used."""
        self._by_folder.clear()


def project_folder(path: Path, workspace: Sequence[Path]) -> Path:
    """Where `cardlint check` for `path` would run: the folder of the nearest configuration,
    else the innermost workspace folder holding the file, else the file's own folder."""
    try:
        config = find_config(path.parent)
    except ConfigError:
        config = None  # building the job reads it again and reports the error
    if config is not None:
        return config.parent
    holders = [f for f in workspace if path.is_relative_to(f)]
    return max(holders, key=lambda f: len(f.parts)) if holders else path.parent


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))
