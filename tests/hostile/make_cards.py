"""Write the static hostile cards in tests/hostile/cards/, byte for byte.

Run it from anywhere (`python tests/hostile/make_cards.py`) after changing a case; the files
it writes are committed, so `cardlint check tests/hostile/` works by hand, and
tests/test_hostile.py checks that the committed bytes are still exactly what this script
writes (an editor or a pre-commit hook that "fixes" line endings would defeat the cases).
Each card is the same clean base card with one hazard put in; the expected violations live
in tests/test_hostile.py. Hazards too big to commit, or that only a file system can hold
(odd names, FIFOs, symlinks, sparse files), are made at test time by `hazards.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

CARDS = Path(__file__).parent / "cards"

FRONT = [
    "---",
    "concept_id: {id}",
    "concept_name_zh: 注意力",
    "concept_name_en: Attention",
    "category: architecture",
    "difficulty: beginner",
    "introduced: 2014-2017",
    'paper: "RNNsearch (Bahdanau et al., 2014), Transformer (Vaswani et al., 2017)"',
    "related_concepts: []",
    "---",
]
"""Lines 1-10 of the base card; line N of the card is FRONT[N - 1]."""

BODY = [
    "",
    "# 注意力 (Attention)",
    "",
    "## 什么是注意力？",
    "",
    "一段说明。",
    "",
    "## 为什么重要？",
    "",
    "一段说明。",
    "",
    "## 关键技术",
    "",
    "一段说明。",
    "",
    "## 主要模型发展",
    "",
    "### 2014: RNNsearch",
    "",
    "一段说明。",
    "",
    "### 2017: Transformer",
    "",
    "一段说明。",
    "",
    "## 优势与局限",
    "",
    "一段说明。",
    "",
    "## 参考资料",
    "",
    "- Bahdanau, D., Cho, K., & Bengio, Y. (2014). Neural Machine Translation by Jointly "
    "Learning to Align and Translate.",
    "- Vaswani, A., et al. (2017). Attention Is All You Need.",
    "",
    "---",
    "",
    "**创建日期**: 2025-10-17",
]
"""Lines 11-47 of the base card; line N of the card is BODY[N - 11]."""


def lines(
    name: str, front: dict[int, str] | None = None, body: dict[int, str] | None = None
) -> list[str]:
    """The base card for `name` (its id is the file stem) with card lines replaced.

    `front` and `body` map a card line number to its new text, which may hold several lines.
    """
    card = [line.format(id=name) for line in FRONT] + list(BODY)
    for number, text in sorted({**(front or {}), **(body or {})}.items(), reverse=True):
        card[number - 1 : number] = text.split("\n")
    return card


def text(name: str, front: dict[int, str] | None = None, body: dict[int, str] | None = None) -> str:
    return "\n".join(lines(name, front, body)) + "\n"


def utf8(
    name: str, front: dict[int, str] | None = None, body: dict[int, str] | None = None
) -> bytes:
    return text(name, front, body).encode("utf-8")


def _nested_flow(depth: int) -> str:
    return "[" * depth + "x" + "]" * depth


def _alias_bomb() -> str:
    rows = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for name, previous in zip("bcdefghi", "abcdefgh", strict=True):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(rows)


def cards() -> dict[str, bytes]:
    """File name -> exact bytes."""
    body_only = "\n".join(BODY[1:]) + "\n"
    made: dict[str, bytes] = {
        # -- the control: every hazard below is this card with one thing changed ----------
        "clean.md": utf8("clean"),
        # -- front matter that is not there, not closed, or not a mapping -----------------
        "no-front-matter.md": body_only.encode(),
        # Without its closing line, the front matter runs to the thematic break on line 45.
        "unclosed-front-matter.md": utf8("unclosed-front-matter", front={10: ""}),
        "never-closed-front-matter.md": utf8(
            "never-closed-front-matter", front={10: ""}, body={45: ""}
        ),
        "late-front-matter.md": ("\n" + text("late-front-matter")).encode(),
        "front-matter-list.md": utf8("x", front=dict.fromkeys(range(3, 10), "") | {2: "- a\n- b"}),
        "front-matter-scalar.md": utf8(
            "x", front=dict.fromkeys(range(3, 10), "") | {2: "just words"}
        ),
        "front-matter-empty.md": utf8("x", front=dict.fromkeys(range(2, 10), "")),
        "empty-file.md": b"",
        "only-bom.md": b"\xef\xbb\xbf",
        "only-dashes.md": b"---\n",
        "four-dashes.md": utf8("four-dashes", front={1: "----"}),
        # -- YAML that does not parse, or that cardlint refuses ---------------------------
        "unclosed-flow-list.md": utf8("unclosed-flow-list", front={9: "related_concepts: [a, b"}),
        "tab-indent.md": utf8("tab-indent", front={9: "related_concepts:\n\t- a"}),
        "python-object-tag.md": utf8(
            "python-object-tag",
            front={5: "category: !!python/object/apply:os.system ['echo pwned > /tmp/pwned']"},
        ),
        "python-name-tag.md": utf8(
            "python-name-tag", front={5: "category: !!python/name:os.system"}
        ),
        "custom-tag.md": utf8("custom-tag", front={5: "category: !include /etc/passwd"}),
        "alias-bomb.md": utf8("alias-bomb", front={9: "related_concepts: []\n" + _alias_bomb()}),
        "alias-to-nothing.md": utf8("alias-to-nothing", front={5: "category: *nothing"}),
        "complex-key.md": utf8("complex-key", front={9: "related_concepts: []\n? [a, b]\n: c"}),
        "two-documents.md": utf8(
            "two-documents", front={6: "difficulty: beginner\n...\n%YAML 1.2"}
        ),
        "yaml-directive.md": utf8(
            "yaml-directive", front={2: "%YAML 1.1\nconcept_id: yaml-directive"}
        ),
        "nesting-50.md": utf8(
            "nesting-50", front={9: "related_concepts: []\ndeep: " + _nested_flow(50)}
        ),
        "nesting-5000.md": utf8(
            "nesting-5000", front={9: "related_concepts: []\ndeep: " + _nested_flow(5000)}
        ),
        "block-nesting-70.md": utf8(
            "block-nesting-70",
            front={
                9: "related_concepts: []\n" + "\n".join(" " * i + "k:" for i in range(70)) + " x"
            },
        ),
        "raw-esc-in-yaml.md": utf8(
            "raw-esc-in-yaml", front={4: "concept_name_en: Atten\x1b[2Jtion"}
        ),
        "key-too-long.md": utf8(
            "key-too-long", front={9: "related_concepts: []\n" + "k" * 2000 + ": 1"}
        ),
        # -- values read as written, or reported ------------------------------------------
        "duplicate-keys.md": utf8(
            "duplicate-keys", front={6: "difficulty: beginner\ncategory: theory"}
        ),
        "non-string-keys.md": utf8(
            "non-string-keys",
            front={9: "related_concepts: []\n1: one\ntrue: two\nnull: three\n~: four"},
        ),
        "yaml11-booleans.md": utf8(
            "yaml11-booleans", front={5: "category: on", 6: "difficulty: yes"}
        ),
        "nan-and-inf.md": utf8(
            "nan-and-inf", front={7: "introduced: .nan", 9: "related_concepts: [.inf]"}
        ),
        "float-overflow.md": utf8("float-overflow", front={7: "introduced: 1e999"}),
        "huge-integer.md": utf8("huge-integer", front={7: "introduced: " + "9" * 5000}),
        "big-integer.md": utf8("big-integer", front={7: "introduced: " + "9" * 900}),
        "octal-and-sexagesimal.md": utf8(
            "octal-and-sexagesimal",
            front={7: "introduced: 0o3736", 9: "related_concepts: [0777, 1:20]"},
        ),
        "impossible-dates.md": utf8(
            "impossible-dates",
            front={7: "introduced: 2017-2014"},
            body={47: "**创建日期**: 2023-02-30"},
        ),
        "year-zero.md": utf8("year-zero", front={7: "introduced: 0000"}),
        "merge-key.md": utf8(
            "merge-key", front={9: "related_concepts: []\nbase: &base {x: 1}\nmerged:\n  <<: *base"}
        ),
        "non-string-items.md": utf8(
            "non-string-items", front={9: "related_concepts: [1, null, {a: b}, [x], true]"}
        ),
        "trailing-newline-id.md": utf8(
            "trailing-newline-id", front={2: 'concept_id: "trailing-newline-id\\n"'}
        ),
        "long-value.md": utf8("long-value", front={4: "concept_name_en: " + "A" * 10_000}),
        # -- bytes and encodings ----------------------------------------------------------
        "bom.md": b"\xef\xbb\xbf" + utf8("bom"),
        "utf16.md": text("utf16").encode("utf-16"),
        "utf32.md": text("utf32").encode("utf-32"),
        # Café as Latin-1: é is the single byte 0xE9, which is not UTF-8.
        "latin1-in-yaml.md": utf8("latin1-in-yaml", front={4: "concept_name_en: Café"}).replace(
            "é".encode(), b"\xe9"
        ),
        "latin1-in-body.md": utf8("latin1-in-body", body={24: "一段说明。 café"}).replace(
            "é".encode(), b"\xe9"
        ),
        # A BOM where the front matter starts, mid-file: libyaml would drop it here but fail
        # on it one line later (found by the property campaign).
        "bom-in-front-matter.md": utf8(
            "bom-in-front-matter", front={2: "\ufeffconcept_id: bom-in-front-matter"}
        ),
        "crlf.md": utf8("crlf").replace(b"\n", b"\r\n"),
        "cr-only.md": utf8("cr-only").replace(b"\n", b"\r"),
        "mixed-newlines.md": b"".join(
            line + (b"\r\n", b"\r", b"\n")[i % 3]
            for i, line in enumerate(utf8("mixed-newlines").split(b"\n")[:-1])
        ),
        "nul-in-body.md": utf8("nul-in-body", body={24: "一段\x00说明。"}),
        # An encoded UTF-16 surrogate (U+D800): Python's strict UTF-8 refuses it, as it must.
        "surrogate-bytes.md": utf8("surrogate-bytes", body={24: "一段说明。 \x01"}).replace(
            b"\x01", b"\xed\xa0\x80"
        ),
        "overlong-utf8.md": utf8("overlong-utf8", body={20: "一段说明。 \x01"}).replace(
            b"\x01", b"\xc0\xaf"
        ),
        # Terminal escapes and a right-to-left override in headings that messages quote.
        "raw-esc-in-body.md": utf8(
            "raw-esc-in-body", body={24: "一段说明。\n\n### 空\x1b[2J\x1b[31m节"}
        ),
        "bidi-in-heading.md": utf8("bidi-in-heading", body={24: "一段说明。\n\n### 空\u202e节.md"}),
        # U+2028, U+0085 and U+2029 are line breaks to YAML 1.1 (libyaml) but not to cardlint:
        # positions after them must still be right.
        "line-separators-quoted.md": utf8(
            "line-separators-quoted",
            front={4: 'concept_name_en: "Atten\u2028tion\u0085"', 5: "category: nope"},
        ),
        "line-separator-plain.md": utf8("line-separator-plain", front={5: "category: \u2029nope"}),
        "astral-chars.md": utf8("astral-chars", front={9: 'related_concepts: [😀😀, "𝔘𝔫𝔦", -x-]'}),
        "space-line-200k.md": utf8("space-line-200k", body={24: " " * 200_000 + "一段说明。"}),
        # -- Markdown structure -----------------------------------------------------------
        "unclosed-fence.md": utf8("unclosed-fence", body={24: "```python\nprint('never closed')"}),
        "heading-in-fence.md": utf8(
            "heading-in-fence", body={24: "一段说明。\n\n```\n# not a title\n## 参考资料\n```"}
        ),
        "heading-in-html-comment.md": utf8(
            "heading-in-html-comment", body={24: "一段说明。\n\n<!--\n# not a title\n-->"}
        ),
        "unclosed-html-comment.md": utf8(
            "unclosed-html-comment", body={24: "一段说明。\n\n<!-- never closed"}
        ),
        "setext-headings.md": utf8(
            "setext-headings", body={12: "注意力 (Attention)\n==========", 18: "为什么重要？\n---"}
        ),
        "image-brackets.md": utf8("image-brackets", body={24: "![a" * 10_000}),
        "deep-blockquote.md": utf8("deep-blockquote", body={24: ">" * 5000 + " 一段说明。"}),
        # -- suppressions written by the hostile author -----------------------------------
        "suppression-escape.md": utf8(
            "suppression-escape", body={24: "一段说明。 <!-- cardlint-disable CL9\x1b[2J -->"}
        ),
        "suppression-in-yaml.md": utf8(
            "suppression-in-yaml", front={5: "category: nope  # cardlint: disable=CL103"}
        ),
    }
    return made


def write(folder: Path = CARDS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in sorted(cards().items()):
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else CARDS
    print(f"wrote {len(write(target))} cards to {target}")
