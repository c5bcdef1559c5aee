"""The issue 5 benchmark: cardlint's cold, warm and pre-commit runs, and peers on the same corpus.

    python benchmarks/run.py [--sizes 1000,10000] [--runs 5] [--json results.json]

For each size it generates (or reuses, from --work, default /tmp/cardlint-bench) a clean
synthetic corpus with benchmarks/generate.py, then times, each --runs times:

- cardlint cold: no cache (`--no-cache` when cardlint has it, and `.cardlint_cache/` deleted);
  before every cold run, of cardlint and of the peers, each card is read once, so that the
  cards are in the OS page cache, as they are after a checkout or an editor's save
- cardlint warm: nothing changed since the previous run
- one card changed: one card's prose edited, then `cardlint check` on the whole corpus, and the
  pre-commit shape `cardlint check --pre-commit cards/THAT-CARD.md`
- `cardlint --version`, and `cardlint check cards/ONE.md` with a warm cache
- peers, cold: markdownlint-cli2 (only MD043 required-headings), rumdl (only MD043) and mdsmith
  (only required-structure), each configured to pass the clean corpus, so they measure parsing
  rather than reporting. They are installed into --work/tools (npm --prefix, and a throwaway
  venv each); one that cannot be installed is reported "not available".

Wall time is time.perf_counter() around the child's whole life (Popen to wait4), CPU time the
user + system time wait4 reports for it and its workers. Each timed run also records the peak
RSS of the command's largest process, from GNU time (/usr/bin/time) when present: a child
forked from this script would otherwise inherit this script's own peak, which Linux carries
across exec. cardlint forks workers, whose memory adds up, so memory is also measured in a run
of its own per tool (cold, and cardlint warm) while a thread samples the summed RSS and PSS of
the whole process tree every 50 ms; the memory target is judged on the larger of the largest
process's RSS and the tree's PSS. Each row gives the median, min and max over the runs. The
output is Markdown, ready for docs/performance.md; --json saves every sample.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO / "benchmarks" / "generate.py"
CACHE_DIR = ".cardlint_cache"
GNU_TIME = Path("/usr/bin/time")
RUSAGE_FILE = Path(tempfile.gettempdir()) / f"cardlint-bench-{os.getpid()}.maxrss"

# The six required sections, as MD043 wants them: "*" is zero or more other headings (the
# title, the variable `什么是X？` section and every H3).
MD043_HEADINGS = [
    "*",
    "## 为什么重要？",
    "*",
    "## 关键技术",
    "*",
    "## 主要模型发展",
    "*",
    "## 优势与局限",
    "*",
    "## 参考资料",
]
MDSMITH_SECTIONS: list[dict[str, object]] = [
    {"heading": {"regex": "什么是.+？"}},
    {"heading": "为什么重要？"},
    {"heading": "关键技术"},
    {"heading": "主要模型发展"},
    {"heading": "优势与局限"},
    {"heading": "参考资料"},
]


@dataclass
class Sample:
    seconds: float
    max_rss_kb: int
    returncode: int
    cpu_seconds: float = 0.0  # user + system time of the child and its descendants


@dataclass
class Row:
    size: int
    case: str
    tool: str
    command: str
    samples: list[Sample] = field(default_factory=list)
    note: str = ""
    load: str = field(default_factory=lambda: load_average())

    @property
    def times(self) -> list[float]:
        return [s.seconds for s in self.samples]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak_mb(self) -> float:
        return max(s.max_rss_kb for s in self.samples) / 1024

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu_seconds for s in self.samples)


@dataclass
class Memory:
    """One run's memory: exact for the largest process, sampled for the whole process tree."""

    size: int
    case: str
    tool: str
    seconds: float
    largest_rss_kb: int  # from wait4: the child, or its largest descendant
    tree_rss_kb: int  # peak of the summed RSS of the child and its descendants (sampled)
    tree_pss_kb: int  # the same with PSS, which shares copy-on-write pages out fairly

    @property
    def peak_mb(self) -> float:
        return max(self.largest_rss_kb, self.tree_pss_kb) / 1024


