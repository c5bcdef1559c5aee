"""How a run uses the garbage collector.

A run builds hundreds of thousands of small objects that all live until the report, and
makes hardly any reference cycles: CPython's collector, left to its defaults, walks them all
again and again and finds nothing. Reading the cache builds the most of them, none in a
cycle, so there the collector pauses altogether.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def few_collections() -> Iterator[None]:
    """Collect rarely during a run, and never what existed before it.

    Frozen objects are also left alone in forked workers, so their pages stay shared with the
    parent. Cards are still analysed with the collector on: a hostile card may make cycles.
    """
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


@contextlib.contextmanager
def acyclic() -> Iterator[None]:
    """Build many objects that form no cycle, such as decoded cache records, uncollected,
    then freeze them so that later collections in the run do not walk them either (used
    within `few_collections`, whose end unfreezes them)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
