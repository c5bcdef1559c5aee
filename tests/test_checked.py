"""Validated configuration and schemas are remembered by their bytes, and never mask an edit."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cardlint.schema.card_schema import Extension, default_schema_path, load_schema
from cardlint.settings.config import Settings, _validated
from tests.cache_helpers import seal
from tests.conftest import CORPUS_PASSED, NO_NETWORK, RULES, Result, run_cli, summary
from tests.proposals import SCHEMA as PROPOSALS
from tests.small_corpus import SCHEMA

CHECKED = Path(".cardlint_cache") / "checked.json"


@pytest.mark.parametrize(
    "table",
    [
        {},
        {"roots": ["cards"], "exclude": ["drafts"], "max-file-size": 2048},
        {"today": date(2026, 1, 1), "severity": {"CL206": "error"}, "known_ids": ["x"]},
        {"per-file-ignores": {"legacy/*.md": ["CL2"]}, "schema": "s.json", "select": ["CL1"]},
    ],
)
def test_settings_rebuild_from_their_record_exactly(table: dict[str, object]) -> None:
    settings = _validated("cardlint.toml", table)
    assert Settings.from_record(json.loads(json.dumps(settings.to_record()))) == settings


@pytest.mark.parametrize(
    "text",
    [
        default_schema_path().read_text(encoding="utf-8"),
        SCHEMA,
        json.dumps(PROPOSALS),
        (RULES / "CL107" / "eip" / "card.schema.json").read_text(encoding="utf-8"),
    ],
)
def test_an_extension_rebuilds_from_its_record_exactly(text: str, tmp_path: Path) -> None:
    (tmp_path / "schema.json").write_text(text, encoding="utf-8")
    extension = load_schema(tmp_path / "schema.json").extension  # validated: no record
    assert Extension.from_record(json.loads(json.dumps(extension.to_record()))) == extension


def _passed(result: Result) -> bool:
    return (result.code, summary(result)) == (0, CORPUS_PASSED)


def test_an_edited_configuration_is_validated_again(corpus: Path) -> None:
    assert _passed(run_cli("check", cwd=corpus))
    assert (corpus / CHECKED).is_file()
    (corpus / "cardlint.toml").write_text('today = "2026-11-29"\nrots = []\n', encoding="utf-8")
    failed = run_cli("check", cwd=corpus)
    assert failed.code == 2 and "rots: unknown key" in failed.err


def test_an_edited_schema_is_checked_again(corpus: Path) -> None:
    schema = corpus / "card.schema.json"
    schema.write_text(default_schema_path().read_text(encoding="utf-8"), encoding="utf-8")
    assert _passed(run_cli("check", "--schema", schema.name, cwd=corpus))
    schema.write_text('{"type": 12}', encoding="utf-8")
    failed = run_cli("check", "--schema", schema.name, cwd=corpus)
    assert failed.code == 2 and "invalid JSON Schema" in failed.err


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"format": "cardlint-checked-1", "version": "0.0.0", "records": {}}',
        '{"format": "cardlint-checked-1", "version": "VERSION", "records": {"ANY": 1}}',
    ],
)
def test_a_broken_record_file_only_means_validating_again(corpus: Path, content: str) -> None:
    first = run_cli("check", "--format", "json", cwd=corpus)
    record = json.loads((corpus / CHECKED).read_text(encoding="utf-8"))
    broken = content.replace("VERSION", record["version"])
    if "ANY" in broken:  # every record present, each with a value that rebuilds nothing
        seal(corpus / CHECKED, {**record, "records": dict.fromkeys(record["records"], 1)})
    else:
        (corpus / CHECKED).write_text(broken, encoding="utf-8")
    again = run_cli("check", "--format", "json", cwd=corpus)
    assert (again.code, again.out) == (first.code, first.out)


def test_a_warm_run_imports_no_validator_parser_or_pool(corpus: Path) -> None:
    assert _passed(run_cli("check", cwd=corpus))
    probe = (
        "import sys\n"
        "from cardlint.cli.main import main\n"
        "try:\n    main(args=['check'], prog_name='cardlint')\n"
        "except SystemExit:\n    pass\n"
        "heavy = ('pydantic', 'jsonschema', 'referencing', 'yaml', 'markdown_it',\n"
        "    'multiprocessing', 'cardlint.facts.structure', 'cardlint.load.block_scanner',\n"
        "    'cardlint.facts.dates')\n"
        "print(sorted(m for m in sys.modules if m in heavy or m.split('.')[0] in heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=corpus,
        env={"NO_COLOR": "1", **NO_NETWORK},
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


_IMPORTED = (
    "import sys\n"
    "from cardlint.cli.main import main\n"
    "try:\n    main(args=sys.argv[1:], prog_name='cardlint')\n"
    "except SystemExit:\n    pass\n"
    "print(sorted(m for m in ('pydantic',) if m in sys.modules))\n"
)
"""A run that prints, last, whether it imported pydantic (which validates configurations)."""


def _validators(corpus: Path, user_cache: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTED, "check", *args],
        cwd=corpus,
        env={"NO_COLOR": "1", "XDG_CACHE_HOME": str(user_cache), **NO_NETWORK},
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip().splitlines()[-1]


def test_no_cache_remembers_validations_in_the_users_cache_folder(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    user_cache = tmp_path_factory.mktemp("home") / "cache"
    schema = corpus / "card.schema.json"
    schema.write_text(SCHEMA, encoding="utf-8")
    args = ("--no-cache", "--schema", schema.name)
    assert _validators(corpus, user_cache, *args) == "['pydantic']"
    assert _validators(corpus, user_cache, *args) == "[]"
    assert (user_cache / "cardlint" / "checked.json").is_file()
    assert not (corpus / ".cardlint_cache").exists()  # --no-cache leaves the project untouched
    (corpus / "cardlint.toml").write_text('today = "2026-11-29"\nrots = []\n', encoding="utf-8")
    failed = run_cli("check", *args, cwd=corpus, env={"XDG_CACHE_HOME": str(user_cache)})
    assert failed.code == 2 and "rots: unknown key" in failed.err


def test_no_cache_on_a_stray_card_leaves_no_folder_anywhere(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    user_cache = tmp_path_factory.mktemp("home") / "cache"
    (tmp_path / "stray.md").write_text("---\nid: stray\n---\n", encoding="utf-8")
    run_cli(
        "check", "--no-cache", "stray.md", cwd=tmp_path, env={"XDG_CACHE_HOME": str(user_cache)}
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stray.md"]
    assert not user_cache.exists()
