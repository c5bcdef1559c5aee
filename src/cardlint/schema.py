"""Card schemas: standard JSON Schema for the front matter, plus the `x-cardlint` extension.

The extension (validated by pydantic) names the id, reference, citation and date fields and
the required sections. `$ref` resolves only to files beside the schema; nothing is fetched.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from cardlint.template import Template

EXTENSION_KEY = "x-cardlint"
SUPPORTED_DIALECTS = {
    "https://json-schema.org/draft/2020-12/schema",
    "http://json-schema.org/draft-07/schema",
}


class SchemaLoadError(Exception):
    """A schema that cannot be used; the message names the file and the problem."""


class SectionSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(description="A short name for the section, used by other settings.")
    titles: list[str] = Field(min_length=1, description="Accepted heading templates.")


class Extension(BaseModel):
    """The `x-cardlint` keyword: what JSON Schema cannot say about a card."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id_field: str = "concept_id"
    name_fields: list[str] = []
    reference_fields: list[str] = []
    citation_field: str | None = None
    references_section: str | None = None
    introduced_field: str | None = None
    date_fields: list[str] = []
    date_labels: list[str] = []
    timeline_section: str | None = None
    title: list[str] = []
    sections: list[SectionSpec] = []
    value_aliases: dict[str, dict[str, str]] = Field(
        default={},
        description="Per field, words authors use instead of an allowed value, e.g. "
        "expert -> advanced; used for did-you-mean hints.",
    )

    @field_validator("title", "sections", mode="after")
    @classmethod
    def _templates_are_well_formed(cls, value: list[Any]) -> list[Any]:
        for item in value:
            for source in item.titles if isinstance(item, SectionSpec) else [item]:
                try:
                    Template(source).fields  # noqa: B018 - parsing is the check
                except ValueError as error:
                    raise ValueError(f"bad heading template {source!r}: {error}") from error
        return value

    def section(self, key: str | None) -> SectionSpec | None:
        return next((s for s in self.sections if s.key == key), None)


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
    return Path(str(resources.files("cardlint") / "schemas" / "concept-card.schema.json"))


@functools.lru_cache(maxsize=8)
def load_schema(path: Path, checked_before: bool = False) -> CardSchema:
    """Read a schema; unless a previous run already checked this very document, check it."""
    document = _read_json(path)
    if not checked_before:
        _check_document(path, document)
    try:
        extension = Extension.model_validate(document.get(EXTENSION_KEY, {}))
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in (EXTENSION_KEY, *first["loc"]))
        raise SchemaLoadError(f"{path}: {where}: {first['msg']}") from error
    return CardSchema(str(path), document, extension, path)


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
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SchemaLoadError(f"{path}: cannot read schema: {error.strerror or error}") from error
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
