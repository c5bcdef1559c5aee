"""Stage 1, load: card files -> `Card` values, every position exact.

- `discover`: which files are cards (explicit paths, folders walked, include/exclude globs).
- `read`: a file's bytes, read safely (size, symlinks), decoded to text with positions.
- `framing`: where the front matter ends, and what to say when it never does.
- `card`: one card: bytes -> text -> front matter and body (`Card`, `load_card`).
- `simple_yaml`: the fast reader for the front matter nearly every card has.
- `yaml_front_matter`: front-matter values with a span per key and item; plain-scalar rules.
- `yaml_events`: the full reader, composed from PyYAML's events (imported only when needed).
- `yaml_hints`, `yaml_layout`: the common YAML mistakes in words, at the line to edit.
- `markdown`: the body's blocks: headings, content, fences and comments left open.
- `block_scanner`: the line-oriented CommonMark block scanner `markdown` uses.
- `unclosed`: which fence lacks its closer.
"""
