"""A git work tree as cardlint asks it: its top folder, the commits that names stand for, and
files as a commit holds them (read from git objects, never checked out)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cardlint.sources.readers import on_disk


class GitError(Exception):
    """git could not answer: no git, not a work tree, a name that is no commit. One line."""


_GIT_PATHS = frozenset(
    ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY")
)


def run_git(args: Sequence[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    # Configuration that would change what the commands print (a pager, colours, paths
    # relative to the folder, quoted names) is overridden by the options each call passes.
    # Git hands hooks paths relative to where it started them (GIT_INDEX_FILE=.git/index):
    # they must not be read from `cwd`.
    environment = {
        key: os.path.abspath(value) if key in _GIT_PATHS and value else value  # noqa: PTH100
        for key, value in os.environ.items()
    }
    environment.update(GIT_PAGER="cat", GIT_OPTIONAL_LOCKS="0")
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
            timeout=60,
            env=environment,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GitError(f"git {args[0]} failed: {error}") from error
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(said[-1] if said else f"git {args[0]} exited {done.returncode}")
    return done.stdout


def top_level(folder: Path) -> Path:
    """The top folder of the work tree holding `folder` (real path: git resolves links)."""
    try:
        out = run_git(["rev-parse", "--show-toplevel"], folder)
    except GitError as error:
        raise GitError(f"{folder} is not in a git work tree ({error})") from error
    return Path(os.path.realpath(out.decode("utf-8", "surrogateescape").rstrip("\n")))


def commit_of(top: Path, name: str, source: str) -> str:
    """The commit `name` stands for; `source` (an option) names where it was given."""
    # A name starting with '-' would be read as an option by git.
    if name and not name.startswith("-"):
        try:
            out = run_git(["rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"], top)
            return out.decode("ascii").strip()
        except GitError:
            pass
    hint = "; in CI, fetch it first (see docs/integrations.md)" if name else ""
    raise GitError(f"{source}: {name!r} is not a commit of the repository at {top}{hint}")


def head(top: Path) -> str | None:
    """The commit checked out, or None before the first commit."""
    try:
        return run_git(["rev-parse", "--verify", "--quiet", "HEAD"], top).decode("ascii").strip()
    except GitError:
        return None


def merge_base(top: Path, one: str, other: str) -> str:
    """Where `other`'s history left `one`'s: what a pull request is compared with. Histories
    with nothing in common are compared from `one` itself, as pre-commit does."""
    try:
        return run_git(["merge-base", one, other], top).decode("ascii").strip()
    except GitError:
        return one


def at_revision(folder: Path, name: str, source: str) -> AtRevision:
    """Files as the commit `name` (given in `source`) holds them, in `folder`'s work tree."""
    try:
        top = top_level(folder)
    except GitError as error:
        raise GitError(f"{source}: {error}") from error
    return AtRevision(top, commit_of(top, name, source), name)


@dataclass(frozen=True)
class AtRevision:
    """A `readers.Reader`: files inside the work tree as `commit` holds them; files outside
    it (which no commit of it can change) from the disk."""

    top: Path
    commit: str
    label: str
    """The revision as the user named it, for messages."""
    _read: dict[Path, bytes | None] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    def __call__(self, path: Path) -> bytes | None:
        real = Path(os.path.realpath(path))
        if real not in self._read:
            self._read[real] = self._blob(real)
        return self._read[real]

    def _blob(self, real: Path) -> bytes | None:
        if not real.is_relative_to(self.top):
            return on_disk(real)
        inside = real.relative_to(self.top).as_posix()
        if "\n" in inside:
            return None  # no rule file is named so; `--batch` reads one name a line
        # One object per call: `--batch` says "missing" instead of failing, and gives the type.
        out = run_git(["cat-file", "--batch"], self.top, f"{self.commit}:{inside}\n".encode())
        header, _, rest = out.partition(b"\n")
        parts = header.split()
        if len(parts) != 3 or parts[1] != b"blob":
            return None  # missing, or a folder
        return rest[: int(parts[2])]
