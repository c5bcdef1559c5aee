"""The result cache and worker processes never change what is reported."""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest

from cardlint.app import build_job
from cardlint.cache import facts_column
from cardlint.cache import table as cache_table
from cardlint.cache.facts_column import FactsColumn, LostFacts
from cardlint.cache.table import FORMAT
from cardlint.facts.columns import NONE
from cardlint.run import workers
from cardlint.run.engine import run
from cardlint.settings.request import CheckRequest
from tests.cache_helpers import companion, load, make_messy, results_file, seal
from tests.cache_helpers import report_json as _json
from tests.conftest import CORPUS_PASSED, TODAY, Result, cardlint_command, run_cli, summary


@pytest.fixture
def messy(corpus: Path) -> Path:
    return make_messy(corpus)


def test_cache_and_workers_give_byte_identical_reports(
    messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    plain = _json(messy, cache=False)
    assert json.loads(plain)["summary"]["errors"] > 1
    assert _json(messy, cache=False, workers=2) == plain
    assert _json(messy, cache=True, workers=2) == plain  # cold: fills the cache
    assert (messy / ".cardlint_cache").is_dir()
    assert _json(messy, cache=True) == plain  # warm


def test_facts_other_cards_may_contradict_are_kept_in_the_cache(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two cards naming one concept (CL310): a warm run takes each card's facts from its
    # record (an entry without them would have its card read again, every run).
    clip = (corpus / "cards" / "clip.md").read_text(encoding="utf-8")
    copy = clip.replace("concept_id: clip\n", "concept_id: clip-copy\n")
    (corpus / "cards" / "clip-copy.md").write_text(copy, encoding="utf-8")
    expected = _json(corpus, cache=False)
    assert "CL310" in expected
    _json(corpus, cache=True)
    facts = load(companion(results_file(corpus), "facts"))["facts"].split(";")  # one string
    assert len(facts) == 11 and NONE not in facts
    monkeypatch.setattr(workers, "_analyse_all", _nothing_analysed)
    assert _json(corpus, cache=True) == expected


def _nothing_analysed(paths: list[str], *rest: object) -> list[object]:
    assert not paths, "a card was analysed again"
    return []


def test_workers_send_results_whatever_rules_run(
    messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without CL302 or CL303 no rule asks where references are written before the results
    # travel back from the workers.
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    job = build_job(CheckRequest(cwd=messy, cache=False, today=TODAY, select=["CL1", "CL301"]))
    alone, forked = run(replace(job, workers=1)).report, run(replace(job, workers=2)).report
    assert forked == alone and any(v.code == "CL301" for v in forked.violations)


@pytest.mark.parametrize("change", ["edit", "delete", "rename", "touch", "edit-in-place"])
def test_changes_between_cached_runs_are_seen(messy: Path, change: str) -> None:
    _json(messy, cache=True)
    card = messy / "cards" / "gpt-4v.md"
    if change == "edit-in-place":  # the same size and inode, the modification time set back
        before = card.stat()
        edited = card.read_bytes().replace(b"category: ", b"category:z")
        with card.open("r+b") as out:
            out.write(edited)
        os.utime(card, ns=(before.st_atime_ns, before.st_mtime_ns))
    elif change == "edit":
        card.write_text(
            card.read_text(encoding="utf-8").replace("category: ", "category: z"), encoding="utf-8"
        )
    elif change == "delete":
        card.unlink()
    elif change == "rename":
        card.rename(messy / "cards" / "gpt4v.md")
    else:
        card.write_bytes(card.read_bytes())
    assert _json(messy, cache=True) == _json(messy, cache=False)


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        f'{{"format": "{FORMAT}", "cards": []}}',  # unsealed, as a hand-made file would be
        f'{{"check":"{"0" * 64}","format": "{FORMAT}", "cards": []}}',  # a check that fails
    ],
)
def test_a_corrupt_or_unsealed_cache_is_ignored_and_rebuilt(messy: Path, content: str) -> None:
    expected = _json(messy, cache=False)
    _json(messy, cache=True)
    file = results_file(messy)
    file.write_text(content, encoding="utf-8")
    assert _json(messy, cache=True) == expected
    assert load(file)["format"] == FORMAT


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("cards", 3),  # sealed, but not a table
        ("digests", [1]),
        ("ids", 5),  # an id that is not text
        ("targets", ["clip", 3]),  # a reference that is not text
        ("labels", "x"),
        ("own", '[[["CL999"]], []]'),  # a finding that does not decode
        ("located", "[1]"),  # positions that do not decode: found only when a report needs them
        ("located", '[2, 1, ["related_concepts"], [0, "x", 1]]'),
    ],
)
@pytest.mark.parametrize("touched", [False, True], ids=["unchanged", "one-card-touched"])
def test_a_malformed_record_is_rebuilt_not_a_crash(
    messy: Path, column: str, value: object, touched: bool
) -> None:
    # Sealed again after the edit, and the stamps kept vouching: only the records are wrong.
    expected = _json(messy, cache=False)
    _json(messy, cache=True)
    file = results_file(messy)
    document = load(file)
    document[column] = [value] * len(document[column]) if column != "cards" else value
    check = seal(file, document)
    stamps = companion(file, "stamps")
    seal(stamps, {**load(stamps), "base": f"{check}:"})
    if touched:  # a new stat on the same bytes: that card is hashed
        os.utime(messy / "cards" / "clip.md", ns=(1, 1))
    assert _json(messy, cache=True) == expected


