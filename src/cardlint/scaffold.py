"""`cardlint new ID`: a new card from the schema, complete in structure, honest about its gaps.

The front matter has every required field in the schema's order. A value the author did not
give is left empty, so `cardlint check` reports it with what it needs: an enum field lists
its allowed values (CL103), a name must not be empty (CL106), the citation field is empty
(CL401), the year is not a year (CL501). The body has the title and every required section
in order, each with a TODO paragraph so the structure rules (CL2xx) pass; the references
section holds no list entry yet, which CL402 reports with the form entries take.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cardlint.app import CheckRequest, UsageError, build_job, card_roots
from cardlint.atomic import write_atomically
from cardlint.config import load_config
from cardlint.paths import display_path
from cardlint.project import load_corpus, require_new_id
from cardlint.schema import CardSchema
from cardlint.template import Template
from cardlint.text import quote

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
    """The file to write, or a folder for `ID.md`; default: the first card root."""


def create_card(request: CheckRequest, spec: NewCard) -> Path:
    """Write the new card and return its path; refuses to overwrite anything."""
    job = build_job(request)
    require_new_id(load_corpus(job), spec.id)
    schema = job.schema
    given = dict(spec.values)
    given.update(
        (name, value)
        for name, value in zip(schema.extension.name_fields, spec.names, strict=False)
        if value is not None
    )
    _require_valid(schema, given)
    target = _target(request, spec)
    if target.exists() or target.is_symlink():
        raise UsageError(f"{display_path(target, request.cwd)} already exists; not overwritten")
    if not target.parent.is_dir():
        raise UsageError(f"{display_path(target.parent, request.cwd)}: no such folder")
    write_atomically(target, card_text(schema, spec.id, given).encode("utf-8"))
    return target


def card_text(schema: CardSchema, card_id: str, given: Mapping[str, str]) -> str:
    import frontmatter

    ext = schema.extension
    required = list(schema.document.get("required", []))
    # The id first only when the schema does not place it; given fields even if optional.
    fields = dict.fromkeys([*([] if ext.id_field in required else [ext.id_field]), *required])
    data: dict[str, object] = {}
    for name in [*fields, *(g for g in given if g not in fields)]:
        kind = schema.properties.get(name, {}).get("type")
        blank: object = [] if kind == "array" else ""
        data[name] = card_id if name == ext.id_field else given.get(name, blank)
    lines = [f"# {Template(ext.title[0]).render(data)}" if ext.title else f"# {card_id}", ""]
    for section in ext.sections:
        todo = _REFERENCES_TODO if section.key == ext.references_section else _SECTION_TODO
        lines += [f"## {Template(section.titles[0]).render(data)}", "", todo, ""]
    post = frontmatter.Post("\n".join(lines))
    post.metadata.update(data)
    # Schema order, not sorted; lists of plain values in flow style, `[a, b]`, as cards write.
    return frontmatter.dumps(post, sort_keys=False, default_flow_style=None, width=1 << 16) + "\n"


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
                need = "one of " + ", ".join(map(str, allowed))
                raise UsageError(f"{name}: {quote(value)} is not {need}")
            described = rules.get("description") or "see the schema"
            raise UsageError(f"{name}: {quote(value)} is not valid: {described}")


def _target(request: CheckRequest, spec: NewCard) -> Path:
    if spec.path is None:
        return card_roots(load_config(request.config, request.cwd))[0] / f"{spec.id}.md"
    chosen = request.cwd / spec.path
    return chosen / f"{spec.id}.md" if chosen.is_dir() else chosen
