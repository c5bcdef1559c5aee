"""Finding the card files: explicit files as given, directories walked in sorted order."""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path


def matches(path: str, patterns: Iterable[str]) -> bool:
    """A glob matches the path relative to the project root, or its final name."""
    pattern = _compiled(tuple(patterns))
    return bool(pattern.match(path) or pattern.match(path.rsplit("/", 1)[-1]))


@functools.lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    # One regex for all globs: walking 10,000 cards asks this 20,000 times.
    return re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in patterns) or "(?!)")


def card_files(
    paths: Sequence[Path], root: Path, include: Sequence[str], exclude: Sequence[str]
) -> list[Path]:
    """The cards named by `paths`: files as given, directories walked without following links."""
    found: dict[Path, None] = {}
    # One spelling per file, so a card named on the command line is the same card the walk found.
    # abspath, not resolve(): a symlinked card keeps the name it was given.
    for path in (Path(os.path.abspath(p)) for p in paths):  # noqa: PTH100
        if path.is_dir() and not path.is_symlink():
            for file in _walk(path, root, include, exclude):
                found.setdefault(file, None)
        else:
            found.setdefault(path, None)
    return list(found)


def _walk(top: Path, root: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterator[Path]:
    for folder, dirs, files in os.walk(top, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not matches(_relative(here / d, root), exclude))
        for name in sorted(files):
            file = here / name
            relative = _relative(file, root)
            if matches(relative, include) and not matches(relative, exclude):
                yield file


def _relative(path: Path, root: Path) -> str:
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()
