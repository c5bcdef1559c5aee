from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

# pytest's own evaluator of `-m` expressions (there is no public one), so that what counts as
# leaving out the slow tests is exactly what pytest deselects.
from _pytest.mark.expression import Expression

TESTS = Path(__file__).parent
RULES = TESTS / "rules"
REPO = TESTS.parent
REFERENCE_CARD = REPO.parent / "shared" / "reference-card" / "multimodal-models.md"
TODAY = date(2026, 11, 29)

_MARK = re.compile(r"expect(-next-line|-at)?:\s*((?:CL\d{3}@[\d:]+[,\s]*)+)")
_ITEM = re.compile(r"(CL\d{3})@(?:(\d+):)?(\d+)")


def expected_violations(card: Path) -> set[tuple[int, int, str]]:
    """The (line, column, code) triples marked inline in a fixture card."""
    found: set[tuple[int, int, str]] = set()
    lines = card.read_bytes().decode("utf-8", "replace").splitlines()
    for number, line in enumerate(lines, start=1):
        for kind, items in _MARK.findall(line):
            for code, absolute_line, column in _ITEM.findall(items):
                target = number + 1 if kind == "-next-line" else number
                if kind == "-at":
                    target = int(absolute_line)
                found.add((target, int(column), code))
    return found


@pytest.fixture(autouse=True, scope="session")
def _users_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The suite's own user cache folder, where `--no-cache` runs keep their validation memo
    (see `cache.folder.user_folder`): never the real one of whoever runs the tests."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
        yield


# -- quick runs ----------------------------------------------------------------------------------

QUICK_SHARE = 20
"""A quick run gives each hypothesis campaign this fraction of its examples (1/20)."""
_quick = False


def pytest_configure(config: pytest.Config) -> None:
    # Decided before collection, so the `@settings` that test modules apply as they are
    # imported already see it.
    global _quick
    _quick = leaves_out_slow(config.getoption("markexpr"))


def leaves_out_slow(markexpr: str) -> bool:
    """Whether `-m markexpr` deselects a test marked `slow` alone, as `-m "not slow"` does."""
    if not markexpr:
        return False

    def marked_slow(name: str, /, **kwargs: str | int | bool | None) -> bool:
        return name == "slow" and not kwargs

    return not Expression.compile(markexpr).evaluate(marked_slow)


def examples(full: int) -> int:
    """How many examples a hypothesis campaign of `full` examples runs in this session.

    All of them when the session runs the slow tests too (plain `pytest`, as CI runs it); a
    twentieth, at least two, when it leaves them out (`pytest -m "not slow"`), which is the
    quick run to use while working: every property still runs, on fewer inputs.
    """
    return max(2, full // QUICK_SHARE) if _quick else full


def pytest_report_header(config: pytest.Config) -> str:
    if _quick:
        return f"hypothesis campaigns: quick, 1/{QUICK_SHARE} of their examples (no slow tests)"
    return "hypothesis campaigns: all their examples"


CARDS = REPO / "cards"
NO_NETWORK = {
    "PYTHONPATH": os.pathsep.join(
        filter(None, [str(TESTS / "nonet"), os.environ.get("PYTHONPATH")])
    )
}
"""Every CLI test runs with sockets disabled (tests/nonet/sitecustomize.py)."""


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        """The output as a JSON document, whose shape the test knows."""
        return json.loads(self.out)


ELAPSED = re.compile(r" \(\d+\.\d\d s\)")
"""The time a run took, in the text report's summary."""


def summary(result: Result) -> str:
    """The text report's closing line without the time the run took, the one part of it that
    varies: `All 10 cards passed.`, `Found 1 error and 0 warnings in 1 of 2 cards.`"""
    lines = result.out.splitlines()
    return ELAPSED.sub("", lines[-1]) if lines else ""


def cardlint_command() -> list[str]:
    script = shutil.which("cardlint", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "cardlint"]


def run_cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Result:
    """The real command, in a subprocess, with no terminal and no colour."""
    # The suite may itself run under GitHub Actions; annotations appear only when a test asks.
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environment.update({"NO_COLOR": "1", **NO_NETWORK, **(env or {})})
    done = subprocess.run(
        [*cardlint_command(), *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)


VALID = RULES / "CL101" / "valid.md"
"""A card that passes every rule on by default."""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project of one valid card in `cards/`, with no configuration."""
    (tmp_path / "cards").mkdir()
    shutil.copy(VALID, tmp_path / "cards" / "valid.md")
    return tmp_path


@pytest.fixture
def reference_card() -> Path:
    if not REFERENCE_CARD.is_file():
        pytest.skip("../shared/reference-card is not present on this machine")
    return REFERENCE_CARD


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of our own cards in a project of its own."""
    shutil.copytree(CARDS, tmp_path / "cards")
    (tmp_path / "cardlint.toml").write_text('today = "2026-11-29"\n', encoding="utf-8")
    return tmp_path


CORPUS_PASSED = f"All {len(list(CARDS.glob('*.md')))} cards passed."
"""The `summary` of a clean run over a copy of our cards (`corpus`, gitscratch.cards_repo)."""
