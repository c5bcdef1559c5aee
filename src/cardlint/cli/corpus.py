"""Commands about the corpus as a whole: `cardlint graph` and `cardlint stats`.

Registered on the main group by `cli.py`; like `check`, they only parse options and call the
library. Both find the corpus, schema and named paths exactly as `cardlint check` does.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cardlint.cli.options import (
    PathArg,
    ProjectError,
    config_option,
    project_errors,
    schema_option,
)
from cardlint.graph.render import FORMATS

if TYPE_CHECKING:
    from cardlint.graph.snapshot import Snapshot


def _snapshot(paths: tuple[Path, ...], config_path: Path | None, schema: Path | None) -> Snapshot:
    from cardlint.graph.snapshot import take_snapshot
    from cardlint.settings.request import CheckRequest

    # A named path that does not exist is an error, as for `check`; an existing folder with
    # no card in it is a corpus of no cards, which both commands show as such.
    request = CheckRequest(paths=paths, config=config_path, schema=schema)
    with project_errors():
        return take_snapshot(request)


paths_argument = click.argument("paths", nargs=-1, type=PathArg())
"""Files, and directories walked for *.md, as for `check` (default: the configured roots)."""


@click.command("graph")
@paths_argument
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="mermaid",
    show_default=True,
    help="mermaid (Markdown), dot (Graphviz), json (other tools), html (one offline page).",
)
@click.option(
    "--category",
    metavar="VALUE",
    help="Only the cards with this value of the first group field (default: category); "
    "of this card type, when the configuration has card types.",
)
@click.option("--around", metavar="ID", help="Only the cards near this card (see --depth).")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    help="With --around: how many references away, either way.  [default: 1]",
)
@click.option("--output", "-o", type=PathArg(), metavar="FILE", help="Write to FILE.")
@config_option
@schema_option
def graph(
    paths: tuple[Path, ...],
    output_format: str,
    category: str | None,
    around: str | None,
    depth: int | None,
    output: Path | None,
    config_path: Path | None,
    schema: Path | None,
) -> None:
    """Draw the concept graph: cards, their references, dangling references and orphans.

    PATHS (default: the configured roots) narrow the graph to the cards they name; their
    references still resolve against the whole corpus.
    """
    from cardlint.graph.concept_graph import GraphError, build_graph
    from cardlint.graph.render import render

    if depth is not None and around is None:
        raise click.UsageError("--depth needs --around ID")
    snapshot = _snapshot(paths, config_path, schema)
    whole = build_graph(snapshot)
    chosen = snapshot.shown_selected() if paths else None
    try:
        shown = whole.part(around=around, depth=depth, group=category, paths=chosen)
    except GraphError as error:
        raise ProjectError(str(error)) from None
    with project_errors():
        text = render(output_format, shown)
    if output is None:
        sys.stdout.write(text)
        return
    from cardlint.atomic import write_atomically

    with project_errors():
        write_atomically(output, text.encode("utf-8"))


@click.command("stats")
@paths_argument
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="Output format.",
)
@config_option
@schema_option
def stats(
    paths: tuple[Path, ...], output_format: str, config_path: Path | None, schema: Path | None
) -> None:
    """Summarise the corpus: cards per group field, references, orphans, violations.

    PATHS (default: the configured roots) limit the figures to the cards they name; their
    references still resolve against the whole corpus.
    """
    from cardlint.graph.stats import compute, to_json, to_text

    figures = compute(_snapshot(paths, config_path, schema))
    with project_errors():
        sys.stdout.write(to_json(figures) if output_format == "json" else to_text(figures))
