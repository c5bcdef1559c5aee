"""Front matter composed from PyYAML's event stream into values and spans (`load_front_matter`).

Events are checked as they come, before anything walks the value: tags, aliases and their
expansion, nesting depth and duplicate keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from cardlint.load.yaml_front_matter import (
    MAX_DEPTH,
    MAX_NODES,
    DuplicateKey,
    FrontMatter,
    Path,
    Span,
    YamlError,
    resolve_plain,
)
from cardlint.load.yaml_hints import explain
from cardlint.model import Position

try:
    from yaml import CSafeLoader as _Loader

    _READER_COUNTS_BYTES = True
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    _READER_COUNTS_BYTES = False

_CORE = "tag:yaml.org,2002:"
_TAG_TYPES: dict[str, type | tuple[type, ...]] = {
    "int": int,
    "float": (int, float),
    "bool": bool,
    "null": type(None),
}


@dataclass
class _Frame:
    container: dict[str, object] | list[object]
    path: Path
    size: int = 1
    anchor: str | None = None
    key: str | None = None
    key_position: Position | None = None
    store: bool = True
    seen: dict[str, Position] = field(default_factory=dict)


class _Composer:
    def __init__(self, locate: Callable[[int], Position]) -> None:
        self.locate = locate
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[object, int]] = {}
        self.spans: dict[Path, Span] = {}
        self.duplicates: list[DuplicateKey] = []
        self.nodes = 0
        self.root: object = None
        self.documents = 0

    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise YamlError("front matter holds more than one YAML document", _index(event))
        elif isinstance(event, yaml.ScalarEvent):
            if self._expecting_key():
                self._take_key(event)
            else:
                self._add(_scalar(event), event, size=1)
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._open(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = self.stack.pop()
            self._finish(frame.container, frame.size, frame.anchor)

    def _expecting_key(self) -> bool:
        return (
            bool(self.stack)
            and isinstance(self.stack[-1].container, dict)
            and (self.stack[-1].key is None)
        )

    def _take_key(self, event: yaml.ScalarEvent) -> None:
        frame = self.stack[-1]
        _check_tag(event)
        position = self.locate(_index(event))
        # Keys are read as written: `1:` or `true:` name the fields "1" and "true".
        frame.key, frame.key_position = event.value, position
        first = frame.seen.get(event.value)
        frame.store = first is None
        if first is None:
            frame.seen[event.value] = position
        else:
            self.duplicates.append(DuplicateKey(event.value, position, first))

    def _child_path(self) -> tuple[Path, Position | None]:
        if not self.stack:
            return (), None
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            assert frame.key is not None
            return (*frame.path, frame.key), frame.key_position
        return (*frame.path, len(frame.container)), None

    def _open(self, event: yaml.CollectionStartEvent) -> None:
        if self._expecting_key():
            raise YamlError(
                "a mapping key must be a plain value, not a list or mapping", _index(event)
            )
        _check_tag(event)
        if len(self.stack) >= MAX_DEPTH:
            raise YamlError(
                f"front matter is nested more than {MAX_DEPTH} levels deep", _index(event)
            )
        path, key_position = self._child_path()
        self._count(1, event)
        self.spans[path] = Span(self.locate(_index(event)), key_position)
        container: dict[str, object] | list[object] = (
            {} if isinstance(event, yaml.MappingStartEvent) else []
        )
        self.stack.append(_Frame(container, path, anchor=event.anchor))

    def _alias(self, event: yaml.AliasEvent) -> None:
        if self._expecting_key():
            raise YamlError("an alias cannot be used as a mapping key", _index(event))
        anchor = event.anchor or ""
        if anchor not in self.anchors:
            raise YamlError(f"alias *{anchor} refers to no anchor", _index(event))
        value, size = self.anchors[anchor]
        self._add(value, event, size=size, counted=False)

    def _add(self, value: object, event: yaml.NodeEvent, size: int, counted: bool = True) -> None:
        if counted:
            self._count(size, event)
        else:
            self._count(size, event, expansion=True)
        path, key_position = self._child_path()
        self.spans[path] = Span(self.locate(_index(event)), key_position)
        anchor = None if isinstance(event, yaml.AliasEvent) else event.anchor
        self._finish(value, size, anchor)

    def _count(self, size: int, event: yaml.Event, expansion: bool = False) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            what = "aliases expand to" if expansion else "front matter holds"
            raise YamlError(f"{what} more than {MAX_NODES} values", _index(event))

    def _finish(self, value: object, size: int, anchor: str | None) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, size)
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        parent.size += size
        if isinstance(parent.container, dict):
            if parent.store:
                assert parent.key is not None
                parent.container[parent.key] = value
            parent.key, parent.store = None, True
        else:
            parent.container.append(value)


def _index(event: yaml.Event) -> int:
    mark = event.start_mark
    return int(mark.index) if mark is not None else 0


def _check_tag(event: yaml.NodeEvent) -> None:
    tag = getattr(event, "tag", None)
    if tag is None or tag == "!":
        return
    allowed = ("str", "int", "float", "bool", "null", "seq", "map")
    if not tag.startswith(_CORE) or tag[len(_CORE) :] not in allowed:
        raise YamlError(f"YAML tag {tag} is not allowed in front matter", _index(event))


def _scalar(event: yaml.ScalarEvent) -> object:
    _check_tag(event)
    text = event.value
    if event.tag is not None and event.tag != "!":
        return _tagged(event.tag[len(_CORE) :], text, _index(event))
    plain = event.implicit[0] and not event.style
    return resolve_plain(text) if plain else text


def _tagged(kind: str, text: str, offset: int) -> object:
    if kind == "str":
        return text
    value = resolve_plain(text)
    expected = _TAG_TYPES[kind]
    if isinstance(value, bool) and kind != "bool":
        value = text
    if not isinstance(value, expected):
        raise YamlError(f"'{text[:50]}' cannot be read as !!{kind}", offset)
    return float(value) if kind == "float" and isinstance(value, int) else value


def load_front_matter(text: str, locate: Callable[[int], Position]) -> FrontMatter:
    """Compose `text`; `locate` maps a code-point offset in `text` to a card position."""
    bom = text.find("\ufeff")
    if bom >= 0:
        # YAML allows a byte-order mark only before a document, never inside one, and front
        # matter starts mid-file. libyaml drops one at the very start of its input but fails
        # on it a line later, so a card's meaning would depend on a blank line above it.
        raise YamlError("invisible U+FEFF (byte-order mark) inside the front matter", bom)
    composer = _Composer(locate)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            composer.feed(event)
    except yaml.MarkedYAMLError as error:
        raise _explained(text, error, locate) from error
    except yaml.reader.ReaderError as error:
        offset = _reader_offset(text, error.position)
        raise YamlError(f"character not allowed in YAML: {error.reason}", offset) from error
    except (yaml.YAMLError, ValueError, RecursionError, MemoryError) as error:
        raise YamlError(f"unreadable YAML: {type(error).__name__}", 0) from error
    return FrontMatter(composer.root, composer.spans, tuple(composer.duplicates))


def _reader_offset(text: str, position: int) -> int:
    """A reader error's position as a code-point offset into `text`.

    libyaml (CSafeLoader) counts it in UTF-8 bytes, while its marks, like everything from the
    pure-Python reader, count code points: `名: a\x1b` was reported 4 columns too far right.
    """
    if not _READER_COUNTS_BYTES:
        return position
    return len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))


def _explained(
    text: str, error: yaml.MarkedYAMLError, locate: Callable[[int], Position]
) -> YamlError:
    """The mistake in words where the author must act, or the parser's words where it
    stopped; the parser's words follow the hint."""
    said = _describe(error, locate)
    first = locate(0).line
    found = explain(text, error, lambda line: first + line)
    if found is None:
        mark = error.problem_mark or error.context_mark
        return YamlError(said, int(mark.index) if mark else 0)
    return YamlError(found.message, found.offset, f"{found.hint} (YAML: {said})")


def _describe(error: yaml.MarkedYAMLError, locate: Callable[[int], Position]) -> str:
    problem = error.problem or "syntax error"
    if error.context and error.context_mark is not None:
        line = locate(int(error.context_mark.index)).line
        return f"{problem} ({error.context} started at line {line})"
    return problem
