"""The rule contract and the registry.

Every module in this package defines one `RULE`: its code, name, default severity,
documentation and check. Adding a rule means adding a module; the registry finds it.

`_index.py` lists what choosing rules needs (code, name, severity, kind) for every rule, and
the schema issues each rule claims, so that a run imports only the rules it runs: a warm run,
only the cross-card ones. It is generated from the modules by `python -m cardlint.docs`, with
docs/rules.md, and a test keeps it current.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeAlias

from cardlint.model import INTERNAL_ERROR_CODE, Finding, Severity

if TYPE_CHECKING:
    from cardlint.index.corpus_index import CorpusIndex
    from cardlint.load.card import Card
    from cardlint.schema.card_schema import CardSchema, Extension
    from cardlint.schema.issues import SchemaIssue


class RuleDoc(NamedTuple):
    what: str
    why: str
    example: str
    fix: str


@dataclass(frozen=True, eq=False)
class Context:
    """What a check may consult besides the card itself."""

    schema: CardSchema
    index: CorpusIndex
    today: date
    root: Path
    """The project root; messages that name other files show them relative to it."""
    memo: Path | None = None
    """Where cross-card rules may keep what they found in this corpus for the next run
    (see `agreement_memo`); None: nowhere."""
    corpus_key: str = ""
    """What names the corpus as indexed, records and paths, when the result cache knows it:
    what was kept in `memo` under the same key still holds. "": unknown, keep nothing."""

    def schema_of(self, path: str) -> CardSchema:
        """The schema of a card of the corpus: its type's (`schema` is the checked card's)."""
        return self.index.schema_of(path, self.schema)


Check = Callable[["Card", Context], Iterable[Finding]]
Candidates = Callable[[Context], "Collection[str]"]
"""The card files a cross-card rule may report on, told from the index alone."""


class Claim(NamedTuple):
    """The schema issues a rule answers for (see `rules._checks.claimant`): those of some
    keywords, on every field or only on some, named by the schema's extension."""

    keywords: frozenset[str]
    fields: tuple[str, ...] | None = None
    """The `x-cardlint` attributes that name the top-level fields covered, issues inside them
    included (`("citation_field",)`); None: every field."""
    field_itself: bool = False
    """Only an issue with the field's value as a whole, not with one of its items."""

    def covers(self, issue: SchemaIssue, schema: CardSchema) -> bool:
        if issue.keyword not in self.keywords:
            return False
        if self.fields is None:
            return True
        within = bool(issue.path) and issue.path[0] in named_fields(schema.extension, self.fields)
        return within and (len(issue.path) == 1 or not self.field_itself)

    def record(self) -> ClaimRecord:
        """The claim as `_index.py` lists it, in plain values."""
        if self.fields is not None:
            from cardlint.schema.card_schema import Extension  # writing the index alone needs it

            for attribute in self.fields:
                if not hasattr(Extension, attribute) and attribute not in _field_names(Extension):
                    raise ValueError(
                        f"a claim's fields must be extension attributes: {attribute!r}"
                    )
        return (tuple(sorted(self.keywords)), self.fields, self.field_itself)

    @classmethod
    def from_record(cls, record: ClaimRecord) -> Claim:
        keywords, attributes, field_itself = record
        fields = None if attributes is None else tuple(attributes)
        return cls(frozenset(keywords), fields, field_itself)


ClaimRecord: TypeAlias = "tuple[tuple[str, ...], tuple[str, ...] | None, bool]"


def named_fields(extension: Extension, attributes: Collection[str]) -> list[str | None]:
    """The fields the extension's `attributes` name (`reference_names`, `citation_field`)."""
    named: list[str | None] = []
    for attribute in attributes:
        value = getattr(extension, attribute)
        named.extend(value if isinstance(value, list | tuple) else [value])
    return named


def _field_names(kind: type) -> set[str]:
    import dataclasses

    return {field.name for field in dataclasses.fields(kind)}


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str
    doc: RuleDoc
    check: Check
    severity: Severity = Severity.ERROR
    enabled_by_default: bool = True
    cross_card: bool = False
    """A cross-card rule reads the corpus index, so its results are never cached per card."""
    candidates: Candidates | None = None
    """For a cross-card rule: the cards worth checking (every card when None). A warm run
    asks the cross-card rules about every card of the corpus; one look at the index that
    rules most of them out is cheaper."""
    claims: Claim | None = None
    """The schema issues this rule answers for: the schema rules leave them to it, whether
    it reports them itself or says better what is wrong (the date rules on a date field)."""
    outranks: frozenset[str] = frozenset()
    """For a cross-card rule: the codes whose findings on a card it replaces where it reports
    at the same place, because it names the cause (one mistake, one message)."""


