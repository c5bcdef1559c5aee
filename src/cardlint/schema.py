"""Card schemas: standard JSON Schema for the front matter, plus the `x-cardlint` extension.

The extension (validated by pydantic, see `Extension`) names the id, reference, citation and
date fields and the required sections. `$ref` resolves only to files beside the schema;
nothing is fetched.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from cardlint.checked import Checked
from cardlint.template import Template
from cardlint.validated import Invalid, validated

EXTENSION_KEY = "x-cardlint"
SUPPORTED_DIALECTS = {
    "https://json-schema.org/draft/2020-12/schema",
    "http://json-schema.org/draft-07/schema",
}


class SchemaLoadError(Exception):
    """A schema that cannot be used; the message names the file and the problem."""


_STRICT_FIELDS: dict[str, Any] = {"extra": "forbid"}


@dataclass(frozen=True)
class SectionSpec:
    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT_FIELDS

    key: str
    """A short name for the section, used by other settings."""
    titles: list[str]
    """Accepted heading templates."""

    def __post_init__(self) -> None:
        if not self.titles:
            raise ValueError("a section needs at least one title")
        _check_templates(self.titles)


@dataclass(frozen=True)
class Extension:
    """The `x-cardlint` keyword: what JSON Schema cannot say about a card.

    A plain frozen dataclass; pydantic validates the schema's keyword into one when the schema
    is read (and a schema validated before is rebuilt from its record, see `checked`).
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = _STRICT_FIELDS

    id_field: str = "concept_id"
    name_fields: list[str] = field(default_factory=list)
    reference_fields: list[str] = field(default_factory=list)
    citation_field: str | None = None
    references_section: str | None = None
    introduced_field: str | None = None
    date_fields: list[str] = field(default_factory=list)
    date_labels: list[str] = field(default_factory=list)
    timeline_section: str | None = None
    title: list[str] = field(default_factory=list)
    sections: list[SectionSpec] = field(default_factory=list)
    value_aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per field, words authors use instead of an allowed value, e.g. expert -> advanced;
    used for did-you-mean hints."""

    def __post_init__(self) -> None:
        _check_templates(self.title)

    def section(self, key: str | None) -> SectionSpec | None:
        return next((s for s in self.sections if s.key == key), None)

    def to_record(self) -> dict[str, Any]:
        """The extension as plain JSON values (see `from_record`)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Extension:
        sections = [SectionSpec(**section) for section in record["sections"]]
        return cls(**{**record, "sections": sections})


def _check_templates(sources: list[str]) -> None:
    for source in sources:
        try:
            Template(source).fields  # noqa: B018 - parsing is the check
        except ValueError as error:
            raise ValueError(f"bad heading template {source!r}: {error}") from error


@dataclass(frozen=True, eq=False)
class CardSchema:
    name: str
    document: dict[str, Any]
    extension: Extension
    path: Path

    @functools.cached_property
    def validator(self) -> Any:
        """Built on first use: a run whose cards all come from the cache never needs it."""
        validator_class = _validator_class(self.path, self.document)
        return validator_class(self.document, registry=_local_registry(self.path, self.document))

    @functools.cached_property
    def accepts(self) -> Callable[[Any], bool] | None:
        """A fast yes-or-no check of a front matter, or None when the schema needs jsonschema."""
        from cardlint.validity import compile_predicate

        if _dialect(self.document).rstrip("#") not in SUPPORTED_DIALECTS:
            return None
        return compile_predicate(self.document)

    @property
    def properties(self) -> dict[str, Any]:
        props = self.document.get("properties", {})
        return props if isinstance(props, dict) else {}


def default_schema_path() -> Path:
    # The package is installed as files (never zipped): its data sit beside its modules.
    return Path(__file__).with_name("schemas") / "concept-card.schema.json"


def load_schema(path: Path, checked: Checked | None = None) -> CardSchema:
    """Read a schema; unless `checked` shows this very document was checked before, check it.

    The bundled default schema is part of cardlint, like its code: tests check it once, and
    a run does not import jsonschema and pydantic to check it again.
    """
    if path == default_schema_path():
        return _bundled()
    sources = _sources(path)
    record = checked.get("schema", sources.key()) if checked is not None else None
    if record is not None:
        with contextlib.suppress(TypeError, ValueError, KeyError):
            document = _parse_json(path, sources.data)
            return CardSchema(str(path), document, Extension.from_record(record), path)
    schema = _checked_schema(path, sources)
    if checked is not None:
        checked.put("schema", sources.key(), schema.extension.to_record())
    return schema


def schema_digest(path: Path) -> str:
    """A digest of everything the schema at `path` means: its bytes and its `$ref`s' files."""
    return hashlib.sha256(_sources(path).key()).hexdigest()


class _Sources(NamedTuple):
    """A schema's bytes and, by name, those of the files beside it that its `$ref`s reach.

    What is kept of a schema (a cache table, a record of its validation) is keyed on all of
    them: keyed on the schema's own bytes, an edit to a referenced file would go unseen.
    """

    data: bytes
    referenced: tuple[tuple[str, bytes], ...]

    def key(self) -> bytes:
        parts = [self.data, *(p for name, data in self.referenced for p in (name.encode(), data))]
        return b"".join(b"%d:%s" % (len(part), part) for part in parts)


def _sources(path: Path) -> _Sources:
    data = _read_bytes(path)
    try:
        document = _parse_json(path, data)
    except SchemaLoadError:
        return _Sources(data, ())  # checking it says what is wrong
    folder, base = path.resolve().parent, _base(document)
    found: dict[str, bytes] = {}
    pending = [document]
    while pending:
        for ref in _keyword_values(pending.pop(), "$ref"):
            name = _local_name(ref.partition("#")[0], base)
            if name is None or name in found or not (folder / name).is_file():
                continue  # the schema's own definitions, or a $ref that checking rejects
            found[name] = _read_bytes(folder / name)
            with contextlib.suppress(SchemaLoadError):
                pending.append(_parse_json(folder / name, found[name]))
    return _Sources(data, tuple(sorted(found.items())))


