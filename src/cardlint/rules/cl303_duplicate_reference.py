from collections.abc import Iterator

from cardlint.edit.yaml_edit import one_edit
from cardlint.index.entry import entry_for
from cardlint.index.references import Places
from cardlint.load.card import Card
from cardlint.model import Finding
from cardlint.rules import Claim, Context, Rule, RuleDoc
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    seen: dict[tuple[str, str], int] = {}
    places = Places(card, ctx.schema.extension.reference_fields)
    for field, target, at in entry_for(card, ctx.schema).references:
        key = (field, target)
        if key in seen:
            yield Finding(
                at,
                f"{field}: {quote(target)} is listed twice (first on line {seen[key]})",
                "remove the repeated entry",
                one_edit(f"remove the repeated {quote(target)}", places.remove(field, target, at)),
            )
        else:
            seen[key] = at.line


RULE = Rule(
    code="CL303",
    name="duplicate-reference",
    summary="The same id appears twice in one reference list.",
    doc=RuleDoc(
        what="The second and later occurrences of an id in one reference field, however it "
        "is written (`[2718, 2718]`, `2718, 2718`). The schema's "
        "`uniqueItems` error for the same item (CL106) is not reported as well.",
        why="Repeats inflate link counts and the concept graph, and usually come from a "
        "merge that kept both sides.",
        example="```yaml\nrelated_concepts: [clip, gpt-4v, clip]\n```",
        fix="Delete the repeated id; `--fix` does (safe).",
    ),
    claims=Claim(frozenset({"uniqueItems"}), fields=("reference_names",)),
    check=check,
)
