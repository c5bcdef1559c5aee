"""`cardlint lsp`: the language server, over standard input and output.

Registered on the main group by `cli.py`. pygls is an optional dependency (the `lsp` extra),
so it is imported only when the command runs.
"""

from __future__ import annotations

import sys

import click

_LSP_PACKAGES = frozenset({"pygls", "lsprotocol"})


@click.command("lsp", context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--stdio", is_flag=True, help="Accepted for clients that pass it; stdio is the only transport."
)
def lsp(stdio: bool) -> None:  # `stdio` changes nothing: it is the only transport
    """Run the language server for editors (LSP over stdin and stdout)."""
    try:
        from cardlint.lsp.server import serve
    except ModuleNotFoundError as error:
        missing = (error.name or "").partition(".")[0]
        if missing not in _LSP_PACKAGES:
            raise  # a bug of ours, not a missing extra
        click.echo(f"cardlint lsp needs {missing}: install cardlint[lsp]", err=True)
        sys.exit(2)
    serve()
