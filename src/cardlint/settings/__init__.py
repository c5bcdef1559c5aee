"""What a run is asked to do: the request, the configuration, the rules selected.

- `request`: `CheckRequest`, what the command line asked, before any file is read.
- `config`: `[tool.cardlint]` or `cardlint.toml`, located and validated.
- `selection`: select, extend-select, ignore, severity overrides.
- `preflight`: what the request and configuration name (roots, schema), checked first.
- `card_types`: the configuration's card types, each with its schema loaded and checked.
"""
