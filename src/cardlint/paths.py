"""How paths are shown: relative to the working directory or the project root, with `/`."""

from __future__ import annotations

import functools
import itertools
import operator
import os
from collections.abc import Collection
from pathlib import Path


@functools.lru_cache(maxsize=1 << 17)
def display_path(path: str | Path, base: Path) -> str:
    """Relative to `base` (the working directory, or the project root) where possible, with `/`."""
    return display_file(os.path.abspath(path), base)  # noqa: PTH100 - no symlink resolution


def display_file(text: str, base: Path) -> str:
    """`display_path` of a path already absolute and normal, such as a card file (see
    `load.discover`)."""
    prefix = _prefix(base)
    if text.startswith(prefix):
        relative = text[len(prefix) :]
    else:
        try:
            relative = os.path.relpath(text, prefix)
        except ValueError:  # another drive on Windows
            relative = text
    # A file name that is not UTF-8 keeps its surrogate escapes: each reporter shows them as
    # the bytes they stand for (SARIF as those bytes, percent-encoded).
    return relative if os.sep == "/" else relative.replace(os.sep, "/")


def display_files(texts: Collection[str], base: Path) -> list[str]:
    """`display_file` of many card files: most are plain names under `base`, cut at once."""
    prefix = _prefix(base)
    plain = os.sep == "/"
    if plain and all(map(str.startswith, texts, itertools.repeat(prefix))):
        return list(map(operator.itemgetter(slice(len(prefix), None)), texts))
    return [
        text[len(prefix) :] if plain and text.startswith(prefix) else display_file(text, base)
        for text in texts
    ]


@functools.lru_cache(maxsize=16)
def _prefix(base: Path) -> str:
    return os.path.join(os.path.abspath(base), "")  # noqa: PTH100, PTH118
