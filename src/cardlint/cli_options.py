"""Options shared by several commands, so they read and behave the same everywhere."""

from __future__ import annotations

from pathlib import Path

import click

schema_option = click.option(
    "--schema", type=click.Path(path_type=Path), help="Schema file (JSON Schema + x-cardlint)."
)
config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path),
    help="Configuration file (default: nearest cardlint.toml or pyproject.toml).",
)
