"""pydantic at the edges: plain values validated into a frozen dataclass, or one message.

pydantic is imported only when something is validated: a run whose configuration and schema
were validated before (see `cache.validation_memo`) never loads it.
"""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")


class Invalid(Exception):
    """The first thing wrong: where (the keys down to it, possibly none) and what."""

    def __init__(self, where: tuple[str, ...], message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


def validated(kind: type[T], value: object) -> T:
    """`value` as a `kind`, strictly as the dataclass's pydantic config says."""
    from pydantic import ValidationError

    try:
        return _adapter(kind).validate_python(value)  # type: ignore[no-any-return]
    except ValidationError as error:
        first = error.errors()[0]
        unknown = first["type"] in ("extra_forbidden", "unexpected_keyword_argument")
        # A check in __post_init__ is a "Value error"; its own words are the message.
        message = "unknown key" if unknown else first["msg"].removeprefix("Value error, ")
        raise Invalid(tuple(str(p) for p in first["loc"]), message) from error


_ADAPTERS: dict[type[Any], Any] = {}


def _adapter(kind: type[Any]) -> Any:
    """One adapter per class: building it is most of the cost of validating."""
    from pydantic import TypeAdapter

    if kind not in _ADAPTERS:
        _ADAPTERS[kind] = TypeAdapter(kind)
    return _ADAPTERS[kind]
