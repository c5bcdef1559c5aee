"""pydantic at the edges: plain values validated into a frozen dataclass, or one message.

pydantic is imported only when something is validated: a run whose configuration and schema
were validated before (see `cache.validation_memo`) never loads it.
"""

from __future__ import annotations

from collections.abc import Callable
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


class Before:
    """`Annotated[T, Before(convert)]`: `convert` the raw value before it is validated as a T
    (a field name written where an object may be), raising ValueError for a wrong shape.

    pydantic finds this hook by its name when it builds the adapter: the module that declares
    the type never imports pydantic.
    """

    def __init__(self, convert: Callable[[Any], Any], written: Any = None) -> None:
        self.convert = convert
        self.written = written
        """Another type the value may be written as, for the JSON Schema of what is accepted."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        inner = handler(source)
        accepted = None
        if self.written is not None:
            accepted = core_schema.union_schema([handler.generate_schema(self.written), inner])
        return core_schema.no_info_before_validator_function(
            self.convert, inner, json_schema_input_schema=accepted
        )


class After:
    """`Annotated[T, After(check)]`: `check` the value once it is a T, raising ValueError;
    the error is reported at the field, in the check's words."""

    def __init__(self, check: Callable[[Any], None]) -> None:
        self.check = check

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        from pydantic_core import core_schema

        def checked(value: Any) -> Any:
            self.check(value)
            return value

        return core_schema.no_info_after_validator_function(checked, handler(source))
