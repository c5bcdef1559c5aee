"""Where bytes come from besides the card files: the work tree, or a git revision.

- `readers`: a `Reader` (path -> bytes or None) and `on_disk`, the work tree's.
- `git`: a git work tree as cardlint asks it: its top folder, revisions, files at a revision.
"""
