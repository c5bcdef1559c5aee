"""Analysing every card of a run: from the cache where possible, else in worker processes.

With `Kept`, every card is also parsed here and kept, with its bytes, for the commands that
read or edit cards (graph, stats, fix, rename, new, the language server): the cards that need
analysing are then analysed here too, since cards cannot cheaply travel back from a worker.

Worker processes pay off only for many cards: starting them costs more than analysing a
handful. They are forked (see `forked`), so they inherit the loaded schema and rules and
the chunks of paths instead of pickling them; each task is a chunk's number.
"""

from __future__ import annotations

import itertools
import os
import stat
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from cardlint.cache.stamps import digest, stamp
from cardlint.facts.columns import timeline_keys
from cardlint.load.card import Card, card_from_bytes, unreadable
from cardlint.load.read import SourceError, read_file, read_plain
from cardlint.run.card_pass import CardPass, CardResult, analyse, analyse_all
from cardlint.run.gc_tuning import acyclic
from cardlint.run.record import Again, Record, from_records, record
from cardlint.run.result_cache import Cache

PARALLEL_FROM = 200
"""Fewer cache misses than this are analysed in this process."""
SMALLEST_CHUNK, LARGEST_CHUNK = 8, 256
"""The fewest and the most cards a worker is handed at once: each chunk costs a worker a
result to send, and the parent one to read, and a worker holds a whole chunk's results."""

Stored = tuple[str, str, Record]
"""What the cache keeps of a card: the stamp and digest of its bytes, and its record."""
Done = tuple[str, CardResult, Stored | None]
"""A card file, its result, and what the cache is to keep of it (None: nothing)."""
Sent = tuple[list[list[Any]], list[tuple[str, str] | None] | None, list[str]]
"""What a worker sends back for its share of the cards, in the order it was given them: their
records a column at a time, each card's stamp and digest when the cache keeps them, and the
concepts their timelines name (see `Gathered`)."""


class _Task(NamedTuple):
    """What every analysis of a run shares; small, and inherited by forked workers."""

    card_pass: CardPass
    max_size: int
    keep: bool
    """Whether results go to the cache, which needs each card's stamp and digest."""


class Gathered:
    """What the workers gather across their cards as they go, for the corpus-wide questions:
    the concepts the cards' timelines name (many cards name the same few, and the agreement
    would otherwise split every timeline item of the corpus to find them). None unless every
    card of the run was analysed in the workers."""

    def __init__(self) -> None:
        self.timeline_keys: set[str] | None = None


class Kept:
    """The cards a run keeps in memory, and the bytes each was parsed from (for the cards
    that are text); `edited` gives some cards' bytes instead of the disk's."""

    def __init__(self, edited: Mapping[str, bytes] | None = None) -> None:
        self.edited = dict(edited or {})
        self.cards: dict[str, Card] = {}
        self.data: dict[str, bytes] = {}

    def keep(self, path: str, card: Card, data: bytes | None) -> None:
        self.cards[path] = card
        if data is not None and card.source is not None:
            self.data[path] = data


