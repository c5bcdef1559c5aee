"""End to end through the real command: exit codes, formats, options, configuration."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cardlint.rules import all_rules
from tests.conftest import CARDS, REPO, VALID, run_cli, summary


def _bad_card(project: Path, name: str = "bad.md") -> Path:
    card = project / "cards" / name
    card.write_text(
        VALID.read_text(encoding="utf-8")
        .replace("concept_id: valid", f"concept_id: {name[:-3]}")
        # Names of its own: a card named as another is a duplicate concept (CL310).
        .replace("注意力", f"注意力{name[:-3]}")
        .replace("(Attention)", f"(Attention {name[:-3] * 4})")
        .replace("en: Attention", f"en: Attention {name[:-3] * 4}")
        .replace("difficulty: beginner", "difficulty: expert"),
        encoding="utf-8",
    )
    return card


def test_our_own_corpus_is_clean() -> None:
    result = run_cli("check", "cards/", cwd=REPO)
    assert result.code == 0, result.out
    assert f"All {len(list(CARDS.glob('*.md')))} cards passed" in result.out


def test_text_output_has_location_code_message_hint_and_summary(project: Path) -> None:
    _bad_card(project)
    result = run_cli("check", cwd=project)
    assert result.code == 1
    assert result.out.splitlines()[:1] == [
        "cards/bad.md:6:13: CL103 [~] difficulty: 'expert' is not one of beginner, intermediate, "
        "advanced (did you mean 'advanced'?)"
    ]
    assert "\x1b[" not in result.out
    assert "Found 1 error and 0 warnings in 1 of 2 cards" in result.out.splitlines()[-1]


def test_json_output_is_sorted_complete_and_byte_identical(project: Path) -> None:
    _bad_card(project, "b.md")
    _bad_card(project, "a.md")
    # Two processes with different string hashes, the second reading what the first cached.
    first = run_cli("check", "--format", "json", cwd=project, env={"PYTHONHASHSEED": "1"})
    second = run_cli("check", "--format", "json", cwd=project, env={"PYTHONHASHSEED": "2"})
    assert first.out == second.out
    document = first.json()
    assert document["version"] == 1
    assert document["summary"] == {
        "errors": 2,
        "warnings": 0,
        "cards": 3,
        "cards_with_violations": 2,
    }
    violations = document["violations"]
    assert isinstance(violations, list)
    assert [v["path"] for v in violations] == ["cards/a.md", "cards/b.md"]
    assert set(violations[0]) == {
        "path",
        "line",
        "column",
        "code",
        "rule",
        "severity",
        "message",
        "hint",
    }


def test_exit_zero_quiet_and_select(project: Path) -> None:
    _bad_card(project)
    # --exit-zero changes the status only: the error is still reported.
    zero = run_cli("check", "--exit-zero", cwd=project)
    assert zero.code == 0
    assert zero.out.startswith("cards/bad.md:6:13: CL103 ")
    assert summary(zero).startswith("Found 1 error and 0 warnings in 1 of 2 cards.")
    quiet = run_cli("check", "--quiet", cwd=project)
    assert quiet.code == 1 and "Found" not in quiet.out
    assert quiet.out.startswith("cards/bad.md:6:13: CL103 ")
    # The card's one error is CL103: leaving out its rule, by name or by prefix, passes both.
    ignored = run_cli("check", "--ignore", "invalid-value", cwd=project)
    assert (ignored.code, summary(ignored)) == (0, "All 2 cards passed.")
    assert "CL103" not in ignored.out
    selected = run_cli("check", "--select", "CL2", cwd=project)
    assert (selected.code, summary(selected)) == (0, "All 2 cards passed.")


def test_warnings_alone_do_not_fail(project: Path) -> None:
    card = project / "cards" / "valid.md"
    card.write_text(
        card.read_text(encoding="utf-8").replace("### 2014", "#### 2014"), encoding="utf-8"
    )
    result = run_cli("check", cwd=project)
    assert result.code == 0
    assert "CL206" in result.out and "1 warning" in result.out


def test_paths_after_double_dash_are_paths(project: Path) -> None:
    shutil.copy(VALID, project / "-odd.md")
    result = run_cli("check", "--select", "CL1,CL2", "--", "-odd.md", cwd=project)
    assert result.code == 0, result.out + result.err
    assert "1 card passed" in result.out


@pytest.mark.parametrize(
    ("config", "needle"),
    [
        ("[tool.cardlint]\nrots = ['cards']\n", "rots: unknown key (did you mean 'roots'?)"),
        ("[tool.cardlint]\nmax-file-size = -1\n", "max-file-size"),
        ("[tool.cardlint]\nselect = ['CL999']\n", "pyproject.toml: select: no rule 'CL999'"),
        ("[tool.cardlint\n", "invalid TOML"),
        ("[tool]\ncardlint = 5\n", "[tool.cardlint] must be a table"),
        ('[tool.cardlint]\nroots = ["a\\u0000b"]\n', "a path cannot hold a NUL character"),
        ("x = " + "[" * 3000 + "]" * 3000 + "\n", "nested too deeply"),
    ],
)
def test_bad_configuration_exits_2_naming_file_and_key(
    project: Path, config: str, needle: str
) -> None:
    (project / "pyproject.toml").write_text(config, encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.code == 2
    assert result.err.startswith("Error: ") and result.err.count("\n") == 1, result.err
    assert needle in result.err and "pyproject.toml" in result.err


@pytest.mark.parametrize(
    ("schema", "needle"),
    [
        ("{not json", "not valid JSON"),
        ('{"type": 12}', "invalid JSON Schema"),
        ('{"$schema": "http://example.com/s", "type": "object"}', "unsupported $schema"),
        ('{"properties": {"a": {"$ref": "https://example.com/x.json"}}}', "cannot be resolved"),
        ('{"x-cardlint": {"sections": [{"key": "a"}]}}', "x-cardlint.sections.0.titles"),
        ('{"properties": {"a": {"pattern": "["}}}', "is not a 'regex'"),
        ('{"x-cardlint": {"date_labels": [""]}}', "a date label must be text on one line"),
        ('{"x-cardlint": {"file_name": "card.md"}}', "x-cardlint.file_name: 'card.md' names no"),
        ('{"x-cardlint": {"file_name": "{n:4d}.md"}}', "x-cardlint.file_name: {n:4d} in"),
        ('{"x-cardlint": {"file_name": "{a.b}.md"}}', "must name a front-matter field"),
        ('{"x-cardlint": {"file_name": "x/{concept_id}.md"}}', "must be a file name, not a path"),
        ('{"x-cardlint": {"file_name": "{eip}.md"}}', "must name the id field, as {concept_id}"),
        ('{"x-cardlint": {"reference_fields": [{"delimiter": ","}]}}', "fields.0.field: Field"),
        ('{"x-cardlint": {"reference_fields": [{"field": "a", "delimiter": ""}]}}', ".delimiter"),
        ('{"x-cardlint": {"reference_fields": [{"field": "a", "kinds": 1}]}}', "0.kinds: unknown"),
        ('{"x-cardlint": {"reference_fields": [{"field": "a", "types": 1}]}}', "0.types: Input"),
        (
            '{"x-cardlint": {"reference_fields": [{"field": "a", "types": ["person"]}]}}',
            "fields[0].types: names the card type 'person', but the configuration has no",
        ),
        ('{"x-cardlint": {"reference_fields": [7]}}', "reference_fields.0: must be a field name"),
        ('{"not": ' * 3000 + "{}" + "}" * 3000, "nested too deeply"),
        ('{"$defs": {"a": {"$ref": "#/$defs/a"}}}', "leads back to itself"),
        (
            '{"$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}]}, "b": {"$ref": "#/$defs/a"}}}',
            "$ref '#/$defs/a' leads back to itself before reaching into the value",
        ),
        ('{"dependentSchemas": {"x": {"$ref": "#"}}}', "$ref '#' leads back to itself"),
        ('{"anyOf": [{"$ref": "bad.schema.json"}]}', "$ref '#' leads back to itself"),
        ('{"not": {"$ref": "#"}}', "leads back to itself"),
    ],
)
def test_bad_schema_exits_2_with_one_clear_line(project: Path, schema: str, needle: str) -> None:
    (project / "bad.schema.json").write_text(schema, encoding="utf-8")
    result = run_cli("check", "--schema", "bad.schema.json", cwd=project)
    assert result.code == 2
    assert result.err.startswith("Error: ") and result.err.count("\n") == 1, result.err
    assert needle in result.err


def test_local_ref_beside_the_schema_resolves(project: Path) -> None:
    (project / "common.json").write_text('{"enum": ["beginner"]}', encoding="utf-8")
    (project / "s.schema.json").write_text(
        json.dumps(
            {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "properties": {"difficulty": {"$ref": "common.json"}},
            }
        ),
        encoding="utf-8",
    )
    _bad_card(project)
    result = run_cli("check", "--schema", "s.schema.json", "--format", "json", cwd=project)
    assert [v["code"] for v in result.json()["violations"]] == ["CL103"]


def _schema_referring_to(project: Path, common: str) -> None:
    (project / "common.json").write_text(common, encoding="utf-8")
    (project / "s.schema.json").write_text(
        json.dumps({"properties": {"difficulty": {"$ref": "common.json#/$defs/level"}}}),
        encoding="utf-8",
    )


def test_a_referenced_schema_file_is_checked_too(project: Path) -> None:
    _schema_referring_to(project, '{"$defs": {"level": {"type": 12}}}')
    result = run_cli("check", "--schema", "s.schema.json", cwd=project)
    assert result.code == 2
    assert "common.json: invalid JSON Schema at $defs/level/type" in result.err
    assert "CL000" not in result.out + result.err and "Traceback" not in result.err


def test_editing_a_referenced_schema_file_is_seen_by_the_next_cached_run(project: Path) -> None:
    # The project's one card is a beginner's.
    _schema_referring_to(project, '{"$defs": {"level": {"enum": ["beginner"]}}}')
    check = ("check", "--schema", "s.schema.json", "--cache-dir", "cache", "--format", "json")
    assert run_cli(*check, cwd=project).json()["violations"] == []
    _schema_referring_to(project, '{"$defs": {"level": {"enum": ["advanced"]}}}')
    violations = run_cli(*check, cwd=project).json()["violations"]
    assert [v["code"] for v in violations] == ["CL103"]


@pytest.mark.parametrize(
    "schema",
    [
        {"$defs": {"n": {"properties": {"kids": {"items": {"$ref": "#/$defs/n"}}}}}},
        {"properties": {"more": {"$ref": "#"}}},
        {"properties": {"n": {"minimum": -(10**400)}}},
        {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "definitions": {
                "a": {"$ref": "#/definitions/b", "allOf": [{"$ref": "#/definitions/a"}]},
                "b": {},
            },
            "properties": {"x": {"$ref": "#/definitions/a"}},
        },
    ],
    ids=["recursive-through-items", "recursive-through-properties", "huge-bound", "draft-07"],
)
def test_unusual_but_sound_schemas_work(project: Path, schema: dict[str, object]) -> None:
    (project / "s.json").write_text(json.dumps(schema), encoding="utf-8")
    result = run_cli("check", "--no-cache", "--schema", "s.json", cwd=project)
    assert (result.code, result.err, summary(result)) == (0, "", "1 card passed."), result.out


def test_a_ref_loop_through_another_file_is_refused(project: Path) -> None:
    (project / "common.json").write_text('{"$ref": "s.schema.json#/$defs/a"}', encoding="utf-8")
    schema = {"$defs": {"a": {"allOf": [{"$ref": "common.json"}]}}, "not": {"$ref": "#/$defs/a"}}
    (project / "s.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    result = run_cli("check", "--schema", "s.schema.json", cwd=project)
    assert result.code == 2 and "leads back to itself" in result.err, result.err


def test_draft_07_schemas_work(project: Path) -> None:
    (project / "s.json").write_text(
        json.dumps({"$schema": "http://json-schema.org/draft-07/schema#", "required": ["owner"]}),
        encoding="utf-8",
    )
    result = run_cli("check", "--schema", "s.json", "--format", "json", cwd=project)
    assert [v["code"] for v in result.json()["violations"]] == ["CL101"]


def test_missing_path_is_a_usage_error(project: Path) -> None:
    result = run_cli("check", "nowhere.md", cwd=project)
    assert (result.code, result.err) == (2, "Error: no file or folder 'nowhere.md'\n")
    result = run_cli("check", "card", cwd=project)
    assert result.err == "Error: no file or folder 'card' (did you mean 'cards'?)\n"
    result = run_cli("check", "cards/valdi.md", cwd=project)
    assert result.err == (
        "Error: no file or folder 'cards/valdi.md' (did you mean 'cards/valid.md'?)\n"
    )


def test_a_missing_schema_names_the_option_or_the_key(project: Path) -> None:
    (project / "schemas").mkdir()
    (project / "schemas" / "card.json").write_text("{}", encoding="utf-8")
    result = run_cli("check", "--schema", "schemas/cards.json", cwd=project)
    assert result.err == (
        "Error: --schema: no file 'schemas/cards.json' (did you mean 'schemas/card.json'?)\n"
    )
    (project / "cardlint.toml").write_text('schema = "card.json"\n', encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert (result.code, result.err) == (2, "Error: cardlint.toml: schema: no file 'card.json'\n")


def test_configuration_roots_severity_and_known_ids(project: Path) -> None:
    (project / "notes").mkdir()
    card = _bad_card(project)
    card.rename(project / "notes" / "bad.md")
    card = project / "notes" / "bad.md"
    card.write_text(
        card.read_text(encoding="utf-8").replace(
            "related_concepts: []", "related_concepts: [planned]"
        ),
        encoding="utf-8",
    )
    (project / "cardlint.toml").write_text(
        'roots = ["notes"]\nknown-ids = ["planned"]\n[severity]\nCL103 = "warning"\n',
        encoding="utf-8",
    )
    result = run_cli("check", "--format", "json", cwd=project)
    assert result.code == 0
    violations = result.json()["violations"]
    assert [(v["path"], v["code"], v["severity"]) for v in violations] == [
        ("notes/bad.md", "CL103", "warning")
    ]


def test_cardlint_toml_wins_over_pyproject_in_the_same_folder(project: Path) -> None:
    _bad_card(project)
    (project / "pyproject.toml").write_text("[tool.cardlint]\nignore = []\n", encoding="utf-8")
    (project / "cardlint.toml").write_text('ignore = ["CL103"]\n', encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert (result.code, summary(result)) == (0, "All 2 cards passed."), result.out
    assert "CL103" not in result.out


def test_config_is_found_from_a_subfolder(project: Path) -> None:
    _bad_card(project)
    (project / "cardlint.toml").write_text('ignore = ["CL1"]\n', encoding="utf-8")
    result = run_cli("check", cwd=project / "cards")
    # Both cards checked, the bad one's CL103 ignored as the configuration above says.
    assert (result.code, summary(result)) == (0, "All 2 cards passed."), result.out


def test_rules_lists_every_rule_and_rule_shows_its_documentation() -> None:
    listing = run_cli("rules", cwd=REPO)
    assert listing.code == 0
    assert [line.split()[:2] for line in listing.out.splitlines()] == [
        [rule.code, rule.name] for rule in all_rules()
    ]
    doc = run_cli("rule", "invalid-value", cwd=REPO)
    assert doc.code == 0
    for part in (
        "# CL103 invalid-value",
        "What it checks",
        "Why it matters",
        "Example",
        "How to fix",
    ):
        assert part in doc.out
    unknown = run_cli("rule", "CL999", cwd=REPO)
    assert (unknown.code, unknown.out) == (2, "")
    assert unknown.err.startswith("Error: no rule 'CL999'")


def test_version_from_the_console_script_and_the_module() -> None:
    from cardlint import __version__

    expected = f"cardlint, version {__version__}\n"
    assert run_cli("--version", cwd=REPO).out == expected
    module = subprocess.run(
        [sys.executable, "-m", "cardlint", "--version"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    )
    assert module.stdout == expected


_TRACED = """
import atexit, sys
from cardlint.cli.main import entry
atexit.register(print, "the observer reported")
sys.settrace(lambda *args: None)
sys.argv = ["cardlint", "check", "--no-cache", "cards"]
entry()
"""


@pytest.mark.parametrize(
    ("how", "shown"),
    [
        (["-m", "cProfile", "-m", "cardlint", "check", "--no-cache", "cards"], "function calls"),
        (["-c", _TRACED], "the observer reported"),
    ],
    ids=["profiled", "traced"],
)
def test_an_observed_run_exits_the_usual_way(project: Path, how: list[str], shown: str) -> None:
    """The console script ends its process at once, but not under a profiler or tracer,
    whose report would be lost."""
    import os
    import subprocess
    import sys

    _bad_card(project)
    done = subprocess.run(
        [sys.executable, *how],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
        check=False,
    )
    assert "bad.md:6:13: CL103" in done.stdout, done.stderr
    assert shown in done.stdout
    if how[0] == "-c":  # cProfile itself ends with 0 whatever the program's status
        assert done.returncode == 1


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2020-02-30", "'2020-02-30' is not a real date: February 2020 has 29 days"),
        ("2026-13-01", "'2026-13-01' is not a real date: months run from 01 to 12"),
        ("next week", "'next week' is not a date in the form YYYY-MM-DD"),
    ],
)
def test_bad_today_is_one_line_saying_what_is_wrong(
    project: Path, value: str, problem: str
) -> None:
    result = run_cli("check", "--today", value, cwd=project)
    assert (result.code, result.out, result.err) == (2, "", f"Error: --today: {problem}\n")
    (project / "cardlint.toml").write_text(f'today = "{value}"\n', encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert (result.code, result.err) == (2, f"Error: cardlint.toml: today: {problem}\n")


def test_cli_processes_run_without_network() -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import NO_NETWORK

    probe = "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9', timeout=1)"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**os.environ, **NO_NETWORK},
        check=False,
    )
    assert done.returncode != 0
    assert "network access is disabled" in done.stderr


def test_path_arguments_reach_commands_as_paths() -> None:
    from cardlint.cli.options import PathArg

    assert PathArg().convert("cards/clip.md", None, None) == Path("cards/clip.md")
    assert isinstance(PathArg().convert("cards", None, None), Path)


def test_the_readme_configuration_is_valid(project: Path) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Configuration", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    (project / "pyproject.toml").write_text(block, encoding="utf-8")
    (project / "schemas").mkdir()
    shutil.copy(REPO / "schemas" / "concept-card.schema.json", project / "schemas")
    result = run_cli("check", cwd=project)
    assert (result.code, result.err, summary(result)) == (0, "", "1 card passed."), result.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("check", "--output", "cards"), "cards: Is a directory"),
        (("check", "--output", "nowhere/x.txt"), "nowhere/x.txt: No such file or directory"),
        (("check", "--write-baseline", "nowhere/b.json"), "nowhere/b.json: No such file"),
        (("graph", "--output", "nowhere/graph.md"), "nowhere/graph.md: No such file or directory"),
        (("new", "a" * 300), f"{'a' * 300}.md: File name too long"),
    ],
    ids=["output-is-a-folder", "output-folder-missing", "baseline", "graph", "long-name"],
)
def test_a_file_that_cannot_be_written_is_one_line_naming_it(
    project: Path, args: tuple[str, ...], message: str
) -> None:
    result = run_cli(*args, cwd=project)
    assert result.code == 2
    assert result.err.startswith("Error: ") and result.err.count("\n") == 1, result.err
    assert message in result.err and ".tmp" not in result.err


def test_a_pyproject_whose_tool_is_no_table_is_not_a_configuration(project: Path) -> None:
    (project / "pyproject.toml").write_text("tool = 5\n", encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.code == 0 and "1 card passed" in result.out, result.err
