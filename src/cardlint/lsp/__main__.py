"""`python -m cardlint.lsp`: the language server, as `cardlint lsp` runs it."""

import sys

from cardlint.lsp.start import start

sys.exit(start())