def analyse_paths(
    paths: Sequence[str],
    card_pass: CardPass,
    max_size: int,
    cache: Cache | None,
    workers: int,
    kept: Kept | None = None,
    gathered: Gathered | None = None,
) -> dict[str, CardResult]:
    task = _Task(card_pass, max_size, keep=cache is not None)
    boundary = _Boundary(card_pass.root)

    def again(path: str) -> CardResult:
        return _analyse_one(path, task, boundary, kept)[1]

    # Edited bytes are not the disk's: the cache cannot vouch for them.
    cached = [p for p in paths if p not in kept.edited] if kept is not None else paths
    if cache is None:
        results: dict[str, CardResult] = {}
        misses = list(paths)
    else:
        with acyclic():
            results, misses = cache.lookup(cached, max_size, again, workers)
        misses.extend(p for p in paths if kept is not None and p in kept.edited)
    if kept is not None:
        for path in results:
            kept.keep(path, *_read_card(path, max_size, boundary, kept)[:2])
        found = [_analyse_one(path, task, boundary, kept) for path in misses]
    else:
        found = _analyse_all(misses, task, workers, again, None if results else gathered)
    for path, result, stored in found:
        results[path] = result
        if cache is not None and stored is not None:
            cache.put(path, *stored)
    if cache is not None:
        cache.save()
    return results


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
        try:
            linked = stat.S_ISLNK(os.lstat(path).st_mode)
        except OSError:
            linked = False  # reading it reports what is wrong
        real = os.path.realpath(path) if linked else self._where(path)
        if not real.startswith(self.inside) and real != os.path.abspath(path):
            raise SourceError("symlink points outside the project; not read")

    def read(self, path: str, max_size: int) -> tuple[bytes, os.stat_result]:
        """The file's bytes and status, unless it lies out of the project.

        The usual card, in a folder inside the project, is opened without following a
        symlink and read with no other look at it; a symlink, or a file that cannot be
        opened so, is checked, then read, as any file was before.
        """
        if self._where(path).startswith(self.inside):
            plain = read_plain(path, max_size)
            if plain is not None:
                return plain
        self.check(path)
        return read_file(path, max_size)

    def _where(self, path: str) -> str:
        """Where the file lies if it is no symlink: in its folder, as that really is."""
        folder, name = os.path.split(path)
        return os.path.join(self._real(folder), name)

    def _real(self, folder: str) -> str:
        real = self.folders.get(folder)
        if real is None:
            real = self.folders[folder] = os.path.realpath(folder)
        return real


def _analyse_all(
    paths: Sequence[str], task: _Task, workers: int, again: Again, gathered: Gathered | None
) -> list[Done]:
    """The cards at `paths`, in worker processes when they pay; what the workers gathered
    (for all of `paths`) goes to `gathered`."""
    if workers < 2 or len(paths) < PARALLEL_FROM or not hasattr(os, "fork"):
        return _analyse_chunk(list(paths), task)
    # Imported here: a warm run, or one over a few cards, starts no process.
    from cardlint.run.forked import MAX_TASKS, forked_map

    chunks = _chunks(paths, workers, MAX_TASKS)
    count = len(chunks)
    received: list[list[Done] | None] = [None] * count
    named: set[str] = set()
    told: set[str] = set()  # each worker's own copy: what it has told the parent of
    for index, sent in forked_map(lambda i: _analyse_forked(chunks[i], task, told), count, workers):
        received[index] = _received(chunks[index], sent, again)
        named.update(sent[2])
    done: list[Done] = []
    for index, found in enumerate(received):
        if found is None:  # its worker died before sending it: analysed here
            found = _analyse_chunk(chunks[index], task)
            named.update(_timeline_keys(found))
        done.extend(found)
    if gathered is not None:
        gathered.timeline_keys = named
    return done


