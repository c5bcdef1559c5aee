"""Options shared by several commands, so they read and behave the same everywhere."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pathlib import Path


class PathArg(click.Path):
    """A file or folder argument, given to the command as a `pathlib.Path`.

    pathlib is imported when a path is given, not when the command line is defined:
    `cardlint --version` never needs it.
    """

    def coerce_path_result(self, value: str | os.PathLike[str]) -> Path:
        from pathlib import Path

        return Path(value)


schema_option = click.option(
    "--schema", type=PathArg(), help="Schema file (JSON Schema + x-cardlint)."
)
config_option = click.option(
    "--config",
    "config_path",
    type=PathArg(),
    help="Configuration file (default: nearest cardlint.toml or pyproject.toml).",
)
