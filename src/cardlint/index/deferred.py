"""A value computed on first use, for what a warm run rarely looks at."""

from __future__ import annotations

import functools
from typing import TypeVar

T = TypeVar("T")

_VALUE = "value"


class Deferred(functools.partial[T]):
    """A call made on the first `get()`, its value then kept.

    A `functools.partial`, so that making one takes no Python call: a run that reads
    10,000 cached cards makes one for each, and most are never asked.
    """

    __slots__ = ()

    @classmethod
    def ready(cls, value: T) -> Deferred[T]:
        return cls(_given, value)

    def get(self) -> T:
        kept: dict[str, T] = self.__dict__
        if _VALUE not in kept:
            kept[_VALUE] = self()
        return kept[_VALUE]


def _given(value: T) -> T:
    return value
