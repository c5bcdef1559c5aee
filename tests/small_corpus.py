"""A six-card corpus for `graph` and `stats` whose figures are known by hand.

    a -> b, c, ghost        b -> a (related), c (prerequisites)     c -> (none)
    d -> a, ghost, phantom  e -> (none), with hostile names         broken.md: no front matter

Dangling: a->ghost, d->ghost, d->phantom. One-way: a->c, b->c, d->a. Orphans: broken, d, e.
Violations: CL301 x3 (the dangling references), CL103 (c's difficulty), CL002 (broken).
"""

from __future__ import annotations

from pathlib import Path

SCHEMA = """{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "required": ["id"],
  "properties": {
    "id": {"type": "string"},
    "name_zh": {"type": "string"},
    "name_en": {"type": "string"},
    "category": {"type": "string"},
    "difficulty": {"enum": ["easy", "hard"]},
    "related": {"type": "array", "items": {"type": "string"}},
    "prerequisites": {"type": "array", "items": {"type": "string"}}
  },
  "x-cardlint": {
    "id_field": "id",
    "name_fields": ["name_zh", "name_en"],
    "reference_fields": ["related", "prerequisites"]
  }
}
"""

HOSTILE_EN = 'Evil "quote" [x] --> </script><b>\nend'
HOSTILE_ZH = "x\u2028y & <!-- #quot; \\N"

CARDS = {
    "a.md": "id: a\nname_zh: 甲\nname_en: Alpha\ncategory: core\ndifficulty: easy\n"
    "related: [b, ghost, c]\n",
    "b.md": "id: b\nname_en: Beta\ncategory: core\ndifficulty: hard\nrelated: [a]\n"
    "prerequisites: [c]\n",
    "c.md": "id: c\nname_en: Gamma\ncategory: extra\ndifficulty: medium\nrelated: []\n",
    "d.md": "id: d\nname_en: Delta\ncategory: extra\ndifficulty: easy\n"
    "related: [a, ghost, phantom]\n",
    "e.md": 'id: e\nname_zh: "x\\u2028y & <!-- #quot; \\\\N"\n'
    'name_en: "Evil \\"quote\\" [x] --> </script><b>\\nend"\ncategory: core\nrelated: []\n',
}


def write_small_corpus(root: Path) -> Path:
    cards = root / "cards"
    cards.mkdir(parents=True)
    (root / "schema.json").write_text(SCHEMA, encoding="utf-8")
    (root / "cardlint.toml").write_text(
        'schema = "schema.json"\ntoday = "2026-11-29"\n', encoding="utf-8"
    )
    for name, front in CARDS.items():
        title = name[:-3].upper()
        text = f"---\n{front}---\n\n# {title}\n\nSome text.\n"
        (cards / name).write_text(text, encoding="utf-8")
    (cards / "broken.md").write_text("# No front matter\n\nSome text.\n", encoding="utf-8")
    return root
