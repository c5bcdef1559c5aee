"""`cardlint new ID`: a new card from the schema, complete in structure, honest about its gaps.

The front matter has every required field in the schema's order. A value the author did not
give is left empty, so `cardlint check` reports it with what it needs: an enum field lists
its allowed values (CL103), a name must not be empty (CL106), the citation field is empty
(CL401), the year is not a year (CL501). The body has the title (unless a field holds it)
and every required section that applies, in order and at its level, each with a TODO
paragraph (or the text the schema fixes, and the list items it asks for) so the structure
rules (CL2xx) pass; the references section holds no list entry yet, which CL402 reports
with the form entries take.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from cardlint.app import build_job
from cardlint.atomic import write_atomically
from cardlint.authoring.loaded_corpus import load_corpus, require_new_id
from cardlint.edit.yaml_edit import like
from cardlint.errors import UsageError
from cardlint.facts.structure import applicable
from cardlint.paths import display_path
from cardlint.schema.card_schema import CardSchema
from cardlint.schema.card_types import CardType, CardTypes
from cardlint.schema.heading_template import Template
from cardlint.schema.ids import field_text
from cardlint.schema.issues import _closest_allowed  # check's own did-you-mean, aliases first
from cardlint.schema.sections import SectionSpec
from cardlint.settings.config import LoadedConfig, load_config
from cardlint.settings.preflight import card_roots
from cardlint.settings.request import CheckRequest
from cardlint.text import did_you_mean, quote

_SECTION_TODO = "TODO: write this section."
_REFERENCES_TODO = "TODO: list each cited paper as `- Author, A., et al. (2021). Title.`"


@dataclass(frozen=True)
class NewCard:
    id: str
    names: tuple[str | None, ...] = ()
    """Values for the schema's name fields, in their order (None: not given)."""
    values: Mapping[str, str] = field(default_factory=dict)
    """Other fields given on the command line, by field name."""
    path: Path | None = None
    """The file to write, or a folder for the file the schema's file-name template names
    (`ID.md` by default); default: the card type's folder, else the first card root,
    created when missing."""
    type: str | None = None
    """The card type (the configuration's `types`); None: the default type."""


def create_card(request: CheckRequest, spec: NewCard) -> Path:
    """Write the new card and return its path; refuses to overwrite anything."""
    job = build_job(replace(request, missing_roots_ok=True))
    corpus = load_corpus(job)
    kind = _card_type(job.types, spec.type)
    schema = kind.schema
    card_id = _typed_id(schema, spec.id)
    require_new_id(corpus, card_id, schema)
    given = dict(spec.values)
    if job.types.field is not None and job.types.field in schema.properties:
        given.setdefault(job.types.field, kind.name)
    given.update(
        (name, value)
        for name, value in zip(schema.extension.name_fields, spec.names, strict=False)
        if value is not None
    )
    _require_valid(schema, given)
    data = card_data(schema, card_id, given)
    chosen = request.cwd / spec.path if spec.path is not None else None
    if chosen is None or chosen.is_dir():
        name = _file_name(schema, data)
    if chosen is None:
        keeps_cards = any(schema.extension.id_field in c.data for c in corpus.cards.values())
        folder = _type_folder(kind, job.root)
        if folder is None:
            folder = _card_folder(load_config(request.config, request.cwd), keeps_cards)
        target = folder / name
    else:
        target = chosen / name if chosen.is_dir() else chosen
    if target.exists() or target.is_symlink():
        raise UsageError(f"{display_path(target, request.cwd)} already exists; not overwritten")
    if spec.path is None:
        target.parent.mkdir(parents=True, exist_ok=True)
    elif not target.parent.is_dir():
        # A folder named on the command line is not created: it may be misspelt.
        raise UsageError(f"{display_path(target.parent, request.cwd)}: no such folder")
    write_atomically(target, card_text(schema, data).encode("utf-8"))
    return target


def _card_type(types: CardTypes, name: str | None) -> CardType:
    if name is None:
        return types.default
    if name in types.names:
        return types.named(name)
    if not types.names:
        raise UsageError("--type: the configuration has no card types ([tool.cardlint.types])")
    close = did_you_mean(name, types.names)
    advice = f"did you mean {quote(close)}?" if close else "types: " + ", ".join(types.names)
    raise UsageError(f"--type: {quote(name)} is not a card type ({advice})")


def _type_folder(kind: CardType, root: Path) -> Path | None:
    """The folder a type's first file glob names before any wildcard (`cards/models/*.md`:
    `cards/models`), so that the new card is of the type by its path too."""
    if not kind.files:
        return None
    parts = PurePosixPath(kind.files[0]).parts[:-1]
    plain = list(itertools.takewhile(lambda part: not any(c in part for c in "*?["), parts))
    return root.joinpath(*plain) if plain else None


