from collections.abc import Iterator, Set

from cardlint.index.corpus_index import CorpusIndex
from cardlint.load.card import Card
from cardlint.model import Finding
from cardlint.rules import Context, Rule, RuleDoc
from cardlint.schema.card_types import UNKNOWN
from cardlint.text import quote


def check(card: Card, ctx: Context) -> Iterator[Finding]:
    fields = ctx.schema.extension.reference_fields
    wanted = {f.field: f.types for f in fields if f.types}
    if not wanted:
        return
    by_id = ctx.index.by_id
    entry = ctx.index.entry_of(card, ctx.schema)
    for field, target, at in entry.references:
        if target == entry.id:
            continue  # CL302's: the card lists itself
        allowed = wanted.get(field)
        kinds = {e.type for e in by_id.get(target, ())}
        if allowed is None or not kinds or UNKNOWN in kinds or kinds & set(allowed):
            continue  # no card at all is CL301's; a card of unknown type, CL006's
        # The card's other field that takes the target's type, if one does.
        home = next(
            (f.field for f in fields if f.field != field and (not f.types or kinds & {*f.types})),
            None,
        )
        where = f"move {quote(target)} to {home}" if home else f"remove {quote(target)}"
        yield Finding(
            at,
            f"{field}: {quote(target)} is {_kind(ctx.index, kinds)} card, but {field} lists "
            f"{' or '.join(allowed)} cards",
            f"list the id of a {' or '.join(allowed)} card here, or {where}",
        )


def _kind(index: CorpusIndex, kinds: Set[str]) -> str:
    text = " and ".join(_shown(index, k) for k in sorted(kinds))
    return ("an " if text[:1] in "aeiou" else "a ") + text


def _shown(index: CorpusIndex, kind: str) -> str:
    types = index.types
    return "default" if types is None or kind == types.default.name else kind


def _candidates(ctx: Context) -> set[str]:
    """The cards with a typed reference field that lists a card of another type, told by
    their `spans` and set operations, without reading where anything is written."""
    index = ctx.index
    types = index.types
    if types is None:
        return set()
    typed = {t.name: [f.types for f in t.schema.extension.reference_fields] for t in types.every}
    typed = {name: kinds for name, kinds in typed.items() if any(kinds)}
    if not typed:
        return set()
    ids_of: dict[str, set[str]] = {}
    for entry in index.entries:
        if entry.id is not None:
            ids_of.setdefault(entry.type, set()).add(entry.id)
    # The ids a field of some types must not list: those of the cards of the other types
    # (a card of unknown type is CL006's).
    wrong = {
        tuple(kinds): set().union(
            *(ids for kind, ids in ids_of.items() if kind not in kinds and kind != UNKNOWN)
        )
        for fields in typed.values()
        for kinds in fields
        if kinds
    }
    suspect = {
        name: set().union(*(wrong[tuple(kinds)] for kinds in fields if kinds))
        for name, fields in typed.items()
    }
    found: set[str] = set()
    if not any(suspect.values()):
        return found  # every card is of a type every typed field takes
    for entry in index.entries:
        fields = typed.get(entry.type)
        if fields is None or not entry.spans or suspect[entry.type].isdisjoint(entry.targets):
            continue  # nearly every card: no id it lists is wrong for any of its fields
        start = 0
        for kinds, count in zip(fields, map(int, entry.spans.split(",")), strict=False):
            listed = entry.targets[start : start + count]
            start += count
            if kinds and listed and not wrong[tuple(kinds)].isdisjoint(listed):
                found.add(entry.path)
                break
    return found


RULE = Rule(
    code="CL312",
    name="wrong-card-type",
    summary="A reference names a card of a type its field does not take.",
    cross_card=True,
    doc=RuleDoc(
        what="An item of a reference field whose schema names the card types it takes "
        '(`{"field": "authors", "types": ["person"]}`) when the id is that of a card of '
        "another type. Reported at the item, naming the type the card is. An id that no card "
        "has is CL301's, and a card whose own type is unknown is CL006's.",
        why="In a corpus of several card types a reference means something by its field: "
        "the authors of a paper are people. An id of the wrong kind is a link that reads "
        "as a fact and is wrong, and the graph and the stats count it as one.",
        example="```yaml\nauthors: [ashish-vaswani, transformer]\n```\nin a paper card, where "
        "`transformer` is a model card and `authors` takes person cards.",
        fix="Replace the id with one of a card of the right type, or move it to the field "
        "that takes its type (a model to `introduces`, say).",
    ),
    check=check,
    candidates=_candidates,
)
