"""Configuration: `[tool.cardlint]` in pyproject.toml or a cardlint.toml, validated by pydantic."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

DEFAULT_MAX_SIZE = 1024 * 1024


class ConfigError(Exception):
    """Configuration that cannot be used; the message names the file and the key."""


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Settings(BaseModel):
    """Every setting, as read from the configuration file (paths still relative to it)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=_kebab, populate_by_name=True
    )

    roots: list[str] = []
    include: list[str] = ["*.md"]
    exclude: list[str] = [".*", "node_modules"]
    schema_path: str | None = Field(None, alias="schema")
    select: list[str] = []
    extend_select: list[str] = []
    ignore: list[str] = []
    severity: dict[str, Literal["error", "warning"]] = {}
    max_file_size: int = Field(DEFAULT_MAX_SIZE, gt=0)
    known_ids: list[str] = []
    per_file_ignores: dict[str, list[str]] = {}
    today: date | None = None

    @field_validator("today", mode="before")
    @classmethod
    def _date_only(cls, value: Any) -> Any:
        # TOML reads `today = 2026-01-01` as a date already; a string must be a plain date.
        return date.fromisoformat(value) if isinstance(value, str) else value


class LoadedConfig(BaseModel):
    model_config = ConfigDict(frozen=True)

    settings: Settings
    path: Path | None
    root: Path


def find_config(start: Path) -> Path | None:
    """The nearest cardlint.toml, or pyproject.toml with a [tool.cardlint] table, upward."""
    for folder in (start, *start.parents):
        own = folder / "cardlint.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "cardlint" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(explicit: Path | None, cwd: Path) -> LoadedConfig:
    path = explicit if explicit is not None else find_config(cwd)
    if path is None:
        return LoadedConfig(settings=Settings.model_validate({}), path=None, root=cwd)
    table = _read_toml(path)
    if path.name != "cardlint.toml" or "tool" in table:
        table = table.get("tool", {}).get("cardlint", {})
    try:
        settings = Settings.model_validate(table)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(p) for p in first["loc"]) or "(top level)"
        message = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
        raise ConfigError(f"{path}: {key}: {message}") from error
    return LoadedConfig(settings=settings, path=path, root=path.resolve().parent)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            table: dict[str, Any] = tomllib.load(handle)
            return table
    except OSError as error:
        raise ConfigError(f"{path}: cannot read: {error.strerror or error}") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from error
