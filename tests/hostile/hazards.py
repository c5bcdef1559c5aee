"""The hostile corpus as a project on disk: the committed cards plus the hazards made at test time.

Some hazards cannot be committed: they are too big (a 10 MB body, a 4 GiB sparse file), or
only a file system holds them (file names with a newline or a byte that is not UTF-8, a FIFO,
symlinks to /dev/zero, out of the tree and in a loop). `build` makes them all in a folder, for
tests/test_hostile.py and benchmarks/hostile.py alike:

    ROOT/project/cardlint.toml
    ROOT/project/cards/          the committed cards, the generated ones, the odd names
    ROOT/outside/secret.md       what the symlink out of the project points at
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from tests.hostile import make_cards

TODAY = "2026-11-29"
SECRET = "TOP-SECRET-4f9c2a"
"""In the file outside the project: no report may ever contain it."""

MIB = 1024 * 1024

# Odd file names: each holds a clean card whose id cannot equal its stem, so each gets one
# CL305, whose message quotes the name. Keyed by how reports show the path (non-UTF-8 bytes as
# `\xNN`, as cardlint's display paths do).
ODD_NAMES: dict[str, bytes] = {
    "cards/colon:3:7: CL999 forged.md": b"colon:3:7: CL999 forged.md",
    "cards/100%25 done.md": b"100%25 done.md",
    "cards/comma, here.md": b"comma, here.md",
    "cards/new\nline.md": b"new\nline.md",
    "cards/esc\x1b[2J\x1b[31m.md": b"esc\x1b[2J\x1b[31m.md",
    "cards/rlo\u202edm.exe.md": "rlo\u202edm.exe.md".encode(),
    "cards/bad\udcff\udcfe.md": b"bad\xff\xfe.md",
    "cards/--format=json.md": b"--format=json.md",
    "cards/::error file=x::forged.md": b"::error file=x::forged.md",
}


def base_card(card_id: str) -> bytes:
    return make_cards.utf8(card_id)


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(data)


def _huge_body(folder: Path) -> None:
    # Over the size limit: must be refused from its size alone, never read.
    body = ("一段很长的说明。" * 8).encode() + b"\n"
    _write(
        folder / "huge-body-10mb.md", base_card("huge-body-10mb") + body * (10 * MIB // len(body))
    )


def _image_brackets_1mb(folder: Path) -> None:
    # 1 MB of `![a` in a paragraph: every one opens a link that never closes.
    card = make_cards.utf8("image-brackets-1mb", body={24: "![a" * 333_333})
    assert len(card) < MIB
    _write(folder / "image-brackets-1mb.md", card)


def _brackets_title_1mb(folder: Path) -> None:
    # A title of 900,000 `(` on a card without names: the title template `{zh} ({en})` then
    # matches any text, which a backtracking regex did in quadratic time.
    _write(
        folder / "paren-title-1mb.md",
        b"---\nconcept_id: paren-title-1mb\n---\n\n# " + b"(" * 900_000 + b"\n",
    )


def _sparse_4gib(folder: Path) -> None:
    with (folder / "sparse-4gib.md").open("wb") as handle:
        handle.truncate(4 << 30)


def _fifo(folder: Path) -> None:
    # Reading it would block forever: no writer ever opens the other end.
    os.mkfifo(folder / "fifo.md")


def _dev_zero(folder: Path) -> None:
    (folder / "dev-zero.md").symlink_to("/dev/zero")


def _outside(folder: Path) -> None:
    secret = folder.parent.parent / "outside" / "secret.md"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text(f"---\nconcept_id: {SECRET}\n---\n# {SECRET}\n", encoding="utf-8")
    (folder / "outside.md").symlink_to(secret)
    # The same secret through a relative link, and through a linked folder on the way.
    (folder / "outside-relative.md").symlink_to(Path("..", "..", "outside", "secret.md"))
    (folder / "outside-folder").symlink_to(secret.parent, target_is_directory=True)


def _loops(folder: Path) -> None:
    (folder / "loop-a.md").symlink_to("loop-b.md")
    (folder / "loop-b.md").symlink_to("loop-a.md")
    (folder / "self-loop.md").symlink_to("self-loop.md")
    # A folder that contains itself: a walk that followed it would never end.
    nested = folder / "nested"
    nested.mkdir()
    (nested / "inner.md").write_bytes(base_card("inner"))
    (nested / "again").symlink_to("..", target_is_directory=True)
    (nested / "up").symlink_to(folder, target_is_directory=True)


def _inside_link(folder: Path) -> None:
    # A symlink that stays inside the project is an ordinary card under its own name: the
    # linked card and the link then claim the same id.
    (folder / "linked.md").write_bytes(base_card("linked"))
    (folder / "inside-link.md").symlink_to("linked.md")


def _odd_names(folder: Path) -> None:
    for number, raw in enumerate(ODD_NAMES.values(), start=1):
        name = os.fsdecode(raw)
        (folder / name).write_bytes(base_card(f"odd-name-{number}"))


GENERATED: dict[str, Callable[[Path], None]] = {
    "huge body": _huge_body,
    "1 MB of ![a": _image_brackets_1mb,
    "1 MB title of (": _brackets_title_1mb,
    "4 GiB sparse file": _sparse_4gib,
    "FIFO": _fifo,
    "symlink to /dev/zero": _dev_zero,
    "symlinks out of the project": _outside,
    "symlink loops": _loops,
    "symlink inside": _inside_link,
    "odd file names": _odd_names,
}


def build(root: Path, order: int = 1) -> Path:
    """Make the hostile project under `root`; returns the project folder.

    `order` -1 creates the files in reverse, for tests that the report does not depend on the
    order a file system lists them in.
    """
    project = root / "project"
    cards = project / "cards"
    cards.mkdir(parents=True)
    # Every card is the one base card with one hazard in it: they share their names by
    # design, and the duplicate-concept rule would call each a copy of the others.
    (project / "cardlint.toml").write_text(
        f'today = "{TODAY}"\nignore = ["CL310"]\n', encoding="utf-8"
    )
    static = sorted(make_cards.CARDS.glob("*.md"))[::order]
    for card in static:
        shutil.copyfile(card, cards / card.name)
    for make in list(GENERATED.values())[::order]:
        make(cards)
    return project
