"""Each fast path of cardlint switched off and on, alternately, on the 10,000-card corpus.

    python benchmarks/fastpaths.py [--runs 7] [--only NAME,...] [--source DIR]
        [--compiled PYTHON] [--cards 10000] [--json FILE] [--no-check]
    python benchmarks/fastpaths.py --report FILE      (the report of a --json file again)

Issue 16 asks every piece of code that exists for speed to show what it saves. For each one
this script times `cardlint check --no-cache` (cold) and `cardlint check` with a primed cache
(warm) on run.py's clean corpus, with the fast path as shipped ("on") and replaced by what it
stands in for ("off"), the two taking turns round after round (on first in even rounds, off
first in odd ones), so that the machine's drift touches both alike; it prints the medians as
a Markdown table, with CPU times, and two estimates of the wall-time gain that other work on
the machine moves less: the median of the rounds' own gains, and the gain between each side's
fastest run. A switch that a run never reaches (a warm run parses no card) makes its row an
A/A comparison: a measure of the noise. Cold and warm are run.py's: before every cold run
the cache is deleted and every card read once (the cards are in the OS page cache); the warm
runs have a cache primed by one untimed run, each side in a copy of the corpus of its own.
Run it under `nice -n -10` (as root) on a machine that other work shares: the children
inherit the priority, and the others' work disturbs the timed runs less.

Nothing in src is changed. cardlint runs as `python -c "...; fastpaths.launch(OFF, SOURCE)"`:
`launch` puts a finder first on sys.meta_path that patches a cardlint module right after it
is first executed, before whoever imported it sees it, so a switched-off run imports nothing
that a shipped run would not, and a module that copies a name with `from ... import` copies
the replacement. Worker processes are forked from the patched parent: `--check` (on by
default) shows which processes used each replacement. The switches:

- simple YAML reader: `load.simple_yaml.read_simple` answers None for every front matter,
  so that each goes to the PyYAML composer (`load.yaml_events`), as anything unusual does;
- block scanner: `load.markdown.parse_body` is the markdown-it-py implementation it
  replaced, kept as the oracle `oracle_body` in tests/test_markdown_scanner.py (imported from
  there on first use, as the old code imported markdown-it, with pytest and hypothesis stood
  in for while it is, since the old code did not import them); heading text still goes
  through the shipped `plain_text`. CL203's search for where a missing section goes scans
  with the block scanner either way;
- schema predicate: `schema.fast_validity.compile_predicate` gives no predicate, so every
  card's front matter is validated by jsonschema (`schema.issues.schema_issues`);
- record codec: forked workers send the analysed cards' results (pickled named tuples)
  instead of records, and the parent takes them as they are instead of decoding records.
  Cold only: a warm run's records are the cache's on-disk format, with no other to fall
  back on (pickle would run code from a restored cache);
- validation memo: `cache.validation_memo.Checked` remembers nothing (`get` is always None,
  `put` does nothing), so the configuration is validated with pydantic on every run;
- GC tuning: `run.gc_tuning`'s context managers do nothing, leaving CPython's collector at
  its defaults;
- compiled build (with `--compiled PYTHON`, the python of a venv where the mypyc wheel is
  installed): on is that build, off the pure build.

Cardlint's source is `--source` (a folder holding `cardlint/`; default: the venv's install);
timing a clean checkout's keeps others' edits of the working tree out of the measurement.
With `--check`, each switched-off run is first compared with the shipped one on a corpus
with planted violations (`generate.py --violations 0.05`): `--format json` output, cold and
with a cache (filled, then warm), byte for byte. Every batch of runs holds the lock
/tmp/cardlint-bench.lock (fcntl), which other benchmarks on this machine take too. Progress
goes to stderr, the report to stdout.

This module is also the launcher: it imports only what a cardlint run imports anyway, and
the benchmark's own modules only when run as a script.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TRACE = os.environ.get("CARDLINT_FASTPATH_TRACE")
"""A file to which each process that uses a replacement appends its pid (--check only)."""

# -- the launcher: replacements, and the finder that puts them in place ----------------------

_traced: set[int] = set()


def _note() -> None:
    """Record that this process used a replacement (when tracing; once per process)."""
    if TRACE is not None and os.getpid() not in _traced:
        _traced.add(os.getpid())
        with open(TRACE, "a", encoding="utf-8") as out:  # noqa: PTH123 (no pathlib per card)
            out.write(f"{os.getpid()}\n")


def _replace(owner: object, name: str, value: object) -> None:
    if not hasattr(owner, name):
        raise SystemExit(f"fastpaths: {owner!r} has no {name} any more; update fastpaths.py")
    setattr(owner, name, value)


def _never_simple(text: str, first_line: int) -> None:
    """read_simple, declining every front matter: PyYAML's composer reads them all."""
    _note()


