"""Two versions of cardlint side by side on one corpus, run alternately; prints medians.

    python benchmarks/compare.py --before 614b00c [--now REV] [--runs 9] [--cases warm,one]

The machine this project is measured on drifts in speed by a quarter over minutes, so two
benchmark runs an hour apart cannot show a 10% change. Here the version at `--before` (a git
revision, or a folder holding a `cardlint` package) and the working tree's (or `--now`'s) take
turns, round after round, each on its own copy of the corpus (so each keeps its own cache),
and see the same machine. Each version runs as
`python -m cardlint` with its source first on PYTHONPATH.

Each case reports the median wall time and the median CPU time (user + system, workers
included), which drifts less when other work shares the machine.

Cases: cold (`--no-cache`), warm (nothing changed), one (one card edited, whole corpus), pre
(one card edited, `--pre-commit` naming it), card (one card named, warm cache), version.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CASES = ("cold", "warm", "one", "pre", "card", "version")


class Version:
    def __init__(self, label: str, source: Path, corpus: Path) -> None:
        self.label = label
        self.source = source
        self.corpus = corpus
        self.cards = sorted((corpus / "cards").glob("*.md"))
        self.edits = 0
        self.times: dict[str, list[float]] = {case: [] for case in CASES}
        self.cpu: dict[str, list[float]] = {case: [] for case in CASES}
        """User + system time of the run and its workers: steadier than wall time on a
        machine that other work shares."""

    def run(self, case: str) -> None:
        argv = [sys.executable, "-m", "cardlint", "check"]
        if case == "cold":
            argv.append("--no-cache")
        elif case in ("one", "pre"):
            card = self.edit()
            if case == "pre":
                argv += ["--pre-commit", str(card.relative_to(self.corpus))]
        elif case == "card":
            argv.append(str(self.cards[len(self.cards) // 2].relative_to(self.corpus)))
        elif case == "version":
            argv = [sys.executable, "-m", "cardlint", "--version"]
        environment = {**os.environ, "PYTHONPATH": str(self.source)}
        used = _children_cpu()
        started = time.perf_counter()
        subprocess.run(argv, cwd=self.corpus, env=environment, stdout=subprocess.DEVNULL)
        self.times[case].append(time.perf_counter() - started)
        self.cpu[case].append(_children_cpu() - used)

    def edit(self) -> Path:
        """Add a sentence to a different card each time (the copy is thrown away after)."""
        self.edits += 1
        card = self.cards[(self.edits * 7919 + 17) % len(self.cards)]
        with card.open("a", encoding="utf-8") as out:
            out.write(f"\n比较第 {self.edits} 次修改。\n")
        return card


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--before", required=True, help="git revision, or folder holding cardlint/, to compare"
    )
    parser.add_argument("--now", help="git revision or folder to compare (default: working tree)")
    parser.add_argument(
        "--corpus", type=Path, default=Path("/tmp/cardlint-bench/corpus-10000-seed1")
    )
    parser.add_argument("--runs", type=int, default=9, help="rounds (default 9)")
    parser.add_argument("--cases", default="warm,one,pre,card,version", help=", ".join(CASES))
    args = parser.parse_args()
    cases = [case for case in args.cases.split(",") if case]
    unknown = sorted(set(cases) - set(CASES))
    if unknown:
        parser.error(f"unknown cases: {', '.join(unknown)}")
    with tempfile.TemporaryDirectory(prefix="cardlint-compare-") as work:
        versions = [_version("before", args.before, Path(work), args.corpus)]
        versions.append(_version("now", args.now, Path(work), args.corpus))
        for version in versions:
            version.run("warm")  # fill its cache
        for number in range(args.runs):
            for version in versions if number % 2 == 0 else versions[::-1]:
                for case in cases:
                    version.run(case)
    print(
        f"{'case':8} {'before median':>14} {'now median':>11} {'change':>7}"
        f"   {'cpu before':>10} {'cpu now':>8} {'change':>7}   (min before, now)"
    )
    for case in cases:
        before, now = (statistics.median(v.times[case]) for v in versions)
        cpu_before, cpu_now = (statistics.median(v.cpu[case]) for v in versions)
        lows = ", ".join(f"{min(v.times[case]):.3f}" for v in versions)
        print(
            f"{case:8} {before:13.3f}s {now:10.3f}s {now / before - 1:+7.0%}"
            f"   {cpu_before:9.3f}s {cpu_now:7.3f}s {cpu_now / cpu_before - 1:+7.0%}   ({lows})"
        )


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def package_source(revision: str | None, into: Path) -> Path:
    """A folder, made under `into`, holding the `cardlint` package of `revision` (a git
    revision, or a folder holding `cardlint/`, such as an unpacked compiled wheel; None: the
    working tree's), compiled."""
    source = into / "src"
    if revision is None or Path(revision, "cardlint").is_dir():
        folder = REPO / "src" if revision is None else Path(revision)
        # All of it: an unpacked compiled wheel has its mypyc module beside `cardlint/`.
        unwanted = shutil.ignore_patterns("*.dist-info", "*.egg-info", "__pycache__")
        shutil.copytree(folder, source, ignore=unwanted)
    else:
        source.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", revision, "src/cardlint"], cwd=REPO, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(source)], check=True)
    return source


def _version(label: str, revision: str | None, work: Path, corpus: Path) -> Version:
    """A version's source (the revision's, or the working tree's) and its corpus copy."""
    source = package_source(revision, work / label)
    copy = work / label / "corpus"
    shutil.copytree(corpus, copy, ignore=shutil.ignore_patterns(".cardlint_cache", ".*_cache"))
    return Version(label, source, copy)


if __name__ == "__main__":
    main()
