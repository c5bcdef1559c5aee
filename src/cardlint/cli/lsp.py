"""`cardlint lsp`: the language server, over standard input and output.

Registered on the main group by `cli.main`; the server itself starts in `lsp.start`.
"""

from __future__ import annotations

import sys

import click


@click.command("lsp", context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--stdio", is_flag=True, help="Accepted for clients that pass it; stdio is the only transport."
)
def lsp(stdio: bool) -> None:  # `stdio` changes nothing: it is the only transport
    """Run the language server for editors (LSP over stdin and stdout)."""
    from cardlint.lsp.start import start

    sys.exit(start())
