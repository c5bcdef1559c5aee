"""Facts that agree across cards (CL308-CL310) on our own cards with three mistakes planted:
the rules, the stats and the graph tell the same conflicts, cold and from the cache."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from cardlint.app import build_job
from cardlint.facts.columns import TIMELINE, CorpusFacts
from cardlint.facts.concept_keys import concept_key, one_edit_apart, skeleton
from cardlint.facts.timeline_names import subject_keys
from cardlint.index.entry import facts_of
from cardlint.run import workers
from cardlint.run.engine import run
from cardlint.settings.request import CheckRequest
from tests.conftest import CARDS, CORPUS_PASSED, run_cli, summary

CONFLICTS = "CL308,CL309,CL310"


def _replace(card: Path, old: str, new: str) -> None:
    text = card.read_text(encoding="utf-8")
    assert old in text
    card.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def disagreeing(corpus: Path) -> Path:
    """Our cards, with a timeline heading a year early, a paper a year late in one card (in
    its citation and its references entry), and a second card for the Transformer, made
    later."""
    cards = corpus / "cards"
    _replace(cards / "multimodal-models.md", "### 2021: CLIP -", "### 2020: CLIP -")
    vision = cards / "vision-language.md"
    _replace(vision, "CLIP (Radford et al., 2021)", "CLIP (Radford et al., 2022)")
    _replace(vision, "Radford, A., et al. (2021)", "Radford, A., et al. (2022)")
    copy = (cards / "transformer.md").read_text(encoding="utf-8")
    copy = copy.replace("concept_id: transformer", "concept_id: transformer-architecture")
    copy = copy.replace("**创建日期**: 2026-11-28", "**创建日期**: 2026-11-29")
    (cards / "transformer-architecture.md").write_text(copy, encoding="utf-8")
    return corpus


def _passes(corpus: Path) -> None:
    """No conflict in the corpus: exit status 0 and every card passed."""
    result = run_cli("check", "--select", CONFLICTS, cwd=corpus)
    assert (result.code, summary(result)) == (0, CORPUS_PASSED), result.out


def _found(corpus: Path, *args: str) -> list[tuple[str, int, str]]:
    result = run_cli("check", "--select", CONFLICTS, "--format", "json", *args, cwd=corpus)
    assert result.code in (0, 1), result.err  # CL308 and CL310 are warnings
    return [(v["path"], v["line"], v["code"]) for v in result.json()["violations"]]


def test_each_conflict_is_reported_once_on_the_side_to_correct(disagreeing: Path) -> None:
    assert _found(disagreeing) == [
        ("cards/multimodal-models.md", 104, "CL308"),
        ("cards/transformer-architecture.md", 3, "CL310"),
        ("cards/vision-language.md", 8, "CL309"),
        ("cards/vision-language.md", 140, "CL309"),
    ]


def test_a_warm_run_finds_what_a_cold_run_found(disagreeing: Path) -> None:
    cold = _found(disagreeing, "--no-cache")
    assert _found(disagreeing) == cold  # writes the cache
    assert _found(disagreeing) == cold  # reads it


@pytest.mark.parametrize("a_worker_dies", [False, True])
def test_what_the_workers_gather_is_what_the_facts_tell(
    disagreeing: Path, monkeypatch: pytest.MonkeyPatch, a_worker_dies: bool
) -> None:
    """Workers gather the concepts the timelines name as they go (`workers.Gathered`): they
    are the keys the facts give, and the conflicts found with them are those found without,
    also when a worker dies and the parent analyses its cards."""
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    job = build_job(CheckRequest(cwd=disagreeing, cache=False))
    alone = run(dataclasses.replace(job, workers=1))
    if a_worker_dies:
        parent, real = os.getpid(), workers._analyse_forked

        def dies_at_the_timeline(paths: list[str], *rest: Any) -> Any:
            if os.getpid() != parent and any(p.endswith("multimodal-models.md") for p in paths):
                os._exit(9)
            return real(paths, *rest)

        monkeypatch.setattr(workers, "_analyse_forked", dies_at_the_timeline)
    forked = run(dataclasses.replace(job, workers=2))
    assert alone.loaded.context.index.timeline_keys is None
    gathered = forked.loaded.context.index.timeline_keys
    entries = forked.loaded.context.index.entries
    assert gathered == CorpusFacts((), facts_of(entries, None)).heads(TIMELINE)
    assert "clip" in gathered
    assert forked.report.violations == alone.report.violations
    assert "CL308" in {v.code for v in forked.report.violations}


def test_the_stats_and_the_graph_count_the_same_conflicts(disagreeing: Path) -> None:
    stats = run_cli("stats", "--format", "json", cwd=disagreeing).json()
    assert stats["conflicts"] == {"timeline": 1, "citations": 2, "duplicates": 1}
    reported = {v["code"]: v["count"] for v in stats["violations"]}
    assert (reported["CL308"], reported["CL309"], reported["CL310"]) == (1, 2, 1)
    assert re.search(r"^  timeline +1$", run_cli("stats", cwd=disagreeing).out, re.MULTILINE)
    graph = run_cli("graph", "--format", "json", cwd=disagreeing).json()
    marked = {n["id"]: n["conflicts"] for n in graph["nodes"] if n["conflicts"]}
    assert marked == {
        "multimodal-models": ["timeline"],
        "transformer-architecture": ["duplicates"],
        "vision-language": ["citations"],
    }
    mermaid = run_cli("graph", "--format", "mermaid", cwd=disagreeing).out
    conflicting = "n_multimodal_models,n_transformer_architecture,n_vision_language"
    assert f"  class {conflicting} conflict\n" in mermaid


def test_wanted_cards_rank_missing_ids_by_the_cards_that_list_them(corpus: Path) -> None:
    for name in ("clip.md", "gpt-4v.md"):
        _replace(corpus / "cards" / name, "related_concepts: [", "related_concepts: [flamingo, ")
    _replace(corpus / "cards" / "clip.md", "related_concepts: [", "related_concepts: [blip, ")
    stats = run_cli("stats", "--format", "json", cwd=corpus).json()
    assert stats["wanted_cards"] == [{"id": "flamingo", "cards": 2}, {"id": "blip", "cards": 1}]


def test_our_cards_agree(corpus: Path) -> None:
    _passes(corpus)
    stats = json.loads(run_cli("stats", "--format", "json", cwd=corpus).out)
    assert stats["conflicts"] == {"timeline": 0, "citations": 0, "duplicates": 0}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Vision-Language Models", "vision language model"),
        ("Ｖｉｓｉｏｎ－Ｌａｎｇｕａｇｅ Model", "Vision Language Models"),
        ("Tokenization", "tokenisation"),
        ("Gaussian Processes", "Gaussian Process"),
        ("对比语言-图像预训练", "对比语言 图像预训练"),
    ],
)
def test_names_of_one_concept_share_a_key(a: str, b: str) -> None:
    assert concept_key(a) == concept_key(b)


def test_different_names_keep_apart() -> None:
    assert concept_key("CLIP") != concept_key("CLIP-style methods")
    # Whole words that differ at their start are not a typo of each other.
    assert skeleton(concept_key("Sparse Vision Encoder")) != skeleton(
        concept_key("Sparse Vision Decoder")
    )
    assert skeleton("resnet") is None  # too short to be taken for another's misspelling
    assert not one_edit_apart("gpt3architecture", "gpt4architecture")  # digits are not typos
    assert one_edit_apart("attentionmechanism", "atentionmechanism")


@pytest.mark.parametrize(
    ("subject", "keys"),
    [
        ("CLIP - 4 亿图文对", ("clip",)),
        ("MoCo 与 SimCLR - 视觉自监督突破", ("moco与simclr", "moco", "simclr")),
        ("ViT (Vision Transformer)", ("vitvisiontransformer", "vit", "visiontransformer")),
        ("GPT-4V: 系统卡", ("gpt4v",)),
    ],
)
def test_a_timeline_heading_names_its_subject(subject: str, keys: tuple[str, ...]) -> None:
    assert subject_keys(subject) == keys


def test_what_was_found_is_kept_but_never_hides_a_change(corpus: Path) -> None:
    _passes(corpus)
    kept = list((corpus / ".cardlint_cache").glob("*.agreement.json"))
    assert len(kept) == 1, "the agreement of a clean corpus is kept for the next run"
    card = corpus / "cards" / "multimodal-models.md"
    before = json.loads(kept[0].read_text(encoding="utf-8"))
    _replace(card, "快速演进", "快速演变")  # prose: the facts, and what was found, hold
    _passes(corpus)
    after = json.loads(kept[0].read_text(encoding="utf-8"))
    assert (after["facts"], after["found"]) == (before["facts"], before["found"])
    assert after["corpus"] != before["corpus"]
    _replace(card, "### 2021: CLIP -", "### 2020: CLIP -")
    assert _found(corpus) == [("cards/multimodal-models.md", 104, "CL308")]
    _replace(card, "### 2020: CLIP -", "### 2021: CLIP -")
    _passes(corpus)


def test_the_facts_of_a_card_as_the_cache_keeps_them() -> None:
    """What `encode` writes is stored in the cache under `corpus_facts.FORMAT`: a change to
    it must change FORMAT too (and this expectation), or warm runs read stale facts."""
    from cardlint.app import build_job
    from cardlint.facts.columns import FORMAT
    from cardlint.facts.comparable import encode
    from cardlint.load.card import load_card
    from cardlint.settings.request import CheckRequest

    schema = build_job(CheckRequest(paths=[CARDS])).schema
    assert FORMAT == "facts-6"
    assert encode(schema, load_card(CARDS / "multimodal-models.md")).split("|") == [
        "",
        "#212c3af6bae5d523,multimodalmodel,~mltmdlmdl",
        "2021 2023",
        # `2023-2024: 原生多模态与全模态交互` names no card, but who knows which it will.
        "clip 2021 2021,flamingo 2022 2022,gpt4v 2023 2023,#23fd58ec249cd92e 2023 2024",
        "clip radford 2021,flamingo alayrac 2022,gpt4v openai 2023",
        # Titles are digests, but a short ASCII one: `GPT-4V(ision) System Card`.
        "#0a5512113a57ee62 radford 2021,#da61dad49df03b82 alayrac 2022,"
        "gpt4visionsystemcard openai 2023",
        "2026-11-28",
    ]
