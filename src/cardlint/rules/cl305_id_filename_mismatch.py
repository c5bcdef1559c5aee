from collections.abc import Iterator

from cardlint.index.entry import entry_for
from cardlint.index.references import position
from cardlint.load.card import Card
from cardlint.model import Finding, Position
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.schema.ids import FileNames, field_text, stem
from cardlint.schema.issues import schema_issues
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    entry = entry_for(card, ctx.schema)
    names = ctx.schema.extension.file_names
    expected = names.render(card.data)
    if entry.id is None or entry.id_position is None or expected is None:
        return
    if stem(expected) == stem(card.name):
        return
    # A value the schema rejects (`Word Embedding`) is the schema rules'; CL104's hint names
    # the id it should be.
    named = set(names.fields)
    if any(issue.path[:1] and issue.path[0] in named for issue in schema_issues(ctx.schema, card)):
        return
    differing = _differing(names, card)
    if differing is None:
        yield Finding(
            entry.id_position,
            f"file name {quote(card.name)} does not follow {quote(names.source)}",
            f"rename the file to {quote(expected)}",
        )
        return
    field, written, given, at = differing
    what = "id" if field == names.id_field else field
    yield Finding(
        entry.id_position if field == names.id_field else at,
        f"{what} {quote(written)} differs from the file name {quote(card.name)}",
        f"rename the file to {quote(expected)}, or change the {what} to {quote(given)}",
    )


def _differing(names: FileNames, card: Card) -> tuple[str, str, str, Position] | None:
    """The first field of the template whose value differs from what the file name gives:
    its name, its value and the file name's, and where it is written; None when the file
    name does not follow the template."""
    given = names.fields_of(card.name)
    if given is None:
        return None
    for _, field, spec in names.parts:
        # The front matter fills the template in (see `check`): each value is text, and an
        # integer where the template pads one.
        written = field_text(card.data.get(field), "") or ""
        if (str(int(written)) if spec else written) != given[field]:
            return field, written, given[field], position(card, (field,))
    return None


RULE = Rule(
    code="CL305",
    name="id-filename-mismatch",
    summary="The file name differs from the one the card's id gives.",
    doc=RuleDoc(
        what="A card whose file name is not the one its front matter gives: by default its "
        "id followed by `.md`; with the schema's `x-cardlint.file_name` template (such as "
        "`eip-{eip}.md`), the template filled in from the front matter. Reported at the id, or "
        "at another field of the template that differs from the file name. A value its schema "
        "rejects is left to the schema rules (CL104 suggests the id it should be), and a card "
        "that lacks a field of the template gets no finding.",
        why="People and tools find a card by its id; when the file is named differently, "
        "links by path break and renames leave one of the two behind.",
        example="`cards/gpt4v.md` with `concept_id: gpt-4v`; `eip-2930.md` with `eip: 2931` "
        "when files are named `eip-{eip}.md`.",
        fix="Rename the file to match the id, or correct the id.",
    ),
    check=check,
)