@functools.lru_cache(maxsize=1)
def _bundled() -> CardSchema:
    path = default_schema_path()
    document = _read_json(path)
    return CardSchema(str(path), document, Extension.from_record(document[EXTENSION_KEY]), path)


@functools.lru_cache(maxsize=8)
def _checked_schema(path: Path, sources: _Sources) -> CardSchema:
    # Kept per process too: the editing commands and the language server read it again.
    document = _parse_json(path, sources.data)
    _check_document(path, document)
    folder = path.resolve().parent
    for name, data in sources.referenced:
        # A referenced file is part of the schema: checked as strictly, and named when wrong.
        _check_document(folder / name, _parse_json(folder / name, data), dialect_of=document)
    extension = _validated_extension(path, document.get(EXTENSION_KEY, {}))
    return CardSchema(str(path), document, extension, path)


def _validated_extension(path: Path, keyword: object) -> Extension:
    try:
        return validated(Extension, keyword)
    except Invalid as error:
        where = ".".join((EXTENSION_KEY, *error.where))
        raise SchemaLoadError(f"{path}: {where}: {error.message}") from error


def _check_document(
    path: Path, document: dict[str, Any], dialect_of: dict[str, Any] | None = None
) -> None:
    """Check a schema document, and resolve its `$ref`s; a referenced file without
    `$schema` is read in the dialect of the schema that refers to it (`dialect_of`)."""
    if dialect_of is not None and "$schema" not in document:
        document = {"$schema": _dialect(dialect_of), **document}
    validator_class = _validator_class(path, document)
    try:
        validator_class.check_schema(document)
    except Exception as error:  # jsonschema.SchemaError, but also odd inputs such as huge ints
        where = "/".join(str(p) for p in getattr(error, "path", ())) or "top level"
        detail = getattr(error, "message", str(error))
        raise SchemaLoadError(f"{path}: invalid JSON Schema at {where}: {detail}") from error
    _check_refs(path, document, _local_registry(path, document))


def _read_json(path: Path) -> dict[str, Any]:
    return _parse_json(path, _read_bytes(path))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise SchemaLoadError(f"{path}: cannot read schema: {error.strerror or error}") from error


def _parse_json(path: Path, data: bytes) -> dict[str, Any]:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise SchemaLoadError(f"{path}: not valid JSON: {error}") from error
    if not isinstance(document, dict):
        raise SchemaLoadError(f"{path}: a schema must be a JSON object")
    return document


def _validator_class(path: Path, document: dict[str, Any]) -> Any:
    from jsonschema import validators

    dialect = _dialect(document)
    if dialect.rstrip("#") not in SUPPORTED_DIALECTS:
        raise SchemaLoadError(
            f"{path}: unsupported $schema {dialect!r}; use JSON Schema 2020-12 or draft-07"
        )
    from cardlint.ecma import pattern_keyword, unique_items_keyword

    base = validators.validator_for(document)
    overrides = {"pattern": pattern_keyword, "uniqueItems": unique_items_keyword}
    return validators.extend(base, overrides)  # type: ignore[no-untyped-call]


def _dialect(document: dict[str, Any]) -> str:
    return str(document.get("$schema", "https://json-schema.org/draft/2020-12/schema"))


def _local_registry(path: Path, document: dict[str, Any]) -> Any:
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource
    from referencing.jsonschema import specification_with

    folder = path.resolve().parent
    dialect = specification_with(_dialect(document))
    base = _base(document)

    def retrieve(uri: str) -> Resource[Any]:
        name = _local_name(uri, base)
        if name is None or not (folder / name).is_file():
            raise NoSuchResource(ref=uri)  # type: ignore[call-arg]
        # A referenced file without `$schema` speaks the referring schema's dialect.
        return Resource.from_contents(_read_json(folder / name), default_specification=dialect)

    return Registry(retrieve=retrieve)  # type: ignore[call-arg]


def _base(document: dict[str, Any]) -> str:
    """The folder part of the schema's `$id`, which its relative `$ref`s are resolved against."""
    own_id = str(document.get("$id", ""))
    return own_id.rsplit("/", 1)[0] + "/" if "/" in own_id else ""


def _local_name(uri: str, base: str) -> str | None:
    """The file a `$ref` may read: only a plain name beside the schema, never the network,
    never another folder."""
    relative = uri[len(base) :] if base and uri.startswith(base) else uri
    if ":" in relative or "/" in relative or relative in ("", ".", ".."):
        return None
    return relative


def _check_refs(path: Path, document: dict[str, Any], registry: Any) -> None:
    """Resolve every `$ref` now, so a bad one is a schema error and not a crash mid-run."""
    from referencing.jsonschema import specification_with

    root = specification_with(_dialect(document)).create_resource(document)
    resolver = registry.resolver_with_root(root)
    for ref in _keyword_values(document, "$ref"):
        try:
            resolver.lookup(ref)
        except Exception as error:  # referencing.exceptions.Unresolvable and friends
            raise SchemaLoadError(
                f"{path}: $ref {ref!r} cannot be resolved (only files beside the schema are read)"
            ) from error


def _keyword_values(node: object, keyword: str) -> Iterator[str]:
    """Every string value of `keyword` anywhere in a schema document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == keyword and isinstance(value, str):
                yield value
            else:
                yield from _keyword_values(value, keyword)
    elif isinstance(node, list):
        for item in node:
            yield from _keyword_values(item, keyword)
