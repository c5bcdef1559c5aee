"""Surgical edits to a card's bytes, which the rules' fixes and the editing commands share.

- `yaml_edit`: replace one front-matter scalar, remove one list item, keeping the layout.
- `list_edit`: add an item to a front-matter list, in the list's own style.
- `patch`: apply fixes to a card's original bytes; show the change as a unified diff.
"""
