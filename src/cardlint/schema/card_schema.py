"""Card schemas: standard JSON Schema for the front matter, plus the `x-cardlint` extension.

The extension (validated by pydantic, see `Extension`) names the id, reference, citation and
date fields and the required sections. `$ref` resolves only to files beside the schema;
nothing is fetched.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from cardlint.cache.validation_memo import Checked
from cardlint.pydantic_edge import Invalid, validated
from cardlint.schema.files import (
    SchemaLoadError,
    Sources,
    check_ref_loops,
    check_refs,
    dialect_of,
    local_registry,
    parse_json,
    read_bytes,
    schema_sources,
)
from cardlint.schema.heading_template import Template
from cardlint.sources.readers import Reader, on_disk
from cardlint.text import did_you_mean, quote

EXTENSION_KEY = "x-cardlint"
SUPPORTED_DIALECTS = {
    "https://json-schema.org/draft/2020-12/schema",
    "http://json-schema.org/draft-07/schema",
}


_STRICT_FIELDS: dict[str, Any] = {"extra": "forbid", "use_attribute_docstrings": True}
"""Unknown keys are refused; each field's docstring describes it in the meta-schema."""
LEGACY_GROUP_FIELDS = ("category", "difficulty")
"""What `stats` and `graph` group by when a schema does not say (`group_fields`): what they
grouped by before a schema could say it, so that schemas written then keep their figures."""


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
    group_fields: list[str] = field(default_factory=lambda: list(LEGACY_GROUP_FIELDS))
    """The fields `stats` counts cards by (a table each, in order) and `graph` colours and
    filters by (the first). A field no card fills gets no table."""
    key_order: list[str] = field(default_factory=list)
    """The order of the front-matter keys it lists (CL107); keys it does not list go anywhere."""

    def __post_init__(self) -> None:
        _check_templates(self.title)
        if any(not label.strip() or "\n" in label for label in self.date_labels):
            raise ValueError("a date label must be text on one line")
        _check_distinct("group_fields", self.group_fields)
        _check_distinct("key_order", self.key_order)

    def section(self, key: str | None) -> SectionSpec | None:
        return next((s for s in self.sections if s.key == key), None)

    def to_record(self) -> dict[str, Any]:
        """The extension as plain JSON values (see `from_record`)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Extension:
        sections = [SectionSpec(**section) for section in record["sections"]]
        return cls(**{**record, "sections": sections})


def _check_distinct(key: str, names: list[str]) -> None:
    repeated = next((name for i, name in enumerate(names) if name in names[:i]), None)
    if repeated is not None:
        raise ValueError(f"{key} lists {repeated!r} twice")


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
    digest: str
    """Of the schema's bytes and its `$ref`s' files: what cache keys hold of it."""
    read: Reader = on_disk
    """Where its `$ref`s' files are read: the working tree, or a git revision."""

    @functools.cached_property
    def validator(self) -> Any:
        """Built on first use: a run whose cards all come from the cache never needs it."""
        validator_class = _validator_class(self.path, self.document)
        return validator_class(
            self.document, registry=local_registry(self.path, self.document, self.read)
        )

    @functools.cached_property
    def accepts(self) -> Callable[[Any], bool] | None:
        """A fast yes-or-no check of a front matter, or None when the schema needs jsonschema."""
        from cardlint.schema.fast_validity import compile_predicate

        if dialect_of(self.document).rstrip("#") not in SUPPORTED_DIALECTS:
            return None
        return compile_predicate(self.document)

    @property
    def properties(self) -> dict[str, Any]:
        props = self.document.get("properties", {})
        return props if isinstance(props, dict) else {}


def default_schema_path() -> Path:
    # The package is installed as files (never zipped): its data sit beside its modules.
    return Path(__file__).parent.with_name("schemas") / "concept-card.schema.json"


def load_schema(path: Path, checked: Checked | None = None, read: Reader = on_disk) -> CardSchema:
    """Read a schema through `read`; unless `checked` shows this very document was checked
    before, check it.

    The bundled default schema is part of cardlint, like its code: tests check it once, and
    a run does not import jsonschema and pydantic to check it again.
    """
    if path == default_schema_path():
        return _bundled()
    sources = schema_sources(path, read)
    record = checked.get("schema", sources.key()) if checked is not None else None
    if record is not None:
        with contextlib.suppress(TypeError, ValueError, KeyError):
            document = parse_json(path, sources.data)
            extension = Extension.from_record(record)
            return CardSchema(str(path), document, extension, path, sources.digest(), read)
    schema = _checked_schema(path, sources, read)
    if checked is not None:
        checked.put("schema", sources.key(), schema.extension.to_record())
    return schema