@dataclass
class Tool:
    name: str
    argv: list[str]  # the command that starts it; arguments follow
    version: str


@dataclass
class Target:
    label: str
    value: str
    passed: bool | None  # None: not measured in this run


def load_average() -> str:
    """The 1-minute load average: other work on a shared machine inflates wall times."""
    return Path("/proc/loadavg").read_text(encoding="utf-8").split()[0]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def wrapped(argv: Sequence[str]) -> list[str]:
    """argv under GNU time, when there is one, so that the peak RSS is the command's own.

    Linux carries a process's peak RSS across exec, and a child forked from this script starts
    with this script's memory (at 100,000 cards, the list of cards alone): a child's ru_maxrss
    is never below ours. GNU time is small, and what it reports is its own child's peak.
    """
    if GNU_TIME.exists():
        return [str(GNU_TIME), "-f", "%M", "-o", str(RUSAGE_FILE), *argv]
    return list(argv)


def measure(
    argv: Sequence[str],
    cwd: Path,
    output: Path | None = None,
    watch: Callable[[int], None] | None = None,
) -> Sample:
    """Run argv once: wall time, CPU time, and the command's peak RSS (kB).

    watch, when given, is called with the pid of the started process (GNU time's, when argv
    runs under it) before waiting for it to exit.
    """
    command = wrapped(argv)
    with (output or Path(os.devnull)).open("wb") as sink:
        start = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT)
        if watch is not None:
            watch(child.pid)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    max_rss = int(usage.ru_maxrss)
    if command[0] == str(GNU_TIME):
        # The last line; a line before it says so when the command failed.
        max_rss = int(RUSAGE_FILE.read_text(encoding="utf-8").split()[-1])
    cpu = usage.ru_utime + usage.ru_stime
    return Sample(seconds, max_rss, child.returncode, cpu)


