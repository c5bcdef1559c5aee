"""The card loader: bytes, front matter, YAML values and positions, headings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cardlint.load.card import Card, load_card
from cardlint.model import Position

FRONT = "---\nconcept_id: x\n---\n"


def _load(tmp_path: Path, data: bytes | str, max_size: int = 1 << 20) -> Card:
    path = tmp_path / "card.md"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return load_card(path, max_size)


def _problems(card: Card) -> list[tuple[str, int, int]]:
    return [(p.rule, p.position.line, p.position.column) for p in card.problems]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("\ufeff---\na: 1\n---\n".encode("utf-16"), ("unreadable-file", 1, 1)),
        ("---\na: 多模\xff".encode("utf-8", "surrogateescape")[:-2] + b"\xff\n", None),
        (b"---\na: \xe5\xa4\x9a\xe6\xa8\xa1\xff\n---\n", ("unreadable-file", 2, 6)),
        (b"---\r\na: 1\r\n\x00---\r\n", ("unreadable-file", 3, 1)),
        (b"---\ra: 1\rb: caf\xe9\r---\r", ("unreadable-file", 3, 7)),
    ],
)
def test_undecodable_bytes_are_reported_at_the_first_bad_byte(
    tmp_path: Path, data: bytes, expected: tuple[str, int, int] | None
) -> None:
    card = _load(tmp_path, data)
    if expected is None:
        assert card.problems and card.problems[0].rule == "unreadable-file"
    else:
        assert _problems(card) == [expected]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_line_endings_and_bom_keep_positions(tmp_path: Path, newline: str, bom: bytes) -> None:
    text = newline.join(["---", "id: 多模态", "list: [a, 模型]", "---", "", "# 标题", ""])
    card = _load(tmp_path, bom + text.encode("utf-8"))
    assert card.problems == ()
    assert card.front_matter is not None
    assert card.front_matter.spans[("list", 1)].value == Position(3, 11)
    assert card.body is not None
    assert [(h.level, h.text, h.line) for h in card.body.headings] == [(1, "标题", 6)]
    assert card.source is not None and card.source.bom == bool(bom)


@pytest.mark.parametrize(
    ("yaml", "value"),
    [
        ("d: 2025-10-17", "2025-10-17"),
        ("d: 2021-2023", "2021-2023"),
        ("d: 2023-02-30", "2023-02-30"),
        ("d: 2021", 2021),
        ("d: yes", "yes"),
        ("d: off", "off"),
        ("d: 0777", "0777"),
        ("d: 1:20", "1:20"),
        ("d: .nan", ".nan"),
        ("d: 1e999", "1e999"),
        ("d: 1.5", 1.5),
        ("d: true", True),
        ("d: ~", None),
        ("d: '2021'", "2021"),
        ("d: !!str 12", "12"),
        ("d: " + "9" * 5000, "9" * 5000),
        ("1: one", None),
    ],
)
def test_values_read_as_the_author_wrote_them(tmp_path: Path, yaml: str, value: object) -> None:
    card = _load(tmp_path, f"---\n{yaml}\n---\n")
    assert card.problems == ()
    if yaml.startswith("1:"):
        assert card.data == {"1": "one"}
    else:
        assert card.data["d"] == value


@pytest.mark.parametrize(
    ("yaml", "line", "column", "needle"),
    [
        ("a: !!python/object/apply:os.system ['true']", 2, 4, "tag"),
        ("a: !custom x", 2, 4, "tag"),
        ("? [a, b]\n: c", 2, 3, "plain value"),
        ("a: *nothing", 2, 4, "refers to no anchor"),
        ("a: [" * 100 + "]" * 100, 2, None, "nested"),
        ("a: [b\nc: d", 2, 4, "list opened here with `[` is never closed"),
        ("a: !!int abc", 2, 4, "!!int"),
    ],
)
def test_yaml_that_cardlint_refuses_is_invalid_yaml(
    tmp_path: Path, yaml: str, line: int, column: int | None, needle: str
) -> None:
    card = _load(tmp_path, f"---\n{yaml}\n---\n")
    [problem] = card.problems
    assert problem.rule == "invalid-yaml"
    assert needle in problem.message
    assert problem.position.line == line
    if column is not None:
        assert problem.position.column == column


def test_alias_bomb_is_stopped_before_anything_walks_it(tmp_path: Path) -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, previous in zip("bcdefgh", "abcdefg", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 10) + "]")
    card = _load(tmp_path, "---\n" + "\n".join(lines) + "\n---\n")
    [problem] = card.problems
    assert problem.rule == "invalid-yaml" and "aliases expand" in problem.message


def test_deep_block_nesting_is_refused_not_a_crash(tmp_path: Path) -> None:
    deep = "".join(" " * i + f"k{i}:\n" for i in range(1000))
    card = _load(tmp_path, f"---\n{deep}---\n")
    assert [p.rule for p in card.problems] == ["invalid-yaml"]


def test_duplicate_keys_keep_the_first_value_and_report_the_second(tmp_path: Path) -> None:
    card = _load(tmp_path, "---\na: 1\nb:\n  c: 1\n  c: 2\na: 3\n---\n")
    assert card.data == {"a": 1, "b": {"c": 1}}
    assert _problems(card) == [("duplicate-key", 5, 3), ("duplicate-key", 6, 1)]
    assert "line 4" in card.problems[0].message


def test_unicode_line_separators_in_values_do_not_shift_positions(tmp_path: Path) -> None:
    card = _load(tmp_path, '---\na: "x\u2028y\x85z"\nb: [p, q]\n---\n')
    assert card.front_matter is not None
    assert card.front_matter.spans[("b", 1)].value == Position(3, 8)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("# title\n", "missing-front-matter"),
        ("\n---\na: 1\n---\n", "missing-front-matter"),
        ("---\na: 1\n", "missing-front-matter"),
        ("---\n---\n", "front-matter-not-mapping"),
        ("---\n- a\n---\n", "front-matter-not-mapping"),
        ("---\nplain\n---\n", "front-matter-not-mapping"),
    ],
)
def test_front_matter_shape(tmp_path: Path, text: str, rule: str) -> None:
    assert _problems(_load(tmp_path, text)) == [(rule, 1, 1)]


def test_headings_are_found_commonmark_correctly(tmp_path: Path) -> None:
    body = "\n".join(
        [
            "# 标题",  # 4
            "```",
            "# not",
            "```",  # 5-7
            "    # indented code",  # 8
            "",
            "<!--",
            "# comment",
            "-->",  # 9-12
            "Setext",
            "---",  # 13-14
            "````",
            "# not",
            "``````",  # 15-17
            "## *强调* `代码`",  # 18
            "~~~",
            "# open fence",  # 19-20
        ]
    )
    card = _load(tmp_path, FRONT + body + "\n")
    assert card.body is not None
    assert [(h.level, h.text, h.line) for h in card.body.headings] == [
        (1, "标题", 4),
        (2, "Setext", 13),
        (2, "强调 代码", 18),
    ]
    assert card.body.unclosed_fences == (19,)


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    card = _load(tmp_path, FRONT + "x" * 100, max_size=50)
    assert card.problems[0].rule == "unreadable-file"
    assert "size limit" in card.problems[0].message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_reported_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    card = load_card(fifo)
    assert [(p.rule, p.message) for p in card.problems] == [
        ("unreadable-file", "not a regular file (a FIFO)")
    ]
