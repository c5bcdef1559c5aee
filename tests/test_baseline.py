"""Baselines: what a corrupt one is told, and how many known violations a run hid."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cardlint.report.baseline import BaselineError, load_baseline
from tests.conftest import run_cli

_AGAIN = "; correct it, or record the current violations again with `cardlint check "


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "the file is empty"),
        (b"{nope", "not valid JSON at line 1, column 2"),
        (b"<<<<<<< HEAD\n{}", "not valid JSON at line 1, column 1"),
        (b'{"fingerprints": {}}\xff', "not valid JSON"),
        (b"[1, 2]", 'no "fingerprints" object'),
        (b'{"version": 1}', 'no "fingerprints" object'),
        (b'{"version": 2, "fingerprints": {}}', "its version is not 1"),
        (b'{"fingerprints": {"abc": "1"}}', "the count of fingerprint 'abc' is not a whole number"),
        (b'{"fingerprints": {"abc": 0}}', "the count of fingerprint 'abc' is not a whole number"),
        (b'{"fingerprints": {"abc": true}}', "the count of fingerprint 'abc' is not a whole"),
    ],
)
def test_a_corrupt_baseline_says_what_is_wrong_in_one_line(
    content: bytes, problem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.json").write_bytes(content)
    with pytest.raises(BaselineError) as raised:
        load_baseline(tmp_path / "b.json")
    message = str(raised.value)
    assert message.startswith(f"b.json: not a cardlint baseline: {problem}")
    assert message.endswith(f"{_AGAIN}--write-baseline b.json`")
    assert "\n" not in message and "problems" not in message


def test_a_sound_baseline_loads(tmp_path: Path) -> None:
    file = tmp_path / "b.json"
    file.write_text(json.dumps({"version": 1, "fingerprints": {"a": 2}}), encoding="utf-8")
    assert load_baseline(file).fingerprints == {"a": 2}
    assert load_baseline(file).shown == os.path.relpath(file).replace(os.sep, "/")


def _break(project: Path) -> None:
    card = project / "cards" / "clip.md"
    text = card.read_text(encoding="utf-8")
    card.write_text(text.replace("difficulty: intermediate", "difficulty: expert"), "utf-8")


def test_a_run_with_a_baseline_says_how_many_it_hid(corpus: Path) -> None:
    _break(corpus)
    written = run_cli("check", "--write-baseline", "known.json", cwd=corpus)
    assert written.code == 0, written.err
    assert written.out == "Wrote 1 violation(s) to the baseline known.json.\n"
    assert sum(load_baseline(corpus / "known.json").fingerprints.values()) == 1
    hidden = run_cli("check", "--baseline", "known.json", cwd=corpus)
    assert hidden.code == 0
    last = hidden.out.splitlines()[-1]
    assert last.startswith("All 10 cards passed (")
    assert last.endswith("; 1 known violation hidden by the baseline known.json.")
    as_json = run_cli("check", "--baseline", "known.json", "--format", "json", cwd=corpus)
    assert as_json.json()["summary"] == {
        "errors": 0,
        "warnings": 0,
        "cards": 10,
        "cards_with_violations": 0,
    }


def test_a_corrupt_baseline_is_one_line_naming_the_file(corpus: Path) -> None:
    (corpus / "known.json").write_text('{"fingerprints": []}', encoding="utf-8")
    result = run_cli("check", "--baseline", "known.json", cwd=corpus)
    assert (result.code, result.out) == (2, "")
    assert result.err.splitlines() == [
        'Error: known.json: not a cardlint baseline: no "fingerprints" object'
        f"{_AGAIN}--write-baseline known.json`"
    ]
