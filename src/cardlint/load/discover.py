"""Finding the card files: explicit files as given, directories walked in sorted order.

Card files are absolute path strings (`os.path.abspath`, not resolved: a symlinked card
keeps the name it was given). A warm run over 10,000 cards does little besides walking and
stat-ing them, and `pathlib.Path` objects cost more to build and hash than all of that.
"""

from __future__ import annotations

import fnmatch
import functools
import itertools
import operator
import os
import re
from collections.abc import Iterable, Iterator, Sequence


def matches(path: str, patterns: Iterable[str]) -> bool:
    """A glob matches the path relative to the project root, or its final name."""
    pattern = _compiled(tuple(patterns))
    return bool(pattern.match(path) or pattern.match(path.rsplit("/", 1)[-1]))


@functools.lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    # One regex for all globs: walking 10,000 cards asks this 20,000 times.
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns) or "(?!)")


class CardFinder:
    """Finds the cards that paths name, under one project's include and exclude patterns.

    Each folder is walked once, however often it is asked for: `cardlint check cards/` names
    the very folder the corpus is walked from, and 100,000 cards take a third of a second.
    """

    def __init__(
        self, root: str | os.PathLike[str], include: Sequence[str], exclude: Sequence[str]
    ) -> None:
        self._walk = _Walk(os.path.join(os.path.abspath(root), ""), include, exclude)
        self._walked: dict[str, list[str]] = {}

    def find(self, paths: Sequence[str | os.PathLike[str]]) -> list[str]:
        """The cards named by `paths`: files as given, directories walked without following
        links."""
        # One spelling per file, so a card named on the command line is the same card the
        # walk found.
        parts = [
            self._folder(path) if os.path.isdir(path) and not os.path.islink(path) else [path]
            for path in map(os.path.abspath, paths)
        ]
        if len(parts) == 1:
            return list(parts[0])  # `check cards/`: a walk names each file once
        return list(dict.fromkeys(itertools.chain.from_iterable(parts)))

    def _folder(self, folder: str) -> list[str]:
        walked = self._walked.get(folder)
        if walked is None:
            walked = self._walked[folder] = list(self._walk.files(folder))
        return walked


class _Walk:
    def __init__(self, base: str, include: Sequence[str], exclude: Sequence[str]) -> None:
        self.base = base
        self.include = _compiled(tuple(include))
        self.exclude = _compiled(tuple(exclude))

    def files(self, folder: str) -> Iterator[str]:
        """As `os.walk` goes, top down: a folder's files by name, then each subfolder by name.

        Symlinked folders are not entered; unreadable ones are skipped, as `os.walk` does.
        """
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=operator.attrgetter("name"))
        except OSError:
            return
        include, exclude = self.include.match, self.exclude.match
        inside = self.relative(os.path.join(folder, ""))
        folders = []
        for entry in entries:
            name = entry.name
            relative = inside + name
            if _is_dir(entry):
                if not entry.is_symlink() and not (exclude(relative) or exclude(name)):
                    folders.append(entry.path)
            elif (include(relative) or include(name)) and not (exclude(relative) or exclude(name)):
                yield entry.path
        for inner in folders:
            yield from self.files(inner)

    def relative(self, path: str) -> str:
        """The path relative to the project root, with `/`; as given when it is outside."""
        relative = path[len(self.base) :] if path.startswith(self.base) else path
        return relative if os.sep == "/" else relative.replace(os.sep, "/")


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # a symlink to a folder is a folder, as os.walk sees it
    except OSError:
        return False
