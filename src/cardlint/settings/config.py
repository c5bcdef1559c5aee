"""Configuration: `[tool.cardlint]` in pyproject.toml or a cardlint.toml, validated by pydantic.

`Settings` is a plain frozen dataclass; pydantic validates the table into one where the file
is read. A file whose bytes were validated before is rebuilt from the record that
validation left (see `cache.validation_memo`), so most runs never import pydantic.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, ClassVar, Literal, NamedTuple

from cardlint.cache.validation_memo import Checked
from cardlint.paths import display_path
from cardlint.pydantic_edge import Invalid, validated
from cardlint.sources.readers import Reader, on_disk
from cardlint.text import did_you_mean, printable, quote

DEFAULT_MAX_SIZE = 1024 * 1024


class ConfigError(Exception):
    """Configuration that cannot be used; the message names the file and the key."""


def _key_of(name: str) -> str:
    """How a setting is written in the file: kebab-case, and `schema` for the schema path."""
    return "schema" if name == "schema_path" else name.replace("_", "-")


_TABLE_CONFIG: dict[str, Any] = {
    "extra": "forbid",
    "alias_generator": _key_of,
    "populate_by_name": True,
}
"""A table's keys: unknown ones refused, each written kebab-case or as its field's name."""

_TYPE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class TypeSettings:
    """One card type (`[tool.cardlint.types.NAME]`): its schema and the files that are of it."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _TABLE_CONFIG

    schema_path: str
    files: list[str] = field(default_factory=list)
    """Globs, relative to the project root, of the cards of this type (besides those whose
    `type-field` names it)."""

    def __post_init__(self) -> None:
        if "\0" in self.schema_path:
            raise ValueError("a path cannot hold a NUL character")


@dataclass(frozen=True)
class Settings:
    """Every setting, as read from the configuration file (paths still relative to it)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = _TABLE_CONFIG

    roots: list[str] = field(default_factory=list)
    include: list[str] = field(default_factory=lambda: ["*.md"])
    exclude: list[str] = field(default_factory=lambda: [".*", "node_modules"])
    schema_path: str | None = None
    select: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, Literal["error", "warning"]] = field(default_factory=dict)
    max_file_size: int = DEFAULT_MAX_SIZE
    known_ids: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    today: date | None = None
    type_field: str | None = None
    """The front-matter field whose value names a card's type (`type: paper`)."""
    types: dict[str, TypeSettings] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.max_file_size <= 0:
            raise ValueError("max-file-size must be greater than 0")
        for name in self.types:
            if not _TYPE_NAME.fullmatch(name):
                raise ValueError(
                    f"types: {printable(name)!r} cannot name a card type: "
                    "use letters, digits, '-' and '_'"
                )
        if self.type_field is not None and not self.types:
            raise ValueError(
                "type-field names a card's type: add the types ([tool.cardlint.types.NAME])"
            )
        paths = [*self.roots, *([self.schema_path] if self.schema_path else [])]
        if any("\0" in path for path in paths):
            raise ValueError("a path cannot hold a NUL character")

    def to_record(self) -> dict[str, Any]:
        """The settings as plain JSON values (see `from_record`)."""
        record = dataclasses.asdict(self)
        record["today"] = self.today.isoformat() if self.today else None
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Settings:
        today = record["today"]
        types = {name: TypeSettings(**kind) for name, kind in record["types"].items()}
        return cls(
            **{**record, "today": date.fromisoformat(today) if today else None, "types": types}
        )


class LoadedConfig(NamedTuple):
    settings: Settings
    path: Path | None
    root: Path


def find_config(start: Path, read: Reader = on_disk) -> Path | None:
    """The nearest cardlint.toml, or pyproject.toml with a [tool.cardlint] table, upward."""
    for folder in (start, *start.parents):
        own = folder / "cardlint.toml"
        if _read_bytes(own, display_path(own, start), read) is not None:
            return own
        pyproject = folder / "pyproject.toml"
        shown = display_path(pyproject, start)
        data = _read_bytes(pyproject, shown, read)
        if data is not None:
            tool = _parse_toml(shown, data).get("tool")
            if isinstance(tool, dict) and "cardlint" in tool:
                return pyproject
    return None


def locate_config(explicit: Path | None, cwd: Path, read: Reader = on_disk) -> Path | None:
    return cwd / explicit if explicit is not None else find_config(cwd, read)


