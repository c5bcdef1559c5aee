"""`check --changed-since REF`, and the hook over a range, on real git repositories."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree

import pytest

from cardlint.scope.git_changes import since
from cardlint.sources.git import top_level
from tests.conftest import REPO, run_cli
from tests.gitscratch import CONFIG, LISTERS_OF_GPT_4V, cards_repo, commit_all, edit, git
from tests.proposals import write_proposals

BUNDLED = REPO / "src" / "cardlint" / "schemas" / "concept-card.schema.json"
NO_RANGE = {"PRE_COMMIT_FROM_REF": "", "PRE_COMMIT_TO_REF": ""}

# Each test builds a git repository with commits and runs git and the command several times.
pytestmark = pytest.mark.slow


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return cards_repo(tmp_path / "corpus")


class Checked(NamedTuple):
    code: int
    files: list[str]
    """The cards checked, from the JUnit report (one test case per card)."""
    found: set[tuple[str, str]]
    """(card, code) of each violation, from the JSON report."""


def _since(repo: Path, ref: str, *args: str, env: dict[str, str] | None = None) -> Checked:
    return _check(repo, "--changed-since", ref, *args, env=env)


def _check(repo: Path, *args: str, env: dict[str, str] | None = None) -> Checked:
    junit = run_cli("check", "--format", "junit", *args, cwd=repo, env=env)
    assert junit.code in (0, 1), junit.err
    files = [case.attrib["name"] for case in ElementTree.fromstring(junit.out).iter("testcase")]
    result = run_cli("check", "--format", "json", *args, cwd=repo, env=env)
    found = {(v["path"], v["code"]) for v in result.json()["violations"]}
    return Checked(result.code, files, found)


def test_nothing_changed_checks_no_card_and_passes(repo: Path) -> None:
    assert _since(repo, "main") == (0, [], set())


def test_only_the_changed_cards_are_checked_committed_staged_unstaged_or_untracked(
    repo: Path,
) -> None:
    git("checkout", "-q", "-b", "topic", cwd=repo)
    edit(repo / "cards" / "clip.md", "difficulty: intermediate", "difficulty: expert")
    commit_all(repo, "committed")
    edit(repo / "cards" / "attention.md", "\n## ", "\n补充。\n\n## ")
    git("add", "cards/attention.md", cwd=repo)
    edit(repo / "cards" / "transformer.md", "\n## ", "\n补充。\n\n## ")
    (repo / "cards" / "new-card.md").write_bytes((repo / "cards" / "gpt-4v.md").read_bytes())
    result = _since(repo, "main")
    assert result.code == 1
    assert result.files == [
        f"cards/{n}.md" for n in ("attention", "clip", "new-card", "transformer")
    ]
    assert ("cards/clip.md", "CL103") in result.found
    assert ("cards/new-card.md", "CL304") in result.found  # gpt-4v's id, again


def test_the_range_starts_where_the_branch_forked(repo: Path) -> None:
    """Cards the base branch changed since are not the pull request's."""
    git("checkout", "-q", "-b", "topic", cwd=repo)
    edit(repo / "cards" / "clip.md", "\n## ", "\n补充。\n\n## ")
    commit_all(repo, "topic")
    git("checkout", "-q", "main", cwd=repo)
    edit(repo / "cards" / "attention.md", "\n## ", "\n补充。\n\n## ")
    commit_all(repo, "main moves on")
    git("checkout", "-q", "topic", cwd=repo)
    assert _since(repo, "main").files == ["cards/clip.md"]


def test_a_deleted_card_fails_the_cards_that_list_it_though_the_range_never_touched_them(
    repo: Path,
) -> None:
    git("rm", "-q", "cards/gpt-4v.md", cwd=repo)
    commit_all(repo, "delete gpt-4v")
    assert _since(repo, "HEAD~1") == (
        1,
        [f"cards/{n}.md" for n in LISTERS_OF_GPT_4V],
        {(f"cards/{n}.md", "CL301") for n in LISTERS_OF_GPT_4V},
    )


def test_a_rename_git_detects_fails_the_listers_of_the_old_id(repo: Path) -> None:
    git("mv", "cards/gpt-4v.md", "cards/gpt-4-vision.md", cwd=repo)
    edit(repo / "cards" / "gpt-4-vision.md", "concept_id: gpt-4v", "concept_id: gpt-4-vision")
    real = top_level(repo) / "cards"
    change = since(top_level(repo), "HEAD", "--changed-since")
    assert change.removed == frozenset([str(real / "gpt-4v.md")])
    assert change.changed == frozenset([str(real / "gpt-4-vision.md")])
    result = _since(repo, "HEAD")
    assert result.files == sorted(f"cards/{n}.md" for n in ("gpt-4-vision", *LISTERS_OF_GPT_4V))
    assert result.found == {(f"cards/{n}.md", "CL301") for n in LISTERS_OF_GPT_4V}


