"""One authoring mistake, one message: each case breaks a clean corpus in one way.

A case is a folder under tests/diagnosis/cases whose files are laid over a copy of
tests/diagnosis/base. Its card marks the one violation it must produce inline (the rule
fixtures' `expect:` syntax); the real command must report exactly that, and nothing on any
other card. An optional `case.toml` gives the command line, files or folders to delete, the
expected violation of a file that cannot hold a mark (`expect = ["cards/empty.md:1:1:CL002"]`),
an expected exit status with its one-line error, files a command must create, and whether
`--fix --unsafe-fixes` must leave a clean corpus.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

from tests.conftest import Result, expected_violations, run_cli

DIAGNOSIS = Path(__file__).parent / "diagnosis"
BASE = DIAGNOSIS / "base"
CASES = sorted(p for p in (DIAGNOSIS / "cases").iterdir() if p.is_dir())
CHECK = ["check", "cards/"]
QUICK_EVERY = 4
"""A quick run (`pytest -m "not slow"`) takes every fourth case; the rest are marked slow."""


def _cases(cases: list[Path]) -> list[object]:
    # Each case is a project of its own and a run of the command: all of them are slow together.
    return [
        pytest.param(case, id=case.name, marks=() if n % QUICK_EVERY == 0 else pytest.mark.slow)
        for n, case in enumerate(cases)
    ]


def _settings(case: Path) -> dict[str, Any]:
    file = case / "case.toml"
    return tomllib.loads(file.read_text(encoding="utf-8")) if file.is_file() else {}


def _laid_out(case: Path, settings: dict[str, Any], into: Path) -> Path:
    project = into / "project"
    shutil.copytree(BASE, project)
    for gone in map(project.joinpath, settings.get("delete", [])):
        if gone.is_dir():
            shutil.rmtree(gone)
        else:
            gone.unlink()
    for file in case.rglob("*"):
        if file.is_file() and file.name != "case.toml":
            target = project / file.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, target)
    return project


def _expected(case: Path, settings: dict[str, Any]) -> set[tuple[str, int, int, str]]:
    listed = {
        (path, int(line), int(column), code)
        for path, line, column, code in (item.split(":") for item in settings.get("expect", []))
    }
    return listed | {
        (card.relative_to(case).as_posix(), line, column, code)
        for card in case.rglob("*.md")
        for line, column, code in expected_violations(card)
    }


def _check(project: Path, *args: str) -> Result:
    extra = ["--no-cache", "--format", "json"] if args[0] == "check" else []
    return run_cli(*args, *extra, cwd=project)


def _found(result: Result) -> set[tuple[str, int, int, str]]:
    return {(v["path"], v["line"], v["column"], v["code"]) for v in result.json()["violations"]}


@pytest.mark.parametrize("case", _cases(CASES))
def test_one_mistake_gives_one_message(case: Path, tmp_path: Path) -> None:
    settings = _settings(case)
    project = _laid_out(case, settings, tmp_path)
    result = _check(project, *settings.get("args", CHECK))
    expected = _expected(case, settings)
    if "stderr" in settings:
        assert not expected, "a case that stops with an error line marks no violation"
        assert (result.code, result.out) == (settings.get("exit", 2), "")
        assert len(result.err.splitlines()) == 1, result.err
        assert settings["stderr"] in result.err
        return
    if "creates" in settings:
        assert result.code == settings.get("exit", 0), result.err
        assert all((project / made).is_file() for made in settings["creates"])
        return
    assert len(expected) == 1, "a case marks the one violation its mistake must give"
    assert _found(result) == expected, result.out
    assert result.code == settings.get("exit", 1), result.err
    for violation in result.json()["violations"]:
        words = f"{violation['message']} {violation['hint']}"
        assert not _MACHINERY.search(words), words


# What a reader must never see: a template's placeholder, or a regular expression's syntax.
_MACHINERY = re.compile(r"\{[a-z_]+\}|\(\?[:=!]|\^\[|\]\*|\$'")


FIXED = [case for case in CASES if _settings(case).get("fix")]


@pytest.mark.slow  # two more runs of the command per case
@pytest.mark.parametrize("case", FIXED, ids=lambda p: p.name)
def test_one_fix_run_repairs_the_mistake(case: Path, tmp_path: Path) -> None:
    project = _laid_out(case, _settings(case), tmp_path)
    fixed = run_cli(*CHECK, "--no-cache", "--fix", "--unsafe-fixes", cwd=project)
    assert fixed.code == 0, fixed.out + fixed.err
    after = _check(project, *CHECK)
    assert (after.code, _found(after)) == (0, set())


def test_the_base_corpus_is_clean(tmp_path: Path) -> None:
    result = _check(_laid_out(BASE, {}, tmp_path), *CHECK)
    assert (result.code, _found(result)) == (0, set())


def test_there_are_cases_enough_to_mean_something() -> None:
    assert len(CASES) >= 40
