"""The integrations as documented: the action's script, CI formats, annotations, baselines."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import CORPUS_PASSED, REPO, RULES, Result, cardlint_command, run_cli, summary

SARIF_SCHEMA = REPO.parent / "shared" / "schemas" / "sarif-2.1.0.json"


def _break(corpus: Path, card: str = "clip.md") -> None:
    path = corpus / "cards" / card
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"difficulty: \w+", "difficulty: expert", text), encoding="utf-8")


def _script_env(corpus: Path, **extra: str) -> dict[str, str]:
    folder = str(Path(cardlint_command()[0]).parent)
    return {
        **os.environ,
        "PATH": folder + os.pathsep + os.environ["PATH"],
        "NO_COLOR": "1",
        **extra,
    }


def test_the_action_script_writes_sarif_and_fails_on_errors(corpus: Path) -> None:
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    [step] = [s for s in action["runs"]["steps"] if s.get("name") == "Run cardlint"]
    env = _script_env(
        corpus, CARDLINT_PATHS="cards/", CARDLINT_CONFIG="", CARDLINT_SARIF="cardlint.sarif"
    )

    def run_step() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "-c", step["run"]],
            cwd=corpus,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    clean = run_step()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert summary(Result(clean.returncode, clean.stdout, clean.stderr)) == CORPUS_PASSED
    clean_sarif = json.loads((corpus / "cardlint.sarif").read_text(encoding="utf-8"))
    assert clean_sarif["runs"][0]["results"] == []
    _break(corpus)
    broken = run_step()
    assert broken.returncode == 1 and "cards/clip.md:6:13: CL103 " in broken.stdout
    sarif = json.loads((corpus / "cardlint.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["CL103"]


def test_the_gitlab_job_from_the_docs_runs_as_written(corpus: Path) -> None:
    docs = (REPO / "docs" / "integrations.md").read_text(encoding="utf-8")
    job = yaml.safe_load(docs.split("## GitLab CI")[1].split("```yaml")[1].split("```")[0])
    commands = [c for c in job["cardlint"]["script"] if c.startswith("cardlint ")]
    assert len(commands) == 3
    _break(corpus)
    codes = [
        subprocess.run(
            ["bash", "-c", c], cwd=corpus, env=_script_env(corpus), capture_output=True, check=False
        ).returncode
        for c in commands
    ]
    assert codes == [0, 0, 1]
    quality = json.loads((corpus / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert [issue["check_name"] for issue in quality] == ["CL103"]
    assert "<testsuites" in (corpus / "cardlint-junit.xml").read_text(encoding="utf-8")


def test_annotations_are_added_under_github_actions(corpus: Path) -> None:
    _break(corpus)
    plain = run_cli("check", cwd=corpus)
    annotated = run_cli("check", cwd=corpus, env={"GITHUB_ACTIONS": "true"})
    assert "::error" not in plain.out
    assert annotated.out.startswith(plain.out.splitlines()[0])
    assert "::error file=cards/clip.md,line=6,col=13,title=CL103" in annotated.out
    as_json = run_cli("check", "--format", "json", cwd=corpus, env={"GITHUB_ACTIONS": "true"})
    assert "::error" not in as_json.out


def test_output_file_and_statistics(corpus: Path) -> None:
    _break(corpus)
    _break(corpus, "gpt-4v.md")
    result = run_cli("check", "--format", "json", "--output", "report.json", cwd=corpus)
    assert result.code == 1 and result.out == ""
    assert (
        json.loads((corpus / "report.json").read_text(encoding="utf-8"))["summary"]["errors"] == 2
    )
    stats = run_cli("check", "--statistics", cwd=corpus)
    assert stats.out.splitlines()[0].split() == ["2", "CL103", "invalid-value"]
    mixed = run_cli("check", "--statistics", "--format", "json", cwd=corpus)
    assert mixed.code == 2 and "--statistics prints text" in mixed.err


def test_baseline_survives_inserted_lines_and_fails_on_new_violations(corpus: Path) -> None:
    _break(corpus)
    written = run_cli("check", "--write-baseline", "baseline.json", cwd=corpus)
    assert written.code == 0 and "1 violation" in written.out
    hidden = f"{CORPUS_PASSED[:-1]}; 1 known violation hidden by the baseline baseline.json."
    known = run_cli("check", "--baseline", "baseline.json", cwd=corpus)
    assert (known.code, summary(known)) == (0, hidden)
    card = corpus / "cards" / "clip.md"
    lines = card.read_text(encoding="utf-8").split("\n")
    card.write_text(
        "\n".join([*lines[:3], "# a comment", "# another", *lines[3:]]), encoding="utf-8"
    )
    moved = run_cli("check", "--baseline", "baseline.json", cwd=corpus)
    assert (moved.code, summary(moved)) == (0, hidden)
    _break(corpus, "gpt-4v.md")
    new = run_cli("check", "--baseline", "baseline.json", "--format", "json", cwd=corpus)
    assert new.code == 1
    assert [v["path"] for v in new.json()["violations"]] == ["cards/gpt-4v.md"]


def test_rewriting_the_baseline_drops_fixed_violations(corpus: Path) -> None:
    _break(corpus)
    run_cli("check", "--write-baseline", "baseline.json", cwd=corpus)
    shutil.copy(REPO / "cards" / "clip.md", corpus / "cards" / "clip.md")
    run_cli("check", "--write-baseline", "baseline.json", cwd=corpus)
    assert json.loads((corpus / "baseline.json").read_text(encoding="utf-8"))["fingerprints"] == {}


def test_a_corrupt_baseline_is_a_usage_error(corpus: Path) -> None:
    (corpus / "baseline.json").write_text("{nope", encoding="utf-8")
    result = run_cli("check", "--baseline", "baseline.json", cwd=corpus)
    assert result.code == 2 and "not a cardlint baseline" in result.err


@pytest.mark.slow  # every rule's fixtures through the command, and the whole SARIF schema
def test_sarif_of_violations_of_every_rule_validates(tmp_path: Path) -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip("../shared/schemas/sarif-2.1.0.json is not present on this machine")
    from jsonschema import validators

    corpus = tmp_path / "all"
    shutil.copytree(RULES, corpus)
    result = run_cli(
        "check",
        ".",
        "--extend-select",
        "CL",
        "--format",
        "sarif",
        "--today",
        "2026-11-29",
        cwd=corpus,
    )
    sarif = json.loads(result.out)
    fired = {r["ruleId"] for r in sarif["runs"][0]["results"]}
    every = {line.split()[0] for line in run_cli("rules", cwd=REPO).out.splitlines()}
    assert every - fired == {"CL000"}  # a crash cannot be planted
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = validators.validator_for(schema)(schema)
    assert list(validator.iter_errors(sarif)) == []
