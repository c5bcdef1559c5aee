"""`check --rules-from REF`: a pull request checked against its base branch's rules."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import CORPUS_PASSED, REPO, Result, cardlint_command, run_cli, summary
from tests.gitscratch import CONFIG, cards_repo, commit_all, edit, git

BUNDLED = REPO / "src" / "cardlint" / "schemas" / "concept-card.schema.json"
SCHEMA = "schemas/concept-card.schema.json"

# Each test builds a git repository with commits and runs git and the command several times.
pytestmark = pytest.mark.slow


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Cards, a schema of the project's own (its `difficulty` in a file of its own) on `main`,
    and a pull request's branch `topic` checked out."""
    repo = cards_repo(tmp_path / "corpus", CONFIG + f'schema = "{SCHEMA}"\n')
    schema = json.loads(BUNDLED.read_text(encoding="utf-8"))
    levels = schema["properties"]["difficulty"]
    schema["properties"]["difficulty"] = {"$ref": "levels.json"}
    _write_json(repo / SCHEMA, schema)
    _write_json(repo / "schemas" / "levels.json", levels)
    commit_all(repo, "our own schema")
    git("checkout", "-q", "-b", "topic", cwd=repo)
    return repo


def _write_json(path: Path, document: object) -> None:
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")


def _loosen_and_add_a_card(repo: Path) -> None:
    """The pull request drops `difficulty` from the required fields and adds a card without."""
    schema = json.loads((repo / SCHEMA).read_text(encoding="utf-8"))
    schema["required"].remove("difficulty")
    _write_json(repo / SCHEMA, schema)
    card = (repo / "cards" / "clip.md").read_text(encoding="utf-8")
    card = card.replace("concept_id: clip\n", "concept_id: clip-2\n")
    # Names of its own: a card named as another is a duplicate (CL310).
    card = card.replace("对比语言-图像预训练", "图文对齐").replace("en: CLIP\n", "en: Alignment\n")
    card = card.replace("(CLIP)\n", "(Alignment)\n")
    lines = [line for line in card.split("\n") if not line.startswith("difficulty:")]
    (repo / "cards" / "clip-2.md").write_text("\n".join(lines), encoding="utf-8")
    commit_all(repo, "loosen the schema, add a card")


def _codes(result: Result) -> set[tuple[str, str]]:
    return {(v["path"], v["code"]) for v in result.json()["violations"]}


def test_a_pull_request_that_loosens_the_schema_fails_under_the_base_branchs_rules(
    repo: Path,
) -> None:
    _loosen_and_add_a_card(repo)
    own = run_cli("check", "--format", "json", cwd=repo)
    assert (own.code, _codes(own), own.err) == (0, set(), "")
    based = run_cli("check", "--format", "json", "--rules-from", "main", cwd=repo)
    assert based.code == 1
    assert _codes(based) == {("cards/clip-2.md", "CL101")}
    assert based.err == (
        f"Note: the rules differ from main's in {SCHEMA}; the cards are checked against main's.\n"
    )


def test_fail_on_rule_change_reports_then_exits_2_naming_the_files(repo: Path) -> None:
    _loosen_and_add_a_card(repo)
    result = run_cli("check", "-q", "--rules-from", "main", "--fail-on-rule-change", cwd=repo)
    assert result.code == 2
    assert "cards/clip-2.md:1:1: CL101" in result.out
    assert result.err == (
        f"Error: the rules differ from main's in {SCHEMA}; the cards are checked against "
        "main's (--fail-on-rule-change)\n"
    )


def _any_difficulty_in_the_schema(repo: Path) -> None:
    _write_json(repo / "schemas" / "levels.json", {"type": "string"})


def _ignore_bad_values_in_the_configuration(repo: Path) -> None:
    edit(repo / "pyproject.toml", "[tool.cardlint]\n", '[tool.cardlint]\nignore = ["CL103"]\n')


