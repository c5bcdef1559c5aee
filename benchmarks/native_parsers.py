"""Native parsers against cardlint's own code, per card (issue 20, item 5).

    .venv/bin/python benchmarks/native_parsers.py [--corpus DIR] [--rounds 5] [--only md,json]

Markdown: cardlint's block scanner (`load.block_scanner.Scan`, and `load.markdown.parse_body`,
which the loader calls) against pyromark (pulldown-cmark), drained alone and read into the
same `Body` (top-level headings with level, text, line and column; content lines; code block
line ranges at any depth; top-level fences and HTML comments left open), byte offsets turned
into lines included. Per card body of the corpus, then per hostile card (tests/hostile), and
how many bodies the pyromark reading gives the same `Body` as `parse_body`.

JSON: the standard `json` against orjson, on the result cache's table (as `cache.folder`
reads and writes it: ASCII JSON, sealed by the SHA-256 of its bytes) and on the JSON inside
worker records (`run.record`: the `located` column, and `own` where a card has findings).
The table is made by a cold `cardlint check` of a copy of the corpus, and of a copy with
planted violations for `own`.

Figures are CPU time (time.process_time), the best of --rounds rounds, the contenders taking
turns so that a busy machine slows them alike. The build measured is the one imported (run
this with a compiled install's python to time the compiled scanner). A package that is not
installed is skipped: `pip install pyromark orjson` to measure it.

The corpus is benchmarks/generate.py's (default /tmp/cardlint-bench/corpus-10000-seed1);
`generate.py --cards 10000 --out DIR --violations 0` makes it.
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import importlib
import importlib.util
import itertools
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.hostile import pathological  # noqa: E402

from cardlint.load.block_scanner import Scan  # noqa: E402
from cardlint.load.markdown import Body, Heading, parse_body, unclosed_fences  # noqa: E402

DEFAULT_CORPUS = Path("/tmp/cardlint-bench/corpus-10000-seed1")
_FRONT_END = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_ONLY_COMMENT = re.compile(r"\s*<!--.*-->\s*\Z", re.DOTALL)
_FENCE_RUN = re.compile(r" {0,3}(`+|~+)")
_CONTENT = frozenset(("Paragraph", "HtmlBlock", "BlockQuote", "CodeBlock", "List"))
"""pulldown-cmark's top-level blocks that are content (a heading or a break is not)."""


def optional(name: str) -> Any:
    """The module `name`, or None when it is not installed (its absence is not an error)."""
    return importlib.import_module(name) if importlib.util.find_spec(name) else None


pyromark = optional("pyromark")
orjson = optional("orjson")


# ---------------------------------------------------------------------------------------
# Markdown


