"""Commands that edit cards: `check --fix`/`--diff`, `cardlint rename` and `cardlint new`.

Registered on the main group by `cli.py`; like `check`, they parse options, call the library
and print. Every refusal is a usage error: one line, exit status 2, nothing written.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cardlint.cli.options import PathArg, config_option, project_errors, schema_option

if TYPE_CHECKING:
    from cardlint.settings.request import CheckRequest


def apply_fixes(request: CheckRequest, write: bool, unsafe: bool) -> None:
    """For `check`: write the fixes (the check then reports what remains), or print them as a
    diff and exit, 1 when there is something to fix."""
    from cardlint.authoring.fix import fix_cards

    result = fix_cards(request, unsafe=unsafe)
    if not write:
        sys.stdout.write(result.diff())
        click.echo(result.summary(written=False), err=True)
        sys.exit(1 if result.changes else 0)
    result.write()
    click.echo(result.summary(written=True), err=True)


@click.command()
@click.argument("old")
@click.argument("new")
@click.option(
    "--dry-run", is_flag=True, help="Print the changes as a unified diff; change nothing."
)
@config_option
@schema_option
def rename(
    old: str, new: str, dry_run: bool, config_path: Path | None, schema: Path | None
) -> None:
    """Rename the card OLD to NEW: its id, its file and every reference to it."""
    from cardlint.authoring.rename import plan_rename
    from cardlint.settings.request import CheckRequest

    with project_errors():
        plan = plan_rename(CheckRequest(config=config_path, schema=schema), old, new)
        if dry_run:
            sys.stdout.write(plan.diff())
            return
        click.echo(plan.apply())


@click.command()
@click.argument("card_id", metavar="ID")
@click.option(
    "--path",
    type=PathArg(),
    help="The file to write, or a folder for ID.md (default: the first card root).",
)
@click.option("--name-zh", help="The first name field (concept_name_zh).")
@click.option("--name-en", help="The second name field (concept_name_en).")
@click.option("--category", help="The category (one of the schema's values).")
@click.option("--difficulty", help="The difficulty (one of the schema's values).")
@click.option(
    "--type",
    "card_type",
    help="The card type (one of the configuration's types); default: the default schema's.",
)
@config_option
@schema_option
def new(
    card_id: str,
    path: Path | None,
    name_zh: str | None,
    name_en: str | None,
    category: str | None,
    difficulty: str | None,
    card_type: str | None,
    config_path: Path | None,
    schema: Path | None,
) -> None:
    """Write a new card ID from the schema; `cardlint check` then lists what to fill in."""
    from cardlint.authoring.new_card import NewCard, create_card
    from cardlint.paths import display_path
    from cardlint.settings.request import CheckRequest

    given = {"category": category, "difficulty": difficulty}
    spec = NewCard(
        card_id,
        names=(name_zh, name_en),
        values={name: value for name, value in given.items() if value is not None},
        path=path,
        type=card_type,
    )
    with project_errors():
        written = create_card(CheckRequest(config=config_path, schema=schema), spec)
    shown = display_path(written, Path.cwd())
    click.echo(f"Wrote {shown}; `cardlint check {shown}` lists what is left to fill in.")