@pytest.mark.parametrize(
    ("loosen", "changed"),
    [
        (_any_difficulty_in_the_schema, "schemas/levels.json"),
        (_ignore_bad_values_in_the_configuration, "pyproject.toml"),
    ],
    ids=["a file the schema refers to", "the configuration"],
)
def test_each_rule_file_is_read_at_the_revision(
    repo: Path, loosen: Callable[[Path], None], changed: str
) -> None:
    loosen(repo)
    edit(repo / "cards" / "clip.md", "difficulty: intermediate", "difficulty: expert")
    commit_all(repo, "a rule loosened for a bad value")
    loosened = run_cli("check", cwd=repo)
    assert (loosened.code, summary(loosened)) == (0, CORPUS_PASSED), loosened.out
    result = run_cli("check", "--format", "json", "--rules-from", "main", cwd=repo)
    assert _codes(result) == {("cards/clip.md", "CL103")}
    assert f"in {changed};" in result.err


def test_rules_that_did_not_change_say_nothing(repo: Path) -> None:
    edit(repo / "pyproject.toml", "[tool.cardlint]", '[project]\nname = "cards"\n\n[tool.cardlint]')
    edit(repo / "cards" / "clip.md", "difficulty: intermediate", "difficulty: expert")
    result = run_cli("check", "-q", "--rules-from", "main", "--fail-on-rule-change", cwd=repo)
    assert (result.code, result.err) == (1, "")  # the card's own error, no word on the rules


def test_the_revisions_files_are_never_checked_out(repo: Path) -> None:
    _loosen_and_add_a_card(repo)
    (repo / SCHEMA).write_text("{ not json", encoding="utf-8")  # the working tree's: unused
    before = git("status", "--porcelain", cwd=repo)
    result = run_cli("check", "-q", "--rules-from", "main", cwd=repo)
    assert result.code == 1 and "CL101" in result.out
    assert git("status", "--porcelain", cwd=repo) == before
    assert (repo / SCHEMA).read_text(encoding="utf-8") == "{ not json"


def test_a_schema_the_revision_lacks_is_not_read_from_the_working_tree(repo: Path) -> None:
    edit(repo / "pyproject.toml", SCHEMA, "schemas/later.json")
    commit_all(repo, "name a schema that is not committed")
    (repo / "schemas" / "later.json").write_bytes((repo / SCHEMA).read_bytes())
    here = run_cli("check", cwd=repo)
    assert (here.code, summary(here)) == (0, CORPUS_PASSED), here.out + here.err
    result = run_cli("check", "--rules-from", "HEAD", cwd=repo)
    assert result.code == 2
    assert result.err == (
        "Error: --rules-from HEAD: pyproject.toml: schema: no file 'schemas/later.json'\n"
    )


def test_a_revision_git_does_not_know_is_one_line_and_exit_2(repo: Path) -> None:
    result = run_cli("check", "--rules-from", "origin/main", cwd=repo)
    assert result.code == 2
    assert result.err.startswith("Error: --rules-from: 'origin/main' is not a commit")
    assert result.err.count("\n") == 1


def test_fail_on_rule_change_needs_rules_from(repo: Path) -> None:
    result = run_cli("check", "--fail-on-rule-change", cwd=repo)
    assert result.code == 2
    assert "--fail-on-rule-change needs --rules-from" in result.err


