"""Where a cold run's time goes: per card, phase by phase, and in the serial part (issue 20).

    python benchmarks/phases.py [--before REV] [--now REV] [--corpus DIR] [--rounds 3]
                                [--runs 5] [--rules]

Two tables, for the working tree's cardlint, or `--now`'s (and `--before`'s, side by side):
each a git revision or a folder holding `cardlint/`, such as an unpacked compiled wheel.

- **per card**: every card of the corpus read and analysed in one process, as a worker does
  (`run.workers`, with the cache's record and digest made, as a cached run makes them),
  each phase timed: reading (the project boundary, the stat and the read), decoding and
  splitting lines, the front matter, the block scan, the rules with the analyses they share,
  the card's record, its stamp and digest. Microseconds per card, the fastest of `--rounds`
  passes over the corpus. `--rules` adds each rule's share, an analysis that several rules
  share being paid by the first that asks for it.
- **serial part**: `cardlint check --no-cache` on a copy of the corpus, in a fresh process,
  `--runs` times (medians): importing cardlint, locating and validating the configuration,
  the schema, the walk, the parent's side of the worker pool (its CPU time: starting the
  pool, sending paths and receiving and decoding the workers' records), the index, the
  corpus pass, the report. The serial part is the run's wall time less the pool's, plus the
  pool's parent side: what two more cores would not shorten.

Every phase is timed by a wrapper put around the function that does it, and a phase nested
in another is counted once (the outer one's time excludes it), so the rows add up. The
wrappers cost about half a microsecond per call. Each version runs in a process of its own,
with its source first on PYTHONPATH; a run holds /tmp/cardlint-bench.lock, as the other
benchmarks do. The corpus is made by generate.py when missing.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from compare import package_source

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = Path("/tmp/cardlint-bench/corpus-10000-seed1")
LOCK = Path("/tmp/cardlint-bench.lock")

CARD_PHASES = (
    ("read", "read (boundary, stat, open, read)"),
    ("decode", "decode and split lines"),
    ("front", "front matter"),
    ("scan", "block scan"),
    ("rules", "rules and shared analyses"),
    ("record", "cache record"),
    ("digest", "stamp and digest"),
    ("other", "the rest of the worker's loop"),
)
SERIAL_PHASES = (
    ("imports", "imports (click, cardlint, the report)"),
    ("config", "configuration: locate and validate"),
    ("schema", "schema(s)"),
    ("walk", "walk"),
    ("job", "the rest of building the job"),
    ("pool", "pool, parent side (CPU)"),
    ("decode", "  of which decoding the workers' records"),
    ("index", "index build"),
    ("corpus", "corpus pass"),
    ("report", "report"),
    ("serial", "serial part (wall less the workers')"),
    ("wall", "whole run, in process (wall)"),
    ("workers", "pool, wall"),
)


class Clock:
    """Time spent in wrapped functions, by phase, each phase's time excluding the phases
    called within it."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = defaultdict(float)
        self.inner = [0.0]
        """Time spent in wrapped calls within the current one, innermost last."""

    def wrap(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.inner.append(0.0)
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                self.spent[label] += elapsed - self.inner.pop()
                self.inner[-1] += elapsed

        return timed

    def patch(self, owner: Any, name: str, label: str) -> None:
        """Time `owner.name` (a module's function, or a class's method) as `label`."""
        self.swap(owner, name, lambda function: self.wrap(label, function))

    @staticmethod
    def swap(owner: Any, name: str, make: Callable[[Any], Any]) -> None:
        setattr(owner, name, make(getattr(owner, name)))


# -- the children: one version of cardlint, timed in this process ---------------------------


def card_child(corpus: Path, rounds: int, per_rule: bool) -> dict[str, float]:
    """Microseconds per card by phase, the fastest of `rounds` passes over the corpus."""
    from cardlint import app
    from cardlint.load import card as card_module
    from cardlint.load import markdown
    from cardlint.run import engine, gc_tuning, workers
    from cardlint.settings.request import CheckRequest

    job = app.build_job(CheckRequest(paths=(Path("cards"),), cwd=corpus, cache=False))
    card_pass = engine._card_pass(job)
    clock = Clock()
    clock.patch(workers._Boundary, "check", "read")
    clock.patch(workers, "read_file", "read")
    if hasattr(workers._Boundary, "read"):  # since issue 20: one call opens and reads
        clock.patch(workers._Boundary, "read", "read")
    clock.patch(card_module, "decode", "decode")
    clock.patch(card_module, "parse_card", "front")
    clock.patch(markdown, "parse_body", "scan")
    clock.patch(workers, "analyse", "rules")
    batched = hasattr(workers, "analyse_all")  # since issue 19's facts are read by batch
    if batched:
        clock.patch(workers, "analyse_all", "rules")
    clock.patch(workers, "record", "record")
    clock.patch(workers, "stamp", "digest")
    clock.patch(workers, "digest", "digest")
    if per_rule:
        checks = card_pass.checks  # a cached property: replaced by the timed rules
        card_pass.__dict__["checks"] = tuple(_timed_rule(clock, rule) for rule in checks)
    one = clock.wrap("other", workers._analyse_one)
    chunk = clock.wrap("other", workers._analyse_chunk)
    task = workers._Task(card_pass, job.max_file_size, keep=True)
    best: dict[str, float] = {}
    for _ in range(rounds):
        clock.spent.clear()
        boundary = workers._Boundary(card_pass.root)
        with gc_tuning.few_collections():
            if batched:
                chunk(list(job.corpus), task)
            else:
                for path in job.corpus:
                    one(path, task, boundary)
        per_card = {k: v / len(job.corpus) * 1e6 for k, v in clock.spent.items()}
        best = {k: min(v, best.get(k, v)) for k, v in per_card.items()}
    return best


def _timed_rule(clock: Clock, rule: Any) -> Any:
    import dataclasses

    check = rule.check
    return dataclasses.replace(
        rule,
        check=clock.wrap(f"rule {rule.code}", lambda card, context: list(check(card, context))),
    )


def serial_child(corpus: Path) -> dict[str, float]:
    """Seconds by phase of one `cardlint check --no-cache` in this (fresh) process."""
    started = time.perf_counter()
    # What any run imports, and what `check` imports first.
    import click  # noqa: F401

    import cardlint.app
    import cardlint.cli.main
    import cardlint.docs
    import cardlint.report
    import cardlint.scope.revisions
    import cardlint.settings.request

    imported = time.perf_counter() - started
    from cardlint.index.corpus_index import CorpusIndex
    from cardlint.load.discover import CardFinder
    from cardlint.run import engine, workers

    app = cardlint.app
    clock = Clock()
    for name in ("locate_config", "load_config", "Checked"):
        clock.patch(app, name, "config")
    for name in ("_schema", "card_types"):
        clock.patch(app, name, "schema")
    clock.patch(app, "build_job", "job")
    clock.patch(CardFinder, "find", "walk")
    clock.patch(workers, "from_records", "decode")
    clock.patch(CorpusIndex, "build", "index")
    clock.patch(engine, "report", "corpus")
    clock.patch(cardlint.report, "render", "report")
    pool: dict[str, float] = {}

    def pooled(analyse_paths: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            cpu, wall = time.process_time(), time.perf_counter()
            try:
                return analyse_paths(*args, **kwargs)
            finally:
                pool["workers"] = time.perf_counter() - wall
                pool["pool"] = time.process_time() - cpu

        return clock.wrap("pool", timed)

    clock.swap(engine, "analyse_paths", pooled)
    os.chdir(corpus)
    with (
        Path(os.devnull).open("w") as sink,
        contextlib.redirect_stdout(sink),
        contextlib.suppress(SystemExit),
    ):
        try:
            cardlint.cli.main.main(["check", "cards", "--no-cache"], standalone_mode=False)
        finally:
            # Before what the run built is freed: `cli.main.entry` ends the process there.
            wall = time.perf_counter() - started
    found = dict(clock.spent)
    found["pool"] = pool["pool"] - found.get("decode", 0.0)
    found.update(imports=imported, wall=wall, workers=pool["workers"])
    found["serial"] = wall - pool["workers"] + pool["pool"]
    return found


# -- the parent: versions, runs, tables -----------------------------------------------------


def child(source: Path, *arguments: str) -> dict[str, float]:
    environment = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *arguments],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return found


@contextlib.contextmanager
def locked() -> Iterator[None]:
    with LOCK.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def table(
    title: str,
    unit: str,
    rows: Sequence[tuple[str, str]],
    columns: dict[str, dict[str, float]],
    scale: float,
) -> None:
    labels = list(columns)
    extra = sorted({k for c in columns.values() for k in c} - {k for k, _ in rows})
    print(f"\n{title}\n")
    head = " | ".join(f"{label} ({unit})" for label in labels)
    print(f"| phase | {head} |" + (" change |" if len(labels) == 2 else ""))
    print("|---|" + "---:|" * (len(labels) + (len(labels) == 2)))
    for key, name in [*rows, *((k, k) for k in extra)]:
        values = [columns[label].get(key) for label in labels]
        cells = " | ".join("" if v is None else f"{v * scale:.1f}" for v in values)
        change = ""
        if len(values) == 2 and values[0] and values[1] is not None:
            change = f" {values[1] / values[0] - 1:+.0%} |"
        elif len(values) == 2:
            change = " |"
        print(f"| {name} | {cells} |{change}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="git revision, or folder holding cardlint/")
    parser.add_argument("--now", help="the same, in place of the working tree's")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--rounds", type=int, default=3, help="passes per card table")
    parser.add_argument("--runs", type=int, default=5, help="runs for the serial table")
    parser.add_argument("--rules", action="store_true", help="each rule's share too")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, corpus, *rest = args.child
        if kind == "cards":
            found = card_child(Path(corpus), int(rest[0]), rest[1] == "rules")
        else:
            found = serial_child(Path(corpus))
        print(json.dumps(found))
        return
    if not (args.corpus / "cards").is_dir():
        generate = [sys.executable, str(HERE / "generate.py"), "--cards", "10000", "--seed", "1"]
        subprocess.run([*generate, "--violations", "0", "--out", str(args.corpus)], check=True)
    with tempfile.TemporaryDirectory(prefix="cardlint-phases-") as folder:
        work = Path(folder)
        sources = {"now": package_source(args.now, work / "now")}
        if args.before:
            sources = {"before": package_source(args.before, work / "before"), **sources}
        corpus = work / "corpus"
        shutil.copytree(args.corpus, corpus, ignore=shutil.ignore_patterns(".*_cache"))
        rules = "rules" if args.rules else "-"
        cards: dict[str, dict[str, float]] = {}
        serial: dict[str, list[dict[str, float]]] = {label: [] for label in sources}
        with locked():
            for label, source in sources.items():
                cards[label] = child(source, "cards", str(corpus), str(args.rounds), rules)
            for _ in range(args.runs):
                for label, source in sources.items():
                    for card in (corpus / "cards").iterdir():
                        card.read_bytes()  # in the page cache, as run.py's cold runs have it
                    serial[label].append(child(source, "serial", str(corpus)))
    total = {
        label: sum(v for k, v in c.items() if not k.startswith("rule "))
        for label, c in cards.items()
    }
    for label, found in cards.items():
        found["total"] = total[label]
    table(
        f"Per card, in one process ({len(list((args.corpus / 'cards').glob('*.md')))} cards, "
        f"fastest of {args.rounds} passes)",
        "µs",
        [*CARD_PHASES, ("total", "total")],
        cards,
        1.0,
    )
    medians = {
        label: {k: statistics.median(run.get(k, 0.0) for run in runs) for k in runs[0]}
        for label, runs in serial.items()
    }
    table(
        f"Serial part of `check --no-cache` (medians of {args.runs} runs)",
        "ms",
        SERIAL_PHASES,
        medians,
        1e3,
    )


if __name__ == "__main__":
    main()
