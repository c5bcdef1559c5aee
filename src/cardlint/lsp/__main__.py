"""`python -m cardlint.lsp`: the `cardlint lsp` command, whether or not the CLI registers it."""

from cardlint.cli_lsp import lsp

lsp(prog_name="cardlint lsp")