def test_a_configuration_change_that_breaks_a_card_fails_though_no_card_changed(
    tmp_path: Path,
) -> None:
    repo = cards_repo(tmp_path / "corpus", CONFIG + 'known-ids = ["planned"]\n')
    edit(repo / "cards" / "clip.md", "related_concepts: [", "related_concepts: [planned, ")
    base = commit_all(repo, "clip lists a planned card")
    edit(repo / "pyproject.toml", 'known-ids = ["planned"]\n', "")
    commit_all(repo, "forget the planned card")
    result = _since(repo, base)
    assert (result.code, len(result.files)) == (1, 10)  # the rules changed: every card
    assert result.found == {("cards/clip.md", "CL301")}


def test_a_change_to_pyproject_toml_outside_the_settings_is_no_rule_change(repo: Path) -> None:
    edit(repo / "pyproject.toml", "[tool.cardlint]", '[project]\nname = "cards"\n\n[tool.cardlint]')
    assert _since(repo, "HEAD") == (0, [], set())


def test_a_change_to_a_file_the_schema_refers_to_checks_every_card(tmp_path: Path) -> None:
    repo = cards_repo(tmp_path / "corpus", CONFIG + 'schema = "schemas/card.json"\n')
    schema = json.loads(BUNDLED.read_text(encoding="utf-8"))
    schema["properties"]["difficulty"] = {"$ref": "levels.json"}
    levels = {"enum": ["beginner", "intermediate", "advanced"]}
    (repo / "schemas").mkdir()
    (repo / "schemas" / "card.json").write_text(json.dumps(schema), encoding="utf-8")
    (repo / "schemas" / "levels.json").write_text(json.dumps(levels), encoding="utf-8")
    commit_all(repo, "a schema in two files")
    assert _since(repo, "HEAD") == (0, [], set())
    levels["enum"].remove("intermediate")
    (repo / "schemas" / "levels.json").write_text(json.dumps(levels), encoding="utf-8")
    result = _since(repo, "HEAD")
    assert len(result.files) == 10
    assert ("cards/clip.md", "CL103") in result.found


def test_named_paths_narrow_the_changed_cards(repo: Path) -> None:
    edit(repo / "cards" / "clip.md", "difficulty: intermediate", "difficulty: expert")
    edit(repo / "cards" / "attention.md", "\n## ", "\n补充。\n\n## ")
    assert _since(repo, "HEAD", "cards/attention.md") == (0, ["cards/attention.md"], set())


def test_a_revision_git_does_not_know_is_one_line_and_exit_2(repo: Path) -> None:
    for ref in ("origin/nowhere", "-rf", ""):
        result = run_cli("check", "--changed-since", ref, cwd=repo)
        assert result.code == 2, ref
        assert result.err.count("\n") == 1 and "--changed-since" in result.err, result.err
        assert "is not a commit" in result.err and "Traceback" not in result.err


def test_outside_a_git_work_tree_changed_since_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "cards").mkdir()
    (tmp_path / "cards" / "x.md").write_text("# x\n", encoding="utf-8")
    result = run_cli("check", "--changed-since", "main", cwd=tmp_path)
    assert result.code == 2
    assert "not in a git work tree" in result.err and result.err.count("\n") == 1


def test_the_hook_under_a_range_checks_the_listers_of_a_removed_card(repo: Path) -> None:
    """What pre-commit does for `run --from-ref A --to-ref B`: the variables, and the files
    of the range that still exist (none here)."""
    start = git("rev-parse", "HEAD", cwd=repo)
    git("rm", "-q", "cards/gpt-4v.md", cwd=repo)
    end = commit_all(repo, "delete gpt-4v")
    hook = {"PRE_COMMIT_FROM_REF": start, "PRE_COMMIT_TO_REF": end}
    result = _check(repo, "--pre-commit", env=hook)
    assert result.found == {(f"cards/{n}.md", "CL301") for n in LISTERS_OF_GPT_4V}
    # Without the variables the hook looks at the staged change: there is none.
    assert _check(repo, "--pre-commit", env=NO_RANGE) == (0, [], set())
    bad = run_cli("check", "--pre-commit", cwd=repo, env={**hook, "PRE_COMMIT_TO_REF": "nope"})
    assert bad.code == 2 and "PRE_COMMIT_TO_REF: 'nope' is not a commit" in bad.err


def test_the_hook_checks_every_card_when_the_staged_change_alters_the_rules(
    repo: Path,
) -> None:
    edit(repo / "pyproject.toml", "roots", 'select = ["CL1", "CL3"]\nroots')
    git("add", "pyproject.toml", cwd=repo)
    assert len(_check(repo, "--pre-commit", env=NO_RANGE).files) == 10


def test_a_deleted_proposal_fails_the_proposals_that_require_it_by_number(
    tmp_path: Path,
) -> None:
    project = write_proposals(tmp_path / "proposals")
    git("init", "-q", "-b", "main", cwd=project)
    commit_all(project, "proposals")
    git("rm", "-q", "cards/eip-2930.md", cwd=project)
    commit_all(project, "withdraw eip-2930")
    # The file name eip-2930.md names the proposal 2930, which two others require.
    listers = ["cards/eip-1559.md", "cards/eip-4844.md"]
    assert _since(project, "HEAD~1") == (1, listers, {(card, "CL301") for card in listers})
