"""A cache travels by content: restored into a fresh checkout it makes a warm run; committed,
tampered with or stale, it hides no violation."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml

from cardlint.cache import folder, stamps
from cardlint.run import result_cache, workers
from tests.cache_helpers import companion, load, make_messy, results_file, seal
from tests.cache_helpers import report_json as _json
from tests.conftest import CORPUS_PASSED, REPO, cardlint_command, run_cli, summary
from tests.gitscratch import git

CACHE = ".cardlint_cache"


@pytest.fixture(autouse=True)
def _fresh_git_answers() -> Iterator[None]:
    """What git said of a folder is remembered per process; these tests change it."""
    folder._tracked.cache_clear()
    yield
    folder._tracked.cache_clear()


@pytest.fixture
def origin(corpus: Path) -> Path:
    """Cards with violations, committed to a git repository (the cache not among them)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    make_messy(corpus)
    git("init", "-q", cwd=corpus)
    git("add", "cards", "cardlint.toml", cwd=corpus)
    git("commit", "-q", "-m", "cards", cwd=corpus)
    return corpus


@pytest.fixture
def clone(origin: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh checkout elsewhere: other folders, other inodes, other times."""
    folder = tmp_path_factory.mktemp("ci") / "checkout"
    git("clone", "-q", str(origin), str(folder), cwd=origin.parent)
    return folder


class Spy:
    """Which cards a run analyses and which it hashes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.analysed: list[str] = []
        self.hashed: list[str] = []
        analyse_all, fingerprints = workers._analyse_all, stamps.fingerprints

        def analysing(paths: Sequence[str], *rest: Any) -> Any:
            self.analysed.extend(paths)
            return analyse_all(paths, *rest)

        def hashing(paths: Sequence[str], *rest: int) -> list[tuple[str, str] | None]:
            self.hashed.extend(paths)
            return fingerprints(paths, *rest)

        hashed = self.hashed

        class Reading(stamps.Reading):  # forked readers, counted here in the parent
            def __init__(self, paths: Sequence[str], *rest: int) -> None:
                hashed.extend(paths)
                super().__init__(paths, *rest)

        monkeypatch.setattr(workers, "_analyse_all", analysing)
        monkeypatch.setattr(result_cache, "fingerprints", hashing)
        monkeypatch.setattr(result_cache, "Reading", Reading)

    def reset(self) -> None:
        self.analysed.clear()
        self.hashed.clear()


def _restore(origin: Path, checkout: Path) -> None:
    """As a CI cache step restores the folder: copied in, untracked."""
    shutil.copytree(origin / CACHE, checkout / CACHE)


def _cards(project: Path) -> int:
    return len(list((project / "cards").glob("*.md")))


@pytest.mark.parametrize("workers", [1, 3])
def test_a_cache_restored_into_a_fresh_checkout_makes_a_warm_run(
    origin: Path, clone: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    monkeypatch.setattr(stamps, "SHARE_FROM", 1)  # forked readers, with 3 workers
    _json(origin, cache=True)
    expected = _json(clone, cache=False)
    _restore(origin, clone)
    assert git("status", "--porcelain", cwd=clone) == ""  # the folder ignores itself
    spy = Spy(monkeypatch)
    assert _json(clone, cache=True, workers=workers) == expected
    assert spy.analysed == [] and len(spy.hashed) == _cards(clone)  # by content, not stamps
    spy.reset()
    assert _json(clone, cache=True) == expected
    assert spy.analysed == spy.hashed == []  # the stamps taken here now vouch for the cards


def test_outside_git_a_cache_is_used_only_in_the_folder_that_wrote_it(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing tells where a copied folder came from: it may be a tarball with a cache in it.
    _json(make_messy(corpus), cache=True)
    copy = tmp_path_factory.mktemp("copy") / "project"
    shutil.copytree(corpus, copy)
    spy = Spy(monkeypatch)
    assert _json(copy, cache=True) == _json(copy, cache=False)
    assert len(spy.analysed) == 2 * _cards(copy)  # the cached run was a cold one


def _forge(project: Path) -> None:
    """The cache rewritten, sealed as cardlint seals it, to say that no card has findings."""
    for file in sorted((project / CACHE).glob("*.json")):
        document = load(file)
        if "own" in document:
            document["own"] = [""] * len(document["own"])
        seal(file, document)  # naming the folder it is in now: a device and inode foreseen


def _errors(report: str) -> int:
    errors: int = json.loads(report)["summary"]["errors"]
    return errors


def test_a_committed_cache_is_never_trusted(
    origin: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    expected = _json(origin, cache=False)
    assert _errors(expected) > 0
    _json(origin, cache=True)
    _forge(origin)
    # The harm: a forged cache that is trusted hides every card-local violation.
    assert _errors(_json(origin, cache=True)) < _errors(expected)
    # A pull request commits it; the CI checkout holds it, with the very folder it names.
    git("add", "-f", CACHE, cwd=origin)
    git("commit", "-q", "-m", "a cache that says all is well", cwd=origin)
    checkout = tmp_path_factory.mktemp("pr") / "checkout"
    git("clone", "-q", str(origin), str(checkout), cwd=origin.parent)
    _forge(checkout)
    assert _json(checkout, cache=True) == expected
    folder._tracked.cache_clear()
    assert _json(origin, cache=True) == expected  # and where it was forged, once committed


@pytest.mark.parametrize("where", ["in place", "restored"])
def test_an_entry_edited_to_hide_a_violation_is_not_trusted(
    origin: Path, clone: Path, where: str
) -> None:
    expected = _json(origin, cache=False)
    _json(origin, cache=True)
    project = origin if where == "in place" else clone
    if where == "restored":
        _restore(origin, clone)
    table = results_file(project)
    document = load(table)
    document["own"] = [""] * len(document["own"])
    del document["check"]
    # Written as cardlint writes it, under the check it had: which no longer matches.
    body = json.dumps(document, separators=(",", ":")).encode("ascii")
    table.write_bytes(table.read_bytes()[: len('{"check":"",') + 64] + body[1:])
    assert _json(project, cache=True) == expected


def _restored_after_an_edit(origin: Path, clone: Path) -> Any:
    """Save origin's cache, edit gpt-4v.md in the clone, restore the cache there; returns the
    clone's report made without a cache."""
    _json(origin, cache=True)
    card = clone / "cards" / "gpt-4v.md"
    card.write_text(
        card.read_text(encoding="utf-8").replace("category: ", "category: z"), encoding="utf-8"
    )
    expected = _json(clone, cache=False)
    _restore(origin, clone)
    return expected


def test_stamps_taken_in_another_folder_never_vouch(
    origin: Path, clone: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Stamps that happen to match the checkout's files (forged here) still name the folder
    # they were taken in: the card edited since the cache was saved is analysed again.
    expected = _restored_after_an_edit(origin, clone)
    stamps_file = companion(results_file(clone), "stamps")
    names = load(results_file(clone))["cards"]
    now = stamps.stamps([str(clone / name) for name in names])
    seal(stamps_file, {**load(stamps_file), "stamps": now})
    spy = Spy(monkeypatch)
    assert _json(clone, cache=True) == expected
    assert [Path(p).name for p in spy.analysed] == ["gpt-4v.md"]


def test_a_record_whose_digest_does_not_match_is_not_used(
    origin: Path, clone: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cache restored is older than the checkout: a card was edited since it was saved.
    expected = _restored_after_an_edit(origin, clone)
    spy = Spy(monkeypatch)
    assert _json(clone, cache=True) == expected
    assert [Path(p).name for p in spy.analysed] == ["gpt-4v.md"]


def test_stamps_taken_against_other_records_do_not_vouch_for_them(messy: Path) -> None:
    # Two runs at once: one leaves the stamps of an edited card, the other the records from
    # before the edit (here: the changes file holding the edit is gone).
    _json(messy, cache=True)
    card = messy / "cards" / "gpt-4v.md"
    card.write_text(
        card.read_text(encoding="utf-8").replace("category: ", "category: z"), encoding="utf-8"
    )
    _json(messy, cache=True)
    companion(results_file(messy), "changes").unlink()
    assert _json(messy, cache=True) == _json(messy, cache=False)


def test_where_git_cannot_answer_a_cache_is_used_only_where_written(
    origin: Path, clone: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _json(origin, cache=True)
    _restore(origin, clone)
    monkeypatch.setenv("PATH", "")  # no git to ask
    spy = Spy(monkeypatch)
    assert _json(clone, cache=True) == _json(clone, cache=False)
    assert len(spy.analysed) == 2 * _cards(clone)


@pytest.fixture
def messy(corpus: Path) -> Path:
    return make_messy(corpus)


@pytest.mark.parametrize("fork", ["forked", "fork fails"])
def test_forked_readers_find_what_one_process_finds(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, fork: str
) -> None:
    os.mkfifo(corpus / "cards" / "fifo.md")
    (corpus / "cards" / "folder.md").mkdir()
    (corpus / "cards" / "big.md").write_bytes(b"x" * 40_001)
    paths = [str(p) for p in sorted((corpus / "cards").iterdir())] + [str(corpus / "gone.md")]
    alone = stamps.fingerprints(paths, 40_000)
    unread = {Path(path).name for path, found in zip(paths, alone, strict=True) if not found}
    assert unread == {"fifo.md", "folder.md", "big.md", "gone.md"}
    monkeypatch.setattr(stamps, "SHARE_FROM", 1)
    if fork == "fork fails":
        monkeypatch.setattr(os, "fork", _no_fork)
    reading = stamps.Reading.start(paths, 40_000, workers=3)
    assert reading is not None and reading.result() == alone


def _no_fork() -> int:
    raise OSError("no more processes")


def _steps() -> dict[str, dict[str, Any]]:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    return {step.get("name", step.get("uses")): step for step in action["runs"]["steps"]}


def test_the_action_restores_the_cache_before_the_check_and_saves_it_after() -> None:
    steps = _steps()
    names = list(steps)
    restore, save = steps["Restore the cardlint cache"], steps["Save the cardlint cache"]
    assert names.index("Cache key") < names.index("Restore the cardlint cache")
    assert names.index("Restore the cardlint cache") < names.index("Run cardlint")
    assert names.index("Run cardlint") < names.index("Save the cardlint cache")
    assert restore["uses"].startswith("actions/cache/restore@")
    assert save["uses"].startswith("actions/cache/save@")
    folder = "${{ steps.cardlint-cache.outputs.folder }}"
    assert restore["with"]["path"] == save["with"]["path"] == folder
    key = restore["with"]["key"]
    assert key.endswith("-${{ hashFiles('**/*.md') }}")  # the cards' content, last
    for fallback in restore["with"]["restore-keys"].splitlines():
        assert key.startswith(fallback) and fallback.startswith(
            "${{ steps.cardlint-cache.outputs.prefix }}"  # never another code's cache
        )
    assert save["with"]["key"] == "${{ steps.cardlint-restore.outputs.cache-primary-key }}"
    assert save["if"].startswith("always()") and "pull_request_target" in save["if"]


@pytest.mark.parametrize("config", ["", "docs/cardlint.toml"])
def test_the_cache_key_step_names_the_folder_cardlint_writes(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory, config: str
) -> None:
    project = corpus
    if config:
        project = corpus / "docs"
        project.mkdir()
        (corpus / "cardlint.toml").rename(project / "cardlint.toml")
        (project / "cardlint.toml").write_text(
            'today = "2026-11-29"\nroots = ["../cards"]\n', encoding="utf-8"
        )
    outputs = tmp_path_factory.mktemp("outputs") / "github-output"
    python = Path(cardlint_command()[0]).parent
    environment = {
        **os.environ,
        "PATH": f"{python}{os.pathsep}{os.environ['PATH']}",
        "CARDLINT_CONFIG": config,
        "GITHUB_OUTPUT": str(outputs),
        "RUNNER_OS": "Linux",
    }
    script = _steps()["Cache key"]["run"]
    subprocess.run(["bash", "-c", script], cwd=corpus, env=environment, check=True)
    found = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines())
    assert re.fullmatch(r"cardlint-Linux-[0-9a-f]{16}", found["prefix"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", found["day"])
    arguments = ["check", "--config", config] if config else ["check"]
    result = run_cli(*arguments, cwd=corpus)
    assert (result.code, summary(result)) == (0, CORPUS_PASSED), result.out + result.err
    assert (corpus / found["folder"] / ".gitignore").is_file()
