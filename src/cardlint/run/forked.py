"""Worker processes for many cards: forked, handed task numbers through one pipe, each
sending its results back through a pipe of its own.

`concurrent.futures.ProcessPoolExecutor` did this with two threads in the parent that cost it
about 30 ms of CPU over a cold run of 10,000 cards (docs/performance.md), time the workers
lost on two cores. Here the parent only reads pipes. A worker that dies leaves its tasks
unfinished, never the run: the caller computes what `forked_map` did not give.
"""

from __future__ import annotations

import os
import pickle
import selectors
import struct
from collections.abc import Callable, Generator, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

_TASK = struct.Struct("<I")
MAX_TASKS = 1024
"""The most tasks one map takes: their numbers are all written into a pipe before any worker
reads one, and a pipe holds 4 KiB at least (Linux's, for a user past its pipe quota)."""
_HEADER = struct.Struct("<IQ")
"""Before each result: its task number and its pickle's length."""
_READ = 1 << 16
"""What a pipe holds (Linux's default): a larger read gets no more, and allocating and then
shrinking a larger buffer for each read cost the parent 8 ms of a cold run, against 3."""


def forked_map(
    function: Callable[[int], T], count: int, workers: int
) -> Generator[tuple[int, T], None, None]:
    """(task, function(task)) for each task of range(count), computed in `workers` forked
    processes, as each is done: in no set order, and without the tasks of a worker that died.
    """
    if count > MAX_TASKS:
        raise ValueError(f"{count} tasks; a map takes at most {MAX_TASKS}")
    tasks, handing = os.pipe()
    # Every task number is in the pipe before any worker starts; each worker takes the next
    # with a read of its size (atomic: reads of a pipe are serialised), until none is left.
    os.write(handing, b"".join(_TASK.pack(task) for task in range(count)))
    os.close(handing)
    children: dict[int, int] = {}  # read end of a worker's pipe -> its pid
    finished = False
    try:
        for _ in range(workers):
            reading, writing = os.pipe()
            pid = os.fork()
            if pid == 0:
                for other in (reading, *children):
                    os.close(other)
                _work(function, tasks, writing)  # never returns
            os.close(writing)
            children[reading] = pid
        os.close(tasks)
        tasks = -1
        yield from _results(list(children))
        finished = True
    finally:
        if tasks >= 0:
            os.close(tasks)
        _end(children, stop=not finished)


def _work(function: Callable[[int], T], tasks: int, writing: int) -> None:
    status = 1
    try:
        with os.fdopen(writing, "wb") as out:
            while len(taken := os.read(tasks, _TASK.size)) == _TASK.size:
                (task,) = _TASK.unpack(taken)
                data = pickle.dumps(function(task), pickle.HIGHEST_PROTOCOL)
                out.write(_HEADER.pack(task, len(data)))
                out.write(data)
                out.flush()  # the parent decodes each result while the workers go on
        status = 0
    finally:
        os._exit(status)  # not the parent's exit handlers, nor its buffered output


def _results(readers: list[int]) -> Iterator[tuple[int, Any]]:
    pending = {reader: bytearray() for reader in readers}
    with selectors.DefaultSelector() as selector:
        for reader in readers:
            selector.register(reader, selectors.EVENT_READ)
        while pending:
            for key, _ in selector.select():
                reader = int(key.fd)
                data = os.read(reader, _READ)
                if not data:  # the worker is done, or died
                    selector.unregister(reader)
                    del pending[reader]
                    continue
                buffer = pending[reader]
                buffer += data
                while len(buffer) >= _HEADER.size:
                    task, size = _HEADER.unpack_from(buffer)
                    end = _HEADER.size + size
                    if len(buffer) < end:
                        break
                    result = pickle.loads(buffer[_HEADER.size : end])
                    del buffer[:end]
                    yield task, result


def _end(children: dict[int, int], stop: bool) -> None:
    """Close the pipes and reap the workers, first stopping them when the run was left early
    (Ctrl-C, an error): each has closed its pipe otherwise, and is exiting."""
    for reader, pid in children.items():
        os.close(reader)
        if stop:  # one that has exited is a zombie until reaped below: the signal finds it
            import signal  # only a run left early needs it; importing it costs 1 ms

            os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
