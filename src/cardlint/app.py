"""From a request (what the command line asked) to a job the engine can run.

Configuration comes first, command-line options override it. Everything that can go wrong
here is a usage, configuration or schema error, raised as `UsageError` (exit status 2).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from cardlint import __version__, cache_folder
from cardlint.checked import Checked
from cardlint.config import ConfigError, LoadedConfig, load_config, locate_config
from cardlint.engine import Job, Report, run
from cardlint.files import CardFinder
from cardlint.paths import display_path
from cardlint.preflight import (
    card_roots,
    configured_selectors,
    require_existing,
    require_known_rules,
    require_roots,
)
from cardlint.readers import Reader, on_disk
from cardlint.rules import RuleInfo, rule_index
from cardlint.schema import CardSchema, default_schema_path, load_schema
from cardlint.schema_files import SchemaLoadError
from cardlint.selection import resolve_selector, select_rules, severities

if TYPE_CHECKING:
    from cardlint.changed import Scope


class UsageError(Exception):
    pass


class Named(NamedTuple):
    """A git revision as it was given, and where (an option, or pre-commit's variable)."""

    name: str
    source: str


@dataclass(frozen=True)
class CheckRequest:
    paths: Sequence[Path] = ()
    config: Path | None = None
    schema: Path | None = None
    select: Sequence[str] = ()
    extend_select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    today: date | None = None
    pre_commit: bool = False
    """Named files outside the corpus are skipped, and cards listing removed cards are added."""
    baseline: Path | None = None
    cache: bool = True
    cache_dir: Path | None = None
    roots: Sequence[Path] = ()
    cwd: Path = field(default_factory=Path.cwd)
    require_cards: bool = False
    """Finding no card to check is a usage error (a CI gate with a wrong path would pass)."""
    missing_roots_ok: bool = False
    """A configured root may be missing: `new` creates the one it writes to."""
    changed_since: Named | None = None
    """Report on the cards changed since this revision forked, those that list a card the
    change removes, and every card when the change alters the rules (see `changed`)."""
    changed_until: Named | None = None
    """Where that change ends (pre-commit's --to-ref); None: the working tree."""
    rules_from: str | None = None
    """Read the configuration and the schema as this git revision holds them."""


def check(request: CheckRequest) -> Report:
    report = run(build_job(request))
    if request.baseline is None:
        return report
    from cardlint.baseline import BaselineError, apply_baseline, load_baseline

    try:
        return apply_baseline(report, load_baseline(request.cwd / request.baseline))
    except BaselineError as error:
        raise UsageError(str(error)) from error


def write_baseline_for(request: CheckRequest, path: Path) -> int:
    """Record the violations found now; returns how many."""
    from cardlint.baseline import write_baseline

    return write_baseline(check(replace(request, baseline=None)), request.cwd / path)


def build_job(request: CheckRequest) -> Job:
    read = _rules_reader(request)
    try:
        located = locate_config(request.config, request.cwd)
        checked = Checked(_cache_folder(request, located))
        loaded = load_config(request.config, request.cwd, checked, read)
        rules = rule_index()
        _require_named(request, loaded, rules)
        schema_path = _schema_path(request, loaded, read)
    except ConfigError as error:
        raise UsageError(_at(request, str(error))) from error
    settings = loaded.settings
    roots = [request.cwd / r for r in request.roots] or card_roots(loaded)
    finder = CardFinder(loaded.root, settings.include, settings.exclude)
    corpus = finder.find(roots)
    paths = [request.cwd / p for p in request.paths]
    targets = finder.find(paths) if paths else corpus
    if request.require_cards and not request.pre_commit and not targets:
        # pre-commit runs the hook for a commit that changes no card: that must pass.
        raise UsageError(_no_cards(paths or roots, settings.include, request.cwd))
    if request.pre_commit:
        # pre-commit passes every changed file of the hook's types, and none that were deleted.
        in_corpus = set(corpus)
        targets = [t for t in targets if t in in_corpus] if paths else []
    scope = _scope(request, loaded.root, read)
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
    cache_key = _cache_key(schema, chosen, today, settings.max_file_size)
    return Job(
        targets=targets,
        corpus=list(dict.fromkeys([*corpus, *targets])),
        schema=schema,
        rules=chosen,
        severity=levels,
        today=today,
        max_file_size=settings.max_file_size,
        resolve=lambda selector: frozenset(r.code for r in resolve_selector(selector, rules)),
        known_ids=frozenset(settings.known_ids),
        referrers_of=frozenset(scope.removed if scope is not None else ()),
        per_file_ignores=per_file,
        cwd=request.cwd,
        root=loaded.root,
        cache_dir=cache_dir,
        cache_key=cache_key,
        workers=os.cpu_count() or 1,
    )


def rule_change(request: CheckRequest) -> list[str]:
    """With `rules_from`: the rule files that differ between that revision and the working
    tree (or are rule files in only one of them), as shown to the user."""
    if request.rules_from is None:
        return []
    from cardlint.rulefiles import differing, rule_files

    options = (request.cwd, request.config, request.schema)
    then = rule_files(_rules_reader(request), *options)
    return [display_path(p, request.cwd) for p in differing(then, rule_files(on_disk, *options))]


def _rules_reader(request: CheckRequest) -> Reader:
    """Where the rules are read: the working tree, or the revision `rules_from` names."""
    if request.rules_from is None:
        return on_disk
    from cardlint.gitrepo import GitError, at_revision

    try:
        return at_revision(request.cwd, request.rules_from, "--rules-from")
    except GitError as error:
        raise UsageError(str(error)) from error


def _at(request: CheckRequest, message: str) -> str:
    """A configuration or schema message, saying which revision the file was read from."""
    ref = request.rules_from
    return message if ref is None else f"--rules-from {ref}: {message}"


def _scope(request: CheckRequest, root: Path, read: Reader) -> Scope | None:
    """The change the run is about: a range of history, or (for the hook) the staged change."""
    if request.changed_since is None and not request.pre_commit:
        return None
    from cardlint.changed import RulesInForce, change_scope
    from cardlint.gitrepo import GitError

    rules = RulesInForce(read, request.cwd, request.config, request.schema)
    try:
        return change_scope(root, request.changed_since, request.changed_until, rules)
    except GitError as error:
        raise UsageError(str(error)) from error


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
    return config.resolve().parent / cache_folder.NAME if config is not None else None


def _cache_key(schema: CardSchema, rules: Sequence[RuleInfo], today: date, max_size: int) -> str:
    """Everything a card's own results depend on besides its bytes."""
    parts = [
        __version__,
        schema.digest,
        ",".join(r.code for r in rules),
        today.isoformat(),
        str(max_size),
    ]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:24]