def _typed_id(schema: CardSchema, text: str) -> str | int:
    """The id as the id field takes it: text, or an integer where only a number will do
    (`eip: 1559`)."""
    rules = schema.properties.get(schema.extension.id_field)
    number = like(0, text)
    if isinstance(rules, dict) and isinstance(number, int):
        check = schema.validator.evolve(schema=rules)
        if not check.is_valid(text) and check.is_valid(number):
            return number
    return text


def _file_name(schema: CardSchema, data: Mapping[str, object]) -> str:
    names = schema.extension.file_names
    missing = [f for f in names.fields if not field_text(data.get(f), "")]
    name = names.render(data)
    if name is None or missing:
        raise UsageError(
            f"the file name {quote(names.source)} needs {', '.join(missing)}; "
            "give its file name with --path"
        )
    return name


def _card_folder(loaded: LoadedConfig, keeps_cards: bool) -> Path:
    """The first card root; a project with neither a card folder nor cards gets `cards/`,
    the folder `check` looks in, rather than a card beside its README."""
    folder = card_roots(loaded)[0]
    if folder == loaded.root and not loaded.settings.roots and not keeps_cards:
        return loaded.root / "cards"
    return folder


def card_data(
    schema: CardSchema, card_id: str | int, given: Mapping[str, str]
) -> dict[str, object]:
    """The new card's front matter: every required field, in the schema's order."""
    ext = schema.extension
    required = list(schema.document.get("required", []))
    # The id first only when the schema does not place it; given fields even if optional.
    fields = dict.fromkeys([*([] if ext.id_field in required else [ext.id_field]), *required])
    data: dict[str, object] = {}
    for name in [*fields, *(g for g in given if g not in fields)]:
        kind = schema.properties.get(name, {}).get("type")
        blank: object = [] if kind == "array" else ""
        data[name] = card_id if name == ext.id_field else given.get(name, blank)
    return data


def card_text(schema: CardSchema, data: Mapping[str, object]) -> str:
    import frontmatter

    ext = schema.extension
    card_id = data[ext.id_field]
    lines = [f"# {Template(ext.title[0]).render(data)}" if ext.title else f"# {card_id}", ""]
    if ext.title_field is not None:
        lines = []  # the title is a field: the body has no H1
    for section, applies in zip(ext.sections, applicable(schema, data), strict=True):
        if section.required and applies:
            heading = "#" * section.level + " " + Template(section.titles[0]).render(data)
            lines += [heading, "", *_section_text(section, ext.references_section), ""]
    post = frontmatter.Post("\n".join(lines))
    post.metadata.update(data)
    # Schema order, not sorted; lists of plain values in flow style, `[a, b]`, as cards write.
    dumped = frontmatter.dumps(
        post, Dumper=_dumper(), sort_keys=False, default_flow_style=None, width=1 << 16
    )
    return dumped + "\n"


def _dumper() -> type[Any]:
    """PyYAML's safe dumper, but a mapping always in block style: a front matter of plain
    values alone (`eip: 7702`) is otherwise written as one flow mapping, `{eip: 7702}`."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def block(dumper: yaml.SafeDumper, data: dict[Any, Any]) -> yaml.Node:
        return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=False)

    Dumper.add_representer(dict, block)
    return Dumper


def _section_text(section: SectionSpec, references: str | None) -> list[str]:
    """A section's start: the text the schema fixes, else a TODO; as many items as it asks."""
    fixed = section.first_paragraph.equals if section.first_paragraph is not None else None
    todo = _REFERENCES_TODO if section.key == references else _SECTION_TODO
    items = ["", *["- TODO"] * section.min_items] if section.min_items is not None else []
    return [fixed or todo, *items]


def _require_valid(schema: CardSchema, given: Mapping[str, str]) -> None:
    for name, value in given.items():
        rules = schema.properties.get(name)
        if rules is None:
            raise UsageError(f"the schema has no field {quote(name)}")
        if "\n" in value or "\r" in value:
            # Headings name these values: a heading on two lines is no heading.
            raise UsageError(f"{name}: {quote(value)} must be on one line")
        if not schema.validator.evolve(schema=rules).is_valid(value):
            allowed = rules.get("enum")
            if allowed:
                names = [str(a) for a in allowed]
                close = _closest_allowed(schema, (name,), value, names, did_you_mean)
                guess = f" (did you mean {quote(close)}?)" if close else ""
                raise UsageError(f"{name}: {quote(value)} is not one of {', '.join(names)}{guess}")
            described = rules.get("description") or "see the schema"
            raise UsageError(f"{name}: {quote(value)} is not valid: {described}")
