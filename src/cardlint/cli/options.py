"""Options shared by several commands, so they read and behave the same everywhere."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from pathlib import Path


class ProjectError(click.ClickException):
    """A configuration or usage error: one line, `Error: ...`, naming where the mistake is
    (an option, or a file and its key), and exit status 2. A CI log or a pre-commit hook
    shows that line alone, not click's usage lines around it."""

    exit_code = 2


@contextlib.contextmanager
def project_errors() -> Iterator[None]:
    """The library's usage errors (`UsageError`) as `ProjectError`s, and so are the
    system's refusals to write a file the command was asked to write (a folder that does
    not exist, a name too long, no permission): those need no traceback either."""
    from cardlint.errors import UsageError  # here: `cardlint --version` never imports the library

    try:
        yield
    except UsageError as error:
        raise ProjectError(str(error)) from None
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        raise ProjectError(f"{where}{error.strerror or error}") from None


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