def _chunks(paths: Sequence[str], workers: int, most: int) -> list[list[str]]:
    """The cards in chunks that shrink towards the end, each a quarter of a worker's share of
    the cards left, from `LARGEST_CHUNK` cards down to `SMALLEST_CHUNK` (the last one may
    hold fewer). The workers take them in order, so when one is done the others have a few
    cards to go at most, not a whole chunk while a core idles. Never more than `most`
    chunks: past `most // 2` chunks of `LARGEST_CHUNK` cards (131,072 cards), the largest
    grow instead."""
    count = len(paths)
    largest = max(LARGEST_CHUNK, -(-count // (most // 2)))
    chunks: list[list[str]] = []
    start = 0
    while start < count:
        size = min(largest, max(SMALLEST_CHUNK, (count - start) // (4 * workers)))
        chunks.append(list(paths[start : start + size]))
        start += size
    if len(chunks) > most:  # very many workers: chunks of one size, as many as allowed
        size = -(-count // most)
        chunks = [list(paths[at : at + size]) for at in range(0, count, size)]
    return chunks


def _analyse_forked(paths: list[str], task: _Task, told: set[str]) -> Sent:
    """A worker's share: records travel back, at a fraction of the cost of the results, a
    column at a time (fewer and larger objects to pickle), without the paths, which the
    parent gave; the concepts the cards' timelines name, less those `told` already (each
    worker sends each once, not once a chunk)."""
    done = _analyse_chunk(paths, task)
    records = [stored[2] if stored else record(result) for _, result, stored in done]
    columns = [list(column) for column in zip(*records, strict=True)]
    share = [stored[:2] if stored else None for *_, stored in done] if task.keep else None
    # The parent reads a worker's chunks in the order they were sent: what an earlier chunk
    # told it, it knows, even if this worker dies later on.
    named = _timeline_keys(done) - told
    told.update(named)
    return columns, share, list(named)


def _timeline_keys(done: list[Done]) -> set[str]:
    return timeline_keys([result.entry.facts for _, result, _ in done])


def _received(chunk: list[str], sent: Sent, again: Again) -> list[Done]:
    """What a worker sent for a chunk of paths, decoded a column at a time as it arrives,
    while the workers go on with the others (records made this run decode; a card whose
    record did not would simply be analysed again here)."""
    columns, share, _ = sent
    decoded = from_records(columns, chunk, again)
    kept = share or itertools.repeat(None, len(chunk))
    rows = zip(*columns, strict=True)
    return [
        (path, result or again(path), None if where is None else (*where, list(values)))
        for path, result, where, values in zip(chunk, decoded, kept, rows, strict=True)
    ]


def _analyse_chunk(paths: list[str], task: _Task) -> list[Done]:
    """The cards at `paths`, analysed a batch at a time (see `analyse_all`)."""
    boundary = _Boundary(task.card_pass.root)
    done: list[Done] = []
    for batch in _batches(paths, task.max_size, boundary):
        results = analyse_all([card for _, card, _, _ in batch], task.card_pass)
        done.extend(
            _done(task, path, result, data, info)
            for (path, _, data, info), result in zip(batch, results, strict=True)
        )
    return done


BATCH = 128
"""Cards analysed together: each rule runs over them all before the next, and their facts
are read a kind at a time (see `analyse_all`)."""
BATCH_BYTES = 4 << 20
"""A batch ends early when its cards hold this many bytes: a corpus of cards near the size
limit must not hold a hundred of them, parsed, at once."""


_Read = tuple[str, Card, bytes | None, os.stat_result | None]
"""A card file, the card, its bytes and its file's status (see `_read_card`)."""


def _batches(paths: list[str], max_size: int, boundary: _Boundary) -> Iterator[list[_Read]]:
    batch: list[_Read] = []
    held = 0
    for path in paths:
        card, data, info = _read_card(path, max_size, boundary, None)
        batch.append((path, card, data, info))
        held += len(data) if data is not None else 0
        if len(batch) == BATCH or held >= BATCH_BYTES:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _analyse_one(path: str, task: _Task, boundary: _Boundary, kept: Kept | None = None) -> Done:
    card, data, info = _read_card(path, task.max_size, boundary, kept)
    if kept is not None:
        kept.keep(path, card, data)
    return _done(task, path, analyse(card, task.card_pass), data, info)


def _done(
    task: _Task, path: str, result: CardResult, data: bytes | None, info: os.stat_result | None
) -> Done:
    if not task.keep or data is None or info is None:
        return path, result, None  # an unreadable or edited card is never cached
    return path, result, (stamp(info), digest(data), record(result))


def _read_card(
    path: str, max_size: int, boundary: _Boundary, kept: Kept | None
) -> tuple[Card, bytes | None, os.stat_result | None]:
    """The card at `path`, the bytes it was parsed from and their file's status (None for
    edited bytes); an unreadable card has neither."""
    try:
        if kept is not None and path in kept.edited:
            boundary.check(path)
            data, info = kept.edited[path], None
        else:
            data, info = boundary.read(path, max_size)
    except SourceError as error:
        return unreadable(path, error), None, None
    return card_from_bytes(path, data), data, info
