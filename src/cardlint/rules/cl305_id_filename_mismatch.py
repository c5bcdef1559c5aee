from collections.abc import Iterator

from cardlint.index.corpus_index import entry_for, file_id
from cardlint.load.card import Card
from cardlint.model import Finding
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.schema.issues import schema_issues
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    entry = entry_for(card, ctx.schema)
    stem = file_id(card.file)
    if entry.id is None or entry.id_position is None or entry.id == stem:
        return
    # An id the schema rejects (`Word Embedding`) is CL104's, whose hint names the right id.
    id_path = (ctx.schema.extension.id_field,)
    if any(issue.path == id_path for issue in schema_issues(ctx.schema, card)):
        return
    yield Finding(
        entry.id_position,
        f"id {quote(entry.id)} differs from the file name {quote(card.name)}",
        f"rename the file to {quote(entry.id + '.md')}, or change the id to {quote(stem)}",
    )


RULE = Rule(
    code="CL305",
    name="id-filename-mismatch",
    summary="The file name (without .md) differs from the card's id.",
    doc=RuleDoc(
        what="A card whose file name, without `.md`, is not its id. An id its schema rejects "
        "is left to the schema rules (CL104 suggests the id it should be).",
        why="People and tools find a card by its id; when the file is named differently, "
        "links by path break and renames leave one of the two behind.",
        example="`cards/gpt4v.md` with `concept_id: gpt-4v`.",
        fix="Rename the file to match the id, or correct the id.",
    ),
    check=check,
)
