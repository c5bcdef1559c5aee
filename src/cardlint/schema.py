"""Card schemas: standard JSON Schema for the front matter, plus the `x-cardlint` extension.

The extension (validated by pydantic, see `Extension`) names the id, reference, citation and
date fields and the required sections. `$ref` resolves only to files beside the schema;
nothing is fetched.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

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
    data = _read_bytes(path)
    record = checked.get("schema", data) if checked is not None else None
    if record is not None:
        with contextlib.suppress(TypeError, ValueError, KeyError):
            document = _parse_json(path, data)
            return CardSchema(str(path), document, Extension.from_record(record), path)
    schema = _checked_schema(path, data)
    if checked is not None:
        checked.put("schema", data, schema.extension.to_record())
    return schema


@functools.lru_cache(maxsize=1)
def _bundled() -> CardSchema:
    path = default_schema_path()
    document = _read_json(path)
    return CardSchema(str(path), document, Extension.from_record(document[EXTENSION_KEY]), path)


@functools.lru_cache(maxsize=8)
def _checked_schema(path: Path, data: bytes) -> CardSchema:
    # Kept per process too: the editing commands and the language server read it again.
    document = _parse_json(path, data)
    _check_document(path, document)
    extension = _validated_extension(path, document.get(EXTENSION_KEY, {}))
    return CardSchema(str(path), document, extension, path)


def _validated_extension(path: Path, keyword: object) -> Extension:
    try:
        return validated(Extension, keyword)
    except Invalid as error:
        where = ".".join((EXTENSION_KEY, *error.where))
        raise SchemaLoadError(f"{path}: {where}: {error.message}") from error


def _check_document(path: Path, document: dict[str, Any]) -> None:
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
    own_id = str(document.get("$id", ""))
    dialect = specification_with(_dialect(document))
    base = own_id.rsplit("/", 1)[0] + "/" if "/" in own_id else ""

    def retrieve(uri: str) -> Resource[Any]:
        relative = uri[len(base) :] if base and uri.startswith(base) else uri
        candidate = folder / relative
        # Only a plain file name beside the schema: never the network, never another folder.
        if ":" in relative or "/" in relative or relative in ("", ".", ".."):
            raise NoSuchResource(ref=uri)  # type: ignore[call-arg]
        if not candidate.is_file():
            raise NoSuchResource(ref=uri)  # type: ignore[call-arg]
        # A referenced file without `$schema` speaks the referring schema's dialect.
        return Resource.from_contents(_read_json(candidate), default_specification=dialect)

    return Registry(retrieve=retrieve)  # type: ignore[call-arg]


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
