"""Six proposals in the EIP-1 manner: integer ids, files named `eip-N.md`, and `requires`
written in every form a reference may take.

    eip-1559 -> 2718, 2930 (one string, comma-separated)    eip-2718 -> (none)
    eip-2930 -> 2718 (one integer)                          eip-3198 -> "1559" (one string)
    eip-4844 -> [1559, 2718, 2930] (a list of integers)     eip-7 (a quoted id) -> (none)

Seven references, none dangling; orphans: 3198, 4844 and 7.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["eip", "title"],
    "properties": {
        "eip": {"type": ["integer", "string"]},
        "title": {"type": "string"},
        "requires": {"type": ["integer", "string", "array"]},
    },
    "x-cardlint": {
        "id_field": "eip",
        "file_name": "eip-{eip}.md",
        "reference_fields": [{"field": "requires", "delimiter": ","}],
    },
}

FRONT = {
    "eip-1559.md": "eip: 1559\ntitle: Fee market change\nrequires: 2718, 2930\n",
    "eip-2718.md": "eip: 2718\ntitle: Typed transaction envelope\n",
    "eip-2930.md": "eip: 2930\ntitle: Optional access lists\nrequires: 2718\n",
    "eip-3198.md": 'eip: 3198\ntitle: BASEFEE opcode\nrequires: "1559"\n',
    "eip-4844.md": "eip: 4844\ntitle: Shard blob transactions\nrequires: [1559, 2718, 2930]\n",
    "eip-7.md": 'eip: "7"\ntitle: DELEGATECALL\n',
}


def write_proposals(root: Path, schema: dict[str, Any] = SCHEMA) -> Path:
    """The proposals in `root/cards`, with their schema and configuration; returns `root`."""
    cards = root / "cards"
    cards.mkdir(parents=True)
    (root / "proposal.schema.json").write_text(json.dumps(schema, indent=2), encoding="utf-8")
    (root / "cardlint.toml").write_text(
        'schema = "proposal.schema.json"\ntoday = "2026-11-29"\n', encoding="utf-8"
    )
    for name, front in FRONT.items():
        (cards / name).write_text(f"---\n{front}---\n\nThe proposal.\n", encoding="utf-8")
    return root
