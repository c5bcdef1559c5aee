"""What the cache knows a card file by: its stat stamp (here, now) and its digest (anywhere)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence

from cardlint.source import SourceError, read_bytes


def stamp(stat: os.stat_result) -> str:
    # The change time too: a tool (or an attacker) can edit a file in place and set its
    # modification time back, but the system sets the change time of every edit itself.
    return f"{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_size}:{stat.st_ino}"


def digest(data: bytes) -> str:
    """The content address of a card's bytes. SHA-256: a cache may come from another
    machine, and a card written to collide with the digest of a clean one must not inherit
    its results (hardware makes it faster here than BLAKE2 as well)."""
    return hashlib.sha256(data).hexdigest()


def digests(paths: Sequence[str], max_size: int) -> list[str | None]:
    """Each file's digest, or None when it cannot be read as a card."""
    found: list[str | None] = []
    for path in paths:
        try:
            found.append(digest(read_bytes(path, max_size)))
        except SourceError:
            found.append(None)
    return found


def stamps(paths: Sequence[str]) -> list[str]:
    """Each card's stamp, or "" when it cannot be stat-ed (no record has that stamp).

    Where the system allows, a card is stat-ed by its name within its open folder: the
    kernel then need not walk the whole path again for each of 10,000 cards.
    """
    found = []
    folder, handle = None, -1
    try:
        for path in paths:
            inside, _, name = path.rpartition(os.sep)
            if inside != folder and _BY_FOLDER:
                if handle >= 0:
                    os.close(handle)
                folder, handle = inside, _open_folder(inside or os.sep)
            try:
                # By name in the open folder: Path.stat cannot take the folder's handle.
                info = os.stat(name, dir_fd=handle) if handle >= 0 else os.stat(path)  # noqa: PTH116
                found.append(stamp(info))
            except OSError:
                found.append("")
    finally:
        if handle >= 0:
            os.close(handle)
    return found


_BY_FOLDER = os.stat in os.supports_dir_fd


def _open_folder(folder: str) -> int:
    try:
        return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return -1  # its cards are stat-ed by their whole path, and fail as they will
