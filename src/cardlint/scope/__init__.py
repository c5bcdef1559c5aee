"""What a run over a change checks, as git sees it (`--changed-since`, the hook, `--rules-from`).

- `revisions`: what a request asks of git: the rules' revision, the change's range.
- `changed_cards`: the cards a change adds or edits, and the cards that list removed ones.
- `git_changes`: a change's added, modified and removed files.
- `rule_files`: the files the rules are made of, and which differ between two revisions.
"""
