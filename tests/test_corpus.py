"""Cross-card checks resolve against the whole corpus, whatever files the command names."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from cardlint.app import check
from cardlint.rules import rule_index
from cardlint.schema.ids import file_names, id_text
from cardlint.settings.request import CheckRequest
from tests.conftest import TODAY, run_cli
from tests.proposals import write_proposals


def _codes_at(corpus: Path, *paths: str) -> set[tuple[str, str, int, int]]:
    result = run_cli("check", "--format", "json", *paths, cwd=corpus)
    violations = result.json()["violations"]
    assert isinstance(violations, list)
    return {(v["path"], v["code"], v["line"], v["column"]) for v in violations}


def test_naming_one_card_still_indexes_the_whole_corpus(corpus: Path) -> None:
    assert _codes_at(corpus, "cards/clip.md") == set()


def test_deleting_a_card_breaks_the_cards_that_list_it(corpus: Path) -> None:
    (corpus / "cards" / "gpt-4v.md").unlink()
    # multimodal-models lists gpt-4v as the fourth item of line 9.
    assert _codes_at(corpus, "cards/multimodal-models.md") == {
        ("cards/multimodal-models.md", "CL301", 9, 65)
    }


def test_renaming_an_id_is_caught_the_same_way(corpus: Path) -> None:
    card = corpus / "cards" / "clip.md"
    card.write_text(
        card.read_text(encoding="utf-8").replace("concept_id: clip", "concept_id: clip-model"),
        encoding="utf-8",
    )
    card.rename(corpus / "cards" / "clip-model.md")
    found = _codes_at(corpus, "cards/multimodal-models.md")
    assert found == {("cards/multimodal-models.md", "CL301", 9, 59)}


def test_known_ids_silence_a_planned_concept(corpus: Path) -> None:
    (corpus / "cards" / "gpt-4v.md").unlink()
    config = corpus / "cardlint.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + 'known-ids = ["gpt-4v"]\n', encoding="utf-8"
    )
    assert _codes_at(corpus, "cards/multimodal-models.md") == set()


def test_per_file_ignores(corpus: Path) -> None:
    (corpus / "cards" / "gpt-4v.md").unlink()
    config = corpus / "cardlint.toml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + '[per-file-ignores]\n"cards/multi*.md" = ["dangling-reference"]\n',
        encoding="utf-8",
    )
    found = _codes_at(corpus)
    assert {(path, code) for path, code, _, _ in found} == {
        ("cards/transformer.md", "CL301"),
        ("cards/vision-language.md", "CL301"),
    }


def test_cross_card_candidates_rule_out_only_cards_with_nothing_to_report(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Broken references, a shared id and a known id, then every cross-card rule on.
    cards = corpus / "cards"
    (cards / "attention.md").unlink()
    clip = cards / "clip.md"
    clip.write_text(
        clip.read_text(encoding="utf-8").replace("concept_id: clip", "concept_id: transformer"),
        encoding="utf-8",
    )
    request = CheckRequest(cwd=corpus, cache=False, today=TODAY, extend_select=["CL3"])
    narrowed = check(request)
    assert {v.code for v in narrowed.violations} >= {"CL301", "CL304"}
    for info in rule_index():
        if info.cross_card:
            rule = info.load()
            module = sys.modules[rule.check.__module__]
            monkeypatch.setattr(module, "RULE", dataclasses.replace(rule, candidates=None))
    assert check(request) == narrowed


@pytest.mark.parametrize(
    ("mistake", "code"),
    [
        (("related_concepts: [", "related_concepts: [[["), "CL003"),
        (("concept_id: clip\n", ""), "CL101"),
        (("concept_id: clip\n", "concept_id: cilp\n"), "CL305"),
    ],
    ids=["front matter does not parse", "id field deleted", "id misspelt"],
)
def test_a_broken_card_is_not_missing_for_the_cards_that_list_it(
    corpus: Path, mistake: tuple[str, str], code: str
) -> None:
    clip = corpus / "cards" / "clip.md"
    clip.write_text(clip.read_text(encoding="utf-8").replace(*mistake, 1), encoding="utf-8")
    listers = {p: p.read_bytes() for p in (corpus / "cards").glob("*.md") if p != clip}
    assert {(path, found) for path, found, _, _ in _codes_at(corpus)} == {("cards/clip.md", code)}
    # Nor does a fix "repair" a reference whose target merely failed to load.
    run_cli("check", "--fix", "--unsafe-fixes", cwd=corpus)
    assert {p: p.read_bytes() for p in listers} == listers


def test_proposals_link_by_integer_ids_in_every_written_form(tmp_path: Path) -> None:
    project = write_proposals(tmp_path)
    assert run_cli("check", cwd=project).code == 0
    stats = run_cli("stats", "--format", "json", cwd=project).json()
    assert stats["references"]["total"] == 7
    assert (stats["dangling_references"], stats["orphans"]) == (0, 3)


def test_a_proposal_gone_is_reported_where_each_form_names_it(tmp_path: Path) -> None:
    project = write_proposals(tmp_path)
    (project / "cards" / "eip-2718.md").unlink()
    # `requires: 2718, 2930`, `requires: 2718` and `requires: [1559, 2718, 2930]`.
    assert _codes_at(project) == {
        ("cards/eip-1559.md", "CL301", 4, 11),
        ("cards/eip-2930.md", "CL301", 4, 11),
        ("cards/eip-4844.md", "CL301", 4, 18),
    }


@pytest.mark.parametrize(
    ("mistake", "code"),
    [
        (("eip: 2718\n", "eip: [2718\n"), "CL003"),
        (("eip: 2718\n", ""), "CL101"),
        (("eip: 2718\n", "eip: 2781\n"), "CL305"),
    ],
    ids=["front matter does not parse", "id field deleted", "id misspelt"],
)
def test_a_broken_proposal_is_the_one_its_file_name_names(
    tmp_path: Path, mistake: tuple[str, str], code: str
) -> None:
    project = write_proposals(tmp_path)
    card = project / "cards" / "eip-2718.md"
    card.write_text(card.read_text(encoding="utf-8").replace(*mistake, 1), encoding="utf-8")
    assert {(path, found) for path, found, _, _ in _codes_at(project)} == {
        ("cards/eip-2718.md", code)
    }


@pytest.mark.parametrize(
    ("template", "name", "expected"),
    [
        (None, "cards/clip.md", "clip"),
        (None, "clip.MD", "clip"),
        (None, "notes.markdown", "notes.markdown"),
        ("eip-{eip}.md", "eip-1559.md", "1559"),
        ("eip-{eip}.md", "1559.md", None),
        ("{eip:04d}-{slug}.md", "0042-use-markdown.md", "42"),
        ("{eip:04d}-{slug}.md", "use-markdown.md", None),
        ("{slug}--{eip}.md", "a--b--7.md", "b--7"),
    ],
)
def test_a_file_name_gives_the_id_its_template_places_in_it(
    template: str | None, name: str, expected: str | None
) -> None:
    assert file_names(template, "eip" if template else "concept_id").id_of(name) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("clip", "clip"), (1559, "1559"), (1559.0, "1559"), (-3, "-3"), ("", "")]
    + [(v, None) for v in (True, None, 1.5, [1], {"a": 1})],
)
def test_an_id_is_any_scalar_compared_as_text(value: object, expected: str | None) -> None:
    assert id_text(value) == expected


NO_GUESS = "write the card, or list the id under `known-ids` if it is planned"


@pytest.mark.parametrize(
    ("written", "hint"), [("2719", NO_GUESS), ("1559a", "did you mean '1559'?")]
)
def test_a_dangling_number_gets_no_guess_by_spelling(
    tmp_path: Path, written: str, hint: str | None
) -> None:
    project = write_proposals(tmp_path)
    card = project / "cards" / "eip-2930.md"
    card.write_text(
        card.read_text(encoding="utf-8").replace("requires: 2718", f"requires: {written}")
    )
    found = run_cli("check", "--format", "json", cwd=project).json()["violations"]
    assert [(v["code"], v["hint"]) for v in found] == [("CL301", hint)]
