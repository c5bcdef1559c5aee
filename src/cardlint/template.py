"""Heading templates such as `什么是{concept_name_zh}？`, matched forgivingly.

Matching ignores full-width vs half-width forms (NFKC), letter case and white space, so
`什么是多模态模型?` and `What is  multimodal models ?` match their templates.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

_WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text)).casefold()


@dataclass(frozen=True)
class Template:
    source: str

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(name for _, name, _, _ in string.Formatter().parse(self.source) if name)

    def render(self, data: Mapping[str, object]) -> str:
        """The heading the template asks for; fields without a text value stay as `{field}`."""
        return "".join(
            literal + (_text(data, name) or "{" + name + "}" if name else "")
            for literal, name, _, _ in string.Formatter().parse(self.source)
        )

    def complete(self, data: Mapping[str, object]) -> bool:
        """Whether every field the template names has a text value, so `render` is final."""
        return all(_text(data, name) is not None for name in self.fields)

    def matches(self, heading: str, data: Mapping[str, object]) -> bool:
        pattern = "".join(
            re.escape(normalise(literal)) + _field_pattern(data, name)
            for literal, name, _, _ in string.Formatter().parse(self.source)
        )
        return re.fullmatch(pattern, normalise(heading)) is not None


def _text(data: Mapping[str, object], name: str) -> str | None:
    value = data.get(name)
    return value if isinstance(value, str) and value.strip() else None


def _field_pattern(data: Mapping[str, object], name: str | None) -> str:
    if not name:
        return ""
    value = _text(data, name)
    # A field the card lacks is reported by the schema rules; the heading may then say anything.
    return re.escape(normalise(value)) if value is not None else ".+"
