"""A schema's files: the schema, and the files beside it that its `$ref`s reach.

Nothing else is read: `$ref` resolves only to a plain file name beside the schema, never to
the network or another folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote

from cardlint.sources.readers import Reader, on_disk


class SchemaLoadError(Exception):
    """A schema that cannot be used; the message names the file and the problem."""


class Sources(NamedTuple):
    """A schema's bytes and, by name, those of the files beside it that its `$ref`s reach.

    What is kept of a schema (a cache table, a record of its validation) is keyed on all of
    them: keyed on the schema's own bytes, an edit to a referenced file would go unseen.
    """

    data: bytes
    referenced: tuple[tuple[str, bytes], ...]

    def key(self) -> bytes:
        parts = [self.data, *(p for name, data in self.referenced for p in (name.encode(), data))]
        return b"".join(b"%d:%s" % (len(part), part) for part in parts)

    def digest(self) -> str:
        return hashlib.sha256(self.key()).hexdigest()


def schema_sources(path: Path, read: Reader = on_disk) -> Sources:
    """The schema's bytes and those of the files its `$ref`s reach, as `read` gives them
    (the working tree's, or a git revision's)."""
    data = read_bytes(path, read)
    try:
        document = parse_json(path, data)
    except SchemaLoadError:
        return Sources(data, ())  # checking it says what is wrong
    folder, base = path.resolve().parent, base_of(document)
    found: dict[str, bytes] = {}
    pending = [document]
    while pending:
        for ref in keyword_values(pending.pop(), "$ref"):
            name = local_name(ref.partition("#")[0], base)
            if name is None or name in found:
                continue  # the schema's own definitions, or a $ref that checking rejects
            beside = _read_beside(folder / name, read)
            if beside is None:
                continue
            found[name] = beside
            with contextlib.suppress(SchemaLoadError):
                pending.append(parse_json(folder / name, beside))
    return Sources(data, tuple(sorted(found.items())))


def _read_beside(path: Path, read: Reader) -> bytes | None:
    """A referenced file's bytes, or None when there is none (checking the refs says so)."""
    try:
        return read(path)
    except OSError as error:
        raise SchemaLoadError(f"{path}: cannot read schema: {error.strerror or error}") from error


def read_bytes(path: Path, read: Reader = on_disk) -> bytes:
    data = _read_beside(path, read)
    if data is None:
        raise SchemaLoadError(f"{path}: cannot read schema: no such file")
    return data


def parse_json(path: Path, data: bytes) -> dict[str, Any]:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise SchemaLoadError(f"{path}: not valid JSON: {error}") from error
    except RecursionError as error:
        raise SchemaLoadError(f"{path}: not valid JSON: nested too deeply") from error
    if not isinstance(document, dict):
        raise SchemaLoadError(f"{path}: a schema must be a JSON object")
    return document


def dialect_of(document: dict[str, Any]) -> str:
    return str(document.get("$schema", "https://json-schema.org/draft/2020-12/schema"))


def local_registry(path: Path, document: dict[str, Any], read: Reader = on_disk) -> Any:
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource
    from referencing.jsonschema import specification_with

    folder = path.resolve().parent
    dialect = specification_with(dialect_of(document))
    base = base_of(document)

    def retrieve(uri: str) -> Resource[Any]:
        name = local_name(uri, base)
        data = None if name is None else _read_beside(folder / name, read)
        if name is None or data is None:
            raise NoSuchResource(ref=uri)  # type: ignore[call-arg]
        # A referenced file without `$schema` speaks the referring schema's dialect.
        contents = parse_json(folder / name, data)
        return Resource.from_contents(contents, default_specification=dialect)

    return Registry(retrieve=retrieve)  # type: ignore[call-arg]


def base_of(document: dict[str, Any]) -> str:
    """The folder part of the schema's `$id`, which its relative `$ref`s are resolved against."""
    own_id = str(document.get("$id", ""))
    return own_id.rsplit("/", 1)[0] + "/" if "/" in own_id else ""


def local_name(uri: str, base: str) -> str | None:
    """The file a `$ref` may read: only a plain name beside the schema, never the network,
    never another folder."""
    relative = uri[len(base) :] if base and uri.startswith(base) else uri
    if ":" in relative or "/" in relative or relative in ("", ".", ".."):
        return None
    return relative


