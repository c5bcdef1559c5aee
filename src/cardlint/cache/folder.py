"""The cache folder, `.cardlint_cache/` at the project root: made on first write, git-ignored.

Every file in it is a sealed JSON document: `{"check":"<SHA-256 of the rest>",` followed by
the rest of the object, which names its kind (`format`) and the folder it was written in
(`folder`). A file that is unreadable, of another kind, or whose check does not match (cut
short, damaged, edited by hand) is ignored, never trusted.

A document written in another folder is used: a cache restored by a CI cache step, or copied
with the project, arrives in a folder of its own, and what it holds is addressed by content
(see `cache`). What decides is where the files came from. Inside a git work tree, the folder
is used only when git tracks none of its files: a cache committed to the repository (by a
pull request, with `git add -f`) is never trusted, whichever folder it claims. Outside one,
or where git cannot answer, a document is used only in the folder that wrote it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from cardlint.atomic import write_atomically

NAME = ".cardlint_cache"
CHECKED = "checked.json"
"""The record of validated inputs (see `validation_memo`); every other `*.json` is a result
cache."""

_HEAD = b'{"check":"'
_SEALED = len(_HEAD) + 64 + len(b'",')
"""Where the sealed part of a document starts: after its head and its check."""


USER_FOLDER = "cardlint"
"""The user's own cache folder's name, in `$XDG_CACHE_HOME` or `~/.cache`."""


def user_folder() -> Path | None:
    """The user's cardlint cache folder (`$XDG_CACHE_HOME/cardlint`, else
    `~/.cache/cardlint`); None when there is no home to put it in."""
    base = Path(os.environ.get("XDG_CACHE_HOME", ""))
    if not base.is_absolute():  # the XDG rule: a relative path is to be ignored
        try:
            base = Path.home() / ".cache"
        except RuntimeError:
            return None
    return base / USER_FOLDER


class Document(NamedTuple):
    fields: dict[str, Any]
    check: str
    """The SHA-256 of the document: it names this very content (a changes file names the
    table it applies to by it)."""
    here: bool
    """Whether it was written in this folder (facts about this folder's files, such as
    their stat stamps, mean nothing elsewhere)."""


def read_document(file: Path, kind: str, personal: bool = False) -> Document | None:
    """The `kind` document in `file`, when it is whole and may be trusted here; else None.

    `personal`: the file is in the user's own cache folder (`user_folder`), which no project
    carries in, so it is trusted when it was written there, without asking git.
    """
    try:
        data = file.read_bytes()
    except OSError:
        return None
    check = data[len(_HEAD) : _SEALED - 2].decode("ascii", "replace")
    if not data.startswith(_HEAD) or data[_SEALED - 2 : _SEALED] != b'",':
        return None
    seal = hashlib.sha256(b"{")
    seal.update(memoryview(data)[_SEALED:])  # not a copy of megabytes to hash
    if seal.hexdigest() != check:
        return None  # cut short, damaged, or edited without being sealed again
    try:
        fields = json.loads(data)
    except ValueError:
        return None
    if not isinstance(fields, dict) or fields.get("format") != kind:
        return None
    here = fields.get("folder") == identity(file.parent)
    if not (here if personal else trusted(file.parent, here)):
        return None
    return Document(fields, check, here)


def write_document(file: Path, kind: str, fields: dict[str, Any]) -> str:
    """Replace `file` atomically with a sealed `kind` document holding `fields` and naming
    its folder, which is made (with its `.gitignore`) if need be; returns its check.

    ASCII JSON, other characters escaped: it decodes in half the time of UTF-8, and carries
    the surrogate escapes of undecodable file names through unchanged.
    """
    folder = file.parent
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# Created by cardlint.\n*\n", encoding="utf-8")
    document = {"format": kind, "folder": identity(folder) or "", **fields}
    body = json.dumps(document, separators=(",", ":")).encode("ascii")
    check = hashlib.sha256(body).hexdigest()
    write_atomically(file, _HEAD + check.encode("ascii") + b'",' + body[1:])
    return check


def pack(values: Iterable[str]) -> str:
    """A column of text as one string, its values joined by `;` (which no packed column's
    values hold): ten thousand short strings decode several times slower than one long one."""
    return ";".join(values)


def unpack(packed: str) -> list[str]:
    """The values `pack` joined."""
    return packed.split(";") if packed else []


def identity(folder: Path) -> str | None:
    """Which folder this is on this machine: its device and inode."""
    try:
        found = folder.stat()
    except OSError:
        return None
    return f"{found.st_dev}:{found.st_ino}"


def trusted(folder: Path, here: bool) -> bool:
    """Whether documents in `folder` may be used: git tracks none of its files, or, where git
    cannot tell (no work tree, no git), they were written `here`.

    Git is asked even about a folder's own documents: the device and inode a document names
    can be foreseen on a CI runner made afresh from one image, so a committed cache could
    claim the very folder the checkout puts it in.
    """
    tracked = _tracked(os.path.abspath(folder))  # noqa: PTH100 - the folder as named, links kept
    return here if tracked is None else not tracked


@functools.lru_cache(maxsize=8)
def _tracked(folder: str) -> bool | None:
    """Whether git tracks a file in `folder` (or the folder itself, a committed symlink);
    None when it cannot tell. Asked once per folder and process: about 5 ms."""
    from cardlint.sources.git import GitError, run_git  # a run with no cache to read starts no git

    parent, name = os.path.split(folder)
    try:
        listed = run_git(["--literal-pathspecs", "ls-files", "-z", "--", name], Path(parent))
    except GitError:
        return None
    return bool(listed)
