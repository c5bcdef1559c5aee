"""Starting the server, or saying which extra to install when pygls is missing.

pygls is an optional dependency (the `lsp` extra), so it is imported only here, when the
server starts: `cardlint lsp` and `python -m cardlint.lsp` both come through `start`.
"""

from __future__ import annotations

import sys

_LSP_PACKAGES = frozenset({"pygls", "lsprotocol"})


def start() -> int:
    """Serve over stdin and stdout until the client exits; the exit status."""
    try:
        from cardlint.lsp.server import serve
    except ModuleNotFoundError as error:
        missing = (error.name or "").partition(".")[0]
        if missing not in _LSP_PACKAGES:
            raise  # a bug of ours, not a missing extra
        print(f"cardlint lsp needs {missing}: install cardlint[lsp]", file=sys.stderr)
        return 2
    serve()
    return 0
