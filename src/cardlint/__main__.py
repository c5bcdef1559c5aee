from cardlint.cli import entry

entry()
