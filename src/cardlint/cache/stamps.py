"""What the cache knows a card file by: its stat stamp (here, now) and its digest (anywhere)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from stat import S_ISREG


def stamp(stat: os.stat_result) -> str:
    # The change time too: a tool (or an attacker) can edit a file in place and set its
    # modification time back, but the system sets the change time of every edit itself.
    return f"{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_size}:{stat.st_ino}"


def digest(data: bytes) -> str:
    """The content address of a card's bytes. SHA-256: a cache may come from another
    machine, and a card written to collide with the digest of a clean one must not inherit
    its results (hardware makes it faster here than BLAKE2 as well)."""
    return hashlib.sha256(data).hexdigest()


def fingerprints(paths: Sequence[str], max_size: int) -> list[tuple[str, str] | None]:
    """Each file's stamp and digest, from one opening; None for a file that cannot be read
    as a card, or changed while it was (analysing it afresh says what is wrong).

    The stamp is taken before the bytes are read: bytes that change after it leave a stamp
    that matches nothing later, never one that vouches for bytes it did not see. Read by
    name within its open folder, with no separate stat.
    """
    return [_fingerprint(name, handle, max_size) for name, handle in _in_folders(paths)]


class Reading:
    """The fingerprints of many files, taken by forked children while this process goes on.

    A cache restored into a fresh checkout has every card read and hashed: started before
    the cache's table is loaded and decoded, that work overlaps it, and the process forked
    is still small (forked later, its pages copied on write cost more than the children
    save). Children are forked directly: importing multiprocessing would cost as much.
    """

    def __init__(self, paths: Sequence[str], max_size: int, count: int) -> None:
        self.max_size = max_size
        self.shares = [paths[i::count] for i in range(count)]
        self.children = [_fork(share, max_size) for share in self.shares]
        self.found: list[tuple[str, str] | None] | None = None

    @classmethod
    def start(cls, paths: Sequence[str], max_size: int, workers: int) -> Reading | None:
        """A reading of `paths` begun, or None where it would not pay."""
        count = min(workers, MAX_SHARES)
        if count < 2 or len(paths) < SHARE_FROM or not hasattr(os, "fork"):
            return None
        return cls(paths, max_size, count)

    def result(self) -> list[tuple[str, str] | None]:
        """`fingerprints` of the paths, once the children are done (and reaped)."""
        if self.found is None:
            count = len(self.shares)
            found: list[tuple[str, str] | None] = [None] * sum(map(len, self.shares))
            for i, (child, share) in enumerate(zip(self.children, self.shares, strict=True)):
                found[i::count] = _collect(child, share, self.max_size)
            self.found = found
        return self.found


SHARE_FROM = 1000
"""Fewer files than this are read in this process: forking costs more than it saves."""
MAX_SHARES = 4
"""Reading is soon bound by the system, not the processors."""


def _fork(paths: Sequence[str], max_size: int) -> tuple[int, int] | None:
    """A child reading `paths`, and the end of the pipe its findings come back on: a line
    each, "stamp digest", or empty for None; None if it could not be started. (Forked
    directly: importing multiprocessing would cost about as much as the child saves.)"""
    try:
        readable, writable = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(readable)
        os.close(writable)
        return None
    if pid == 0:  # the child: never returns
        status = 1
        try:
            os.close(readable)
            found = fingerprints(paths, max_size)
            lines = "\n".join(f"{p[0]} {p[1]}" if p else "" for p in found)
            with os.fdopen(writable, "wb") as out:
                out.write(lines.encode("ascii"))
            status = 0
        finally:
            os._exit(status)
    os.close(writable)
    return pid, readable


def _collect(
    child: tuple[int, int] | None, paths: Sequence[str], max_size: int
) -> list[tuple[str, str] | None]:
    """What a child found; its share read here after all if it failed."""
    if child is None:
        return fingerprints(paths, max_size)
    pid, readable = child
    with os.fdopen(readable, "rb") as received:
        lines = received.read().decode("ascii", "replace").split("\n")
    _, status = os.waitpid(pid, 0)
    if status != 0 or len(lines) != len(paths):
        return fingerprints(paths, max_size)
    found: list[tuple[str, str] | None] = []
    for line in lines:
        stamp_, _, digest_ = line.partition(" ")
        found.append((stamp_, digest_) if line else None)
    return found


def stamps(paths: Sequence[str]) -> list[str]:
    """Each card's stamp, or "" when it cannot be stat-ed (no record has that stamp)."""
    found = []
    for name, handle in _in_folders(paths):
        try:
            # By name in the open folder: Path.stat cannot take the folder's handle.
            info = os.stat(name, dir_fd=handle) if handle >= 0 else os.stat(name)  # noqa: PTH116
            found.append(stamp(info))
        except OSError:
            found.append("")
    return found


def _fingerprint(name: str, handle: int, max_size: int) -> tuple[str, str] | None:
    try:
        # O_NONBLOCK: a FIFO put in a card's place must not hang the run.
        fd = os.open(name, _READ, dir_fd=handle) if handle >= 0 else os.open(name, _READ)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not S_ISREG(info.st_mode) or info.st_size > max_size:
            return None
        data = os.read(fd, info.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return (stamp(info), digest(data)) if len(data) == info.st_size else None


_READ = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)


def _in_folders(paths: Sequence[str]) -> Iterator[tuple[str, int]]:
    """Each path as a name within its open folder, with the folder's handle, where the system
    allows: the kernel then need not walk the whole path again for each of 10,000 cards.
    Elsewhere (or when a folder cannot be opened), the whole path with -1."""
    folder, handle = None, -1
    try:
        for path in paths:
            inside, _, name = path.rpartition(os.sep)
            if not _BY_FOLDER:
                yield path, -1
                continue
            if inside != folder:
                if handle >= 0:
                    os.close(handle)
                folder, handle = inside, _open_folder(inside or os.sep)
            yield (name, handle) if handle >= 0 else (path, -1)
    finally:
        if handle >= 0:
            os.close(handle)


_BY_FOLDER = os.stat in os.supports_dir_fd and os.open in os.supports_dir_fd


def _open_folder(folder: str) -> int:
    try:
        return os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return -1  # its cards are stat-ed by their whole path, and fail as they will