def test_the_actions_step_finds_the_base_branch_as_ci_checks_it_out(repo: Path) -> None:
    """In CI `github.base_ref` names a branch that exists only as origin/<branch>."""
    _loosen_and_add_a_card(repo)
    clone = repo.parent / "ci-checkout"
    git("clone", "-q", "--branch", "topic", str(repo), str(clone), cwd=repo.parent)
    assert git("branch", "--list", "main", cwd=clone) == ""
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    [step] = [s for s in action["runs"]["steps"] if s.get("name") == "Run cardlint"]
    inputs = {"CARDLINT_RULES_FROM": "main", "CARDLINT_SARIF": "cardlint.sarif"}

    def run_step(**more: str) -> subprocess.CompletedProcess[str]:
        folder = str(Path(cardlint_command()[0]).parent)
        env = {**os.environ, "PATH": folder + os.pathsep + os.environ["PATH"], "NO_COLOR": "1"}
        return subprocess.run(
            ["bash", "-eo", "pipefail", "-c", step["run"]],
            cwd=clone,
            env={**env, **inputs, **more},
            capture_output=True,
            text=True,
            check=False,
        )

    based = run_step()
    assert based.returncode == 1, based.stderr
    assert "cards/clip-2.md:1:1: CL101" in based.stdout
    assert f"the rules differ from origin/main's in {SCHEMA}" in based.stderr
    strict = run_step(CARDLINT_FAIL_ON_RULE_CHANGE="true")
    assert strict.returncode == 2 and "(--fail-on-rule-change)" in strict.stderr
    sarif = json.loads((clone / "cardlint.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["CL101"]
    # Under its own rules the pull request passes; they changed, so every card was checked.
    own = run_step(CARDLINT_RULES_FROM="", CARDLINT_CHANGED_SINCE="main")
    assert own.returncode == 0 and own.stdout.startswith("All 11 cards passed"), own.stdout
    # Under the base's rules, which the range did not change, only the range's card.
    both = run_step(CARDLINT_CHANGED_SINCE="main", CARDLINT_SARIF="")
    assert both.returncode == 1 and "in 1 of 1 card" in both.stdout, both.stdout


def test_the_documented_merge_request_job_runs_as_written(repo: Path) -> None:
    docs = (REPO / "docs" / "integrations.md").read_text(encoding="utf-8")
    block = docs.split("### Merge requests")[1].split("```yaml")[1].split("```")[0]
    job = yaml.safe_load(block)["cardlint-merge-request"]
    assert job["variables"] == {"GIT_DEPTH": 0}
    _loosen_and_add_a_card(repo)
    clone = repo.parent / "merge-request"
    git("clone", "-q", "--branch", "topic", str(repo), str(clone), cwd=repo.parent)
    git("update-ref", "-d", "refs/remotes/origin/main", cwd=clone)  # as GitLab clones
    folder = str(Path(cardlint_command()[0]).parent)
    env = {
        **os.environ,
        "PATH": folder + os.pathsep + os.environ["PATH"],
        "NO_COLOR": "1",
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
    }
    codes = [
        subprocess.run(
            ["bash", "-c", line], cwd=clone, env=env, capture_output=True, check=False
        ).returncode
        for line in job["script"]
        if not line.startswith("pip ")
    ]
    assert codes == [0, 2, 0]  # fetched; the gate fails on the rule change; the report
    quality = json.loads((clone / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert [(i["check_name"], i["location"]["path"]) for i in quality] == [
        ("CL101", "cards/clip-2.md")
    ]


def test_the_baseline_is_read_at_the_revision_too(repo: Path) -> None:
    # The pull request records its own new violation in the baseline it is checked with.
    edit(repo / "cards" / "clip.md", "difficulty: intermediate", "difficulty: expert")
    written = run_cli("check", "--write-baseline", "baseline.json", cwd=repo)
    assert (written.code, written.out) == (
        0,
        "Wrote 1 violation(s) to the baseline baseline.json.\n",
    )
    commit_all(repo, "a bad value, baselined")
    known = run_cli("check", "--baseline", "baseline.json", cwd=repo)
    assert (known.code, summary(known)) == (
        0,
        f"{CORPUS_PASSED[:-1]}; 1 known violation hidden by the baseline baseline.json.",
    )
    # The base branch has no baseline: it hides nothing.
    based = run_cli("check", "--baseline", "baseline.json", "--rules-from", "main", cwd=repo)
    assert (based.code, "cards/clip.md:6:13: CL103" in based.out) == (1, True)
    # A baseline the base branch has is the one that counts.
    git("checkout", "-q", "main", cwd=repo)
    commit_all(repo, "nothing known yet")
    (repo / "baseline.json").write_text('{"version": 1, "fingerprints": {}}\n', encoding="utf-8")
    commit_all(repo, "an empty baseline on main")
    git("checkout", "-q", "topic", cwd=repo)
    based = run_cli("check", "--baseline", "baseline.json", "--rules-from", "main", cwd=repo)
    assert based.code == 1
