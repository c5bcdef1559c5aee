"""What earlier runs validated: configuration files and schemas, by the digest of their bytes.

Validating a configuration and a schema means importing pydantic and jsonschema, which
costs more than a whole warm run. A file whose exact bytes were validated before, by this
cardlint version, is read from the record its validation left here instead. The records
live in the cache folder and are trusted as the cache is (under `--no-cache`, in the
user's own cache folder, trusted when written there); a missing, unreadable, untrusted
or malformed record file only means validating again.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import Any

from cardlint import __version__
from cardlint.cache.folder import CHECKED, read_document, write_document

FORMAT = "cardlint-checked-1"
KEEP = 32
"""Records kept: enough for a few configurations and schemas being edited back and forth."""


class Checked:
    """The memo in `folder` (None: remember nothing); `personal`: the user's own cache folder
    (see `folder.read_document`)."""

    def __init__(self, folder: Path | None, personal: bool = False) -> None:
        self.file = folder / CHECKED if folder is not None else None
        self.records: dict[str, Any] = {}
        if self.file is not None:
            self.records = _load(self.file, personal)

    def get(self, kind: str, data: bytes) -> Any | None:
        """What validating `data` as `kind` gave before, or None."""
        return self.records.get(_key(kind, data))

    def put(self, kind: str, data: bytes, value: Any) -> None:
        """Remember what validating `data` as `kind` gave (plain JSON values)."""
        if self.file is None:
            return
        key = _key(kind, data)
        records = {k: v for k, v in self.records.items() if k != key}
        records[key] = value
        self.records = dict(list(records.items())[-KEEP:])
        with contextlib.suppress(OSError):
            fields = {"version": __version__, "records": self.records}
            write_document(self.file, FORMAT, fields)


def _key(kind: str, data: bytes) -> str:
    return f"{kind}:{hashlib.sha256(data).hexdigest()}"


def _load(file: Path, personal: bool) -> dict[str, Any]:
    document = read_document(file, FORMAT, personal)
    fields = document.fields if document is not None else {}
    records = fields.get("records")
    if fields.get("version") != __version__ or not isinstance(records, dict):
        return {}
    return dict(records)
