"""Small text helpers: quoting card values, suggesting near matches, counting in words."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

MAX_QUOTED = 200


def quote(value: object, limit: int = MAX_QUOTED) -> str:
    """Quote a card value for a message: bounded, with control characters made visible."""
    text = value if isinstance(value, str) else _plain(value)
    shown = text[: limit + 1]
    if not shown.isprintable():  # printable text has nothing _visible would change
        shown = "".join(_visible(ch) for ch in shown)
    if len(shown) > limit:
        shown = shown[:limit] + "…"
    return f"'{shown}'"


def _plain(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, list):
        return "[" + ", ".join(_plain(item) for item in value[:20]) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_plain(v)}" for k, v in list(value.items())[:20]) + "}"
    return str(value)


def _number(value: int | float) -> str:
    # Shown as written where Python can: the loader keeps integers to 1000 digits. repr() of an
    # int over 4300 digits raises ValueError on Python >= 3.11; never let a message crash.
    try:
        return repr(value)
    except ValueError:
        return f"<integer of {value.bit_length() if isinstance(value, int) else '?'} bits>"


def _visible(ch: str) -> str:
    category = unicodedata.category(ch)
    if category == "Cs":
        # Left in, a lone surrogate would make the report unencodable.
        return surrogate_escape(ch)
    if category in ("Cc", "Cf", "Zl", "Zp") or ch == "\x7f":
        return f"\\u{ord(ch):04x}"
    return ch


def did_you_mean(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The single closest candidate, if one is close enough."""
    matches = _close_matches(word, candidates, 1, cutoff)
    return matches[0] if matches else None


def only_close_match(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The closest candidate when no other is close too: a guess safe enough to offer as a fix."""
    matches = _close_matches(word, candidates, 2, cutoff)
    return matches[0] if len(matches) == 1 else None


def _close_matches(word: str, candidates: Iterable[str], most: int, cutoff: float) -> list[str]:
    import difflib  # only a run that finds a misspelling needs it

    return difflib.get_close_matches(word, sorted(set(candidates)), n=most, cutoff=cutoff)


def json_type(value: object) -> str:
    """The JSON Schema name of a Python value's type."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def printable(text: str) -> str:
    """`text` with control, format (bidi) and separator characters shown as escapes."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else _visible_escape(ch) for ch in text)


def _visible_escape(ch: str) -> str:
    if 0xD800 <= ord(ch) <= 0xDFFF:
        return surrogate_escape(ch)
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def surrogate_escape(ch: str) -> str:
    """A lone surrogate, shown as the file-name byte it stands for (os.fsdecode's
    surrogateescape turns an undecodable byte into one), or as `\\udxxx` otherwise."""
    code = ord(ch)
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def unambiguous(path: str) -> str:
    """A path for `path:line:col:` output: quoted when a `:`, quote or escape would mislead."""
    if path.isprintable() and ":" not in path and not path.startswith('"'):
        return path
    return '"' + printable(path.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
