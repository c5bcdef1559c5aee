"""The run: load cards -> build the corpus index -> run rules -> a report. Nothing here prints.

`load` is the one way cards are loaded, for `check` and for every command that needs the
corpus (graph, stats, fix, rename, new, the language server): the card pass runs on each card
(from the cache, in workers, or here), the index is built from the results, and with `Kept`
the cards and their bytes stay in memory for the commands that read or edit them.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from dataclasses import dataclass, replace

from cardlint.index.corpus_index import CorpusIndex
from cardlint.load.card import Card
from cardlint.model import INTERNAL_ERROR_CODE, Report, Violation
from cardlint.paths import display_files
from cardlint.rules import Context
from cardlint.run.card_pass import CardPass, CardResult, analyse
from cardlint.run.corpus_pass import CorpusPass
from cardlint.run.gc_tuning import acyclic, few_collections
from cardlint.run.job import Job
from cardlint.run.result_cache import Cache
from cardlint.run.workers import Gathered, Kept, analyse_paths


@dataclass(frozen=True, eq=False)
class Loaded:
    """What a run loaded: each card's result and the index (`context.index`); with `Kept`,
    the cards themselves and the bytes they were parsed from."""

    results: Mapping[str, CardResult]
    context: Context
    kept: Kept | None = None


@dataclass(frozen=True, eq=False)
class RunResult:
    report: Report
    loaded: Loaded


def run(job: Job, kept: Kept | None = None) -> RunResult:
    with few_collections():
        loaded = load(job, kept)
        return RunResult(report(job, loaded), loaded)


def load(job: Job, kept: Kept | None = None) -> Loaded:
    """Every card of the job's corpus through the card pass, and the index built from them."""
    cache = None
    if job.cache_dir is not None:
        with acyclic():  # the cache's table: tens of thousands of values, no cycle
            cache = Cache(job.cache_dir, job.cache_key, job.root)
    gathered = Gathered()
    results = analyse_paths(
        job.corpus, _card_pass(job), job.max_file_size, cache, job.workers, kept, gathered
    )
    with acyclic():
        index = CorpusIndex.build(
            map(_entry, results.values()),
            job.types,
            job.known_ids,
            cache.facts_of if cache is not None else None,
            gathered.timeline_keys,
        )
        context = Context(job.schema, index, job.today, job.root)
    if cache is not None and cache.saved:
        memo = cache.folder / f"{job.cache_key}.agreement.json"
        # The table's records name the corpus; its paths are the root's.
        context = replace(context, memo=memo, corpus_key=f"{cache.saved}:{job.root}")
    return Loaded(results, context, kept)


def report(job: Job, loaded: Loaded) -> Report:
    """The corpus pass over the job's targets, and the cards that list ids now gone."""
    results, index = loaded.results, loaded.context.index
    with acyclic():
        corpus_pass = CorpusPass(job, loaded.context)
    targets = dict.fromkeys(job.targets)
    for gone in sorted(i for i in job.referrers_of if not index.exists(i)):
        targets.update(dict.fromkeys(e.path for e in index.referrers.get(gone, ())))
    violations: list[Violation] = []
    for path in corpus_pass.worth_reporting(targets, results):
        violations.extend(corpus_pass.violations(results[path]))
    failures = sum(v.code == INTERNAL_ERROR_CODE for v in violations)
    ordered = tuple(sorted(violations, key=lambda v: v.sort_key))
    shown = tuple(sorted(display_files(targets, job.cwd)))
    return Report(ordered, shown, failures)


def check_card(card: Card, context: Context, job: Job) -> list[Violation]:
    """Everything reported for one card already in memory (the editing commands lint edits)."""
    return CorpusPass(job, context).violations(analyse(card, _card_pass(job)), card)


_entry = operator.attrgetter("entry")


def _card_pass(job: Job) -> CardPass:
    return CardPass(job.types, tuple(job.rules), job.today, job.root, job.resolve)
