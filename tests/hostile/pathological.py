"""Single cards built to be slow: each aims at one part of the analysis that could backtrack,
scan quadratically or recurse on a megabyte of the wrong text.

tests/test_hostile.py checks that the real command reports on each; benchmarks/hostile.py
times each against its target.
"""

from __future__ import annotations

from typing import NamedTuple

from tests.hostile.make_cards import utf8

FRONT = b"---\nconcept_id: card\nconcept_name_zh: x\nconcept_name_en: x\n---\n\n"
NO_NAMES = b"---\nconcept_id: card\n---\n\n"


class Pathological(NamedTuple):
    data: bytes
    target_seconds: float
    """What `cardlint check --no-cache` on this card alone should take at most, on 2 cores."""


CARDS = {
    "1MB-of-![a": Pathological(utf8("card", body={24: "![a" * 333_333}), 10),
    "1MB-of-[": Pathological(utf8("card", body={24: "[" * 1_000_000}), 10),
    "title-of-1MB-(-no-names": Pathological(NO_NAMES + b"# " + b"(" * 1_000_000, 10),
    "1MB-of-blockquotes": Pathological(FRONT + b"> " * 500_000, 10),
    "1MB-of-list-markers": Pathological(FRONT + b"- " * 500_000, 10),
    "1MB-of-backticks": Pathological(FRONT + b"`" * 1_000_000, 10),
    "1MB-html-tag-never-closed": Pathological(FRONT + b"<a" + b" b" * 500_000, 10),
    "1MB-space-line": Pathological(FRONT + b"x\n" + b" " * 1_000_000 + b"x", 10),
    "10k-repeats-block": Pathological(
        b"---\nrelated_concepts:\n" + b"- a\n" * 10_000 + b"---\n", 10
    ),
    "heading-of-image-openers": Pathological(FRONT + b"# " + b"![a" * 120_000 + b"](x)", 3),
    "heading-of-image-openers-no-link": Pathological(FRONT + b"# " + b"![a" * 333_000, 10),
    "250k-#-lines": Pathological(FRONT + b"# a\n" * 250_000, 10),
    "10k-unclosed-suppressions": Pathological(FRONT + b"<!-- cardlint-disable" * 10_000, 4),
    "30k-flow-list-of-bad-references": Pathological(
        b"---\nrelated_concepts: [" + b", ".join(b"a%d" % i for i in range(30_000)) + b"]\n---\n",
        4,
    ),
    "paper-of-1MB-commas": Pathological(
        utf8("card", front={8: 'paper: "' + "," * 1_000_000 + '"'}), 10
    ),
    "paper-of-50k-citations": Pathological(
        utf8("card", front={8: 'paper: "X (' + "A, 2021; " * 50_000 + 'B, 2021)"'}), 10
    ),
    "6k-list-of-mixed-types": Pathological(
        b"---\nrelated_concepts:\n"
        + b"".join(b"- a%d\n- %d\n" % (i, i) for i in range(3_000))
        + b"---\n",
        4,
    ),
}