def _off_simple_yaml(simple_yaml: ModuleType) -> None:
    _replace(simple_yaml, "read_simple", _never_simple)


_oracle: ModuleType | None = None


def _oracle_parse_body(text: str, first_line: int) -> Any:
    """parse_body as it was before the block scanner: markdown-it-py's block parser."""
    global _oracle
    _note()
    if _oracle is None:
        # On first use, as the old parse_body imported markdown-it: a run that parses no
        # card (a warm one) pays nothing for it.
        _oracle = _import_oracle()
        # Only the block structure is switched: heading text keeps the shipped plain_text,
        # which tests/test_markdown_scanner.py holds to the oracle's own.
        _replace(_oracle, "oracle_plain_text", sys.modules["cardlint.load.markdown"].plain_text)
    return _oracle.oracle_body(text, first_line)


class _Inert(ModuleType):
    """Stands for pytest and hypothesis while the oracle's test module is imported: its
    decorators and strategies are built at import, and the oracle needs none of them."""

    def __getattr__(self, name: str) -> _Inert:
        return self

    def __call__(self, *args: object, **kwargs: object) -> _Inert:
        return self

    def __or__(self, other: object) -> _Inert:
        return self


def _import_oracle() -> ModuleType:
    import importlib.util

    path = REPO / "tests" / "test_markdown_scanner.py"
    spec = importlib.util.spec_from_file_location("_cardlint_markdown_oracle", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    stand_ins = ("pytest", "hypothesis", "hypothesis.strategies")
    saved = {name: sys.modules.get(name) for name in stand_ins}
    sys.modules.update((name, _Inert(name)) for name in stand_ins)
    try:
        spec.loader.exec_module(module)
    finally:
        for name, held in saved.items():
            if held is None:
                del sys.modules[name]
            else:
                sys.modules[name] = held
    return module


def _off_block_scanner(markdown: ModuleType) -> None:
    _replace(markdown, "parse_body", _oracle_parse_body)


def _no_predicate(schema: object) -> None:
    """compile_predicate, giving none: jsonschema validates every card."""
    _note()


def _off_schema_predicate(fast_validity: ModuleType) -> None:
    _replace(fast_validity, "compile_predicate", _no_predicate)


_Done = list[tuple[str, Any, Any]]


def _forked_results(paths: list[str], task: object, *told: object) -> tuple[_Done, None, list[str]]:
    """A worker's share, sent back as the results themselves (pickled), not as records, with
    what the workers gather."""
    _note()
    workers = sys.modules["cardlint.run.workers"]
    done = list(workers._analyse_chunk(paths, task))
    return done, None, list(workers._timeline_keys(done))


def _results_as_sent(chunk: object, sent: tuple[_Done, None, list[str]], again: object) -> _Done:
    """What a worker sent is already (path, result, stored): nothing to decode."""
    return sent[0]


def _off_record_codec(workers: ModuleType) -> None:
    _replace(workers, "_analyse_forked", _forked_results)
    _replace(workers, "_received", _results_as_sent)


def _not_checked_before(self: object, kind: str, data: bytes) -> None:
    """Checked.get, remembering nothing: every run validates again."""
    _note()


def _not_remembered(self: object, kind: str, data: bytes, value: object) -> None:
    """Checked.put, keeping nothing."""


def _off_validation_memo(memo: ModuleType) -> None:
    _replace(memo.Checked, "get", _not_checked_before)
    _replace(memo.Checked, "put", _not_remembered)


@contextlib.contextmanager
def _collector_as_it_is() -> Iterator[None]:
    """few_collections and acyclic, leaving the collector at CPython's defaults."""
    _note()
    yield


def _off_gc_tuning(gc_tuning: ModuleType) -> None:
    _replace(gc_tuning, "few_collections", _collector_as_it_is)
    _replace(gc_tuning, "acyclic", _collector_as_it_is)


Patch = Callable[[ModuleType], None]


class FastPath(NamedTuple):
    name: str
    off: str
    """What stands in for it when it is off."""
    patches: dict[str, Patch]
    """Module name -> what to do to the module once it is executed."""
    warm: bool = True
    """Whether a warm run has anything to switch off."""
    compiled: bool = False
    """The compiled build: on is `--compiled`'s python, off the pure build."""


FAST_PATHS = (
    FastPath(
        "simple YAML reader",
        "PyYAML's composer for every front matter (`read_simple` always None)",
        {"cardlint.load.simple_yaml": _off_simple_yaml},
    ),
    FastPath(
        "block scanner",
        "markdown-it-py's block parser (`oracle_body` of tests/test_markdown_scanner.py)",
        {"cardlint.load.markdown": _off_block_scanner},
    ),
    FastPath(
        "schema predicate",
        "jsonschema for every card (`compile_predicate` gives None)",
        {"cardlint.schema.fast_validity": _off_schema_predicate},
    ),
    FastPath(
        "record codec",
        "workers send their results pickled; warm: none (records are the cache's format)",
        {"cardlint.run.workers": _off_record_codec},
        warm=False,
    ),
    FastPath(
        "validation memo",
        "pydantic validates the configuration every run (`Checked.get` always None)",
        {"cardlint.cache.validation_memo": _off_validation_memo},
    ),
    FastPath(
        "GC tuning",
        "CPython's collector defaults (`few_collections`, `acyclic` do nothing)",
        {"cardlint.run.gc_tuning": _off_gc_tuning},
    ),
    FastPath("compiled build", "the pure build (no mypyc)", {}, compiled=True),
)


class _PatchOnImport:
    """A meta path finder: patches a module right after its first execution, before the
    importer gets it, and finds nothing itself (the finders after it do)."""

    def __init__(self, patches: dict[str, Patch]) -> None:
        self.patches = dict(patches)

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        patch = self.patches.pop(name, None)
        if patch is None:
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = None if finder is self or find is None else find(name, path, target)
            if spec is not None and spec.loader is not None:
                _patch_after_execution(spec.loader, patch)
                return spec  # type: ignore[no-any-return]
        raise SystemExit(f"fastpaths: no module {name} to patch")


def _patch_after_execution(loader: Any, patch: Patch) -> None:
    execute = loader.exec_module

    def execute_and_patch(module: ModuleType) -> None:
        execute(module)
        patch(module)

    # This spec's loader alone: the next import of the module finds it loaded.
    loader.exec_module = execute_and_patch


def launch(off: str | None, source: str | None) -> None:
    """Run cardlint's console script on sys.argv[1:], with the fast path `off` switched off,
    importing cardlint from `source` when given."""
    if source is not None:
        sys.path.insert(0, source)
    if TRACE is not None:
        with open(TRACE, "a", encoding="utf-8") as out:  # noqa: PTH123
            out.write(f"main {os.getpid()}\n")
    if off is not None:
        chosen = next(f for f in FAST_PATHS if f.name == off)
        sys.meta_path.insert(0, _PatchOnImport(chosen.patches))
    from cardlint.cli.main import entry

    sys.argv = ["cardlint", *sys.argv[1:]]
    entry()


# -- the benchmark ---------------------------------------------------------------------------

if __name__ == "__main__":  # the launcher needs none of this
    import argparse
    import fcntl
    import hashlib
    import json
    import shutil
    import statistics
    import subprocess
    import time
    from dataclasses import asdict, dataclass, field

    sys.path.insert(0, str(HERE))
    import run as bench  # run.py beside this script

    LOCK = Path("/tmp/cardlint-bench.lock")
    CACHE = ".cardlint_cache"
    RULE = 5.0
    """Issue 16: a fast path that saves less than this (%) cold and warm must earn its keep
    some other way."""

    class Side(NamedTuple):
        python: Path
        off: str | None
        source: Path | None

        def argv(self, *args: str) -> list[str]:
            source = None if self.source is None else str(self.source)
            code = (
                f"import sys; sys.path.append({str(HERE)!r}); import fastpaths; "
                f"fastpaths.launch({self.off!r}, {source!r})"
            )
            return [str(self.python), "-c", code, *args]

    @dataclass
    class Measured:
        name: str
        off: str
        cold_on: list[bench.Sample] = field(default_factory=list)
        cold_off: list[bench.Sample] = field(default_factory=list)
        warm_on: list[bench.Sample] = field(default_factory=list)
        warm_off: list[bench.Sample] = field(default_factory=list)
        loads: list[str] = field(default_factory=list)

    @dataclass
    class Verified:
        name: str
        cold_same: bool
        cached_same: bool
        used_cold: str
        used_warm: str

    @contextlib.contextmanager
    def locked() -> Iterator[None]:
        """One benchmark at a time on this machine: the others take the same lock."""
        with LOCK.open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                bench.log(f"waiting for {LOCK}")
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def copy_corpus(corpus: Path, to: Path) -> Path:
        shutil.rmtree(to, ignore_errors=True)
        shutil.copytree(corpus, to, ignore=shutil.ignore_patterns(CACHE, ".generated"))
        return to

    def read_cards(folder: Path) -> None:
        """As run.py does before a cold run: the cards in the OS page cache."""
        for card in (folder / "cards").glob("*.md"):
            card.read_bytes()

    def measured(argv: Sequence[str], folder: Path, output: Path) -> bench.Sample:
        sample = bench.measure(argv, folder, output)
        if sample.returncode != 0:
            tail = output.read_text(encoding="utf-8", errors="replace").splitlines()[-5:]
            raise SystemExit(f"exit {sample.returncode} in {folder}: " + "\n".join(tail))
        return sample

    def time_one(
        path: FastPath, on: Side, off: Side, runs: int, folders: dict[str, Path], output: Path
    ) -> Measured:
        found = Measured(path.name, path.off)
        sides = {"on": on, "off": off}
        for label, side in sides.items():  # each warm side primes its own copy
            shutil.rmtree(folders[label] / CACHE, ignore_errors=True)
            measured(side.argv("check"), folders[label], output)
        for number in range(runs):
            found.loads.append(bench.load_average())
            order = ["on", "off"] if number % 2 == 0 else ["off", "on"]
            for label in order:
                shutil.rmtree(folders["cold"] / CACHE, ignore_errors=True)
                read_cards(folders["cold"])
                sample = measured(sides[label].argv("check", "--no-cache"), folders["cold"], output)
                (found.cold_on if label == "on" else found.cold_off).append(sample)
            for label in order if path.warm else []:
                sample = measured(sides[label].argv("check"), folders[label], output)
                (found.warm_on if label == "on" else found.warm_off).append(sample)
            bench.log(
                f"  {path.name}, round {number + 1}: cold on {found.cold_on[-1].seconds:.3f} s, "
                f"off {found.cold_off[-1].seconds:.3f} s"
                + (
                    f"; warm on {found.warm_on[-1].seconds:.3f} s, "
                    f"off {found.warm_off[-1].seconds:.3f} s"
                    if path.warm
                    else ""
                )
                + f" (load {found.loads[-1]})"
            )
        return found

    def json_report(side: Side, folder: Path, *args: str, trace: Path | None = None) -> bytes:
        environment = dict(os.environ)
        if trace is not None:
            environment["CARDLINT_FASTPATH_TRACE"] = str(trace)
        done = subprocess.run(
            side.argv("check", "--format", "json", *args),
            cwd=folder,
            env=environment,
            capture_output=True,
            check=False,
        )
        if done.returncode not in (0, 1):
            raise SystemExit(f"`check` exited {done.returncode}: {done.stderr.decode()[-500:]}")
        return done.stdout

    def cached_reports(side: Side, folder: Path, trace: Path | None = None) -> tuple[bytes, bytes]:
        """A run that fills a new cache, then a warm one (traced, when `trace` is given)."""
        shutil.rmtree(folder / CACHE, ignore_errors=True)
        return json_report(side, folder), json_report(side, folder, trace=trace)

    def users(trace: Path) -> str:
        """Which processes of a traced run used the replacement."""
        lines = trace.read_text(encoding="utf-8").splitlines() if trace.exists() else []
        trace.unlink(missing_ok=True)
        main = {line.split()[1] for line in lines if line.startswith("main ")}
        used = {line for line in lines if not line.startswith("main ")}
        workers = len(used - main)
        parts = ["the parent"] if used & main else []
        return ", ".join([*parts, *([f"{workers} workers"] if workers else [])]) or "none"

    def verify(
        path: FastPath, on: Side, off: Side, folder: Path, shipped: dict[Path, tuple[bytes, ...]]
    ) -> Verified:
        """The switched-off run's JSON against the shipped one's, cold and cached; and which
        processes used the replacement in the cold run and in the warm one."""
        if on.python not in shipped:
            shipped[on.python] = (
                json_report(on, folder, "--no-cache"),
                *cached_reports(on, folder),
            )
        cold_on, filled_on, warm_on = shipped[on.python]
        cold_trace = folder.parent / "fastpaths-trace-cold.txt"
        warm_trace = folder.parent / "fastpaths-trace-warm.txt"
        cold_trace.unlink(missing_ok=True)
        warm_trace.unlink(missing_ok=True)
        cold_off = json_report(off, folder, "--no-cache", trace=cold_trace)
        filled_off, warm_off = cached_reports(off, folder, warm_trace)
        used_cold, used_warm = users(cold_trace), users(warm_trace)
        if off.off is None:
            used_cold = used_warm = "n/a: another build"
        return Verified(
            path.name,
            cold_off == cold_on,
            (filled_off, warm_off) == (filled_on, warm_on),
            used_cold,
            used_warm,
        )

    def median(samples: Sequence[bench.Sample], cpu: bool = False) -> float:
        return statistics.median(s.cpu_seconds if cpu else s.seconds for s in samples)

    def gain(on: Sequence[bench.Sample], off: Sequence[bench.Sample], cpu: bool = False) -> float:
        """The share of the switched-off run's time that the fast path saves (%)."""
        return (1 - median(on, cpu) / median(off, cpu)) * 100

    def cells(on: Sequence[bench.Sample], off: Sequence[bench.Sample], cpu: bool) -> str:
        if not on:
            return "n/a | n/a | n/a"
        return f"{median(on, cpu):.3f} | {median(off, cpu):.3f} | {gain(on, off, cpu):+.1f}"

    def steadier(on: Sequence[bench.Sample], off: Sequence[bench.Sample]) -> str:
        if not on:
            return "n/a | n/a"
        rounds = statistics.median(
            (1 - a.seconds / b.seconds) * 100 for a, b in zip(on, off, strict=True)
        )
        fastest = (1 - min(s.seconds for s in on) / min(s.seconds for s in off)) * 100
        return f"{rounds:+.1f} | {fastest:+.1f}"

    def report(
        rows: Sequence[Measured], checks: Sequence[Verified], info: dict[str, str], runs: int
    ) -> str:
        out = [f"- {key}: {value}" for key, value in info.items()]
        out += [
            f"- {runs} rounds; medians in seconds; gain = 1 - on / off (the share of the run "
            "without the fast path that it saves)",
            "",
            "| fast path | what replaces it when off | cold on | cold off | cold gain % "
            "| warm on | warm off | warm gain % | load (1 min) |",
            "|---|---|---:|---:|---:|---:|---:|---:|---|",
        ]
        for row in rows:
            loads = sorted(row.loads, key=float)
            out.append(
                f"| {row.name} | {row.off} | {cells(row.cold_on, row.cold_off, False)} "
                f"| {cells(row.warm_on, row.warm_off, False)} | {loads[0]} to {loads[-1]} |"
            )
        out += [
            "",
            "CPU time (user + system, workers included), medians in seconds:",
            "",
            "| fast path | cold on | cold off | cold gain % | warm on | warm off | warm gain % |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for row in rows:
            out.append(
                f"| {row.name} | {cells(row.cold_on, row.cold_off, True)} "
                f"| {cells(row.warm_on, row.warm_off, True)} |"
            )
        out += [
            "",
            "Wall time, two estimates less moved by other work on the machine: the median of each "
            "round's own gain (its on and off runs are seconds apart), and the gain between "
            "each side's fastest run:",
            "",
            "| fast path | cold, per round % | cold, fastest % | warm, per round % "
            "| warm, fastest % |",
            "|---|---:|---:|---:|---:|",
        ]
        for row in rows:
            out.append(
                f"| {row.name} | {steadier(row.cold_on, row.cold_off)} "
                f"| {steadier(row.warm_on, row.warm_off)} |"
            )
        under = [
            row.name
            for row in rows
            if gain(row.cold_on, row.cold_off) < RULE
            and (not row.warm_on or gain(row.warm_on, row.warm_off) < RULE)
        ]
        out += ["", f"Under {RULE:.0f}% of wall time cold and warm: {', '.join(under) or 'none'}."]
        if checks:
            out += [
                "",
                "Switched off against shipped, `--format json` on the corpus with violations:",
                "",
                "| fast path | cold output identical | cached (fill, warm) identical "
                "| replacement used in: cold run | warm run |",
                "|---|---|---|---|---|",
            ]
            for check in checks:
                yes = {True: "yes", False: "**NO**"}
                out.append(
                    f"| {check.name} | {yes[check.cold_same]} | {yes[check.cached_same]} "
                    f"| {check.used_cold} | {check.used_warm} |"
                )
        return "\n".join(out) + "\n"

    def violations_corpus(work: Path, cards: int, seed: int) -> Path:
        folder = work / f"corpus-{cards}-seed{seed}-violations5"
        stamp = folder / ".generated"
        key = hashlib.sha256(bench.GENERATOR.read_bytes()).hexdigest() + f" {cards} {seed}"
        if not (stamp.exists() and stamp.read_text(encoding="utf-8") == key):
            bench.log(f"generating {cards} cards with violations into {folder}")
            subprocess.run(
                [
                    sys.executable,
                    str(bench.GENERATOR),
                    *("--cards", str(cards), "--out", str(folder), "--seed", str(seed)),
                    *("--violations", "0.05", "--force"),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            stamp.write_text(key, encoding="utf-8")
        return folder

    def byte_compile(python: Path, source: Path | None) -> str:
        """.pyc files for what the runs import: PYTHONDONTWRITEBYTECODE is set here."""
        oracle = REPO / "tests" / "test_markdown_scanner.py"
        subprocess.run([str(python), "-m", "compileall", "-q", str(oracle)], check=True)
        if source is None:
            return bench.compile_bytecode(python.parent / "cardlint")
        subprocess.run([str(python), "-m", "compileall", "-q", str(source)], check=True)
        return f"compiled {source}"

    def reprinted(saved: Path) -> str:
        data = json.loads(saved.read_text(encoding="utf-8"))

        def samples(row: dict[str, Any], case: str) -> list[bench.Sample]:
            return [bench.Sample(**sample) for sample in row[case]]

        rows = [
            Measured(
                row["name"],
                row["off"],
                samples(row, "cold_on"),
                samples(row, "cold_off"),
                samples(row, "warm_on"),
                samples(row, "warm_off"),
                row["loads"],
            )
            for row in data["rows"]
        ]
        checks = [Verified(**check) for check in data.get("checks", [])]
        return report(rows, checks, data["machine"], data.get("runs", len(rows[0].cold_on)))

    def main(argv: Sequence[str] | None = None) -> int:
        parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
        parser.add_argument("--runs", type=int, default=7, help="rounds (default 7)")
        names = ", ".join(f.name for f in FAST_PATHS)
        parser.add_argument("--only", help=f"comma-separated fast paths, of: {names}")
        parser.add_argument("--cards", type=int, default=10_000, help="corpus size (default 10000)")
        parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
        parser.add_argument("--work", type=Path, default=Path("/tmp/cardlint-bench"))
        parser.add_argument(
            "--python",
            type=Path,
            default=REPO / ".venv" / "bin" / "python",
            help="python with cardlint's dependencies (default .venv/bin/python)",
        )
        parser.add_argument("--source", type=Path, help="folder holding cardlint/ to time")
        parser.add_argument(
            "--compiled", type=Path, help="python of a venv with the compiled wheel installed"
        )
        parser.add_argument("--json", type=Path, help="also write every sample to this file")
        parser.add_argument(
            "--no-check", action="store_true", help="skip comparing the outputs on and off"
        )
        parser.add_argument(
            "--report", type=Path, help="print the report of a --json file again; run nothing"
        )
        args = parser.parse_args(argv)
        if args.report is not None:
            print(reprinted(args.report), end="")
            return 0
        chosen = list(FAST_PATHS)
        if args.only:
            wanted = [name.strip() for name in args.only.split(",") if name.strip()]
            unknown = sorted(set(wanted) - {f.name for f in FAST_PATHS})
            if unknown:
                parser.error(f"unknown fast paths: {', '.join(unknown)}")
            chosen = [f for f in FAST_PATHS if f.name in wanted]
        if args.compiled is None:
            chosen = [f for f in chosen if not f.compiled]
        if args.runs < 1 or not chosen:
            parser.error("--runs must be at least 1, and a fast path must be chosen")
        source = args.source.absolute() if args.source is not None else None
        pure = Side(args.python.absolute(), None, source)

        info = bench.machine()
        info["started"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
        info["command"] = "python benchmarks/fastpaths.py " + " ".join(
            sys.argv[1:] if argv is None else argv
        )
        info["cardlint source"] = str(source) if source is not None else "as installed"
        info["load average (1 min) at start"] = bench.load_average()
        info["bytecode"] = byte_compile(pure.python, source)
        if args.compiled is not None:
            compiled = args.compiled.absolute()
            info["compiled build"] = f"{compiled}: " + bench.build_kind(
                compiled.parent / "cardlint"
            )
            info["compiled bytecode"] = byte_compile(compiled, None)
        with locked():
            clean = bench.corpus(args.work, args.cards, args.seed)
            planted = (
                violations_corpus(args.work, args.cards, args.seed) if not args.no_check else None
            )
        place = args.work / "fastpaths"
        folders = {label: copy_corpus(clean, place / label) for label in ("cold", "on", "off")}
        for key, value in info.items():
            bench.log(f"{key}: {value}")

        def sides(path: FastPath) -> tuple[Side, Side]:
            if path.compiled:
                return Side(args.compiled.absolute(), None, None), pure
            return pure, pure._replace(off=path.name)

        checks: list[Verified] = []
        if planted is not None:
            shipped: dict[Path, tuple[bytes, ...]] = {}
            with locked():
                for path in chosen:
                    checks.append(verify(path, *sides(path), planted, shipped))
                    bench.log(f"checked {path.name}: {checks[-1]}")
                shutil.rmtree(planted / CACHE, ignore_errors=True)
            found = len(json.loads(shipped[pure.python][0]).get("violations", []))
            info["corpus with violations"] = f"{planted}, {found} violations reported"
        rows: list[Measured] = []
        output = place / "output.txt"
        for path in chosen:
            with locked():
                rows.append(time_one(path, *sides(path), args.runs, folders, output))
        info["load average (1 min) at end"] = bench.load_average()
        bench.RUSAGE_FILE.unlink(missing_ok=True)
        print(report(rows, checks, info, args.runs), end="")
        if args.json:
            data = {
                "machine": info,
                "runs": args.runs,
                "rows": [asdict(r) for r in rows],
                "checks": [asdict(c) for c in checks],
            }
            args.json.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        return 0

    sys.exit(main())