def _duplicated(corpus: Path) -> None:
    """A copy of clip.md under another id: CL310 reports it from the two cards' facts."""
    clip = (corpus / "cards" / "clip.md").read_text(encoding="utf-8")
    copy = clip.replace("concept_id: clip\n", "concept_id: clip-copy\n")
    (corpus / "cards" / "clip-copy.md").write_text(copy, encoding="utf-8")


def test_a_warm_run_that_changed_nothing_reads_no_facts(
    messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _duplicated(messy)
    expected = _json(messy, cache=True)
    assert "CL310" in expected

    def unread(self: FactsColumn) -> list[str]:
        raise AssertionError("facts read")

    monkeypatch.setattr(FactsColumn, "_values", unread)
    assert _json(messy, cache=True) == expected


def test_facts_are_read_from_the_file_only_for_rows_not_patched(tmp_path: Path) -> None:
    table = tmp_path / "cache" / "key.json"
    facts_column.write(table, "the table's check", ["a0", "b0", "c0"])
    column = FactsColumn(table, "the table's check", 3)
    column[1] = "b1"
    assert column.at([2, 1, 0]) == ["c0", "b1", "a0"]
    assert list(column) == ["a0", "b1", "c0"]
    unread = FactsColumn(None, "", 3)  # no file to read: only patched rows can be asked for
    unread[0], unread[2] = "a1", "c1"
    assert unread.at([2, 0]) == ["c1", "a1"]
    with pytest.raises(LostFacts):
        unread.at([0, 1])


@pytest.mark.parametrize("damage", ["missing", "unsealed", "another table's", "malformed"])
def test_lost_facts_are_found_again_and_the_table_rebuilt(messy: Path, damage: str) -> None:
    _duplicated(messy)
    _json(messy, cache=True)
    table = results_file(messy)
    facts = companion(table, "facts")
    if damage == "missing":
        facts.unlink()
    elif damage == "unsealed":
        facts.write_text(facts.read_text(encoding="utf-8").replace("clip", "clap"), "utf-8")
    else:
        changed = {"table": "0" * 64} if damage == "another table's" else {"facts": 7}
        seal(facts, {**load(facts), **changed})
    _edit(messy / "cards" / "clip.md", "An edit of prose: the agreement is asked again.")
    expected = _json(messy, cache=False)
    assert "CL310" in expected
    assert _json(messy, cache=True) == expected  # the cards' facts read from them again
    assert not table.exists()  # a table that cannot be completed is dropped
    assert _json(messy, cache=True) == expected
    assert load(facts)["table"] == load(table)["check"]


def _edit(card: Path, words: str) -> None:
    card.write_text(card.read_text(encoding="utf-8") + f"\n{words}\n", encoding="utf-8")


def test_edits_go_to_the_changes_file_until_it_grows_too_long(
    messy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _json(messy, cache=True)
    table = results_file(messy)
    written = table.read_bytes()
    changes = companion(table, "changes")
    for number, name in enumerate(["clip.md", "gpt-4v.md"], start=1):
        _edit(messy / "cards" / name, f"Edit {number}.")
        assert _json(messy, cache=True) == _json(messy, cache=False)
        assert table.read_bytes() == written  # the table is left as it was
        assert len(load(changes)["rows"]) == number
    before = changes.stat().st_mtime_ns
    assert _json(messy, cache=True) == _json(messy, cache=False)
    assert changes.stat().st_mtime_ns == before  # nothing changed, nothing written
    monkeypatch.setattr(cache_table, "MAX_CHANGES", 2)
    _edit(messy / "cards" / "clip.md", "Edit 3.")
    _edit(messy / "cards" / "transformer.md", "Edit 4.")
    assert _json(messy, cache=True) == _json(messy, cache=False)
    assert table.read_bytes() != written and not changes.exists()


@pytest.mark.parametrize(
    "tamper",
    ["base", "folder", "unknown card", "short row", "row types", "not json", "unsealed"],
)
def test_a_changes_file_that_does_not_fit_its_table_is_not_trusted(
    messy: Path, tamper: str
) -> None:
    _json(messy, cache=True)
    _edit(messy / "cards" / "clip.md", "An edit.")
    _json(messy, cache=True)
    changes = companion(results_file(messy), "changes")
    document = load(changes)
    [(name, row)] = document["rows"].items()
    assert row[4], "the edited card has findings of its own"
    claim = [*row[:4], "", *row[5:]]  # claims it has none
    document["rows"][name] = claim
    if tamper == "base":
        document["base"] = "0" * 64
    elif tamper == "folder":  # written in another folder, outside git: not trusted
        document["folder"] = "1:1"
    elif tamper == "unknown card":
        document["rows"]["cards/none.md"] = claim
    elif tamper == "short row":
        document["rows"][name] = row[:-1]
    elif tamper == "row types":
        document["rows"][name] = [*row[:2], 5, *row[3:]]
    if tamper == "not json":
        changes.write_text("{", encoding="utf-8")
    elif tamper == "unsealed":  # the claim, as an edit by hand leaves it
        changes.write_text(json.dumps(document), encoding="utf-8")
    else:
        seal(changes, document)
    assert _json(messy, cache=True) == _json(messy, cache=False)


def test_concurrent_runs_leave_a_valid_cache(messy: Path) -> None:
    command = [*cardlint_command(), "check", "--format", "json"]
    runs = [subprocess.Popen(command, cwd=messy, stdout=subprocess.PIPE) for _ in range(4)]
    outputs = {run.communicate(timeout=120)[0] for run in runs}
    assert len(outputs) == 1
    assert load(results_file(messy))["format"] == FORMAT


def _passed(result: Result) -> bool:
    return (result.code, summary(result)) == (0, CORPUS_PASSED)


def test_no_cache_cache_dir_and_clean(corpus: Path) -> None:
    assert _passed(run_cli("check", "--no-cache", cwd=corpus))
    assert not (corpus / ".cardlint_cache").exists()
    assert _passed(run_cli("check", "--cache-dir", "elsewhere", cwd=corpus))
    assert (corpus / "elsewhere" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert _passed(run_cli("check", cwd=corpus))
    cleaned = run_cli("clean", cwd=corpus)
    assert cleaned.code == 0 and "Removed" in cleaned.out and ".cardlint_cache" in cleaned.out
    assert not (corpus / ".cardlint_cache").exists()
    assert run_cli("clean", cwd=corpus).out.strip() == "No cache to remove."


def test_files_of_other_keys_are_pruned_after_a_week(messy: Path) -> None:
    _json(messy, cache=True)
    table = results_file(messy)
    week_ago = time.time() - 8 * 24 * 3600
    ours = companion(table, "agreement")  # what another module keeps beside the table
    other = table.with_name("0" * 24 + ".json")
    for file in (ours, other, table):
        file.write_bytes(table.read_bytes())
        os.utime(file, (week_ago, week_ago))
    _edit(messy / "cards" / "clip.md", "An edit: the run writes, and prunes.")
    _json(messy, cache=True)
    assert ours.exists() and table.exists() and not other.exists()
