"""`cardlint stats`: exact figures for a corpus counted by hand, and for our own cards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cardlint.cli.corpus import stats
from tests.conftest import run_cli
from tests.small_corpus import write_small_corpus


def _stats(*args: str) -> str:
    result = CliRunner().invoke(stats, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_small_corpus_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(write_small_corpus(tmp_path))
    output = _stats("--format", "json")
    assert _stats("--format", "json") == output
    assert json.loads(output) == {
        "version": 1,
        "cards": 6,
        "categories": {"core": 3, "extra": 2, "(none)": 1},
        "difficulties": {"(none)": 2, "easy": 2, "hard": 1, "medium": 1},
        # a 3, b 2, broken 0, c 0, d 3, e 0
        "references": {"total": 8, "min": 0, "median": 1.0, "max": 3},
        "dangling_references": 3,
        "one_way_references": 3,
        "orphans": 2,
        # ghost is listed by a and d, phantom by d: the cards the corpus asks for.
        "wanted_cards": [{"id": "ghost", "cards": 2}, {"id": "phantom", "cards": 1}],
        "conflicts": {"timeline": 0, "citations": 0, "duplicates": 0},
        "violations": [
            {"code": "CL301", "rule": "dangling-reference", "severity": "error", "count": 3},
            {"code": "CL002", "rule": "missing-front-matter", "severity": "error", "count": 1},
            {"code": "CL103", "rule": "invalid-value", "severity": "error", "count": 1},
        ],
    }


def test_small_corpus_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(write_small_corpus(tmp_path))
    assert _stats() == (
        "Cards                         6\n"
        "By category\n"
        "  core                        3\n"
        "  extra                       2\n"
        "  (none)                      1\n"
        "By difficulty\n"
        "  (none)                      2\n"
        "  easy                        2\n"
        "  hard                        1\n"
        "  medium                      1\n"
        "References per card\n"
        "  total                       8\n"
        "  min                         0\n"
        "  median                      1\n"
        "  max                         3\n"
        "Dangling references           3\n"
        "One-way references            3\n"
        "Orphans                       2\n"
        "Wanted cards                  2\n"
        "  ghost                       2\n"
        "  phantom                     1\n"
        "Conflicts                     0\n"
        "  timeline                    0\n"
        "  citations                   0\n"
        "  duplicates                  0\n"
        "Violations                    5\n"
        "  CL301 dangling-reference    3\n"
        "  CL002 missing-front-matter  1\n"
        "  CL103 invalid-value         1\n"
    )


def test_a_category_with_control_characters_cannot_reach_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(write_small_corpus(tmp_path))
    card = tmp_path / "cards" / "b.md"
    card.write_text(
        card.read_text(encoding="utf-8").replace("category: core", 'category: "x\\e[31m"'),
        encoding="utf-8",
    )
    output = _stats()
    assert "\x1b" not in output
    assert "  x\\x1b[31m " in output


def test_our_cards(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(corpus)
    assert json.loads(_stats("--format", "json")) == {
        "version": 1,
        "cards": 10,
        "categories": {"architecture": 6, "training": 3, "applications": 1},
        "difficulties": {"intermediate": 8, "advanced": 2},
        "references": {"total": 44, "min": 4, "median": 4.0, "max": 5},
        "dangling_references": 0,
        # The six CL306 warnings of `cardlint check --extend-select CL306`.
        "one_way_references": 6,
        "orphans": 0,
        "wanted_cards": [],
        "conflicts": {"timeline": 0, "citations": 0, "duplicates": 0},
        "violations": [],
    }


def test_an_empty_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cards").mkdir()
    monkeypatch.chdir(tmp_path)
    document = json.loads(_stats("--format", "json"))
    assert document["cards"] == 0
    assert document["references"] == {"total": 0, "min": None, "median": None, "max": None}
    assert "  median             -\n" in _stats()


def test_a_configuration_error_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(stats, ["--config", "missing.toml"])
    assert result.exit_code == 2
    assert "missing.toml" in result.output


def test_end_to_end_through_the_real_command(corpus: Path) -> None:
    result = run_cli("stats", "--format", "json", cwd=corpus)
    assert result.code == 0, result.err
    assert result.json()["cards"] == 10
    assert run_cli("stats", cwd=corpus).out.startswith("Cards ")


def test_the_figures_are_what_the_rules_report(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path)
    figures = run_cli("stats", "--format", "json", cwd=corpus).json()
    checked = run_cli("check", "--select", "CL301,CL306,CL307", "--format", "json", cwd=corpus)
    codes = [v["code"] for v in checked.json()["violations"]]
    assert (figures["dangling_references"], figures["one_way_references"], figures["orphans"]) == (
        codes.count("CL301"),
        codes.count("CL306"),
        codes.count("CL307"),
    )


def test_paths_limit_the_figures_to_the_cards_named(tmp_path: Path) -> None:
    corpus = write_small_corpus(tmp_path)
    whole = run_cli("stats", cwd=corpus)
    assert whole.code == 0, whole.err
    assert run_cli("stats", "cards/", cwd=corpus).out == whole.out
    named = run_cli("stats", "--format", "json", "cards/a.md", "cards/d.md", cwd=corpus)
    assert named.code == 0, named.err
    assert named.json() == {
        "version": 1,
        "cards": 2,
        "categories": {"core": 1, "extra": 1},
        "difficulties": {"easy": 2},
        "references": {"total": 6, "min": 3, "median": 3.0, "max": 3},
        # Judged against the whole corpus: a -> b is answered by b, a -> c and d -> a are not.
        "dangling_references": 3,
        "one_way_references": 2,
        "orphans": 1,
        "wanted_cards": [{"id": "ghost", "cards": 2}, {"id": "phantom", "cards": 1}],
        "conflicts": {"timeline": 0, "citations": 0, "duplicates": 0},
        "violations": [
            {"code": "CL301", "rule": "dangling-reference", "severity": "error", "count": 3}
        ],
    }
    checked = run_cli(
        "check",
        "--select",
        "CL301,CL306,CL307",
        "--format",
        "json",
        "cards/a.md",
        "cards/d.md",
        cwd=corpus,
    )
    codes = [v["code"] for v in checked.json()["violations"]]
    assert [codes.count(c) for c in ("CL301", "CL306", "CL307")] == [3, 2, 1]


def test_a_path_that_does_not_exist_exits_2(tmp_path: Path) -> None:
    result = run_cli("stats", "nope.md", cwd=write_small_corpus(tmp_path))
    assert result.code == 2
    assert "no file or folder 'nope.md'" in result.err