def pyromark_body(text: str, first_line: int) -> Body:
    """`parse_body` as pyromark would give it: the fastest reading of its events written here."""
    data = text.encode()
    lines = text.split("\n")
    # Byte offset of each line's start: offsets become lines by bisection.
    starts = list(itertools.accumulate(map((1).__add__, map(len, data.split(b"\n"))), initial=0))
    headings: list[tuple[int, list[str], int]] = []  # level, text parts, start offset
    content: list[int] = []
    code: list[tuple[int, int]] = []
    fences: list[tuple[int, int, str]] = []
    comments: list[int] = []
    depth = 0
    parts: list[str] | None = None  # the text of the heading being read
    html: list[str] | None = None  # the pieces of the top-level HTML block being read
    html_start = 0
    for event, span in pyromark.events_with_range(text):
        # Most events are text; `in` also reads the bare-string ones (a break, a rule).
        if "Text" in event:
            if parts is not None:
                parts.append(event["Text"])
        elif "Start" in event:
            start = event["Start"]
            kind = start if start.__class__ is str else next(iter(start))
            if kind == "CodeBlock":
                first = bisect.bisect_right(starts, span["start"]) - 1
                last = bisect.bisect_right(starts, span["end"] - 1)
                code.append((first + first_line, last + first_line))
                if depth == 0 and start["CodeBlock"] != "Indented":
                    run = _FENCE_RUN.match(lines[first])
                    fences.append((first, last, run.group(1) if run else "```"))
            if depth == 0:
                if kind == "Heading":
                    parts = []
                    headings.append((int(start["Heading"]["level"][1]), parts, span["start"]))
                elif kind == "HtmlBlock":
                    html, html_start = [], span["start"]
                elif kind in _CONTENT:
                    content.append(bisect.bisect_right(starts, span["start"]) - 1)
            depth += 1
        elif "End" in event:
            depth -= 1
            if depth == 0:
                if html is not None:
                    block = "".join(html)
                    line = bisect.bisect_right(starts, html_start) - 1
                    if not _ONLY_COMMENT.match(block):
                        content.append(line)
                    if block.lstrip(" \t").startswith("<!--") and "-->" not in block:
                        comments.append(line)
                html = parts = None
        elif parts is not None:
            parts.append(" " if event.__class__ is str else event.get("Code", ""))
        elif html is not None:
            html.append(event["Html"])
    found = [
        (level, "".join(pieces).strip(), bisect.bisect_right(starts, at) - 1)
        for level, pieces, at in headings
    ]
    sections = [line for level, _, line in found if level >= 2]
    unclosed = unclosed_fences(fences, lines, sections)
    kept = min(unclosed, default=len(lines))
    return Body(
        tuple(
            Heading(level, name, line + first_line, _column(lines[line]))
            for level, name, line in found
            if line < kept
        ),
        tuple(sorted(line + first_line for line in content)),
        tuple(line + first_line for line in unclosed),
        len(lines),
        tuple(code),
        tuple(line + first_line for line in comments),
    )


def _column(line: str) -> int:
    return len(line) - len(line.lstrip(" ")) + 1


def drain_pyromark(text: str) -> None:
    """pyromark's events with their ranges, read and dropped: its floor, before any reading."""
    for _ in pyromark.events_with_range(text):
        pass


def per_card_us(parse: Callable[[str], object], texts: list[str]) -> float:
    started = time.process_time()
    for text in texts:
        parse(text)
    return (time.process_time() - started) / len(texts) * 1e6


def race(contenders: dict[str, Callable[[str], object]], texts: list[str], rounds: int) -> None:
    best = dict.fromkeys(contenders, float("inf"))
    for _ in range(rounds):
        for name, parse in contenders.items():
            best[name] = min(best[name], per_card_us(parse, texts))
    base = best["parse_body"]
    for name, us in best.items():
        print(f"  {name:18s} {us:9.1f} us  {us / base:5.2f}x  {_MEANING[name]}")


_MEANING = {
    "scan": "load.block_scanner.Scan alone",
    "parse_body": "load.markdown.parse_body, what the loader calls (scan, heading text, lines)",
    "pyromark drained": "pyromark.events_with_range, every event read and dropped",
    "pyromark Body": "pyromark read into parse_body's Body, byte offsets made lines",
}


def markdown_contenders() -> dict[str, Callable[[str], object]]:
    contenders: dict[str, Callable[[str], object]] = {
        "scan": Scan,
        "parse_body": lambda text: parse_body(text, 1),
    }
    if pyromark is not None:
        contenders["pyromark drained"] = drain_pyromark
        contenders["pyromark Body"] = lambda text: pyromark_body(text, 1)
    return contenders


def agreeing(texts: list[str]) -> str:
    same = sum(pyromark_body(text, 1) == parse_body(text, 1) for text in texts)
    return f"pyromark's Body is parse_body's for {same} of {len(texts)}"


def scanner_cases() -> list[str]:
    """The texts of tests/test_markdown_scanner.py that are not drawn by hypothesis: the
    spec-like cases and endings in their variants, every pair of tricky lines, the seeded
    random runs of them in their containers, and the repository's cards."""
    from tests import test_markdown_scanner as cases

    texts = [v for text in cases.SPEC_LIKE + cases.ENDINGS for v in cases._variants(text)]
    texts += [f"{first}\n{second}" for first, second in itertools.product(cases.ATOMS, repeat=2)]
    rng = random.Random(20261129)
    for _ in range(1500):
        run = "\n".join(rng.choice(cases.ATOMS) for _ in range(rng.randint(3, 7)))
        texts += [run, cases._quoted(run), cases._itemised(run)]
    return texts + [card.read_text(encoding="utf-8") for card in cases._cards()]


