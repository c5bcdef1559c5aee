"""The travelling cache (issue 18): a fresh clone with a cache restored from another clone,
against a warm run in place and a cold run, all from one run of this script.

    python benchmarks/travel.py [--cards 10000] [--runs 7] [--work /tmp/cardlint-bench]

The corpus is run.py's (benchmarks/generate.py, clean, seed 1), kept in --work. It is
committed to a git repository of its own, the origin, whose cache a primed `cardlint check`
fills. Then, round after round, so that the machine's drift touches every case alike:

- warm: `cardlint check` in the origin, nothing changed;
- travelling: `git clone` of the origin into a new folder (every card written anew: other
  paths, inodes, modification and change times), the origin's `.cardlint_cache/` copied in
  as a CI cache step restores it, then `cardlint check` there; the clone is made before the
  timing starts;
- warm in the clone: `cardlint check` once more in that clone (its own stamps now);
- cold: `cardlint check --no-cache` in the origin.

Before each travelling and cold run every card is read once, so that the cards are in the OS
page cache, as run.py does. Wall and CPU time come from run.py's `measure` (CPU: the child's
and its reaped children's user + system time). The Markdown report goes to stdout: medians,
min and max, and the travelling/warm ratio against the target (<= 1.5x).

To measure a committed state while the working tree is being edited, put its sources first
on PYTHONPATH: `git archive HEAD src | tar -x -C /tmp/at-head` then
`PYTHONPATH=/tmp/at-head/src python benchmarks/travel.py`.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as bench  # run.py beside this script

CACHE = ".cardlint_cache"
TARGET = 1.5
CASES = ("warm", "travelling", "warm in the clone", "cold")
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]


def git(cwd: Path, *args: str) -> None:
    subprocess.run([*GIT, *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def make_origin(corpus: Path, place: Path) -> Path:
    """The corpus committed to a repository of its own (the cache is not committed)."""
    shutil.rmtree(place, ignore_errors=True)
    origin = place / "origin"
    shutil.copytree(corpus / "cards", origin / "cards")
    shutil.copy2(corpus / "cardlint.toml", origin / "cardlint.toml")
    git(origin, "init", "-q")
    git(origin, "add", "cards", "cardlint.toml")
    git(origin, "commit", "-q", "-m", "corpus")
    return origin


def read_cards(project: Path) -> None:
    for card in (project / "cards").glob("*.md"):
        card.read_bytes()


class Rounds:
    def __init__(self, cardlint: str, origin: Path) -> None:
        self.check = [cardlint, "check"]
        self.origin = origin
        self.samples: dict[str, list[bench.Sample]] = {case: [] for case in CASES}
        self.loads: list[str] = []

    def timed(self, case: str, argv: Sequence[str], cwd: Path) -> None:
        sample = bench.measure(argv, cwd)
        if sample.returncode != 0:
            raise SystemExit(f"{case}: `{shlex.join(argv)}` exited {sample.returncode} in {cwd}")
        self.samples[case].append(sample)

    def round(self, number: int) -> None:
        self.loads.append(bench.load_average())
        self.timed("warm", self.check, self.origin)
        clone = self.origin.parent / f"clone-{number}"
        git(self.origin.parent, "clone", "-q", str(self.origin), str(clone))
        shutil.copytree(self.origin / CACHE, clone / CACHE)  # as actions/cache restores it
        read_cards(clone)
        self.timed("travelling", self.check, clone)
        self.timed("warm in the clone", self.check, clone)
        shutil.rmtree(clone)
        read_cards(self.origin)
        self.timed("cold", [*self.check, "--no-cache"], self.origin)
        bench.log(
            f"  round {number + 1}: "
            + ", ".join(f"{case} {self.samples[case][-1].seconds:.3f} s" for case in CASES)
            + f" (load {self.loads[-1]})"
        )


def report(rounds: Rounds, info: dict[str, str], cards: int) -> str:
    out = [f"### Travelling cache, {cards:,} cards", ""]
    out += [f"- {key}: {value}" for key, value in info.items()]
    out += [f"- 1-minute load average at the start of each round: {', '.join(rounds.loads)}", ""]
    out += ["| case | median s | min s | max s | CPU s (median) |", "|---|---:|---:|---:|---:|"]
    for case in CASES:
        times = [s.seconds for s in rounds.samples[case]]
        cpu = statistics.median(s.cpu_seconds for s in rounds.samples[case])
        row = f"| {case} | {statistics.median(times):.3f} | {min(times):.3f} | {max(times):.3f}"
        out.append(f"{row} | {cpu:.3f} |")
    warm = statistics.median(s.seconds for s in rounds.samples["warm"])
    travelling = statistics.median(s.seconds for s in rounds.samples["travelling"])
    ratio = travelling / warm
    verdict = "pass" if ratio <= TARGET else "fail"
    per_round = [
        t.seconds / w.seconds
        for t, w in zip(rounds.samples["travelling"], rounds.samples["warm"], strict=True)
    ]
    out += [
        "",
        f"Travelling / warm in place: **{ratio:.2f}x** of the medians (target <= {TARGET}x: "
        f"{verdict}); round by round {min(per_round):.2f}x to {max(per_round):.2f}x, "
        f"median {statistics.median(per_round):.2f}x.",
    ]
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=10_000, help="corpus size (default 10000)")
    parser.add_argument("--runs", type=int, default=7, help="rounds (default 7)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/cardlint-bench"))
    parser.add_argument(
        "--cardlint",
        type=Path,
        default=bench.REPO / ".venv" / "bin" / "cardlint",
        help="the cardlint executable (default .venv/bin/cardlint)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    cardlint = args.cardlint.absolute()
    info = bench.machine()
    info["started"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    info["cardlint"] = bench.first_line([str(cardlint), "--version"])
    info["cardlint source"] = os.environ.get("PYTHONPATH") or "as installed"
    info["bytecode"] = bench.compile_bytecode(cardlint)
    origin = make_origin(bench.corpus(args.work, args.cards, args.seed), args.work / "travel")
    rounds = Rounds(str(cardlint), origin)
    if bench.measure(rounds.check, origin).returncode != 0:  # primes the cache
        raise SystemExit(f"the corpus in {origin} does not pass `cardlint check`")
    sizes = sorted(f"{p.name} {p.stat().st_size:,} B" for p in (origin / CACHE).glob("*.json"))
    info["cache restored"] = "; ".join(sizes)
    for key, value in info.items():
        bench.log(f"{key}: {value}")
    for number in range(args.runs):
        rounds.round(number)
    print(report(rounds, info, args.cards), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
