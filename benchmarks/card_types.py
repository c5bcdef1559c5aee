"""One corpus checked as one card type and as four, run alternately; prints medians.

    python benchmarks/card_types.py [--corpus DIR] [--runs 9] [--cardlint PYTHON]

Issue 17 asks that a corpus of 10,000 cards of mixed types check within 10% of the time the
same corpus takes as one type. The mixed copy holds the same cards, spread over four folders
(`cards/concept/`, `model/`, `paper/`, `person/`), each folder a type with a schema of its
own (the bundled concept-card schema with a `type` field, so the cards stay clean), whose
`related_concepts` take cards of every type: so each card's type is decided, four schemas
are loaded and compiled, and every reference is checked for its target's type (CL312). Half
the cards say their type in a `type:` field, the others are typed by their folder.

The corpus is benchmarks/generate.py's (made with `--violations 0` when missing). Both
copies must pass `cardlint check`; then cold (`--no-cache`) and warm runs of each take turns.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TYPES = ("concept", "model", "paper", "person")
BUNDLED = REPO / "src" / "cardlint" / "schemas" / "concept-card.schema.json"


def mixed_copy(single: Path, out: Path) -> None:
    """`single`'s cards as four types: a folder, a schema and a table each."""
    shutil.copy(single / "cardlint.toml", out / "cardlint.toml")
    base = json.loads(BUNDLED.read_text(encoding="utf-8"))
    tables = ['type-field = "type"']
    for name in TYPES:
        schema = json.loads(json.dumps(base))
        schema["properties"]["type"] = {"const": name}
        schema["x-cardlint"]["reference_fields"] = [
            {"field": "related_concepts", "types": list(TYPES)}
        ]
        (out / f"{name}.schema.json").write_text(json.dumps(schema, indent=1), encoding="utf-8")
        (out / "cards" / name).mkdir(parents=True)
        tables.append(
            f'[types.{name}]\nschema = "{name}.schema.json"\nfiles = ["cards/{name}/*.md"]'
        )
    with (out / "cardlint.toml").open("a", encoding="utf-8") as config:
        config.write("\n" + "\n\n".join(tables) + "\n")
    for number, card in enumerate(sorted((single / "cards").glob("*.md"))):
        name = TYPES[number % len(TYPES)]
        text = card.read_text(encoding="utf-8")
        if number % 8 < 4:  # half the cards say their type, half leave it to their folder
            text = text.replace("---\n", f"---\ntype: {name}\n", 1)
        (out / "cards" / name / card.name).write_text(text, encoding="utf-8")


def timed(python: str, corpus: Path, *options: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [python, "-m", "cardlint", "check", *options], cwd=corpus, stdout=subprocess.DEVNULL
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"cardlint check failed in {corpus} (exit {done.returncode})")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=Path("/tmp/cardlint-bench/corpus-10000-seed1")
    )
    parser.add_argument("--runs", type=int, default=9, help="rounds (default 9)")
    parser.add_argument(
        "--cardlint", default=sys.executable, help="the Python whose cardlint is measured"
    )
    args = parser.parse_args()
    if not (args.corpus / "cards").is_dir():
        generator = REPO / "benchmarks" / "generate.py"
        size = args.corpus.name.split("-")[1] if args.corpus.name.count("-") >= 2 else "10000"
        subprocess.run(
            [sys.executable, generator, "--cards", size, "--out", args.corpus, "--violations", "0"],
            check=True,
        )
    with tempfile.TemporaryDirectory(prefix="cardlint-types-") as work:
        single = Path(work) / "single"
        shutil.copytree(args.corpus, single, ignore=shutil.ignore_patterns(".cardlint_cache"))
        mixed = Path(work) / "mixed"
        (mixed / "cards").mkdir(parents=True)
        mixed_copy(single, mixed)
        corpora = {"single type": single, "four types": mixed}
        times: dict[tuple[str, str], list[float]] = {}
        for corpus in corpora.values():
            timed(args.cardlint, corpus)  # both pass, and both caches are filled
        for number in range(args.runs):
            order = list(corpora.items())
            for label, corpus in order if number % 2 == 0 else order[::-1]:
                for case, options in (("cold", ("--no-cache",)), ("warm", ())):
                    elapsed = timed(args.cardlint, corpus, *options)
                    times.setdefault((case, label), []).append(elapsed)
    cards = sum(1 for _ in (args.corpus / "cards").glob("*.md"))
    print(f"{cards} cards, {args.runs} rounds, medians (min)")
    print(f"{'case':6} {'single type':>16} {'four types':>16} {'change':>7}")
    for case in ("cold", "warm"):
        one, four = (times[case, label] for label in corpora)
        change = statistics.median(four) / statistics.median(one) - 1
        print(
            f"{case:6} {statistics.median(one):9.3f}s ({min(one):.3f})"
            f" {statistics.median(four):9.3f}s ({min(four):.3f}) {change:+7.1%}"
        )


if __name__ == "__main__":
    main()
