from cardlint.cli.main import entry

entry()
