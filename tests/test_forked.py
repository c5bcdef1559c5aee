"""`run.forked`: worker processes that hand back every result, and never hang or lose the
run when one dies."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cardlint.run.forked import MAX_TASKS, forked_map

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_every_task_is_done_once(workers: int) -> None:
    found = dict(forked_map(lambda task: (task, os.getpid()), 40, workers))
    assert sorted(found) == list(range(40))
    assert all(result[0] == task for task, result in found.items())
    assert os.getpid() not in {pid for _, pid in found.values()}  # done in the workers


def test_a_large_result_arrives_whole() -> None:
    big = "x" * (3 << 20)  # larger than a pipe's buffer and than one read
    assert dict(forked_map(lambda task: big + str(task), 3, 2)) == {
        task: big + str(task) for task in range(3)
    }


def test_every_task_number_a_map_takes_fits_in_its_pipe_and_more_are_refused() -> None:
    assert len(dict(forked_map(lambda task: task, MAX_TASKS, 2))) == MAX_TASKS
    with pytest.raises(ValueError, match="at most"):
        next(forked_map(lambda task: task, MAX_TASKS + 1, 2))


def _dies_at_three(task: int) -> int:
    if task == 3:
        sys.stdout.flush()
        os._exit(7)  # as a worker killed by the system would, mid-run
    return task * task


def test_a_worker_that_dies_loses_only_its_tasks() -> None:
    found = dict(forked_map(_dies_at_three, 30, 2))
    assert 3 not in found
    assert all(found[task] == task * task for task in found)
    # The other worker goes on with every task left.
    assert len(found) >= 15


def _children() -> set[str]:
    """This process's children, zombies included (Linux)."""
    listing = Path(f"/proc/self/task/{os.getpid()}/children")
    if not listing.exists():
        pytest.skip("needs /proc's list of children")
    return set(listing.read_text(encoding="ascii").split())


def test_a_run_left_early_stops_and_reaps_its_workers() -> None:
    before = _children()
    results = forked_map(lambda task: task, 1000, 2)
    assert next(results)[1] in range(1000)
    assert len(_children() - before) == 2
    results.close()  # as Ctrl-C or an error in the caller would
    assert _children() == before  # no worker left, not even a zombie
