"""How paths are shown: relative to the working directory or the project root, with `/`."""

from __future__ import annotations

import functools
import os
from pathlib import Path


@functools.lru_cache(maxsize=1 << 17)
def display_path(path: str | Path, base: Path) -> str:
    """Relative to `base` (the working directory, or the project root) where possible, with `/`."""
    return display_file(os.path.abspath(path), base)  # noqa: PTH100 - no symlink resolution


def display_file(text: str, base: Path) -> str:
    """`display_path` of a path already absolute and normal, such as a card file (see `files`)."""
    prefix = _prefix(base)
    if text.startswith(prefix):
        relative = text[len(prefix) :]
    else:
        try:
            relative = os.path.relpath(text, prefix)
        except ValueError:  # another drive on Windows
            relative = text
    if os.sep != "/":
        relative = relative.replace(os.sep, "/")
    if relative.isascii():
        return relative
    # A file name that is not UTF-8 arrives with surrogate escapes; show its bytes instead.
    return relative.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


@functools.lru_cache(maxsize=16)
def _prefix(base: Path) -> str:
    return os.path.join(os.path.abspath(base), "")  # noqa: PTH100, PTH118
