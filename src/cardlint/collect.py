"""Analysing every card of a run: from the cache where possible, else in worker processes.

Worker processes pay off only for many cards: starting them costs more than analysing a
handful. They are forked, so they inherit the loaded schema and rules instead of pickling
them; each task carries only paths.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from cardlint.analysis import Analysis, CardResult, analyse
from cardlint.cache import Cache, Signature, signature
from cardlint.card import card_from_bytes, unreadable
from cardlint.paths import display_path
from cardlint.source import SourceError, read_bytes

PARALLEL_FROM = 200
"""Fewer cache misses than this are analysed in this process."""

Done = tuple[Path, CardResult, Signature | None, str | None]

_SPEC: tuple[Analysis, int] | None = None


def analyse_paths(
    paths: Sequence[Path], spec: Analysis, max_size: int, cache: Cache | None, workers: int
) -> dict[Path, CardResult]:
    results: dict[Path, CardResult] = {}
    misses: list[Path] = []
    for path in paths:
        hit = _cached(path, spec.root, cache, max_size) if cache is not None else None
        if hit is None:
            misses.append(path)
        else:
            results[path] = hit
    for path, result, stat, digest in _analyse_all(misses, spec, max_size, workers):
        results[path] = result
        if cache is not None and stat is not None and digest is not None:
            cache.put(_name(path, spec.root), stat, digest, result)
    if cache is not None:
        cache.save()
    return results


def _cached(path: Path, root: Path, cache: Cache, max_size: int) -> CardResult | None:
    name = _name(path, root)
    try:
        stat = signature(path.stat())
    except OSError:
        return None
    hit = cache.get(path, name, stat)
    if hit is None and cache.has(name):
        # Same bytes with a new stat (a checkout, a touch): hashing beats analysing again.
        try:
            hit = cache.get(path, name, stat, _digest(read_bytes(path, max_size)))
        except SourceError:
            return None
    return hit


def _inside_the_project(path: Path, root: Path) -> None:
    """Refuse a card reached through a symlink that leads out of the project.

    A pull request can add `cards/x.md -> /etc/passwd` or `-> ~/.ssh/id_rsa`; cardlint must
    not read, and then quote in its messages, what lies outside the repository.
    """
    real = os.path.realpath(path)
    if real == os.path.abspath(path):  # noqa: PTH100 - no link on the way
        return
    boundary = os.path.join(os.path.realpath(root), "")  # noqa: PTH118
    if not real.startswith(boundary):
        raise SourceError("symlink points outside the project; not read")


def _name(path: Path, root: Path) -> str:
    return display_path(path, root)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _analyse_all(
    paths: Sequence[Path], spec: Analysis, max_size: int, workers: int
) -> Iterable[Done]:
    global _SPEC
    can_fork = "fork" in multiprocessing.get_all_start_methods()
    if workers < 2 or len(paths) < PARALLEL_FROM or not can_fork:
        return [_analyse_one(path, spec, max_size) for path in paths]
    _SPEC = (spec, max_size)
    try:
        chunks = [list(paths[i :: workers * 4]) for i in range(workers * 4)]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(workers, mp_context=context) as pool:
            return [done for chunk in pool.map(_analyse_chunk, chunks) for done in chunk]
    finally:
        _SPEC = None


def _analyse_chunk(paths: list[Path]) -> list[Done]:
    assert _SPEC is not None, "worker forked without its analysis settings"
    spec, max_size = _SPEC
    return [_analyse_one(path, spec, max_size) for path in paths]


def _analyse_one(path: Path, spec: Analysis, max_size: int) -> Done:
    try:
        _inside_the_project(path, spec.root)
        data = read_bytes(path, max_size)
    except SourceError as error:
        return path, analyse(unreadable(path, error), spec), None, None  # never cached
    try:
        stat: Signature | None = signature(path.stat())
    except OSError:
        stat = None
    return path, analyse(card_from_bytes(path, data), spec), stat, _digest(data)
