"""From a request (what the command line asked) to a job the engine can run.

Configuration comes first, command-line options override it. Everything that can go wrong
here is a usage, configuration or schema error, raised as `UsageError` (exit status 2).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from cardlint import __version__
from cardlint.cache import folder
from cardlint.cache.validation_memo import Checked
from cardlint.errors import UsageError
from cardlint.facts import columns
from cardlint.load.discover import CardFinder
from cardlint.model import Report
from cardlint.rules import RuleInfo, rule_index
from cardlint.run.engine import RunResult, run
from cardlint.run.job import Job
from cardlint.schema.card_schema import CardSchema, load_schema
from cardlint.schema.card_types import CardTypes
from cardlint.schema.files import SchemaLoadError
from cardlint.settings import preflight
from cardlint.settings.card_types import card_types
from cardlint.settings.config import ConfigError, LoadedConfig, load_config, locate_config
from cardlint.settings.request import CheckRequest
from cardlint.settings.selection import resolve_selector, select_rules, severities
from cardlint.sources.readers import Reader, on_disk


def check(request: CheckRequest) -> Report:
    return checked_run(request).report


def checked_run(request: CheckRequest) -> RunResult:
    """`check`'s run: its report, and everything it loaded, for a caller that ends the
    process soon and would rather not have a corpus freed an object at a time first."""
    done = run(build_job(request))
    if request.baseline is None:
        return done
    from cardlint.report.baseline import BaselineError, apply_baseline, load_baseline
    from cardlint.scope import revisions

    read = revisions.rules_reader(request)
    try:
        baseline = load_baseline(request.cwd / request.baseline, read)
    except BaselineError as error:
        raise UsageError(str(error)) from error
    return replace(done, report=apply_baseline(done.report, baseline))


def write_baseline_for(request: CheckRequest, path: Path) -> int:
    """Record the violations found now; returns how many."""
    from cardlint.report.baseline import write_baseline

    return write_baseline(check(replace(request, baseline=None)), request.cwd / path)


def build_job(request: CheckRequest) -> Job:
    from cardlint.scope import revisions  # it starts git processes, for the requests that ask

    read = revisions.rules_reader(request)
    try:
        located = locate_config(request.config, request.cwd)
        checked = Checked(_memo_folder(request, located), personal=not request.cache)
        # The working tree's configuration was just found; another revision's is searched for.
        loaded = load_config(
            located if read is on_disk else request.config, request.cwd, checked, read
        )
        rules = rule_index()
        _require_named(request, loaded, rules)
        schema_path = preflight.schema_path(request.schema, request.cwd, loaded, read)
    except ConfigError as error:
        raise UsageError(revisions.at(request, str(error))) from error
    settings = loaded.settings
    roots = [request.cwd / r for r in request.roots] or preflight.card_roots(loaded)
    finder = CardFinder(loaded.root, settings.include, settings.exclude)
    corpus = finder.find(roots)
    paths = [request.cwd / p for p in request.paths]
    targets = finder.find(paths) if paths else corpus
    if request.require_cards and not request.pre_commit and not targets:
        # pre-commit runs the hook for a commit that changes no card: that must pass.
        raise UsageError(preflight.no_cards(paths or roots, settings.include, request.cwd))
    if request.pre_commit:
        # pre-commit passes every changed file of the hook's types, and none that were deleted.
        in_corpus = set(corpus)
        targets = [t for t in targets if t in in_corpus] if paths else []
    scope = revisions.change_scope(request, loaded.root, read)
    if scope is not None and (scope.every_card or not request.pre_commit):
        targets = scope.cards(corpus if request.pre_commit else targets)
    chosen = select_rules(
        rules,
        request.select or settings.select,
        [*settings.extend_select, *request.extend_select],
        [*settings.ignore, *request.ignore],
    )
    levels = severities(rules, settings.severity)
    per_file = tuple(
        (glob, frozenset(r.code for s in codes for r in resolve_selector(s, rules)))
        for glob, codes in settings.per_file_ignores.items()
    )
    today = request.today or settings.today or date.today()
    cache_dir = _cache_folder(request, loaded.path)
    schema = _schema(request, schema_path, checked, read)
    try:
        types = card_types(
            loaded, schema, lambda path: _schema(request, path, checked, read), request.cwd, read
        )
    except ConfigError as error:
        raise UsageError(revisions.at(request, str(error))) from error
    cache_key = _cache_key(types, chosen, today, settings.max_file_size)
    return Job(
        targets=targets,
        # Usually the targets are the corpus, or some of its cards: nothing to add.
        corpus=corpus if targets == corpus else list(dict.fromkeys([*corpus, *targets])),
        types=types,
        rules=chosen,
        severity=levels,
        today=today,
        max_file_size=settings.max_file_size,
        resolve=lambda selector: frozenset(r.code for r in resolve_selector(selector, rules)),
        known_ids=frozenset(settings.known_ids),
        referrers_of=_removed_ids(scope.removed if scope is not None else (), types),
        per_file_ignores=per_file,
        cwd=request.cwd,
        root=loaded.root,
        cache_dir=cache_dir,
        cache_key=cache_key,
        workers=os.cpu_count() or 1,
    )


def _removed_ids(names: Sequence[str], types: CardTypes) -> frozenset[str]:
    """The ids of the cards a change removes, as their file names give them: under each card
    type's template, since a removed file's type is no longer known."""
    templates = {t.schema.extension.file_names for t in types.every}
    return frozenset(
        found for name in names for names_of in templates if (found := names_of.id_of(name))
    )


def clean_cache(
    config: Path | None, cache_dir: Path | None, cwd: Path | None = None
) -> Path | None:
    """Remove the cache folder, if it is one of ours; returns what was removed."""
    request = CheckRequest(config=config, cache_dir=cache_dir, cwd=cwd or Path.cwd())
    try:
        folder = _cache_folder(request, locate_config(request.config, request.cwd))
    except ConfigError as error:
        raise UsageError(str(error)) from error
    if folder is None or not folder.is_dir():
        return None
    if not (folder / ".gitignore").is_file() or any(
        p.suffix not in (".json", "") for p in folder.iterdir()
    ):
        raise UsageError(f"{folder}: does not look like a cardlint cache; not removed")
    import shutil

    shutil.rmtree(folder)
    return folder


def _cache_folder(request: CheckRequest, config: Path | None) -> Path | None:
    """The cache lives at the project root, the folder of the configuration file.

    Without a configuration there is no project to put it in: checking a stray file must not
    leave a folder behind (unless `--cache-dir` asks for one).
    """
    if not request.cache:
        return None
    if request.cache_dir:
        return request.cwd / request.cache_dir
    return config.resolve().parent / folder.NAME if config is not None else None


def _memo_folder(request: CheckRequest, config: Path | None) -> Path | None:
    """Where validated configurations and schemas are remembered (see `validation_memo`).

    In the cache folder when the run keeps one. Under `--no-cache` the project is left
    untouched, and the memo goes to the user's cache folder: it holds only what validating
    some exact bytes gave, under this cardlint version, so one memo serves every project, and
    a run with no result cache still skips importing the validators. Without a configuration
    there is no memo: checking a stray file leaves no folder anywhere.
    """
    if request.cache or config is None:
        return _cache_folder(request, config)
    return folder.user_folder()


def _cache_key(types: CardTypes, rules: Sequence[RuleInfo], today: date, max_size: int) -> str:
    """Everything a card's own results depend on besides its bytes."""
    parts = [
        __version__,
        columns.FORMAT,
        *(f"{t.name}:{t.schema.digest}:{chr(1).join(t.files)}" for t in types.every),
        types.field or "",
        ",".join(r.code for r in rules),
        today.isoformat(),
        str(max_size),
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def _require_named(request: CheckRequest, loaded: LoadedConfig, rules: Sequence[RuleInfo]) -> None:
    """The folders, files and rules the request and the configuration name must exist."""
    if not request.roots and not request.missing_roots_ok:
        preflight.require_roots(loaded, request.cwd)
    for given in request.paths:
        preflight.require_existing(request.cwd / given, str(given), "file or folder")
    options = {
        "--select": request.select,
        "--extend-select": request.extend_select,
        "--ignore": request.ignore,
    }
    selectors = {**options, **preflight.configured_selectors(loaded, request.cwd)}
    preflight.require_known_rules(rules, selectors)


def _schema(request: CheckRequest, path: Path, checked: Checked, read: Reader) -> CardSchema:
    try:
        return load_schema(path, checked, read)
    except SchemaLoadError as error:
        from cardlint.scope.revisions import at

        raise UsageError(at(request, str(error))) from error
