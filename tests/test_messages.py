"""Messages in words: a schema field's description, examples or a did-you-mean rather than its
raw pattern; citations placed at their own column; hints that agree with the other findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cardlint.load.card import card_from_bytes
from cardlint.rules._checks import claimant
from cardlint.schema.card_schema import default_schema_path, load_schema
from cardlint.schema.issues import SchemaIssue, schema_issues
from tests.conftest import RULES, run_cli

LONG = "^(?:" + "|".join(f"[A-Z]{{{n}}}-[0-9]{{{n}}}" for n in range(2, 40)) + ")$"
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {
        "code": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]+$"},
        "long": {"type": "string", "pattern": LONG},
        "slug": {"type": "string", "pattern": "^[a-z]+$", "examples": ["alpha", "beta"]},
        "kind": {
            "type": "string",
            "pattern": "^[a-z]+(?:-[a-z]+)*$",
            "description": "The kind, in kebab-case.",
            "examples": ["neural-net"],
        },
        "tags": {
            "type": "array",
            "description": "Tags, each a lowercase word.",
            "items": {"type": "string", "pattern": "^[a-z]+$"},
        },
    },
}


def _issues(front_matter: str, tmp_path: Path) -> dict[str, SchemaIssue]:
    file = tmp_path / "schema.json"
    file.write_text(json.dumps(SCHEMA), encoding="utf-8")
    card = card_from_bytes(tmp_path / "c.md", f"---\n{front_matter}---\n# T\n".encode())
    return {str(i.path): i for i in schema_issues(load_schema(file), card)}


def test_a_pattern_is_explained_by_the_description_and_examples(tmp_path: Path) -> None:
    issue = _issues("kind: Neural Net\n", tmp_path)["('kind',)"]
    assert issue.message == (
        "kind: 'Neural Net' is not in the form this field takes (did you mean 'neural-net'?)"
    )
    assert issue.hint == "The kind, in kebab-case. For example: 'neural-net'."
    assert issue.replacement == "neural-net"


def test_examples_alone_explain_a_pattern(tmp_path: Path) -> None:
    issue = _issues("slug: Gamma 2\n", tmp_path)["('slug',)"]
    assert issue.message == "slug: 'Gamma 2' is not in the form this field takes"
    assert (issue.hint, issue.replacement) == ("For example: 'alpha', 'beta'.", None)


def test_a_list_item_takes_its_fields_description(tmp_path: Path) -> None:
    issue = _issues("tags: [ok, Not_OK]\n", tmp_path)["('tags', 1)"]
    assert issue.message == "tags[1]: 'Not_OK' is not in the form this field takes"
    assert issue.hint == "Tags, each a lowercase word."


def test_a_pattern_with_nothing_to_explain_it_is_shown_cut_short(tmp_path: Path) -> None:
    issues = _issues("code: abc-1\nlong: x\n", tmp_path)
    assert (
        issues["('code',)"].message
        == "code: 'abc-1' does not match the pattern '^[A-Z]{3}-[0-9]+$'"
    )
    assert issues["('code',)"].hint is None
    long = issues["('long',)"].message
    assert long == f"long: 'x' does not match the pattern '{LONG[:40]}…'"


@pytest.mark.parametrize(
    ("value", "suggestion"),
    [
        ("Multimodal Models", "multimodal-models"),
        ("  clip ", "clip"),
        ("GPT_4V", "gpt-4v"),
        ("Vision--Transformer!", "vision-transformer"),
        ("注意力", None),
    ],
)
def test_the_default_schemas_id_suggests_its_kebab_case(value: str, suggestion: str | None) -> None:
    text = f'---\nconcept_id: "{value}"\n---\n# T\n'
    card = card_from_bytes(Path("c.md"), text.encode())
    issues = list(schema_issues(load_schema(default_schema_path()), card))
    (issue,) = [i for i in issues if i.path == ("concept_id",)]
    assert "[a-z0-9]" not in issue.message
    assert issue.replacement == suggestion


def test_no_message_of_the_default_schema_shows_a_regex(corpus: Path) -> None:
    card = corpus / "cards" / "clip.md"
    text = card.read_text(encoding="utf-8")
    card.write_text(
        text.replace("concept_id: clip", "concept_id: CLIP Model").replace(
            "related_concepts: [", "related_concepts: [Bad_Id, "
        ),
        encoding="utf-8",
    )
    result = run_cli("check", "--format", "json", "cards/clip.md", cwd=corpus)
    shown = [(v["code"], v["message"], v["hint"]) for v in result.json()["violations"]]
    assert ("CL104", "concept_id: 'CLIP Model' is not in the form this field takes "
            "(did you mean 'clip-model'?)",
            "The card's id in kebab-case: lowercase letters and digits joined by single "
            "hyphens, e.g. gpt-4v.") in shown  # fmt: skip
    assert not [s for s in shown if "^" in s[1] or "a-z0-9" in s[1]]


def _findings(card: Path) -> list[tuple[int, int, str, str, str | None]]:
    done = run_cli(
        "check",
        "--format",
        "json",
        "--no-cache",
        "--config",
        str(RULES / "cardlint.toml"),
        "--select",
        "CL403,CL405,CL504",
        card.name,
        cwd=card.parent,
    )
    return [
        (v["line"], v["column"], v["code"], v["message"], v["hint"])
        for v in done.json()["violations"]
    ]


def test_an_introduced_year_in_the_future_is_one_finding() -> None:
    assert _findings(RULES / "CL405" / "introduced-in-future.md") == [
        (
            7,
            13,
            "CL504",
            "introduced: 2031 is later than the current year (2026)",
            "a card records what has already happened; check the year",
        )
    ]


def test_a_citation_year_in_the_future_is_not_met_by_widening_introduced() -> None:
    assert _findings(RULES / "CL405" / "citation-in-future.md") == [
        (
            8,
            38,
            "CL405",
            "'GPT-5 (OpenAI, 2031)' is from 2031, outside introduced 2021-2022",
            "2031 is later than the current year: correct the citation's year",
        )
    ]


def test_a_year_the_references_contradict_is_reported_once_by_cl403() -> None:
    ((line, column, code, _, hint),) = _findings(RULES / "CL405" / "year-unlisted-is-cl403s.md")
    assert (line, column, code) == (8, 8, "CL403")
    assert hint == "the references list Radford in 2021: correct the year, or add it"


def test_a_citation_in_a_group_is_placed_at_its_author() -> None:
    ((line, column, code, message, _),) = _findings(RULES / "CL403" / "group-unmatched.md")
    assert (line, column, code) == (8, 51, "CL403")
    assert message.startswith("no entry in '参考资料' for Jia (2021)")


@pytest.mark.parametrize(
    ("path", "claimed_by"),
    [(("related_concepts", 0), "CL301"), (("concept_id",), "CL104")],
)
def test_a_reference_in_the_wrong_form_is_cl301s(
    path: tuple[str | int, ...], claimed_by: str
) -> None:
    schema = load_schema(default_schema_path())
    assert claimant(SchemaIssue("pattern", path, "message"), schema) == claimed_by
