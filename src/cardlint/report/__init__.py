"""Reporters turn a finished report into text for people or machines; they decide nothing."""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, TextIO, cast

from cardlint.text import surrogate_escape

if TYPE_CHECKING:
    from cardlint.engine import Report


class ReportStyle(NamedTuple):
    color: bool = False
    quiet: bool = False
    seconds: float | None = None


Reporter = Callable[["Report", TextIO, ReportStyle], None]

# Format name -> the module that renders it. Modules are imported only when their format is
# used, so `cardlint check` never pays for the XML or SARIF machinery it does not print.
_MODULES = {
    "text": "text",
    "json": "json",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
    "gitlab": "gitlab",
    "statistics": "statistics",
}
FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")
"""What `--format` offers; statistics is asked for with `--statistics`."""


def reporter(name: str) -> Reporter:
    module = _MODULES.get(name, "text")
    loaded = importlib.import_module(f"{__name__}.{module}")
    return cast(Reporter, getattr(loaded, f"write_{module}"))


def render(name: str, report: Report, out: TextIO, style: ReportStyle) -> None:
    reporter(name)(report, out, style)


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
