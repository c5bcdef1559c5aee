from cardlint.cli import main

main()
