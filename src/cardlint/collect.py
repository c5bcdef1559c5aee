"""Analysing every card of a run: from the cache where possible, else in worker processes.

Worker processes pay off only for many cards: starting them costs more than analysing a
handful. They are forked, so they inherit the loaded schema and rules instead of pickling
them; each task carries only paths.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import stat
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from cardlint.analysis import Analysis, CardResult, analyse
from cardlint.cache import Cache, stamp
from cardlint.card import card_from_bytes, unreadable
from cardlint.paths import display_path
from cardlint.source import SourceError, read_bytes, read_file

PARALLEL_FROM = 200
"""Fewer cache misses than this are analysed in this process."""

Done = tuple[str, CardResult, str | None, str | None]
"""A card file, its result, and its stamp and digest when it was read (see `cache`)."""

_SPEC: tuple[Analysis, int] | None = None


def analyse_paths(
    paths: Sequence[str], spec: Analysis, max_size: int, cache: Cache | None, workers: int
) -> dict[str, CardResult]:
    results: dict[str, CardResult] = {}
    misses: list[str] = []
    boundary = _Boundary(spec.root)

    def again(path: str) -> Callable[[], CardResult]:
        return lambda: _analyse_one(path, spec, max_size, boundary)[1]

    for path in paths:
        hit = _cached(path, spec.root, cache, max_size, again) if cache is not None else None
        if hit is None:
            misses.append(path)
        else:
            results[path] = hit
    for path, result, stamp_, digest in _analyse_all(misses, spec, max_size, workers):
        results[path] = result
        if cache is not None and stamp_ is not None and digest is not None:
            cache.put(_name(path, spec.root), stamp_, digest, result)
    if cache is not None:
        cache.save()
    return results


def _cached(
    path: str,
    root: Path,
    cache: Cache,
    max_size: int,
    again: Callable[[str], Callable[[], CardResult]],
) -> CardResult | None:
    name = _name(path, root)
    try:
        now = stamp(os.stat(path))
    except OSError:
        return None
    hit = cache.get(path, name, now, again=again(path))
    if hit is None and cache.has(name):
        # Same bytes with a new stat (a checkout, a touch): hashing beats analysing again.
        try:
            digest = _digest(read_bytes(path, max_size))
        except SourceError:
            return None
        hit = cache.get(path, name, now, digest, again(path))
    return hit


class _Boundary:
    """Refuses a card reached through a symlink that leads out of the project.

    A pull request can add `cards/x.md -> /etc/passwd` or `-> ~/.ssh/id_rsa`; cardlint must
    not read, and then quote in its messages, what lies outside the repository. A card that
    is no symlink lies where its folder really is, so each folder is resolved once.
    """

    def __init__(self, root: Path) -> None:
        self.inside = os.path.join(os.path.realpath(root), "")
        self.folders: dict[str, str] = {}

    def check(self, path: str) -> None:
        folder, name = os.path.split(path)
        try:
            linked = stat.S_ISLNK(os.lstat(path).st_mode)
        except OSError:
            linked = False  # reading it reports what is wrong
        real = os.path.realpath(path) if linked else os.path.join(self._real(folder), name)
        if not real.startswith(self.inside) and real != os.path.abspath(path):
            raise SourceError("symlink points outside the project; not read")

    def _real(self, folder: str) -> str:
        real = self.folders.get(folder)
        if real is None:
            real = self.folders[folder] = os.path.realpath(folder)
        return real


def _name(path: str, root: Path) -> str:
    return display_path(path, root)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _analyse_all(
    paths: Sequence[str], spec: Analysis, max_size: int, workers: int
) -> Iterable[Done]:
    global _SPEC
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if workers < 2 or len(paths) < PARALLEL_FROM or not can_fork:
        return _analyse_chunk(list(paths), spec, max_size)
    _SPEC = (spec, max_size)
    try:
        chunks = [list(paths[i :: workers * 4]) for i in range(workers * 4)]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return [done for chunk in pool.map(_analyse_forked, chunks) for done in chunk]
    finally:
        _SPEC = None


def _analyse_forked(paths: list[str]) -> list[Done]:
    assert _SPEC is not None, "worker forked without its analysis settings"
    return _analyse_chunk(paths, *_SPEC)


def _analyse_chunk(paths: list[str], spec: Analysis, max_size: int) -> list[Done]:
    boundary = _Boundary(spec.root)
    return [_analyse_one(path, spec, max_size, boundary) for path in paths]


def _analyse_one(path: str, spec: Analysis, max_size: int, boundary: _Boundary) -> Done:
    try:
        boundary.check(path)
        data, info = read_file(path, max_size)
    except SourceError as error:
        return path, analyse(unreadable(Path(path), error), spec), None, None  # never cached
    return path, analyse(card_from_bytes(Path(path), data), spec), stamp(info), _digest(data)