def differential(cases: Callable[[], list[str]]) -> None:
    """pyromark against the scanner's markdown-it-py oracle, field by field."""
    if importlib.util.find_spec("hypothesis") is None:
        print("\nThe scanner's test corpus: skipped (its tests need cardlint[test])")
        return
    from tests.test_markdown_scanner import oracle_body

    texts = cases()
    differ = dict.fromkeys(Body._fields, 0)
    compared = 0
    for text in texts:
        try:
            expected = oracle_body(text, 1)
        except IndexError:  # markdown-it-py fails on a few (see the scanner's tests)
            continue
        compared += 1
        got = pyromark_body(text, 1)
        for field in Body._fields:
            differ[field] += getattr(got, field) != getattr(expected, field)
    print(f"\nThe scanner's test corpus (tests/test_markdown_scanner.py): {len(texts)} texts;")
    print(f"  {agreeing(texts)}. Texts, of the {compared} markdown-it-py parses, where")
    print("  pyromark differs from it, by field (the scanner differs in none):")
    for field, count in differ.items():
        print(f"    {field:20s} {count:6d}")


def bodies(texts: Iterable[str]) -> list[str]:
    """What follows each text's front matter, as the loader passes it to parse_body."""
    found = []
    for text in texts:
        front = _FRONT_END.match(text)
        found.append(text[front.end() :] if front else text)
    return found


def readable(paths: Iterable[Path]) -> Iterable[str]:
    for path in paths:
        try:
            yield path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue  # what cardlint refuses to read is no parser's input


def markdown(corpus: Path, rounds: int) -> None:
    contenders = markdown_contenders()
    texts = bodies(readable(sorted((corpus / "cards").glob("*.md"))))
    print(f"\nMarkdown: {len(texts)} card bodies of {corpus}, CPU per body, best of {rounds}:")
    race(contenders, texts, rounds)
    if pyromark is None:
        print("  pyromark: not installed, skipped")
        return
    print(f"  {agreeing(texts)}")
    hostile = bodies(readable(sorted((REPO / "tests" / "hostile" / "cards").rglob("*.md"))))
    print(f"\nHostile: the {len(hostile)} committed cards of tests/hostile/cards, CPU per body:")
    race(contenders, hostile, rounds)
    print(f"  {agreeing(hostile)}")
    print("\nPathological bodies (tests/hostile/pathological.py), CPU ms, best of 3:")
    print(f"  {'card':34s}" + "".join(f"{name:>18s}" for name in contenders))
    for name, card in pathological.CARDS.items():
        (text,) = bodies([card.data.decode("utf-8")])
        row = [
            min(per_card_us(parse, [text]) for _ in range(3)) / 1e3 for parse in contenders.values()
        ]
        same = pyromark_body(text, 1) == parse_body(text, 1)
        print(
            f"  {name:34s}" + "".join(f"{ms:18.1f}" for ms in row) + ("" if same else "  differs")
        )
    differential(scanner_cases)


# ---------------------------------------------------------------------------------------
# JSON


def cache_of(corpus: Path, work: Path) -> bytes:
    """The table bytes of a cold check of a copy of `corpus`."""
    copy = work / corpus.name
    shutil.copytree(corpus, copy)
    command = [sys.executable, "-m", "cardlint", "check", "--quiet"]
    subprocess.run(command, cwd=copy, stdout=subprocess.DEVNULL, check=False)
    tables = [p for p in (copy / ".cardlint_cache").glob("*.json") if p.name.count(".") == 1]
    return max(tables, key=lambda p: p.stat().st_size).read_bytes()


