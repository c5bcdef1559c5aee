"""Time parse_body, old (markdown-it-py) against new (cardlint.load.block_scanner), on cards/*.md.

    .venv/bin/python benchmarks/heading_scanner.py [ROUNDS]

Each card's body (what follows its front matter, as the loader passes it) is parsed; the
figures are milliseconds of CPU time per card, the best of ROUNDS rounds (default 15), the
parsers taking turns so that a busy machine slows them alike. The old parser is the oracle
kept in tests/test_markdown_scanner.py.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.test_markdown_scanner import oracle_body  # noqa: E402

from cardlint.load.block_scanner import Scan  # noqa: E402
from cardlint.load.markdown import parse_body  # noqa: E402


def per_card(parse: Callable[[str], object], texts: list[str], repeat: int) -> float:
    start = time.process_time()
    for _ in range(repeat):
        for text in texts:
            parse(text)
    return (time.process_time() - start) / repeat / len(texts) * 1000


def _body(text: str) -> str:
    lines = text.split("\n")
    closing = lines.index("---", 1) if lines[0] == "---" and "---" in lines[1:] else -1
    return "\n".join(lines[closing + 1 :])


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    texts = [_body(path.read_text(encoding="utf-8")) for path in sorted(REPO.glob("cards/*.md"))]
    contenders: dict[str, tuple[Callable[[str], object], int]] = {
        "old parse_body (markdown-it)": (lambda text: oracle_body(text, 1), 2),
        "new parse_body": (lambda text: parse_body(text, 1), 20),
        "new block scan alone": (Scan, 20),
    }
    best = dict.fromkeys(contenders, float("inf"))
    for _ in range(rounds):
        for name, (parse, repeat) in contenders.items():
            best[name] = min(best[name], per_card(parse, texts, repeat))
    print(f"{len(texts)} cards, best of {rounds} rounds, CPU ms per card:")
    for name, ms in best.items():
        print(f"  {name:30s} {ms:8.4f}")
    old, new = best["old parse_body (markdown-it)"], best["new parse_body"]
    print(f"  speed-up                       {old / new:8.1f}x")


if __name__ == "__main__":
    main()