def _require_named(request: CheckRequest, loaded: LoadedConfig, rules: Sequence[RuleInfo]) -> None:
    """The folders, files and rules the request and the configuration name must exist."""
    if not request.roots and not request.missing_roots_ok:
        require_roots(loaded, request.cwd)
    for given in request.paths:
        require_existing(request.cwd / given, str(given), "file or folder")
    options = {
        "--select": request.select,
        "--extend-select": request.extend_select,
        "--ignore": request.ignore,
    }
    require_known_rules(rules, {**options, **configured_selectors(loaded, request.cwd)})


def _schema_path(request: CheckRequest, loaded: LoadedConfig, read: Reader) -> Path:
    if request.schema is not None:
        path = request.cwd / request.schema
        _require_file(path, str(request.schema), "--schema", read)
        return path
    if loaded.path is not None and loaded.settings.schema_path is not None:
        path = loaded.root / loaded.settings.schema_path
        source = f"{display_path(loaded.path, request.cwd)}: schema"
        _require_file(path, loaded.settings.schema_path, source, read)
        return path
    return default_schema_path()


def _require_file(path: Path, written: str, source: str, read: Reader) -> None:
    if read is on_disk:
        require_existing(path, written, "file", source)
    elif read(path) is None:
        raise ConfigError(f"{source}: no file {written!r}")


def _schema(request: CheckRequest, path: Path, checked: Checked, read: Reader) -> CardSchema:
    try:
        return load_schema(path, checked, read)
    except SchemaLoadError as error:
        raise UsageError(_at(request, str(error))) from error


def _no_cards(places: Sequence[Path], include: Sequence[str], cwd: Path) -> str:
    where = ", ".join(display_path(p, cwd) + ("/" if p.is_dir() else "") for p in places)
    looked = ", ".join(include)
    return f"no cards found under {where} (files named {looked}); --allow-empty lets this pass"