def check_refs(path: Path, document: dict[str, Any], registry: Any) -> None:
    """Resolve every `$ref` now, so a bad one is a schema error and not a crash mid-run."""
    from referencing.jsonschema import specification_with

    root = specification_with(dialect_of(document)).create_resource(document)
    resolver = registry.resolver_with_root(root)
    for ref in keyword_values(document, "$ref"):
        try:
            resolver.lookup(ref)
        except Exception as error:  # referencing.exceptions.Unresolvable and friends
            raise SchemaLoadError(
                f"{path}: $ref {ref!r} cannot be resolved (only files beside the schema are read)"
            ) from error


def keyword_values(node: object, keyword: str) -> Iterator[str]:
    """Every string value of `keyword` anywhere in a schema document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == keyword and isinstance(value, str):
                yield value
            else:
                yield from keyword_values(value, keyword)
    elif isinstance(node, list):
        for item in node:
            yield from keyword_values(item, keyword)


# Keywords that apply subschemas to the very value being validated, not to a part of it.
_IN_PLACE_LISTS = ("allOf", "anyOf", "oneOf")
_IN_PLACE = ("not", "if", "then", "else")
_IN_PLACE_MAPS = ("dependentSchemas", "dependencies")
_DRAFT_07 = "http://json-schema.org/draft-07/schema"

Place = tuple[str, str]
"""A subschema: the name of its file ("" for the schema itself) and a `#/...` pointer."""


def check_ref_loops(
    path: Path, document: dict[str, Any], referenced: dict[str, dict[str, Any]]
) -> None:
    """Refuse a `$ref` that leads back to itself, in the schema or through the files it
    refers to (`referenced`, by name), before reaching into the value (through `properties`
    or `items`, say): validating any card would recurse without end."""
    files = {**referenced, "": document, path.name: document}
    base = base_of(document)
    # A draft-07 `$ref` stands alone: the keywords beside it are not applied.
    alone = dialect_of(document).rstrip("#") == _DRAFT_07

    def onward(place: Place) -> list[Place]:
        refs = _refs_in_place(_pointed(files[place[0]], place[1]), alone)
        return [p for p in (_place(ref, place[0], base, files) for ref in refs) if p]

    state: dict[Place, bool] = {}  # being followed (False) or cleared (True)
    starts = sorted(
        p for p in (_place(r, "", base, files) for r in keyword_values(document, "$ref")) if p
    )
    for start in starts:
        if start in state:
            continue
        trail = [(start, iter(onward(start)))]
        state[start] = False
        while trail:
            place, rest = trail[-1]
            after = next(rest, None)
            if after is None:
                state[place] = True
                trail.pop()
            elif state.get(after) is False:
                shown = f"{after[0]}{after[1]}" if after[0] else after[1]
                raise SchemaLoadError(
                    f"{path}: $ref {shown!r} leads back to itself before reaching into the "
                    "value; validating a card would never end"
                )
            elif after not in state:
                state[after] = False
                trail.append((after, iter(onward(after))))


def _place(ref: str, within: str, base: str, files: dict[str, Any]) -> Place | None:
    """Where a `$ref` written in file `within` leads, if to one of the schema's files."""
    target, _, fragment = ref.partition("#")
    name = within if not target else local_name(target, base)
    if name is None or name not in files:
        return None  # another document, or one that checking the refs rejects
    return ("" if files[name] is files[""] else name), f"#{fragment}"


def _refs_in_place(node: object, alone: bool) -> list[str]:
    """The `$ref`s that `node` applies to the very value it is given."""
    found, pending = [], [node]
    while pending:
        node = pending.pop()
        if not isinstance(node, dict):
            continue
        ref = node.get("$ref")
        if isinstance(ref, str):
            found.append(ref)
            if alone:
                continue
        for key in _IN_PLACE_LISTS:
            if isinstance(node.get(key), list):
                pending.extend(node[key])
        pending.extend(node.get(key) for key in _IN_PLACE)
        for key in _IN_PLACE_MAPS:
            if isinstance(node.get(key), dict):
                pending.extend(node[key].values())
    return found


def _pointed(document: dict[str, Any], ref: str) -> object:
    """What a `#/...` JSON pointer names in the document, or None."""
    if ref != "#" and not ref.startswith("#/"):
        return None  # an anchor: not followed here
    node: object = document
    for part in ref[2:].split("/") if len(ref) > 2 else ():
        part = unquote(part).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node
