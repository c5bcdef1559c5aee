from collections.abc import Iterator

from cardlint.facts.citations import field_position
from cardlint.load.card import Card
from cardlint.model import Finding, Position
from cardlint.rules import Claim, Context, Rule, RuleDoc


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    field = ctx.schema.extension.citation_field
    if field is None or not card.has_mapping:
        return
    hint = f'name the key papers, e.g. `{field}: "CLIP (Radford et al., 2021)"`'
    if field not in card.data:
        # A required field's absence is CL101's to report; only an optional one is left here.
        if field not in ctx.schema.document.get("required", []):
            yield Finding(Position(1, 1), f"no '{field}' field: the card cites no paper", hint)
        return
    if _blank(card.data[field]):
        yield Finding(
            field_position(card, (field,)), f"'{field}' is empty: the card cites no paper", hint
        )


def _blank(value: object) -> bool:
    if isinstance(value, list):
        return all(_blank(item) for item in value)
    return value is None or (isinstance(value, str) and not value.strip())


RULE = Rule(
    code="CL401",
    name="missing-citation",
    summary="The card cites no paper: its citation field is absent or empty.",
    doc=RuleDoc(
        what="The schema's citation field (`paper` by default) holds nothing: an empty or "
        "blank string, `null`, an empty list, or a list of blank entries. Reported at the "
        "value. An absent field is reported at the front matter's first line, unless the "
        "schema requires the field: then CL101 reports it and this rule stays quiet.",
        why="A concept card stands on its sources; without them a reader cannot check a "
        "claim, and the citation rules CL403-CL405 have nothing to compare.",
        example='`paper: ""` or `paper: []`',
        fix="Name the papers that introduced the concept, e.g. "
        '`paper: "CLIP (Radford et al., 2021)"`, and list them under the references section.',
    ),
    claims=Claim(
        frozenset({"minLength", "minItems"}),
        fields=("citation_field",),
        field_itself=True,
    ),
    check=check,
)
