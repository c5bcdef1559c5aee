"""`cardlint rename OLD NEW`: the id, the file and every reference, and nothing else."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.proposals import SCHEMA, write_proposals


def _violations(project: Path) -> list[tuple[str, int, str]]:
    """Where and what; columns shift on a line where a longer id was written."""
    document = run_cli("check", "--format", "json", "--exit-zero", cwd=project).json()
    found = document["violations"]
    assert isinstance(found, list)
    return sorted((v["path"], v["line"], v["code"]) for v in found)


def test_rename_rewrites_id_file_and_references_surgically(corpus: Path) -> None:
    cards = corpus / "cards"
    untouched = {p.name: p.read_bytes() for p in cards.iterdir()}
    referrers = [p.name for p in cards.glob("*.md") if b" clip," in p.read_bytes()]

    result = run_cli("rename", "clip", "clip-model", cwd=corpus)

    assert result.code == 0, result.err
    assert "Renamed 'clip' to 'clip-model'" in result.out
    assert "cards/clip.md -> cards/clip-model.md (renamed)" in result.out
    assert not (cards / "clip.md").exists()
    moved = (cards / "clip-model.md").read_bytes()
    assert moved == untouched["clip.md"].replace(b"concept_id: clip\n", b"concept_id: clip-model\n")
    for name in referrers:
        assert (cards / name).read_bytes() == untouched[name].replace(b" clip,", b" clip-model,")
    assert _violations(corpus) == []


def test_rename_keeps_the_corpus_exactly_as_clean_as_before(corpus: Path) -> None:
    card = corpus / "cards" / "attention.md"
    text = card.read_text(encoding="utf-8")
    # Problems unrelated to the rename, on lines the rename touches, with a comment and quotes.
    card.write_text(
        text.replace("related_concepts: [", "related_concepts: ['clip', clip, ghost, ", 1).replace(
            "difficulty: ", "difficulty: expert  # was ", 1
        ),
        encoding="utf-8",
    )
    before = _violations(corpus)
    assert {code for *_, code in before} >= {"CL301", "CL303", "CL103"}, before

    renamed = run_cli("rename", "clip", "clip-model", cwd=corpus)
    assert renamed.code == 0, renamed.err
    assert "Renamed 'clip' to 'clip-model'" in renamed.out

    assert _violations(corpus) == before
    assert "related_concepts: ['clip-model', clip-model, ghost, " in card.read_text("utf-8")


def test_dry_run_prints_the_diff_and_changes_nothing(corpus: Path) -> None:
    before = {p.name: p.read_bytes() for p in (corpus / "cards").iterdir()}
    result = run_cli("rename", "clip", "clip-model", "--dry-run", cwd=corpus)
    assert result.code == 0
    assert result.out.startswith("--- a/cards/clip.md\n+++ b/cards/clip-model.md\n")
    assert "-concept_id: clip\n+concept_id: clip-model\n" in result.out
    assert "+related_concepts: [clip-model, cross-modal-learning," in result.out
    assert {p.name: p.read_bytes() for p in (corpus / "cards").iterdir()} == before


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("clip", "gpt-4v", "a card with the id 'gpt-4v' already exists: cards/gpt-4v.md"),
        ("nope", "anything", "no card has the id 'nope'"),
        ("clip", "Bad_Id", "'Bad_Id' is not a valid concept_id: The card's id in kebab-case"),
    ],
)
def test_rename_refuses_with_a_clear_message(
    corpus: Path, old: str, new: str, message: str
) -> None:
    before = {p.name: p.read_bytes() for p in (corpus / "cards").iterdir()}
    result = run_cli("rename", old, new, cwd=corpus)
    assert result.code == 2
    assert message in result.err
    assert {p.name: p.read_bytes() for p in (corpus / "cards").iterdir()} == before


def test_rename_refuses_when_the_new_file_name_is_taken(corpus: Path) -> None:
    (corpus / "cards" / "clip-model.md").write_bytes(b"")
    result = run_cli("rename", "clip", "clip-model", cwd=corpus)
    assert result.code == 2
    assert "cards/clip-model.md already exists" in result.err


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


def test_rename_uses_git_mv_for_a_tracked_card(corpus: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    _git("init", "-q", cwd=corpus)
    _git("add", "cards", cwd=corpus)

    result = run_cli("rename", "clip", "clip-model", cwd=corpus)

    assert result.code == 0, result.err
    assert "(git mv)" in result.out
    tracked = _git("ls-files", "cards", cwd=corpus).split()
    assert "cards/clip-model.md" in tracked and "cards/clip.md" not in tracked
    assert _violations(corpus) == []


def test_rename_follows_the_file_name_template_and_every_reference_form(tmp_path: Path) -> None:
    project = write_proposals(tmp_path)
    cards = project / "cards"
    before = {p.name: p.read_text(encoding="utf-8") for p in cards.iterdir()}

    result = run_cli("rename", "2718", "2719", cwd=project)

    assert result.code == 0, result.err
    assert "Renamed '2718' to '2719' in 4 cards (3 references)" in result.out
    assert "cards/eip-2718.md -> cards/eip-2719.md (renamed)" in result.out
    after = {p.name: p.read_text(encoding="utf-8") for p in cards.iterdir()}
    changed = {
        "eip-2719.md": ("eip-2718.md", "eip: 2718\n", "eip: 2719\n"),  # an integer stays one
        "eip-1559.md": ("eip-1559.md", "requires: 2718, 2930", "requires: 2719, 2930"),
        "eip-2930.md": ("eip-2930.md", "requires: 2718\n", "requires: 2719\n"),
        "eip-4844.md": ("eip-4844.md", "[1559, 2718, 2930]", "[1559, 2719, 2930]"),
    }
    for name, (was, old, new) in changed.items():
        assert after.pop(name) == before.pop(was).replace(old, new)
    assert after == before
    assert _violations(project) == []


@pytest.mark.parametrize(
    ("old", "new", "moved", "written"),
    [
        ("7", "8", "eip-8.md", 'eip: "8"\n'),  # a quoted id stays quoted
        ("3198", "3199", "eip-3199.md", "eip: 3199\n"),
    ],
)
def test_rename_keeps_how_the_id_is_written(
    tmp_path: Path, old: str, new: str, moved: str, written: str
) -> None:
    project = write_proposals(tmp_path)
    assert run_cli("rename", old, new, cwd=project).code == 0
    assert written in (project / "cards" / moved).read_text(encoding="utf-8")


def test_rename_a_quoted_reference_inside_a_string(tmp_path: Path) -> None:
    project = write_proposals(tmp_path)
    assert run_cli("rename", "1559", "1560", cwd=project).code == 0
    assert 'requires: "1560"\n' in (project / "cards" / "eip-3198.md").read_text("utf-8")
    assert "requires: [1560, 2718, 2930]" in (project / "cards" / "eip-4844.md").read_text("utf-8")
    assert _violations(project) == []


def test_rename_leaves_a_file_the_template_does_not_name_where_it_is(tmp_path: Path) -> None:
    project = write_proposals(tmp_path)
    cards = project / "cards"
    (cards / "eip-2930.md").rename(cards / "access-lists.md")

    assert run_cli("rename", "2930", "2931", cwd=project).code == 0

    assert "eip: 2931\n" in (cards / "access-lists.md").read_text(encoding="utf-8")
    assert not (cards / "eip-2931.md").exists()


def test_rename_pads_a_number_as_the_template_does(tmp_path: Path) -> None:
    schema = {
        **SCHEMA,
        "x-cardlint": {"id_field": "eip", "file_name": "{eip:04d}-{title}.md"},
    }
    project = write_proposals(tmp_path, schema)
    cards = project / "cards"
    for card in cards.iterdir():
        card.unlink()
    (cards / "0042-records.md").write_text("---\neip: 42\ntitle: records\n---\n", "utf-8")

    result = run_cli("rename", "42", "108", cwd=project)

    assert result.code == 0, result.err
    assert (cards / "0108-records.md").read_text("utf-8") == "---\neip: 108\ntitle: records\n---\n"


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("1559", "a card with the id '1559' already exists: cards/eip-1559.md"),
        ("2718, 1", "cannot rewrite '2718' safely"),
    ],
)
def test_rename_of_a_proposal_refuses_with_a_clear_message(
    tmp_path: Path, new: str, message: str
) -> None:
    project = write_proposals(tmp_path)
    result = run_cli("rename", "2718", new, cwd=project)
    assert result.code == 2
    assert message in result.err
