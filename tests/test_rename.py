"""`cardlint rename OLD NEW`: the id, the file and every reference, and nothing else."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli


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
