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
from typing import Annotated, Any, ClassVar

from cardlint.cache.validation_memo import Checked
from cardlint.pydantic_edge import After, Before, Invalid, validated
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
from cardlint.schema.ids import (
    FileNames,
    ReferenceField,
    check_file_name,
    file_names,
    reference_field,
)
from cardlint.schema.sections import STRICT_FIELDS, SectionSpec, check_templates
from cardlint.sources.readers import Reader, on_disk
from cardlint.text import did_you_mean, quote

EXTENSION_KEY = "x-cardlint"
SUPPORTED_DIALECTS = {
    "https://json-schema.org/draft/2020-12/schema",
    "http://json-schema.org/draft-07/schema",
}


LEGACY_GROUP_FIELDS = ("category", "difficulty")
"""What `stats` and `graph` group by when a schema does not say (`group_fields`): what they
grouped by before a schema could say it, so that schemas written then keep their figures."""


@dataclass(frozen=True)
class Extension:
    """The `x-cardlint` keyword: what JSON Schema cannot say about a card.

    A plain frozen dataclass; pydantic validates the schema's keyword into one when the schema
    is read (and a schema validated before is rebuilt from its record, see `checked`).
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = STRICT_FIELDS

    id_field: str = "concept_id"
    """The field holding the card's id (a string, or an integer such as `eip: 1559`), which
    other cards' reference fields name."""
    name_fields: list[str] = field(default_factory=list)
    """The fields holding the card's names, e.g. `["concept_name_zh", "concept_name_en"]`:
    what duplicate concepts (CL310) and unlinked mentions (CL311) are matched by."""
    reference_fields: list[Annotated[ReferenceField, Before(reference_field, written=str)]] = field(
        default_factory=list
    )
    """Each written as a field name, or as an object with a delimiter (see `ReferenceField`)."""
    file_name: Annotated[str | None, After(check_file_name)] = None
    """The file-name template, e.g. `eip-{eip}.md` or `{number:04d}-{slug}.md`; null:
    `{<id_field>}.md`."""
    citation_field: str | None = None
    """The field listing the papers the card cites, e.g. `paper: "CLIP (Radford et al., 2021)"`
    (CL401-CL405, CL309)."""
    references_section: str | None = None
    """The `key` of the section whose entries the citations must match (CL402, CL403)."""
    introduced_field: str | None = None
    """The field holding the year or years the concept appeared, e.g. `introduced: 2021`
    (CL405, CL308)."""
    date_fields: list[str] = field(default_factory=list)
    """Fields holding `YYYY-MM-DD` dates, checked for form and for being real (CL501-CL504)."""
    date_labels: list[str] = field(default_factory=list)
    """Labels of dated footer lines, e.g. `["Created", "Updated"]` for `Created: 2025-10-17`."""
    timeline_section: str | None = None
    """The `key` of the section whose year-led subheadings are a timeline (CL505, CL308)."""
    title: list[str] = field(default_factory=list)
    """Heading templates the card's H1 must match, e.g. `["{concept_name_zh} ({concept_name_en})"]`
    (CL201, CL202)."""
    title_field: str | None = None
    """The front-matter field that is the card's title: the body then has no H1."""
    sections: list[SectionSpec] = field(default_factory=list)
    """The sections a card has, in the order they must come (see `SectionSpec`)."""
    value_aliases: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per field, words authors use instead of an allowed value, e.g. expert -> advanced;
    used for did-you-mean hints."""
    group_fields: list[str] = field(default_factory=lambda: list(LEGACY_GROUP_FIELDS))
    """The fields `stats` counts cards by (a table each, in order) and `graph` colours and
    filters by (the first). A field no card fills gets no table."""
    key_order: list[str] = field(default_factory=list)
    """The order of the front-matter keys it lists (CL107); keys it does not list go anywhere."""

    def __post_init__(self) -> None:
        check_templates(self.title)
        if self.title and self.title_field is not None:
            raise ValueError("title_field: the title is either a field or a heading, not both")
        if any(not label.strip() or "\n" in label for label in self.date_labels):
            raise ValueError("a date label must be text on one line")
        if self.id_field not in self.file_names.fields:
            raise ValueError(
                f"file_name {self.file_name!r} must name the id field, as {{{self.id_field}}}"
            )
        _check_distinct("group_fields", self.group_fields)
        _check_distinct("key_order", self.key_order)

    def section(self, key: str | None) -> SectionSpec | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def reference_names(self) -> tuple[str, ...]:
        """The reference fields' names, in the schema's order."""
        return tuple(r.field for r in self.reference_fields)

    @property
    def file_names(self) -> FileNames:
        return file_names(self.file_name, self.id_field)

    def to_record(self) -> dict[str, Any]:
        """The extension as plain JSON values (see `from_record`)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Extension:
        sections = [SectionSpec.from_record(section) for section in record["sections"]]
        # The bundled schema's own keyword is read as a record too: a field may be a name.
        references = [
            ReferenceField(**item) if isinstance(item, dict) else ReferenceField(item)
            for item in record.get("reference_fields", ())
        ]
        return cls(**{**record, "sections": sections, "reference_fields": references})


def _check_distinct(key: str, names: list[str]) -> None:
    repeated = next((name for i, name in enumerate(names) if name in names[:i]), None)
    if repeated is not None:
        raise ValueError(f"{key} lists {repeated!r} twice")


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
    _check_conditions(path, document, extension)
    return CardSchema(str(path), document, extension, path, sources.digest(), read)


def _check_conditions(path: Path, document: dict[str, Any], extension: Extension) -> None:
    """A section's `when` is a JSON Schema of the document's dialect (its `$ref`s were
    resolved with the document's, against the document)."""
    for index, spec in enumerate(extension.sections):
        if spec.when is None:
            continue
        try:
            _validator_class(path, document).check_schema(spec.when)
        except Exception as error:  # jsonschema.SchemaError, as for the document itself
            where = "/".join(str(p) for p in getattr(error, "path", ())) or "top level"
            detail = getattr(error, "message", str(error))
            raise SchemaLoadError(
                f"{path}: {EXTENSION_KEY}.sections.{index}.when (section {spec.key!r}): "
                f"invalid JSON Schema at {where}: {detail}"
            ) from error


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