def best_us(work: Callable[[], object], rounds: int) -> float:
    timings = []
    for _ in range(rounds):
        started = time.process_time()
        work()
        timings.append(time.process_time() - started)
    return min(timings) * 1e6


def json_figures(corpus: Path, planted: Path | None, rounds: int) -> None:
    with tempfile.TemporaryDirectory(prefix="cardlint-native-") as folder:
        data = cache_of(corpus, Path(folder))
        owns = (
            [o for o in json.loads(cache_of(planted, Path(folder)))["own"] if o] if planted else []
        )
    document = json.loads(data)
    located = document["located"]
    # What cache.folder and run.record call, and what orjson would do in their place.
    cases: list[tuple[str, int, Callable[[], object], Callable[[], object] | None]] = [
        ("table: decode", 1, lambda: json.loads(data), orjson and (lambda: orjson.loads(data))),
        (
            "table: encode (stdlib ASCII, orjson UTF-8)",
            1,
            lambda: json.dumps(document, separators=(",", ":")).encode("ascii"),
            orjson and (lambda: orjson.dumps(document)),
        ),
        ("table: its SHA-256 (either way)", 1, lambda: hashlib.sha256(data).hexdigest(), None),
    ]
    if orjson is not None:
        located_values = [json.loads(text) for text in located]
        owned = [json.loads(text) for text in owns]
        cases += [
            (
                "located: encode",
                len(located),
                lambda: [
                    json.dumps(v, ensure_ascii=False, separators=(",", ":")) for v in located_values
                ],
                lambda: [orjson.dumps(v).decode() for v in located_values],
            ),
            (
                "located: decode",
                len(located),
                lambda: [*map(json.loads, located)],
                lambda: [*map(orjson.loads, located)],
            ),
            (
                "own: encode",
                len(owns),
                lambda: [*map(json.dumps, owned)],
                lambda: [orjson.dumps(v).decode() for v in owned],
            ),
            (
                "own: decode",
                len(owns),
                lambda: [*map(json.loads, owns)],
                lambda: [*map(orjson.loads, owns)],
            ),
        ]
    print(f"\nJSON: the cache table of {corpus.name} ({len(data) / 1e6:.2f} MB, ms), and the JSON")
    source = planted or "no planted corpus"
    print(f"in records (us per value; `own` from {source}), CPU, best of {rounds}:")
    print(f"  {'':44s} {'json':>9s} {'orjson':>9s}")
    for name, count, stdlib, native in cases:
        if count == 0:
            continue
        scale = 1e3 if count == 1 else count
        figures = [best_us(stdlib, rounds) / scale] + (
            [best_us(native, rounds) / scale] if native else []
        )
        print(f"  {name:44s}" + "".join(f"{figure:9.2f}" for figure in figures))
    if orjson is not None:
        same = all(
            orjson.dumps(v).decode() == json.dumps(v, ensure_ascii=False, separators=(",", ":"))
            for v in map(json.loads, located)
        )
        print(
            f"  orjson writes located as json does: {same}; the table's bytes alike: "
            f"{orjson.dumps(document) == json.dumps(document, separators=(',', ':')).encode()}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--planted", type=Path, default=Path(f"{DEFAULT_CORPUS}-violations5"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="md,json")
    options = parser.parse_args()
    if not (options.corpus / "cards").is_dir():
        sys.exit(f"no corpus at {options.corpus}: make it with benchmarks/generate.py")
    import cardlint.load.block_scanner as scanner

    build = "compiled" if scanner.__file__.endswith(".so") else "pure Python"
    versions = f"pyromark {_version(pyromark)}; orjson {_version(orjson)}"
    print(f"cardlint's block scanner: {build}; {versions}")
    only = set(options.only.split(","))
    if "md" in only:
        markdown(options.corpus, options.rounds)
    if "json" in only:
        planted = options.planted if (options.planted / "cards").is_dir() else None
        json_figures(options.corpus, planted, options.rounds)


def _version(module: Any) -> str:
    return "not installed" if module is None else str(getattr(module, "__version__", "?"))


if __name__ == "__main__":
    main()