def descendants(root: int) -> list[int]:
    """root and every process below it, from the parent ids in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # it exited meanwhile
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def tree_memory(pids: Sequence[int]) -> tuple[int, int]:
    """The summed RSS and PSS (kB) of these processes right now."""
    rss = pss = 0
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text(encoding="utf-8")
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Rss:"):
                rss += int(line.split()[1])
            elif line.startswith("Pss:"):
                pss += int(line.split()[1])
    return rss, pss


def measure_memory(
    argv: Sequence[str], cwd: Path, interval: float = 0.05
) -> tuple[Sample, int, int]:
    """Run argv once while a thread samples its process tree; (sample, peak RSS, peak PSS)."""
    peaks = [0, 0]
    done = threading.Event()
    threads: list[threading.Thread] = []

    def watch(pid: int) -> None:
        def sample() -> None:
            while not done.wait(interval):
                tree = descendants(pid)
                if GNU_TIME.exists():
                    tree.remove(pid)  # GNU time itself, not the command
                rss, pss = tree_memory(tree)
                peaks[0], peaks[1] = max(peaks[0], rss), max(peaks[1], pss)

        threads.append(threading.Thread(target=sample, daemon=True))
        threads[0].start()

    sample = measure(argv, cwd, watch=watch)
    done.set()
    for thread in threads:
        thread.join()
    return sample, peaks[0], peaks[1]


def command_text(argv: Sequence[str], cwd: Path) -> str:
    return f"cd {shlex.quote(str(cwd))} && {shlex.join(argv)}"


# -- the machine and the tools ---------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "unknown"
    with Path("/proc/cpuinfo").open(encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with Path("/proc/meminfo").open(encoding="utf-8") as info:
        for line in info:
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    return {
        "nproc": str(len(os.sched_getaffinity(0))),
        "cpu": cpu,
        "memory": memory,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def first_line(argv: Sequence[str]) -> str:
    try:
        done = subprocess.run(list(argv), capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"unknown ({error})"
    text = (done.stdout or done.stderr).strip()
    return text.splitlines()[0] if text else "unknown"


def source_fingerprint() -> str:
    """A digest of src/cardlint, to tell which state of the code a run measured."""
    digest = hashlib.sha256()
    for path in sorted((REPO / "src" / "cardlint").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(REPO)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def compile_bytecode(cardlint: Path) -> str:
    """Byte-compile cardlint's package, as installing a wheel does.

    An editable install never writes .pyc files when PYTHONDONTWRITEBYTECODE is set (it is on
    these machines), and every run would then compile cardlint's modules from source again.
    """
    python = cardlint.parent / "python"
    where = subprocess.run(
        [str(python), "-c", "import cardlint, os; print(os.path.dirname(cardlint.__file__))"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    if not where:
        return "not compiled (cardlint's package not found)"
    done = subprocess.run([str(python), "-m", "compileall", "-q", where], check=False)
    return f"compiled {where}" if done.returncode == 0 else f"compileall failed on {where}"


def build_kind(cardlint: Path) -> str:
    """Whether the cardlint measured is the pure build or the mypyc-compiled one."""
    probe = "import cardlint.load.block_scanner as m; print(m.__file__.endswith(('.so', '.pyd')))"
    done = subprocess.run(
        [str(cardlint.parent / "python"), "-c", probe], capture_output=True, text=True, check=False
    )
    return {"True": "compiled (mypyc)", "False": "pure Python"}.get(done.stdout.strip(), "unknown")


def install_markdownlint(tools: Path) -> Tool | None:
    prefix = tools / "npm"
    binary = prefix / "node_modules" / ".bin" / "markdownlint-cli2"
    if not binary.exists():
        if shutil.which("npm") is None:
            return None
        prefix.mkdir(parents=True, exist_ok=True)
        log(f"installing markdownlint-cli2 into {prefix}")
        done = subprocess.run(
            ["npm", "install", "--prefix", str(prefix), "markdownlint-cli2"],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0 or not binary.exists():
            return None
    version = first_line([str(binary), "--help"])
    node = first_line(["node", "--version"])
    return Tool("markdownlint-cli2", [str(binary)], f"{version}, node {node}")


def install_pip_tool(tools: Path, package: str) -> Path | None:
    """A throwaway venv holding `package`; its folder, or None when pip cannot install it."""
    venv = tools / package
    if not (venv / "bin" / package).exists():
        log(f"installing {package} into {venv}")
        made = subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False)
        if made.returncode != 0:
            return None
        done = subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", package],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0 or not (venv / "bin" / package).exists():
            return None
    return venv


def install_rumdl(tools: Path) -> Tool | None:
    venv = install_pip_tool(tools, "rumdl")
    if venv is None:
        return None
    binary = venv / "bin" / "rumdl"  # the wheel installs the Rust binary itself here
    return Tool("rumdl", [str(binary)], first_line([str(binary), "--version"]))


def install_mdsmith(tools: Path) -> Tool | None:
    venv = install_pip_tool(tools, "mdsmith")
    if venv is None:
        return None
    # bin/mdsmith is a Python shim that execs the Go binary shipped in the wheel: time the
    # binary itself, not a Python start-up in front of it.
    bundled = sorted(venv.glob("lib/python*/site-packages/mdsmith/_bin/mdsmith"))
    binary = bundled[0] if bundled else venv / "bin" / "mdsmith"
    return Tool("mdsmith", [str(binary)], first_line([str(binary), "version"]))


# -- corpora ---------------------------------------------------------------------------------


def corpus(work: Path, size: int, seed: int) -> Path:
    """A clean corpus of `size` cards, generated once; reused while the generator is unchanged."""
    folder = work / f"corpus-{size}-seed{seed}"
    stamp = folder / ".generated"
    key = hashlib.sha256(GENERATOR.read_bytes()).hexdigest() + f" {size} {seed} 0"
    if stamp.exists() and stamp.read_text(encoding="utf-8") == key:
        return folder
    log(f"generating {size} cards into {folder}")
    folder.mkdir(parents=True, exist_ok=True)
    argv = [
        sys.executable,
        str(GENERATOR),
        "--cards",
        str(size),
        "--out",
        str(folder),
        "--violations",
        "0",
        "--seed",
        str(seed),
        "--force",
    ]
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    stamp.write_text(key, encoding="utf-8")
    return folder


def write_peer_configs(folder: Path, mdsmith: Tool | None) -> None:
    (folder / ".markdownlint-cli2.jsonc").write_text(
        json.dumps(
            {"config": {"default": False, "MD043": {"headings": MD043_HEADINGS}}},
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    headings = ", ".join(json.dumps(h, ensure_ascii=False) for h in MD043_HEADINGS)
    (folder / ".rumdl.toml").write_text(
        f'[global]\nenable = ["MD043"]\n\n[MD043]\nheadings = [{headings}]\n', encoding="utf-8"
    )
    if mdsmith is not None:
        # Every rule off but required-structure, whose schema lists the six H2 sections. The
        # rule names come from the installed mdsmith, so a new default rule cannot sneak in.
        listing = subprocess.run(
            [*mdsmith.argv, "help", "rule"], capture_output=True, text=True, check=False
        ).stdout
        names = [line.split()[1] for line in listing.splitlines() if re.match(r"MDS\d+ ", line)]
        config = {
            "rules": {name: False for name in names if name != "required-structure"},
            "kinds": {"card": {"schema": {"sections": MDSMITH_SECTIONS}}},
            "kind-assignment": [{"glob": ["cards/**/*.md"], "kinds": ["card"]}],
        }
        # JSON is YAML: no YAML library needed.
        (folder / ".mdsmith.yml").write_text(
            json.dumps(config, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )


# -- the cases -------------------------------------------------------------------------------


class Bench:
    def __init__(
        self,
        cardlint: Path,
        runs: int,
        peer_runs: int,
        folder: Path,
        size: int,
        label: str = "cardlint",
    ):
        self.cardlint = str(cardlint)
        self.label = label
        """The cardlint's name in the rows: `cardlint`, or another build's (`--also`)."""
        self.runs = runs
        self.peer_runs = peer_runs
        self.folder = folder
        self.size = size
        self.cards = sorted((folder / "cards").glob("*.md"))
        self.originals: dict[Path, bytes] = {}
        self.edits = 0
        handle, name = tempfile.mkstemp(prefix="cardlint-bench-", suffix=".out")
        os.close(handle)
        self.output = Path(name)  # each run's output, read back when a run fails

    def drop_cache(self) -> None:
        shutil.rmtree(self.folder / CACHE_DIR, ignore_errors=True)
        self.read_corpus()

    def read_corpus(self) -> None:
        """Read every card once, so that a cold run finds them in the OS page cache.

        "Cold" means no tool's own cache, not cards on a cold disk: this VM drops idle page
        cache, and one 100,000-card run that read its 560 MB back from disk took 410 s
        instead of 29 s. Every tool's cold runs are preceded by this, so they compare alike.
        """
        for card in self.cards:
            card.read_bytes()

    def row(
        self,
        case: str,
        tool: str,
        argv: Sequence[str],
        runs: int,
        before: Callable[[int], None] | None = None,
        note: str = "",
    ) -> Row:
        row = Row(self.size, case, tool, command_text(argv, self.folder), note=note)
        for number in range(runs):
            if before is not None:
                before(number)
            sample = measure(argv, self.folder, self.output)
            row.samples.append(sample)
            if number == 0 and sample.returncode != 0:
                tail = self.output.read_text(encoding="utf-8", errors="replace").splitlines()
                log(f"  ! {tool} {case}: exit {sample.returncode}; last lines of its output:")
                for line in tail[-5:]:
                    log(f"    {line}")
                row.note = (row.note + "; " if row.note else "") + f"exit {sample.returncode}"
        log(
            f"  {self.size:>6} {case:<34} {tool:<18} median {row.median:8.3f} s "
            f"(min {min(row.times):.3f}, max {max(row.times):.3f}), cpu {row.cpu:.3f} s, "
            f"max RSS {row.peak_mb:.0f} MB, load {row.load}"
        )
        return row

    def edit_card(self, number: int) -> Path:
        """Insert a sentence into one card's first section; a different card each time."""
        card = self.cards[(number * 7919 + 17) % len(self.cards)]
        text = card.read_bytes()
        self.originals.setdefault(card, text)
        body = text.decode("utf-8")
        section = body.index("\n## ")
        paragraph_end = body.index("\n\n", body.index("\n", section + 1) + 1)
        self.edits += 1
        added = f"\n\n基准测试第 {self.edits} 次修改：这一句只改变正文，不影响任何检查结果。"
        card.write_text(body[:paragraph_end] + added + body[paragraph_end:], encoding="utf-8")
        return card

    def restore(self) -> None:
        for card, text in self.originals.items():
            card.write_bytes(text)
        self.originals.clear()

    def cardlint_rows(self, no_cache_flag: bool) -> list[Row]:
        check = [self.cardlint, "check"]
        cold = [*check, "--no-cache"] if no_cache_flag else check
        rows = [
            self.row(
                "cold (no cache)",
                self.label,
                cold,
                self.runs,
                before=lambda _: self.drop_cache(),
                note="" if no_cache_flag else f"no --no-cache yet: {CACHE_DIR}/ deleted first",
            )
        ]
        self.drop_cache()
        measure(check, self.folder)  # prime the cache
        rows.append(self.row("warm, nothing changed", self.label, check, self.runs))

        edited: list[Path] = []

        def edit(number: int) -> None:
            edited.append(self.edit_card(number))

        try:
            rows.append(
                self.row("one card changed, whole corpus", self.label, check, self.runs, edit)
            )
            # The pre-commit shape names the changed card; it differs every run, so the row
            # shows the first run's command with a placeholder.
            samples: list[Sample] = []
            load = load_average()
            for number in range(self.runs):
                card = self.edit_card(self.runs + number)
                argv = [*check, "--pre-commit", str(card.relative_to(self.folder))]
                samples.append(measure(argv, self.folder, self.output))
            pre_commit = Row(
                self.size,
                "one card changed, --pre-commit",
                self.label,
                command_text([*check, "--pre-commit", "cards/CHANGED.md"], self.folder),
                samples,
                load=load,
            )
            log(
                f"  {self.size:>6} {pre_commit.case:<34} {self.label:<18} median "
                f"{pre_commit.median:8.3f} s, cpu {pre_commit.cpu:.3f} s, "
                f"max RSS {pre_commit.peak_mb:.0f} MB"
            )
            rows.append(pre_commit)
        finally:
            self.restore()
        measure(check, self.folder)  # warm again after the edits were undone
        rows.append(self.row("--version", self.label, [self.cardlint, "--version"], self.runs))
        one = str(self.cards[len(self.cards) // 2].relative_to(self.folder))
        rows.append(self.row("one card, warm cache", self.label, [*check, one], self.runs))
        return rows

    def memory(self, case: str, tool: str, argv: Sequence[str]) -> Memory:
        """A run of its own for memory: the tree sampler would disturb the timed runs."""
        sample, rss, pss = measure_memory(argv, self.folder)
        found = Memory(self.size, case, tool, sample.seconds, sample.max_rss_kb, rss, pss)
        log(
            f"  {self.size:>6} {case:<34} {tool:<18} memory: largest process "
            f"{sample.max_rss_kb / 1024:.0f} MB, tree RSS {rss / 1024:.0f} MB, "
            f"tree PSS {pss / 1024:.0f} MB"
        )
        return found

    def memory_runs(self, no_cache_flag: bool, peers: Sequence[Tool]) -> list[Memory]:
        check = [self.cardlint, "check"]
        self.drop_cache()
        found = [
            self.memory(
                "cold (no cache)", self.label, [*check, "--no-cache"] if no_cache_flag else check
            )
        ]
        self.drop_cache()
        measure(check, self.folder)
        found.append(self.memory("warm, nothing changed", self.label, check))
        for tool in peers:
            self.read_corpus()
            found.append(self.memory("cold (no cache)", tool.name, self.peer_cold(tool)))
        return found

    def peer_cold(self, tool: Tool) -> list[str]:
        if tool.name == "markdownlint-cli2":
            return [*tool.argv, "cards/**/*.md", "--config", ".markdownlint-cli2.jsonc"]
        if tool.name == "rumdl":
            return [*tool.argv, "check", "--config", ".rumdl.toml", "--no-cache", "cards"]
        return [*tool.argv, "check", "--config", ".mdsmith.yml", "cards"]

    def peer_rows(self, peers: Sequence[Tool]) -> list[Row]:
        rows = []
        for tool in peers:
            rows.append(
                self.row(
                    "cold (no cache)",
                    tool.name,
                    self.peer_cold(tool),
                    self.peer_runs,
                    before=lambda _: self.read_corpus(),
                )
            )
            if tool.name == "rumdl":
                warm = [*tool.argv, "check", "--config", ".rumdl.toml", "cards"]
                shutil.rmtree(self.folder / ".rumdl_cache", ignore_errors=True)
                measure(warm, self.folder)  # prime rumdl's own cache
                rows.append(self.row("warm (its own cache)", tool.name, warm, self.peer_runs))
        return rows


# -- the report ------------------------------------------------------------------------------


def find(rows: Sequence[Row], size: int, case: str, tool: str = "cardlint") -> Row | None:
    return next((r for r in rows if (r.size, r.case, r.tool) == (size, case, tool)), None)


def targets(rows: Sequence[Row], memory: Sequence[Memory], size: int = 10_000) -> list[Target]:
    def limit(label: str, row: Row | None, seconds: float) -> Target:
        if row is None:
            return Target(label, "not measured", None)
        return Target(label, f"{row.median:.3f} s (target <= {seconds} s)", row.median <= seconds)

    cold = find(rows, size, "cold (no cache)")
    peer = find(rows, size, "cold (no cache)", "markdownlint-cli2")
    found = [limit(f"cold run, {size:,} cards", cold, 1.5)]
    if cold is not None and peer is not None:
        ratio = peer.median / cold.median
        found.append(
            Target(
                "cold vs markdownlint-cli2 (MD043 only)",
                f"{ratio:.1f}x (target >= 15x)",
                ratio >= 15,
            )
        )
    else:
        found.append(Target("cold vs markdownlint-cli2 (MD043 only)", "not measured", None))
    found += [
        limit("warm run, nothing changed", find(rows, size, "warm, nothing changed"), 0.25),
        limit(
            "one card changed (whole corpus)",
            find(rows, size, "one card changed, whole corpus"),
            0.3,
        ),
        limit(
            "one card changed (--pre-commit)",
            find(rows, size, "one card changed, --pre-commit"),
            0.3,
        ),
        limit("cardlint --version", find(rows, size, "--version"), 0.08),
        limit("one card, warm cache", find(rows, size, "one card, warm cache"), 0.15),
    ]
    used = [m for m in memory if m.size == size and m.tool == "cardlint"]
    if used:
        peak = max(m.peak_mb for m in used)
        found.append(
            Target(f"peak memory, {size:,} cards", f"{peak:.0f} MB (target <= 150 MB)", peak <= 150)
        )
    else:
        found.append(Target(f"peak memory, {size:,} cards", "not measured", None))
    big_cold = find(rows, 100_000, "cold (no cache)")
    if cold is not None and big_cold is not None:
        ratio = big_cold.median / cold.median
        found.append(
            Target("100,000 cards cold vs 10,000", f"{ratio:.1f}x (target <= 11x)", ratio <= 11)
        )
    else:
        found.append(Target("100,000 cards cold vs 10,000", "not measured", None))
    found.append(limit("100,000 cards warm", find(rows, 100_000, "warm, nothing changed"), 2.0))
    return found


def report(
    rows: Sequence[Row],
    memory: Sequence[Memory],
    info: dict[str, str],
    tools: Sequence[Tool],
    missing: Sequence[str],
    corpora: dict[int, Path],
) -> str:
    out = ["## Machine", ""]
    out += [f"- {key}: {value}" for key, value in info.items()]
    out += ["", "## Versions", ""]
    out += [f"- {tool.name}: {tool.version}" for tool in tools]
    out += [f"- {name}: not available" for name in missing]
    out += ["", "## Corpora", ""]
    for size, folder in sorted(corpora.items()):
        files = list((folder / "cards").glob("*.md"))
        total = sum(f.stat().st_size for f in files)
        out.append(
            f"- {size:,} cards, {total / len(files) / 1000:.2f} KB average, "
            f"{total / 1e6:.1f} MB: `{folder}`"
        )
    out += ["", "## Results", ""]
    out += [
        "| cards | case | tool | median s | min s | max s | CPU s | max RSS MB | runs | load "
        "| note |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        out.append(
            f"| {row.size:,} | {row.case} | {row.tool} | {row.median:.3f} | {min(row.times):.3f} "
            f"| {max(row.times):.3f} | {row.cpu:.3f} | {row.peak_mb:.0f} | {len(row.samples)} "
            f"| {row.load} | {row.note} |"
        )
    out += ["", "## Memory (one run of its own per line)", ""]
    out += [
        "| cards | case | tool | s | largest process RSS MB | tree RSS MB | tree PSS MB |",
        "|---:|---|---|---:|---:|---:|---:|",
    ]
    for m in memory:
        out.append(
            f"| {m.size:,} | {m.case} | {m.tool} | {m.seconds:.3f} | {m.largest_rss_kb / 1024:.0f} "
            f"| {m.tree_rss_kb / 1024:.0f} | {m.tree_pss_kb / 1024:.0f} |"
        )
    out += ["", "## cold(peer) / cold(cardlint)", ""]
    for size in sorted({r.size for r in rows}):
        cold = find(rows, size, "cold (no cache)")
        for tool in tools:
            peer = find(rows, size, "cold (no cache)", tool.name)
            if cold is not None and peer is not None and tool.name != "cardlint":
                out.append(
                    f"- {size:,} cards: {tool.name} / cardlint = {peer.median / cold.median:.2f}"
                )
    out += ["", "## Issue 5 targets (10,000 cards unless stated)", ""]
    out += ["| target | measured | result |", "|---|---|---|"]
    for target in targets(rows, memory):
        verdict = {True: "pass", False: "FAIL", None: "-"}[target.passed]
        out.append(f"| {target.label} | {target.value} | {verdict} |")
    out += ["", "## Commands", ""]
    seen: set[str] = set()
    for row in rows:
        key = f"{row.tool} {row.case}"
        if key not in seen:
            seen.add(key)
            out.append(f"- {row.tool}, {row.case}: `{row.command}`")
    return "\n".join(out) + "\n"


def cardlint_tool(name: str, cardlint: Path, source: str) -> tuple[Tool, bool]:
    """A cardlint executable as the report names it, and whether it has `--no-cache`."""
    help_text = subprocess.run(
        [str(cardlint), "check", "--help"], capture_output=True, text=True, check=False
    ).stdout
    no_cache_flag = "--no-cache" in help_text
    version = (
        f"{first_line([str(cardlint), '--version'])} ({build_kind(cardlint)}, "
        f"src fingerprint {source}, "
        f"--no-cache {'supported' if no_cache_flag else 'not supported yet'})"
    )
    return Tool(name, [str(cardlint)], version), no_cache_flag


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case (default 5)")
    parser.add_argument("--peer-runs", type=int, help="timed runs per peer case (default --runs)")
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument(
        "--work",
        type=Path,
        default=Path("/tmp/cardlint-bench"),
        help="where corpora and peer tools are kept (default /tmp/cardlint-bench)",
    )
    parser.add_argument(
        "--cardlint",
        type=Path,
        default=REPO / ".venv" / "bin" / "cardlint",
        help="the cardlint executable (default .venv/bin/cardlint)",
    )
    parser.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="LABEL=EXECUTABLE",
        help="another cardlint to time in the same run (a build from before a change, say), "
        "its rows named `cardlint (LABEL)`; repeatable",
    )
    parser.add_argument("--no-peers", action="store_true", help="time cardlint only")
    parser.add_argument(
        "--no-peer-memory",
        action="store_true",
        help="skip the peers' separate memory runs (they repeat a cold run each)",
    )
    parser.add_argument("--json", type=Path, help="also write every sample to this file")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.runs < 1 or not sizes:
        parser.error("--runs must be at least 1 and --sizes must name a size")
    peer_runs = args.peer_runs or args.runs

    info = machine()
    info["started"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    info["load average (1 min) at start"] = load_average()
    cardlint = args.cardlint.absolute()
    info["cardlint bytecode"] = compile_bytecode(cardlint)
    main_tool, no_cache_flag = cardlint_tool("cardlint", cardlint, source_fingerprint())
    tools = [main_tool]
    others: list[tuple[Tool, bool]] = []
    for also in args.also:
        label, _, executable = also.partition("=")
        if not label or not executable:
            parser.error(f"--also takes LABEL=EXECUTABLE, not {also!r}")
        path = Path(executable).absolute()
        info[f"cardlint ({label}) bytecode"] = compile_bytecode(path)
        others.append(cardlint_tool(f"cardlint ({label})", path, "not taken (--also)"))
    tools += [tool for tool, _ in others]
    missing: list[str] = []
    if not args.no_peers:
        tool_dir = args.work / "tools"
        for name, install in (
            ("markdownlint-cli2", install_markdownlint),
            ("rumdl", install_rumdl),
            ("mdsmith", install_mdsmith),
        ):
            tool = install(tool_dir)
            if tool is None:
                log(f"{name}: not available")
                missing.append(name)
            else:
                tools.append(tool)
    peers = [t for t in tools if not t.name.startswith("cardlint")]
    mdsmith = next((t for t in peers if t.name == "mdsmith"), None)
    for key, value in info.items():
        log(f"{key}: {value}")
    for tool in tools:
        log(f"{tool.name}: {tool.version}")

    rows: list[Row] = []
    memory: list[Memory] = []
    corpora: dict[int, Path] = {}
    for size in sizes:
        folder = corpus(args.work, size, args.seed)
        corpora[size] = folder
        write_peer_configs(folder, mdsmith)
        bench = Bench(cardlint, args.runs, peer_runs, folder, size)
        rows += bench.cardlint_rows(no_cache_flag)
        for tool, flag in others:
            other = Bench(Path(tool.argv[0]), args.runs, peer_runs, folder, size, tool.name)
            rows += other.cardlint_rows(flag)
            memory += other.memory_runs(flag, [])
            other.output.unlink(missing_ok=True)
        rows += bench.peer_rows(peers)
        memory += bench.memory_runs(no_cache_flag, [] if args.no_peer_memory else peers)
        bench.output.unlink(missing_ok=True)

    info["load average (1 min) at end"] = load_average()
    RUSAGE_FILE.unlink(missing_ok=True)
    print(report(rows, memory, info, tools, missing, corpora), end="")
    if args.json:
        data = {
            "machine": info,
            "tools": [asdict(t) for t in tools],
            "missing": missing,
            "rows": [asdict(r) for r in rows],
            "memory": [asdict(m) for m in memory],
        }
        args.json.write_text(
            json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
