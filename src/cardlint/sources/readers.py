"""Where the rules (configuration, schema, the files its `$ref`s reach) are read from.

Usually the working tree (`on_disk`); with `--rules-from REF`, the git revision REF
(`gitfiles.AtRevision`), so that a pull request cannot loosen the rules it is checked by.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

Reader = Callable[[Path], "bytes | None"]
"""The bytes of the file at an absolute path, or None when there is no such file. An OSError
means the file is there but cannot be read; each caller says so in its own words."""


def on_disk(path: Path) -> bytes | None:
    try:
        if not path.is_file():
            return None
    except OSError:  # a name too long, say: there is no such file
        return None
    return path.read_bytes()
