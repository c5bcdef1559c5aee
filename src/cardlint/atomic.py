"""Replacing a file's bytes all at once: readers see the old file or the new one, never half."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and a rename, keeping the file's mode.

    A symlink is written through, so the link stays a link to the updated file.
    """
    import tempfile  # a run that writes nothing need not load it

    target = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else _new_file_mode()
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise _naming(error, path) from error
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        # mkstemp creates the file 0600; give it the mode the file had, or would get if new.
        Path(temporary).chmod(mode)
        Path(temporary).replace(target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _naming(error, path) from error
        raise


def _naming(error: OSError, path: Path) -> OSError:
    """The error, naming the file asked for rather than the temporary one."""
    if error.errno is None:
        return error  # no system error to restate
    return type(error)(error.errno, error.strerror, os.fspath(path))


def _new_file_mode() -> int:
    # The umask can only be read by setting it; put it straight back.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
