"""A value computed on first use, for what a warm run rarely looks at."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Deferred(Generic[T]):
    """`make()` on the first `get()`, then kept. When `make` raises ValueError (it reads bad
    data), `fallback()` instead: that is how the cache fails safe, a record that does not
    decode is computed again from the card rather than reported as a crash."""

    __slots__ = ("_fallback", "_make", "_value")

    def __init__(self, make: Callable[[], T], fallback: Callable[[], T] | None = None) -> None:
        self._make: Callable[[], T] | None = make
        self._fallback = fallback
        self._value: T | None = None

    @classmethod
    def ready(cls, value: T) -> Deferred[T]:
        return cls(lambda: value)

    def get(self) -> T:
        if self._make is not None:
            try:
                self._value = self._make()
            except ValueError:
                if self._fallback is None:
                    raise
                self._value = self._fallback()
            self._make = self._fallback = None
        return self._value  # type: ignore[return-value]