@functools.lru_cache(maxsize=1)
def _bundled() -> CardSchema:
    path = default_schema_path()
    data = read_bytes(path)
    document = parse_json(path, data)
    extension = Extension.from_record(document[EXTENSION_KEY])
    return CardSchema(str(path), document, extension, path, Sources(data, ()).digest())


@functools.lru_cache(maxsize=8)
def _checked_schema(path: Path, sources: Sources, read: Reader) -> CardSchema:
    # Kept per process too: the editing commands and the language server read it again.
    document = parse_json(path, sources.data)
    _check_document(path, document, read)
    folder = path.resolve().parent
    referenced = {name: parse_json(folder / name, data) for name, data in sources.referenced}
    for name, contents in referenced.items():
        # A referenced file is part of the schema: checked as strictly, and named when wrong.
        _check_document(folder / name, contents, read, referrer=document)
    check_ref_loops(path, document, referenced)
    from cardlint.schema.check_extension import check_nested

    check_nested(path, document, top=True)
    for name, contents in referenced.items():
        check_nested(folder / name, contents)
    keyword = document.get(EXTENSION_KEY, {})
    extension = _validated_extension(path, keyword)
    _check_declared(path, document, keyword)
    return CardSchema(str(path), document, extension, path, sources.digest(), read)


def _validated_extension(path: Path, keyword: object) -> Extension:
    try:
        return validated(Extension, keyword)
    except Invalid as error:
        where = ".".join((EXTENSION_KEY, *error.where))
        raise SchemaLoadError(f"{path}: {where}: {error.message}") from error


_FIELD_LISTS = ("group_fields", "key_order")
"""Extension keys that list front-matter fields, each of which the schema must declare."""
_BRANCHES = ("allOf", "anyOf", "oneOf", "then", "else")


def _check_declared(path: Path, document: dict[str, Any], keyword: dict[str, Any]) -> None:
    """A field listed by `_FIELD_LISTS` that the schema does not declare is a typo: exit 2,
    rather than a table that never fills or an order that never applies."""
    declared = _declared(document)
    if declared is None:
        return
    for key in _FIELD_LISTS:
        for name in keyword.get(key, ()):
            if name not in declared:
                close = did_you_mean(name, declared)
                guess = f" (did you mean {quote(close)}?)" if close else ""
                raise SchemaLoadError(
                    f"{path}: {EXTENSION_KEY}.{key}: {quote(name)} is not a property of the "
                    f"schema{guess}"
                )


def _declared(schema: object) -> set[str] | None:
    """The property names the schema declares for the front matter, in its own `properties`
    or those of its `allOf`/`anyOf`/`oneOf`/`then`/`else` branches; None when it reaches
    through a `$ref`, whose properties are not looked for."""
    if not isinstance(schema, dict):
        return set()
    if "$ref" in schema:
        return None
    properties = schema.get("properties")
    names = set(properties) if isinstance(properties, dict) else set()
    for key in _BRANCHES:
        branches = schema.get(key)
        for branch in branches if isinstance(branches, list) else [branches]:
            found = _declared(branch)
            if found is None:
                return None
            names |= found
    return names


def _check_document(
    path: Path, document: dict[str, Any], read: Reader, referrer: dict[str, Any] | None = None
) -> None:
    """Check a schema document, and resolve its `$ref`s; a referenced file without
    `$schema` is read in the dialect of the schema that refers to it (`referrer`)."""
    if referrer is not None and "$schema" not in document:
        document = {"$schema": dialect_of(referrer), **document}
    validator_class = _validator_class(path, document)
    try:
        validator_class.check_schema(document)
    except Exception as error:  # jsonschema.SchemaError, but also odd inputs such as huge ints
        where = "/".join(str(p) for p in getattr(error, "path", ())) or "top level"
        detail = getattr(error, "message", str(error))
        raise SchemaLoadError(f"{path}: invalid JSON Schema at {where}: {detail}") from error
    check_refs(path, document, local_registry(path, document, read))


def _validator_class(path: Path, document: dict[str, Any]) -> Any:
    from jsonschema import validators

    dialect = dialect_of(document)
    if dialect.rstrip("#") not in SUPPORTED_DIALECTS:
        raise SchemaLoadError(
            f"{path}: unsupported $schema {dialect!r}; use JSON Schema 2020-12 or draft-07"
        )
    from cardlint.schema.ecma import pattern_keyword, unique_items_keyword

    base = validators.validator_for(document)
    overrides = {"pattern": pattern_keyword, "uniqueItems": unique_items_keyword}
    return validators.extend(base, overrides)  # type: ignore[no-untyped-call]
