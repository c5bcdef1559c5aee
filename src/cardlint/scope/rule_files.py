"""The files the rules are made of, and which of them differ between two places they are read
from (the working tree, a git revision): the configuration, the schema and the files its
`$ref`s reach.

A configuration counts by its settings table, not its bytes: a pyproject.toml whose
dependencies changed holds the same rules. A schema file counts by its bytes, as the cache
keys do. A file that cannot be read or parsed counts by what can be read of it; checking says
what is wrong with it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from cardlint.schema.files import SchemaLoadError, schema_sources
from cardlint.settings.config import ConfigError, locate_config, settings_table
from cardlint.sources.readers import Reader

T = TypeVar("T")
RuleFiles = dict[Path, object]
"""Each file the rules are read from (real path), with what counts of it."""


def rule_files(read: Reader, cwd: Path, config: Path | None, schema: Path | None) -> RuleFiles:
    """The rule files `read` finds from `cwd`, the way a run finds them: `config` and `schema`
    are the command line's options. No schema means the bundled one, which is not a file of
    the project's."""
    found: RuleFiles = {}
    located = _quietly(lambda: locate_config(config, cwd, read))
    table = None
    if located is not None:
        data = _quietly(lambda: read(located))
        if data is not None:
            table = settings_table(located, data)
            found[_real(located)] = data if table is None else table
    written = table.get("schema") if table is not None else None
    if schema is not None:
        schema_path: Path | None = cwd / schema
    elif located is not None and isinstance(written, str):
        schema_path = located.resolve().parent / written
    else:
        schema_path = None
    if schema_path is not None:
        sources = _quietly(lambda: schema_sources(schema_path, read))
        if sources is not None:
            found[_real(schema_path)] = sources.data
            folder = _real(schema_path).parent
            found.update((folder / name, data) for name, data in sources.referenced)
    return found


def differing(one: RuleFiles, other: RuleFiles) -> list[Path]:
    """The files that differ, or are rule files on one side only."""
    missing = object()
    return sorted(p for p in {*one, *other} if one.get(p, missing) != other.get(p, missing))


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _quietly(step: Callable[[], T]) -> T | None:
    """What `step` gives, or None when the file it reads is unusable: the files still differ
    or not, and the run that reads them reports the problem."""
    try:
        return step()
    except (ConfigError, SchemaLoadError, OSError):
        return None
