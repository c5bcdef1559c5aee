"""Reading a card's bytes safely and decoding them to text with exact positions."""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import os
import stat
from dataclasses import dataclass

from cardlint.model import Position

UTF8_BOM = b"\xef\xbb\xbf"
_FOREIGN_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


class SourceError(Exception):
    """The file cannot be turned into text; carries where and why."""

    def __init__(self, message: str, position: Position | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.position = position or Position(1, 1)


@dataclass(frozen=True)
class SourceText:
    """A card's text with line endings normalised to LF, and how to map offsets back."""

    text: str
    lines: list[str]
    """`text` split at each LF."""
    bom: bool
    newline: str

    @functools.cached_property
    def line_starts(self) -> tuple[int, ...]:
        """The offset of each line in `text`: the lengths of the lines before it, plus their
        line feeds, summed at C speed."""
        lengths = itertools.accumulate(map(len, self.lines), initial=0)
        return tuple(map(operator.add, lengths, range(len(self.lines))))

    def text_after(self, line: int) -> str:
        """The text from the line after line `line` (counted from 1) on; "" past the end."""
        lines = self.lines
        # The lines before, and their line feeds: only those, not every line's start.
        return self.text[sum(map(len, lines[:line])) + line :] if line < len(lines) else ""

    def position(self, offset: int) -> Position:
        """The line and column of a code-point offset into `text`."""
        line_index = bisect.bisect_right(self.line_starts, offset) - 1
        return Position(line_index + 1, offset - self.line_starts[line_index] + 1)


def read_bytes(path: str | os.PathLike[str], max_size: int) -> bytes:
    """Read a regular file, refusing anything that could block or exhaust memory."""
    return read_file(path, max_size)[0]


def check_size(size: int, max_size: int) -> None:
    if size > max_size:
        raise SourceError(f"file is {size} bytes, over the {max_size}-byte size limit")


def read_file(path: str | os.PathLike[str], max_size: int) -> tuple[bytes, os.stat_result]:
    """`read_bytes`, with the status of the file that was read."""
    try:
        info = os.stat(path)
    except OSError as error:
        raise SourceError(f"cannot read file: {error.strerror or error}") from error
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(f"not a regular file ({_file_kind(info.st_mode)})")
    check_size(info.st_size, max_size)
    try:
        # O_NONBLOCK: a path swapped for a FIFO after the stat above must not hang the run.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise SourceError(f"cannot open file: {error.strerror or error}") from error
    return _read_open(fd, max_size)


_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
_PLAIN = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _NO_FOLLOW


def read_plain(path: str, max_size: int) -> tuple[bytes, os.stat_result] | None:
    """`read_file` for a file that is no symlink: one open, its status from the open file,
    and one read. None when it cannot be opened so (a symlink, a missing file...), and
    `read_file`, after the caller's checks, says what is wrong (always None where the
    system cannot open a file without following a symlink)."""
    if not _NO_FOLLOW:
        return None
    try:
        fd = os.open(path, _PLAIN)
    except OSError:
        return None
    return _read_open(fd, max_size)


def _read_open(fd: int, max_size: int) -> tuple[bytes, os.stat_result]:
    """The bytes and status of the regular file open at `fd`, which is closed after."""
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(f"not a regular file ({_file_kind(info.st_mode)})")
        check_size(info.st_size, max_size)
        data = _read_up_to(fd, info.st_size, max_size)
    except OSError as error:
        raise SourceError(f"cannot read file: {error.strerror or error}") from error
    finally:
        os.close(fd)
    if len(data) > max_size:
        raise SourceError(f"file is over the {max_size}-byte size limit")
    return data, info


def _read_up_to(fd: int, size: int, max_size: int) -> bytes:
    """The file's bytes, and at most one byte past `max_size` if it grew after the stat.

    The buffer is sized by the stat: asking for `max_size + 1` bytes up front would allocate
    (and fault in) a megabyte for every 5 KB card.
    """
    chunks = [os.read(fd, min(size, max_size) + 1)]
    total = len(chunks[0])
    # Exactly the stat's size: the usual case, with no need to ask for the end of the file.
    while chunks[-1] and total != size and total <= max_size:
        chunks.append(os.read(fd, min(max_size + 1 - total, 1 << 16)))
        total += len(chunks[-1])
    return b"".join(chunks)


def _file_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a plain file"


def decode(data: bytes) -> SourceText:
    """Decode UTF-8 (optional BOM) with LF, CRLF or CR line endings."""
    for mark, name in _FOREIGN_BOMS.items():
        if data.startswith(mark):
            raise SourceError(f"file is {name}-encoded; cards must be UTF-8")
    bom = data.startswith(UTF8_BOM)
    body = data[len(UTF8_BOM) :] if bom else data
    nul = body.find(b"\x00")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        bad = error.start if nul < 0 else min(nul, error.start)
        raise _bad_byte(body, bad) from error
    if nul >= 0:
        raise _bad_byte(body, nul)
    newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text else "\n"
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(text, text.split("\n"), bom, newline)


def _bad_byte(body: bytes, offset: int) -> SourceError:
    prefix = body[:offset].decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    line = prefix.count("\n") + 1
    column = len(prefix) - (prefix.rfind("\n") + 1) + 1
    byte = body[offset : offset + 1]
    what = "NUL byte" if byte == b"\x00" else f"byte 0x{byte.hex()} is not valid UTF-8"
    return SourceError(f"{what}; cards must be UTF-8 text", Position(line, column))
