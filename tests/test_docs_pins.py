"""The pins of cardlint the docs give to copy (`rev:`, `@ref`) name commits this repository has.

A copy-pasted pre-commit config whose `rev` names no commit fails with `pathspec ... did not
match`; a pinned action older than the inputs the docs pass it ignores them. Each pin is
therefore checked in this checkout's git history: it resolves to a commit of the branch
checked out, that commit has the hook and the action, and those take what the docs give
them. Releases are tags `vX.Y.Z` of the version `cardlint --version` prints (CONTRIBUTING.md).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
import yaml

import cardlint
from tests.conftest import REPO, run_cli

DOCS = [REPO / "README.md", REPO / "CONTRIBUTING.md", *sorted((REPO / "docs").glob("*.md"))]
RELEASE = re.compile(r"v(\d+\.\d+\.\d+)")
SHA = re.compile(r"[0-9a-f]{40}")
# `OWNER/cardlint@REF` (an action) and `github.com/OWNER/cardlint@REF` (pip); other
# projects' actions (`actions/checkout@v4`) are not ours to check.
AT_PIN = re.compile(r"[\w.-]+/cardlint@([\w.-]+)")
REPO_LINE = re.compile(r"^\s*-?\s*repo:\s*(\S+)")
REV_LINE = re.compile(r"^\s*rev:\s*['\"]?([^'\"\s#]+)")


@dataclass(frozen=True)
class Pin:
    where: str
    ref: str

    def __str__(self) -> str:
        return f"{self.where}: {self.ref}"


def _ours(url: str) -> bool:
    return url.rstrip("/").removesuffix(".git").rsplit("/", 1)[-1] == "cardlint"


def documented_pins() -> list[Pin]:
    pins = []
    for doc in DOCS:
        if not doc.is_file():
            continue
        repo = ""
        lines = doc.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, start=1):
            where = f"{doc.relative_to(REPO).as_posix()}:{number}"
            if found := REPO_LINE.match(line):
                repo = found[1]
            if (rev := REV_LINE.match(line)) and _ours(repo):
                pins.append(Pin(where, rev[1]))
            pins += [Pin(where, ref) for ref in AT_PIN.findall(line)]
    return pins


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", *args], cwd=REPO, capture_output=True, text=True, check=False, timeout=60
    )


@pytest.fixture(scope="module")
def history() -> None:
    """Skips unless this is a git checkout of cardlint with its history."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    top = _git("rev-parse", "--show-toplevel")
    if top.returncode != 0 or Path(top.stdout.strip()).resolve() != REPO.resolve():
        pytest.skip("not a git checkout of cardlint")
    if _git("rev-parse", "--is-shallow-repository").stdout.strip() == "true":
        pytest.skip("a shallow clone lacks the commits the pins name (git fetch --unshallow)")


def _show(ref: str, path: str) -> Any:
    shown = _git("show", f"{ref}:{path}")
    assert shown.returncode == 0, f"{ref} has no {path}"
    return yaml.safe_load(shown.stdout)


def test_the_integration_docs_pin_the_hook_the_action_and_pip() -> None:
    text = (REPO / "docs" / "integrations.md").read_text(encoding="utf-8")
    pins = [p for p in documented_pins() if p.where.startswith("docs/integrations.md:")]
    assert any(REV_LINE.search(line) for line in text.splitlines())
    assert re.search(r"uses: [\w.-]+/cardlint@", text)
    assert re.search(r"git\+https://[\w./-]+/cardlint@", text)
    assert len(pins) >= 3, pins


def test_each_pin_is_a_full_commit_id_or_a_release_tag() -> None:
    # A short id is ambiguous in time and GitHub Actions refuses it; a branch moves.
    for pin in documented_pins():
        assert SHA.fullmatch(pin.ref) or RELEASE.fullmatch(pin.ref), pin


def test_every_pin_names_one_and_the_same_ref() -> None:
    """So that a release moves every pin by replacing one string."""
    assert len({pin.ref for pin in documented_pins()}) == 1, documented_pins()


def test_every_pin_resolves_to_a_commit_of_this_branch(history: None) -> None:
    for pin in documented_pins():
        resolved = _git("rev-parse", "--verify", "--quiet", f"{pin.ref}^{{commit}}")
        assert resolved.returncode == 0, f"{pin} names no commit of this repository"
        ancestor = _git("merge-base", "--is-ancestor", pin.ref, "HEAD")
        assert ancestor.returncode == 0, f"{pin} is not in the history of HEAD"


def test_the_pinned_hook_and_action_take_what_the_docs_give_them(history: None) -> None:
    for ref in sorted({pin.ref for pin in documented_pins()}):
        hooks = {hook["id"] for hook in _show(ref, ".pre-commit-hooks.yaml")}
        inputs = set(_show(ref, "action.yml")["inputs"])
        for block in _yaml_blocks():
            for repo in block.get("repos", []) if isinstance(block, dict) else []:
                if _ours(repo["repo"]) and repo["rev"] == ref:
                    assert {h["id"] for h in repo["hooks"]} <= hooks, (ref, repo)
            for step in _steps(block):
                if re.fullmatch(rf"[\w.-]+/cardlint@{re.escape(ref)}", str(step.get("uses"))):
                    assert set(step.get("with", {})) <= inputs, (ref, step)


def _yaml_blocks() -> list[Any]:
    """The YAML snippets that pin cardlint (others show cards, some written wrong on purpose)."""
    blocks = []
    for doc in DOCS:
        if doc.is_file():
            text = doc.read_text(encoding="utf-8")
            found = re.findall(r"```yaml\n(.*?)```", text, re.S)
            blocks += [yaml.safe_load(b) for b in found if AT_PIN.search(b) or "repo:" in b]
    return blocks


def _steps(block: Any) -> list[dict[str, Any]]:
    jobs = block.get("jobs", {}) if isinstance(block, dict) else {}
    return [step for job in jobs.values() for step in job.get("steps", [])]


def test_release_tags_follow_the_scheme(history: None) -> None:
    for tag in _git("tag", "--list").stdout.split():
        release = RELEASE.fullmatch(tag)
        assert release is not None, f"tag {tag} is not vX.Y.Z (see CONTRIBUTING.md)"
        init = _git("show", f"{tag}:src/cardlint/__init__.py").stdout
        assert f'__version__ = "{release[1]}"' in init, f"{tag} does not carry version {tag[1:]}"


def test_the_version_is_the_packages_and_the_commands() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", cardlint.__version__)
    assert version("cardlint") == cardlint.__version__, "reinstall: pip install -e ."
    result = run_cli("--version", cwd=REPO)
    assert result.code == 0, result.err
    assert result.out == f"cardlint, version {cardlint.__version__}\n"
