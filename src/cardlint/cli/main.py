"""The command line: parse options, call the library, hand the report to a reporter."""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import sys
import time
from datetime import date
from typing import TYPE_CHECKING, ClassVar

import click

from cardlint import __version__
from cardlint.cli.options import (
    PathArg,
    ProjectError,
    config_option,
    project_errors,
    schema_option,
)
from cardlint.report import FORMATS

if TYPE_CHECKING:
    from pathlib import Path

    from cardlint.settings.request import Named


def _codes(values: tuple[str, ...]) -> list[str]:
    return [code.strip() for value in values for code in value.split(",") if code.strip()]


def _today(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    from cardlint.settings.config import read_date

    try:
        return read_date(value)
    except ValueError as error:
        raise ProjectError(f"--today: {error}") from None


def entry() -> None:
    """The console script: `main`, with file names that look like options kept as files.

    Once the command is done and its output flushed, the process ends at once: freeing the
    hundreds of thousands of objects of a run one by one, as the interpreter otherwise
    would on its way out, takes a tenth of a warm run. Every file was closed by then. A
    process being profiled or traced (`python -m cProfile`, coverage, a debugger) exits the
    usual way instead, so that its observer still reports.
    """
    try:
        main(args=protect_file_names(sys.argv[1:]), prog_name="cardlint")
    except SystemExit as done:
        if done.code is not None and not isinstance(done.code, int):
            raise  # a message to print: the interpreter's own exit does that
        _exit_now(done.code or 0)
    _exit_now(0)


def _exit_now(status: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    if sys.getprofile() is None and sys.gettrace() is None:
        os._exit(status)
    sys.exit(status)


def protect_file_names(args: list[str]) -> list[str]:
    """Prefix `./` to arguments that start with `-` but name an existing file.

    pre-commit appends file names after the hook's own arguments without a `--`, so a card
    named `--format=json.md` would otherwise be read as an option.
    """
    if "--" in args:
        cut = args.index("--")
        return [*protect_file_names(args[:cut]), *args[cut:]]
    # os.path: pathlib is not loaded before the command line is read (see PathArg).
    return [f"./{a}" if a.startswith("-") and os.path.isfile(a) else a for a in args]  # noqa: PTH113


def _change(pre_commit: bool, since: str | None) -> tuple[Named | None, Named | None]:
    """Where the change a run is about starts and ends: `--changed-since` and the working
    tree, or under `pre-commit run --from-ref A --to-ref B` (which says so only in the
    hook's environment) A and B."""
    from cardlint.settings.request import Named

    if since is not None:
        return Named(since, "--changed-since"), None
    start, end = os.environ.get("PRE_COMMIT_FROM_REF"), os.environ.get("PRE_COMMIT_TO_REF")
    if pre_commit and start and end:
        return Named(start, "PRE_COMMIT_FROM_REF"), Named(end, "PRE_COMMIT_TO_REF")
    return None, None


def _rule_notice(ref: str | None, files: list[str]) -> str:
    from cardlint.text import printable

    shown, where = ", ".join(map(printable, files)), printable(ref or "")
    return f"the rules differ from {where}'s in {shown}; the cards are checked against {where}'s"


class _Commands(click.Group):
    """The main group. The commands defined in other modules are imported when they run (or
    `--help` lists them), so `cardlint --version` and `cardlint check` do not load them."""

    ELSEWHERE: ClassVar[dict[str, str]] = {
        "graph": "cardlint.cli.corpus",
        "stats": "cardlint.cli.corpus",
        "rename": "cardlint.cli.edit",
        "new": "cardlint.cli.edit",
        "lsp": "cardlint.cli.lsp",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.ELSEWHERE})

    def invoke(self, ctx: click.Context) -> object:
        """A mistake in a command's options is one line, as every other error is."""
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            where = error.ctx.command_path if error.ctx else "cardlint"
            raise ProjectError(f"{error.format_message()} (see `{where} --help`)") from None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = self.ELSEWHERE.get(cmd_name)
        if module is None:
            return super().get_command(ctx, cmd_name)
        command = getattr(importlib.import_module(module), cmd_name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cardlint")
def main() -> None:
    """Validate and lint Markdown concept cards."""


@main.command()
@click.argument("paths", nargs=-1, type=PathArg())
@schema_option
@config_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    help="Output format (default: text, plus GitHub annotations under GITHUB_ACTIONS=true).",
)
@click.option("--output", "-o", type=PathArg(), help="Write the report to FILE.")
@click.option("--statistics", is_flag=True, help="Print a count per rule instead of the list.")
@click.option("--select", multiple=True, help="Only these rules: codes, names or prefixes (CL2).")
@click.option("--extend-select", multiple=True, help="Add rules to the selection.")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, names or prefixes.")
@click.option("--today", callback=_today, help="Date the date rules treat as today (YYYY-MM-DD).")
@click.option("--baseline", type=PathArg(), help="Report only violations not in FILE.")
@click.option(
    "--write-baseline",
    type=PathArg(),
    help="Record the current violations in FILE and exit 0.",
)
@click.option(
    "--pre-commit",
    "pre_commit",
    is_flag=True,
    help="Hook mode: skip named files that are not cards; add cards that list a card the "
    "staged change (or pre-commit's --from-ref/--to-ref range) deletes or renames, and "
    "every card if it changes the rules.",
)
@click.option(
    "--changed-since",
    metavar="REF",
    help="Only the cards changed since REF forked (committed, staged, unstaged, untracked), "
    "the cards that list a card removed since, and every card if the rules changed.",
)
@click.option(
    "--rules-from",
    metavar="REF",
    help="Read the configuration and the schema as git revision REF holds them "
    "(a pull request's base), and say when the working tree's differ.",
)
@click.option(
    "--fail-on-rule-change",
    is_flag=True,
    help="With --rules-from: when the rules differ from REF's, exit 2 after the report.",
)
@click.option("--fix", is_flag=True, help="Apply the rules' safe fixes, then report what remains.")
@click.option(
    "--diff", "show_diff", is_flag=True, help="Print the fixes as a unified diff; change nothing."
)
@click.option(
    "--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply fixes that guess."
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the result cache.")
@click.option(
    "--cache-dir",
    type=PathArg(),
    help="Where the result cache lives (default: .cardlint_cache/ at the project root).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when errors are found.")
@click.option(
    "--allow-empty",
    is_flag=True,
    help="Pass when no card is found (by default that is an error, exit status 2).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print violations only, no summary.")
@click.option("--no-color", is_flag=True, help="Never colour the output (also: NO_COLOR).")
def check(
    paths: tuple[Path, ...],
    schema: Path | None,
    config_path: Path | None,
    output_format: str | None,
    output: Path | None,
    statistics: bool,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    today: date | None,
    baseline: Path | None,
    write_baseline: Path | None,
    pre_commit: bool,
    changed_since: str | None,
    rules_from: str | None,
    fail_on_rule_change: bool,
    fix: bool,
    show_diff: bool,
    unsafe_fixes: bool,
    no_cache: bool,
    cache_dir: Path | None,
    exit_zero: bool,
    allow_empty: bool,
    quiet: bool,
    no_color: bool,
) -> None:
    """Check cards: files, and directories walked for *.md (default: the configured roots)."""
    from cardlint import app
    from cardlint.docs import rule_sheets
    from cardlint.report import ReportStyle, chosen, render
    from cardlint.scope import revisions
    from cardlint.settings.request import CheckRequest

    started = time.perf_counter()
    start, end = _change(pre_commit, changed_since)
    request = CheckRequest(
        paths=paths,
        config=config_path,
        schema=schema,
        select=_codes(select),
        extend_select=_codes(extend_select),
        ignore=_codes(ignore),
        today=today,
        pre_commit=pre_commit,
        baseline=baseline,
        cache=not no_cache,
        cache_dir=cache_dir,
        require_cards=not allow_empty,
        changed_since=start,
        changed_until=end,
        rules_from=rules_from,
    )
    if fail_on_rule_change and rules_from is None:
        raise click.UsageError("--fail-on-rule-change needs --rules-from")
    if unsafe_fixes and not (fix or show_diff):
        raise click.UsageError("--unsafe-fixes needs --fix or --diff")
    if statistics and output_format not in (None, "text"):
        raise click.UsageError(f"--statistics prints text; it cannot be --format {output_format}")
    with project_errors():
        if fix or show_diff:
            from cardlint.cli.edit import apply_fixes

            apply_fixes(request, write=not show_diff, unsafe=unsafe_fixes)
        if write_baseline is not None:
            count = app.write_baseline_for(request, write_baseline)
            click.echo(f"Wrote {count} violation(s) to the baseline {write_baseline}.")
            return
        # `kept_run` holds what the run loaded until the process ends: the exit below is
        # raised in this frame, and `entry` ends the process without freeing it (freeing
        # 10,000 cards' results an object at a time costs milliseconds).
        kept_run = app.checked_run(request)
        result = kept_run.report
        rules_differ = revisions.rule_change(request)
    if rules_differ and not fail_on_rule_change:
        click.echo(f"Note: {_rule_notice(rules_from, rules_differ)}.", err=True)
    written = io.StringIO()
    out = sys.stdout if output is None else written
    color = output is None and sys.stdout.isatty() and not no_color and "NO_COLOR" not in os.environ
    seconds = time.perf_counter() - started
    style = ReportStyle(color=color, quiet=quiet, seconds=seconds, rules=rule_sheets)
    github_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    for name in chosen(output_format, statistics, github_actions):
        render(name, result, out, style)
    if output is not None:
        from cardlint.atomic import write_atomically

        with project_errors():
            write_atomically(output, written.getvalue().encode("utf-8"))
    if rules_differ and fail_on_rule_change:
        # Exit 2, not 1: the verdict on the cards stands, but the rules need a maintainer.
        raise ProjectError(f"{_rule_notice(rules_from, rules_differ)} (--fail-on-rule-change)")
    sys.exit(result.exit_status(exit_zero))


@main.command()
@config_option
@click.option("--cache-dir", type=PathArg(), help="The cache folder to remove.")
def clean(config_path: Path | None, cache_dir: Path | None) -> None:
    """Remove the result cache."""
    from cardlint import app

    with project_errors():
        removed = app.clean_cache(config_path, cache_dir)
    click.echo(f"Removed {removed}." if removed else "No cache to remove.")


@main.command(name="rules")
def list_rules() -> None:
    """List every rule: code, name, default severity and summary."""
    from cardlint.rules import all_rules

    for rule in all_rules():
        state = "" if rule.enabled_by_default else " (off by default)"
        click.echo(f"{rule.code}  {rule.name:<34} {rule.severity.value:<8} {rule.summary}{state}")


@main.command(name="rule")
@click.argument("code_or_name")
def show_rule(code_or_name: str) -> None:
    """Show a rule's documentation: what it checks, why, an example, how to fix."""
    from cardlint.docs import rule_markdown
    from cardlint.rules import find_rule, rule_index
    from cardlint.settings.selection import unknown_rule

    rule = find_rule(code_or_name)
    if rule is None:
        raise ProjectError(unknown_rule(code_or_name, rule_index()))
    click.echo(rule_markdown(rule))