class RuleInfo(NamedTuple):
    """A rule as the index lists it: enough to choose it, name it and rank it."""

    code: str
    name: str
    severity: Severity
    enabled_by_default: bool
    cross_card: bool
    module: str
    """The module under `cardlint.rules` that defines it; "" for the engine's own rules."""

    def load(self) -> Rule:
        if not self.module:
            return next(r for r in ENGINE_RULES if r.code == self.code)
        rule: Rule = importlib.import_module(f"{__name__}.{self.module}").RULE
        return rule


@functools.lru_cache(maxsize=1)
def rule_index() -> tuple[RuleInfo, ...]:
    from cardlint.rules._index import RULES

    return tuple(
        RuleInfo(code, name, Severity(severity), enabled, cross, module)
        for code, name, severity, enabled, cross, module in RULES
    )


@functools.lru_cache(maxsize=1)
def claim_index() -> tuple[tuple[str, Claim], ...]:
    """Every rule's `claims`, by code, as the index lists them: telling which rule answers for
    a schema issue imports no rule (see `rules._checks.claimant`)."""
    from cardlint.rules._index import CLAIMS

    return tuple(
        (code, Claim.from_record((keywords, fields, itself)))
        for code, keywords, fields, itself in CLAIMS
    )


def index_entry(rule: Rule, module: str) -> tuple[str, str, str, bool, bool, str]:
    """The rule's row in `_index.py`."""
    return (
        rule.code,
        rule.name,
        rule.severity.value,
        rule.enabled_by_default,
        rule.cross_card,
        module,
    )


def index_source() -> str:
    """`_index.py` as `python -m cardlint.docs` writes it."""
    modules = {name: _module_rule(name) for name in _rule_modules()}
    rows = [index_entry(rule, "") for rule in ENGINE_RULES]
    rows.extend(index_entry(rule, name) for name, rule in modules.items())
    claims = [
        (rule.code, *rule.claims.record())
        for rule in [*ENGINE_RULES, *modules.values()]
        if rule.claims is not None
    ]
    lines = "".join(f"    {row!r},\n" for row in sorted(rows))
    claim_lines = "".join(f"    {claim!r},\n" for claim in sorted(claims))
    return (
        '"""Generated by `python -m cardlint.docs` from the rule modules; do not edit."""\n\n'
        f"RULES = (\n{lines})\n\n"
        "# code, schema keywords, x-cardlint attributes naming the fields (None: every field),\n"
        "# field_itself: see `rules.Claim`.\n"
        f"CLAIMS: tuple[tuple[str, tuple[str, ...], tuple[str, ...] | None, bool], ...] = (\n"
        f"{claim_lines})\n"
    )


def _rule_modules() -> list[str]:
    """The modules that define one rule each (helpers' names start with `_`)."""
    import pkgutil  # only listing every rule needs it: a check reads the generated index

    return [m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")]


def _module_rule(name: str) -> Rule:
    rule: Rule = importlib.import_module(f"{__name__}.{name}").RULE
    return rule


@functools.lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    rules = [_module_rule(name) for name in _rule_modules()]
    return tuple(sorted([*ENGINE_RULES, *rules], key=lambda rule: rule.code))


def find_rule(code_or_name: str) -> Rule | None:
    wanted = code_or_name.strip()
    found = next(
        (r for r in rule_index() if wanted.upper() == r.code or wanted.lower() == r.name), None
    )
    return None if found is None else found.load()  # that rule's module alone


def _reported_by_the_engine(card: Card, ctx: Context) -> Iterable[Finding]:
    # CL000 and CL900 judge the other rules' results, so the engine reports them; these
    # Rule objects carry their code, severity and documentation.
    return ()


INTERNAL_ERROR = Rule(
    code=INTERNAL_ERROR_CODE,
    name="internal-error",
    summary="A rule failed with an unexpected error on this card.",
    doc=RuleDoc(
        what="A rule raised an exception while checking the card. The other rules and cards "
        "still run, and the run exits with status 2 so CI notices.",
        why="A crash in one rule must not hide every other result, nor pass silently.",
        example="`cards/clip.md:1:1: CL000 rule CL403 (unmatched-citation) failed: KeyError`",
        fix="Report it with the card that triggers it; meanwhile `--ignore` the failing rule.",
    ),
    check=_reported_by_the_engine,
)

UNUSED_SUPPRESSION = Rule(
    code="CL900",
    name="unused-suppression",
    summary="An inline suppression that suppresses nothing, or names no rule.",
    severity=Severity.WARNING,
    doc=RuleDoc(
        what="A `cardlint-disable` comment (or `# cardlint: disable=` in the front matter) that "
        "no violation matched, or that names a code that is not a rule. Reported by the engine "
        "after the other rules ran; only suppressions of selected rules are judged.",
        why="Suppressions outlive the problems they hid; a stale one would silently hide the "
        "next real problem on that line.",
        example="`<!-- cardlint-disable-next-line CL205 -->` above a section that has content.",
        fix="Delete the suppression, or correct the code it names.",
    ),
    check=_reported_by_the_engine,
)
ENGINE_RULES = (INTERNAL_ERROR, UNUSED_SUPPRESSION)
