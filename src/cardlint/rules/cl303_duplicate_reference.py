from collections.abc import Iterator

from cardlint.edit.yaml_edit import one_edit, remove_item
from cardlint.index.corpus_index import entry_for
from cardlint.load.card import Card
from cardlint.model import Finding
from cardlint.rules import Claim, Context, Rule, RuleDoc
from cardlint.rules._checks import list_item_paths
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    seen: dict[tuple[str, str], int] = {}
    paths = None
    for reference in entry_for(card, ctx.schema).references:
        key = (reference.field, reference.target)
        if key in seen:
            paths = list_item_paths(card) if paths is None else paths
            path = paths.get((reference.field, reference.position))
            yield Finding(
                reference.position,
                f"{reference.field}: {quote(reference.target)} is listed twice "
                f"(first on line {seen[key]})",
                "remove the repeated entry",
                one_edit(
                    f"remove the repeated {quote(reference.target)}",
                    remove_item(card, path) if path else None,
                ),
            )
        else:
            seen[key] = reference.position.line


RULE = Rule(
    code="CL303",
    name="duplicate-reference",
    summary="The same id appears twice in one reference list.",
    doc=RuleDoc(
        what="The second and later occurrences of an id in one reference field. The schema's "
        "`uniqueItems` error for the same item (CL106) is not reported as well.",
        why="Repeats inflate link counts and the concept graph, and usually come from a "
        "merge that kept both sides.",
        example="```yaml\nrelated_concepts: [clip, gpt-4v, clip]\n```",
        fix="Delete the repeated id; `--fix` does (safe).",
    ),
    claims=Claim(frozenset({"uniqueItems"}), fields=lambda ext: ext.reference_fields),
    check=check,
)
