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

FORMATS = ("text", "json", "sarif", "github", "junit", "gitlab")
"""What `--format` offers; statistics is asked for with `--statistics`."""
REPORTERS = (*FORMATS, "statistics")
"""Each is the module of its name here, with a `write_<name>` function. Modules are imported
only when their format is used: `cardlint check` never pays for XML or SARIF it does not print."""


def reporter(name: str) -> Reporter:
    if name not in REPORTERS:
        raise ValueError(f"no reporter {name!r}")
    loaded = importlib.import_module(f"{__name__}.{name}")
    return cast(Reporter, getattr(loaded, f"write_{name}"))


def chosen(output_format: str | None, statistics: bool, github_actions: bool) -> list[str]:
    """The reporters a check prints, in order: the format asked for (text, or the statistics,
    by default), and GitHub annotations too under GitHub Actions when no format was asked for."""
    first = "statistics" if statistics else output_format or "text"
    return [first, "github"] if github_actions and output_format is None else [first]


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
