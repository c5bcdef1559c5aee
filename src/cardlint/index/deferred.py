"""A value computed on first use, for what a warm run rarely looks at."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Deferred(Generic[T]):
    """`make()` on the first `get()`, then kept."""

    __slots__ = ("_make", "_value")

    def __init__(self, make: Callable[[], T]) -> None:
        self._make: Callable[[], T] | None = make
        self._value: T | None = None

    @classmethod
    def ready(cls, value: T) -> Deferred[T]:
        deferred: Deferred[T] = cls.__new__(cls)
        deferred._make, deferred._value = None, value
        return deferred

    def get(self) -> T:
        if self._make is not None:
            self._value, self._make = self._make(), None
        return self._value  # type: ignore[return-value]
