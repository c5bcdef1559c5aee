"""Finding card files: the walk's order, its patterns, and one walk per folder per run."""

from __future__ import annotations

from pathlib import Path

from cardlint.load.discover import CardFinder


def _tree(root: Path) -> None:
    for relative in ["cards/b.md", "cards/a.md", "cards/notes.txt", "cards/sub/c.md", ".x/d.md"]:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("---\n---\n", encoding="utf-8")


def test_a_folder_is_walked_in_order_with_its_patterns(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = CardFinder(tmp_path, ["*.md"], [".*"]).find([tmp_path])
    assert [Path(f).relative_to(tmp_path).as_posix() for f in found] == [
        "cards/a.md",
        "cards/b.md",
        "cards/sub/c.md",
    ]


def test_the_same_folder_named_twice_gives_the_cards_of_its_first_walk(tmp_path: Path) -> None:
    """The corpus roots and the paths to check are often one folder: walked once, the
    targets are exactly the corpus's cards, even if a card appears in between."""
    _tree(tmp_path)
    finder = CardFinder(tmp_path, ["*.md"], [])
    corpus = finder.find([tmp_path / "cards"])
    (tmp_path / "cards" / "late.md").write_text("---\n---\n", encoding="utf-8")
    assert finder.find([str(tmp_path / "cards") + "/"]) == corpus
    assert CardFinder(tmp_path, ["*.md"], []).find([tmp_path / "cards"]) != corpus


def test_files_are_taken_as_named_once_each(tmp_path: Path) -> None:
    _tree(tmp_path)
    card = tmp_path / "cards" / "a.md"
    found = CardFinder(tmp_path, ["*.md"], []).find([card, tmp_path / "cards", card])
    assert found[0] == str(card) and found.count(str(card)) == 1
