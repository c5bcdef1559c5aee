"""The command line: Click options in, a call to the library, a reporter out; no logic here.

- `main`: the `cardlint` group, `check`, `rule`, `cache`; the entry point.
- `options`: options shared by several commands.
- `edit`: `check --fix`/`--diff`, `rename`, `new`.
- `corpus`: `graph` and `stats`.
- `lsp`: `cardlint lsp`, the language server.
"""