def load_config(
    explicit: Path | None, cwd: Path, checked: Checked | None = None, read: Reader = on_disk
) -> LoadedConfig:
    """The configuration in `explicit`, or found from `cwd`; `checked` remembers validations
    (see `cache.validation_memo`); `read` reads the files (the working tree's, or a git
    revision's).

    Messages name the file as seen from `cwd`, as the author would type it."""
    path = locate_config(explicit, cwd, read)
    if path is None:
        return LoadedConfig(settings=Settings(), path=None, root=cwd)
    shown = display_path(path, cwd)
    data = _read_bytes(path, shown, read)
    if data is None:
        raise ConfigError(f"{shown}: cannot read: no such file")
    # The same bytes say something else in a pyproject.toml (only [tool.cardlint] counts).
    kind = "pyproject settings" if path.name == "pyproject.toml" else "settings"
    record = checked.get(kind, data) if checked is not None else None
    if record is not None:
        with_record = _from_record(record)
        if with_record is not None:
            return LoadedConfig(with_record, path, path.resolve().parent)
    table = _table(path, shown, _parse_toml(shown, data))
    settings = _validated(shown, table)
    if checked is not None:
        checked.put(kind, data, settings.to_record())
    return LoadedConfig(settings=settings, path=path, root=path.resolve().parent)


def settings_table(path: Path, data: bytes) -> dict[str, Any] | None:
    """The settings table in a configuration file's bytes, or None when none can be read."""
    try:
        return _table(path, path.name, _parse_toml(path.name, data))
    except ConfigError:
        return None


def read_date(text: str) -> date:
    """A day written YYYY-MM-DD; the ValueError says in words what is wrong with it."""
    import calendar
    import re

    written = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text.strip())
    if written is None:
        raise ValueError(f"{quote(text)} is not a date in the form YYYY-MM-DD")
    year, month, day = map(int, written.groups())
    if year < 1:
        raise ValueError(f"{quote(text)} is not a real date: there is no year 0")
    if not 1 <= month <= 12:
        raise ValueError(f"{quote(text)} is not a real date: months run from 01 to 12")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        month_name = calendar.month_name[month]
        raise ValueError(f"{quote(text)} is not a real date: {month_name} {year} has {days} days")
    return date(year, month, day)


def _from_record(record: Any) -> Settings | None:
    try:
        return Settings.from_record(record)
    except (TypeError, ValueError, KeyError):
        return None  # a record that does not rebuild: validate the file again


def _table(path: Path, shown: str, document: dict[str, Any]) -> dict[str, Any]:
    """The settings' table: [tool.cardlint] in a pyproject.toml (or any file with a [tool]
    table), the whole document otherwise."""
    if path.name != "pyproject.toml" and "tool" not in document:
        return document
    tool = document.get("tool")
    if not isinstance(tool, dict) or "cardlint" not in tool:
        # Named with --config: taking it as empty settings would lint all below it.
        raise ConfigError(f"{shown}: no [tool.cardlint] table; add one, or name another file")
    table = tool["cardlint"]
    if not isinstance(table, dict):
        raise ConfigError(f"{shown}: [tool.cardlint] must be a table")
    return table


def _validated(shown: str, table: dict[str, Any]) -> Settings:
    unknown = _unknown_key(table)
    if unknown is not None:
        raise ConfigError(f"{shown}: {unknown}")
    if isinstance(table.get("today"), str):
        # TOML reads `today = 2026-01-01` as a date already; a string must be a plain date.
        try:
            table = {**table, "today": read_date(table["today"])}
        except ValueError as error:
            raise ConfigError(f"{shown}: today: {error}") from error
    try:
        return validated(Settings, table)
    except Invalid as error:
        key = ".".join(error.where)
        # A check in __post_init__ has no key of its own; its message names the setting.
        problem = f"{key}: {error.message}" if key else error.message
        raise ConfigError(f"{shown}: {problem}") from error


def _unknown_key(table: dict[str, Any], kind: type[Any] = Settings, at: str = "") -> str | None:
    """The first key that is no setting, with the setting it is nearest to; a card type's
    table is looked into too."""
    fields = dataclasses.fields(kind)
    keys = [_key_of(f.name) for f in fields]
    for key in table:
        if key in keys or key in (f.name for f in fields):  # both spellings are accepted
            continue
        close = did_you_mean(key, keys)
        advice = f"did you mean {quote(close)}?" if close else "settings: " + ", ".join(keys)
        return f"{at}{printable(key)}: unknown key ({advice})"
    types = table.get("types") if kind is Settings else None
    for name, kind_table in types.items() if isinstance(types, dict) else ():
        if isinstance(kind_table, dict):
            found = _unknown_key(kind_table, TypeSettings, f"types.{printable(name)}.")
            if found is not None:
                return found
    return None


def _read_bytes(path: Path, shown: str, read: Reader) -> bytes | None:
    try:
        return read(path)
    except OSError as error:
        raise ConfigError(f"{shown}: cannot read: {error.strerror or error}") from error


def _parse_toml(shown: str, data: bytes) -> dict[str, Any]:
    # Imported here: a file whose bytes were validated before is not parsed (1 ms a run).
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]
    try:
        table: dict[str, Any] = tomllib.loads(data.decode("utf-8"))
        return table
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{shown}: invalid TOML: {error}") from error
    except RecursionError as error:
        raise ConfigError(f"{shown}: invalid TOML: nested too deeply") from error
