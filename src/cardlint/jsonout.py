"""JSON for machines: strict, deterministic, ASCII, with no lone surrogate."""

from __future__ import annotations

import re

from cardlint.text import surrogate_escape

_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """`text` with lone surrogates (undecodable file-name bytes) shown as visible escapes, `\\xff`
    for the byte a surrogate stands for (see `text.surrogate_escape`).

    A lone surrogate cannot be encoded as UTF-8, and strict JSON parsers reject one even as a
    `\\u` escape, so machine formats carry a visible escape instead.
    """
    return _SURROGATE.sub(lambda match: surrogate_escape(match.group()), text)


def dump_json(document: object) -> str:
    """Strict, deterministic, pure-ASCII JSON with a final newline.

    ASCII keeps the file valid whatever encoding stdout has (a Windows console, a CI log), and
    means no raw control or bidi character from a card reaches the bytes: json.dumps escapes
    everything below U+0020 and above U+007E except DEL, which we escape ourselves (it can only
    occur inside a string, so the substitution cannot touch the syntax).
    """
    import json  # here: `cardlint --version` imports this package, and needs no JSON

    text = json.dumps(document, ensure_ascii=True, allow_nan=False, indent=2)
    return text.replace("\x7f", "\\u007f") + "\n"
