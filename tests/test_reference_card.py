"""The reference card, as users write it, and mutations of it: exact codes at exact lines."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_cli

FIVE_RELATED = [
    ("CL301", 9, 20),
    ("CL301", 9, 37),
    ("CL301", 9, 59),
    ("CL301", 9, 65),
    ("CL301", 9, 73),
]


def _found(result_json: dict[str, object]) -> list[tuple[str, int, int]]:
    violations = result_json["violations"]
    assert isinstance(violations, list)
    return [(v["code"], v["line"], v["column"]) for v in violations]


def test_alone_it_reports_exactly_its_five_related_concepts(
    reference_card: Path, tmp_path: Path
) -> None:
    shutil.copy(reference_card, tmp_path)
    result = run_cli("check", "--format", "json", "multimodal-models.md", cwd=tmp_path)
    assert result.code == 1
    assert _found(result.json()) == FIVE_RELATED


def test_in_place_of_our_card_it_is_clean(reference_card: Path, corpus: Path) -> None:
    shutil.copy(reference_card, corpus / "cards" / "multimodal-models.md")
    result = run_cli("check", cwd=corpus)
    assert result.code == 0, result.out
    assert "All 10 cards passed" in result.out


def _replace(old: str, new: str) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)

    return mutate


def _swap_sections(text: str) -> str:
    why, techniques, evolution = (
        text.index(h) for h in ("## 为什么重要？", "## 关键技术", "## 主要模型发展")
    )
    return text[:why] + text[techniques:evolution] + text[why:techniques] + text[evolution:]


def _fence_references(text: str) -> str:
    start = text.index("## 参考资料")
    end = text.index("\n---\n\n**概念卡片版本**")
    return text[:start] + "```\n" + text[start:end] + "\n```" + text[end:]


MUTATIONS: dict[str, tuple[Callable[[str], str], set[tuple[str, int]]]] = {
    "removed field": (_replace("difficulty: advanced\n", ""), {("CL101", 1)}),
    "misspelt enum value": (
        _replace("difficulty: advanced", "difficulty: advnced"),
        {("CL103", 6)},
    ),
    "unknown key": (_replace("category:", "categry:"), {("CL105", 5), ("CL101", 1)}),
    "duplicate key": (
        _replace("introduced: 2021-2023\n", "introduced: 2021-2023\ncategory: data\n"),
        {("CL005", 8)},
    ),
    "broken YAML list": (_replace("unified-embedding]", "unified-embedding"), {("CL003", 9)}),
    "two swapped sections": (_swap_sections, {("CL204", 129)}),
    "references only inside a fence": (_fence_references, {("CL203", 273)}),
    "ASCII question mark in a heading": (
        _replace("## 什么是多模态模型？", "## 什么是多模态模型?"),
        set(),
    ),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_mutation_reports_the_expected_code_at_the_expected_line(
    name: str, reference_card: Path, tmp_path: Path
) -> None:
    mutate, expected = MUTATIONS[name]
    card = tmp_path / "multimodal-models.md"
    card.write_text(mutate(reference_card.read_text(encoding="utf-8")), encoding="utf-8")
    result = run_cli("check", "--format", "json", card.name, cwd=tmp_path)
    # The default rules; alone, the card's related concepts dangle (CL301), as tested above.
    found = {(code, line) for code, line, _ in _found(result.json()) if code < "CL3"}
    assert found == expected


def test_bom_and_crlf_change_nothing(reference_card: Path, tmp_path: Path) -> None:
    text = reference_card.read_text(encoding="utf-8")
    (tmp_path / "multimodal-models.md").write_bytes(
        b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")
    )
    result = run_cli("check", "--format", "json", "multimodal-models.md", cwd=tmp_path)
    assert _found(result.json()) == FIVE_RELATED
