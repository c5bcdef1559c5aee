"""`cardlint rename OLD NEW`: a card's id, its file name and every reference to it, at once.

Every edit is computed before anything is written, so an id that cannot be rewritten
safely stops the rename while the corpus is still untouched. The file is moved with
`git mv` when git tracks it, so history follows the card.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cardlint.app import build_job
from cardlint.atomic import write_atomically
from cardlint.authoring.loaded_corpus import EditableCorpus, load_corpus, require_new_id
from cardlint.edit.patch import apply_fixes, unified_diff
from cardlint.edit.yaml_edit import like, replace_value
from cardlint.errors import UsageError
from cardlint.index.references import Places
from cardlint.load.card import Card
from cardlint.model import Edit, Fix
from cardlint.paths import display_path
from cardlint.schema.ids import FileNames, stem
from cardlint.settings.request import CheckRequest
from cardlint.text import plural, quote


@dataclass(frozen=True)
class RenamePlan:
    old: str
    new: str
    changes: dict[Path, tuple[bytes, bytes]]
    """Each card to rewrite: its bytes before and after."""
    move: tuple[Path, Path] | None
    references: int
    cwd: Path

    def diff(self) -> str:
        return "".join(
            unified_diff(before, after, self._shown(path), self._shown(self._final(path)))
            for path, (before, after) in self.changes.items()
        )

    def apply(self) -> str:
        """Move the card and rewrite the cards; returns what was done, for the reader."""
        moved = ""
        if self.move is not None:
            source, target = self.move
            how = _move(source, target)
            moved = f"; {self._shown(source)} -> {self._shown(target)} ({how})"
        for path, (_, after) in self.changes.items():
            write_atomically(self._final(path), after)
        cards = plural(len(self.changes), "card")
        return (
            f"Renamed {quote(self.old)} to {quote(self.new)} in {cards} "
            f"({plural(self.references, 'reference')}){moved}."
        )

    def _final(self, path: Path) -> Path:
        """Where the card at `path` lives once the rename is done."""
        return self.move[1] if self.move is not None and path == self.move[0] else path

    def _shown(self, path: Path) -> str:
        return display_path(path, self.cwd)


def plan_rename(request: CheckRequest, old: str, new: str) -> RenamePlan:
    """Everything the rename will change, checked and computed; nothing is written."""
    job = build_job(request)
    corpus = load_corpus(job)
    owners = corpus.context.index.by_id.get(old, ())
    if not owners:
        raise UsageError(f"no card has the id {quote(old)}")
    if len(owners) > 1:
        raise UsageError(f"{len(owners)} cards have the id {quote(old)}; make it unique first")
    owner = Path(owners[0].path)
    card = corpus.cards[owner]
    schema = corpus.context.schema_of(owners[0].path)  # its type's
    new_id = like(card.data.get(schema.extension.id_field), new)  # an integer stays one
    require_new_id(corpus, new_id, schema)
    target = _moved(schema.extension.file_names, card, new_id)
    if target is not None and (target.exists() or target.is_symlink()):
        raise UsageError(f"{display_path(target, job.cwd)} already exists")
    changes: dict[Path, tuple[bytes, bytes]] = {}
    references = 0
    for path in map(Path, dict.fromkeys(job.corpus)):
        edits = _edits(corpus, path, old, new, is_owner=path == owner)
        if edits:
            entry = corpus.context.index.by_path[os.fspath(path)]
            references += sum(r.target == old for r in entry.references)
            before = corpus.data[path]
            changes[path] = (before, apply_fixes(before, [Fix("rename", tuple(edits))]).data)
    return RenamePlan(old, new, changes, (owner, target) if target else None, references, job.cwd)


def _moved(names: FileNames, card: Card, new_id: str | int) -> Path | None:
    """Where the card goes: the file name the template gives it with the new id, when its
    name is the one the template gives it now (a misnamed file keeps its name). The file's
    own `.md` is kept, in its case."""
    now = names.render(card.data)
    after = names.render({**card.data, names.id_field: new_id})
    if now is None or after is None or stem(now) != stem(card.name):
        return None
    return card.path.with_name(stem(after) + card.name[len(stem(card.name)) :])


def _edits(corpus: EditableCorpus, path: Path, old: str, new: str, is_owner: bool) -> list[Edit]:
    card = corpus.cards[path]
    ext = corpus.context.schema_of(os.fspath(path)).extension
    edits = Places(card, ext.reference_fields).rename(old, new)
    if edits is not None and is_owner:
        own = replace_value(card, (ext.id_field,), like(card.data.get(ext.id_field), new))
        edits = None if own is None else [*edits, own]
    if edits is None:
        where = display_path(path, corpus.context.root)
        raise UsageError(f"{where}: cannot rewrite {quote(old)} safely; change it by hand first")
    return edits


def _move(source: Path, target: Path) -> str:
    if _tracked(source):
        done = subprocess.run(
            ["git", "mv", "--", source.name, target.name],
            cwd=source.parent,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise UsageError(f"git mv failed: {done.stderr.strip()}")
        return "git mv"
    source.rename(target)
    return "renamed"


def _tracked(path: Path) -> bool:
    """Whether git tracks the file: inside a work tree, and added to it."""
    try:
        done = subprocess.run(
            ["git", "ls-files", "--error-unmatch", "--", path.name],
            cwd=path.parent,
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False  # no git: a plain rename
    return done.returncode == 0
