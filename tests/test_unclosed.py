"""Blocks never closed: which fence lacks its closer, and what they swallow (Body)."""

from __future__ import annotations

import time

from cardlint.load.markdown import parse_body

SECTIONS = "## 为什么重要？\n\n一段说明。\n\n## 关键技术\n\n一段说明。\n"


def _unclosed(text: str) -> tuple[int, ...]:
    return parse_body(text, 1).unclosed_fences


def test_a_fence_left_open_in_mid_card_is_blamed_not_the_last_one_it_flipped() -> None:
    lines = ["# 标题", "", "```", "A 的代码", "", *SECTIONS.split("\n")]
    lines += ["```", "B 的代码", "# B 里的注释", "```", "", "## 参考资料", "", "- 文献"]
    body = parse_body("\n".join(lines), 1)
    assert body.unclosed_fences == (3,)
    assert body.swallowed_from == 3
    # B's `# comment`, read as a heading between the flipped fences, is code, not a heading.
    assert [h.text for h in body.headings] == ["标题"]


def test_a_doubled_fence_line_is_blamed() -> None:
    text = "# 标题\n\n```\n\n```\ncode\n```\n\n" + SECTIONS
    assert _unclosed(text) == (3,)


def test_the_last_fence_is_blamed_when_it_cannot_be_a_closer_or_no_card_text_follows() -> None:
    example = "```\n## 为什么重要？\n```\n\n"
    # An info string: the last fence opens a block, whatever came before.
    assert _unclosed(example + "```markdown\n" + SECTIONS) == (5,)
    # Nothing that reads as card text after it: only code was left open.
    assert _unclosed(example + "```\nx = 1\n# note\n") == (5,)
    # A section heading between the two blocks would be swallowed by a flip: none happened.
    assert _unclosed(example + "## 关键技术\n\n```\n" + SECTIONS) == (7,)
    # The earlier block holds no card text: nothing says its closer is missing.
    assert _unclosed("```\nx = 1\n```\n\n```\n" + SECTIONS) == (5,)


def test_a_markdown_example_left_open_at_the_end_is_its_own_fence() -> None:
    text = "# 标题\n\n一段说明。\n\n```\n## 示例\n\n正文\n"
    assert _unclosed(text) == (5,)


def test_fences_of_another_kind_or_length_do_not_flip() -> None:
    # The block's closer is longer than the next opener: that one could not close it.
    assert _unclosed("````\n## a\n````\n```\n" + SECTIONS) == (4,)
    assert _unclosed("~~~\n## a\n~~~\n```\n" + SECTIONS) == (4,)


def test_swallowed_from_is_the_first_block_never_closed() -> None:
    assert parse_body("# t\n\n<!-- 待补充\n\n" + SECTIONS, 1).swallowed_from == 3
    assert parse_body("# t\n\n<!-- 一行 -->\n\n" + SECTIONS, 1).swallowed_from is None
    assert parse_body("# t\n\n```\n" + SECTIONS, 1).swallowed_from == 3
    # Comments inside a quote or a list end with it: they swallow nothing of the card.
    assert parse_body("> <!--\n\n" + SECTIONS, 1).unclosed_comments == ()


def test_judging_many_fences_takes_linear_time() -> None:
    for text in ("```\n" * 200_001, "```\n## a\n```\nx\n" * 50_000 + "```\n## t\n"):
        started = time.perf_counter()
        parse_body(text, 1)
        assert time.perf_counter() - started < 5
