"""The citation-field and references-section parsers, form by form."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cardlint.facts import citations
from cardlint.facts.bibliography import parse_references, references_of
from cardlint.facts.citations import (
    author_key,
    citations_of,
    first_author,
    parse_citations,
    valid_arxiv,
    valid_doi,
)
from cardlint.load.card import load_card
from cardlint.schema.card_schema import default_schema_path, load_schema


def _read(value: object) -> list[tuple[str, int, str, tuple[str | int, ...]]]:
    parsed = parse_citations(value, "paper")
    return [(c.key, c.year, c.suffix, c.path) for c in parsed.citations]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("CLIP (Radford et al., 2021)", [("radford", 2021, "", ("paper",))]),
        ("X (Radford & Sutskever, 2021)", [("radford", 2021, "", ("paper",))]),
        ("X (Radford and Sutskever, 2021)", [("radford", 2021, "", ("paper",))]),
        ("GPT-4V (OpenAI, 2023)", [("openai", 2023, "", ("paper",))]),
        ("Radford et al. (2021)", [("radford", 2021, "", ("paper",))]),
        ("GPT-4V(ision) (OpenAI, 2023a)", [("openai", 2023, "a", ("paper",))]),
        ("(王小明 等, 2020)", [("王小明", 2020, "", ("paper",))]),
        ("丙（王小明等，2020）", [("王小明", 2020, "", ("paper",))]),
        ("X (Lévy et al., 2019)", [("levy", 2019, "", ("paper",))]),
        ("X (van den Oord et al., 2018)", [("oord", 2018, "", ("paper",))]),
        (
            "CLIP (Radford et al., 2021), Flamingo (Alayrac et al., 2022); GPT-4V (OpenAI, 2023)",
            [
                ("radford", 2021, "", ("paper",)),
                ("alayrac", 2022, "", ("paper",)),
                ("openai", 2023, "", ("paper",)),
            ],
        ),
        (
            "X (Radford et al., 2021; Jia et al., 2021)",
            [("radford", 2021, "", ("paper",)), ("jia", 2021, "", ("paper",))],
        ),
        (
            ["CLIP (Radford et al., 2021)", "Alayrac et al. (2022), OpenAI (2023)"],
            [
                ("radford", 2021, "", ("paper", 0)),
                ("alayrac", 2022, "", ("paper", 1)),
                ("openai", 2023, "", ("paper", 1)),
            ],
        ),
        (
            [
                {"title": "CLIP", "authors": ["Radford, A.", "Kim, J. W."], "year": 2021},
                {"title": "Flamingo", "authors": "Alayrac, J.-B., et al.", "year": "2022b"},
            ],
            [("radford", 2021, "", ("paper", 0)), ("alayrac", 2022, "b", ("paper", 1))],
        ),
    ],
)
def test_citation_forms(value: object, expected: list[tuple[object, ...]]) -> None:
    assert _read(value) == expected
    assert parse_citations(value, "paper").problems == ()


@pytest.mark.parametrize(
    ("value", "path", "message"),
    [
        ("CLIP by Radford", ("paper",), "cannot read citation 'CLIP by Radford': no `(author"),
        ("CLIP (Radford et al., 21)", ("paper",), "cannot read the year of citation"),
        ("CLIP (, 2021)", ("paper",), "cannot read the first author of citation 'CLIP (, 2021)'"),
        ("(2021)", ("paper",), "cannot read the first author of citation '(2021)'"),
        ("A (B et al., 2021, C (D, 2022)", ("paper",), "its parentheses do not pair up"),
        (["CLIP (Radford et al., 2021)", "  "], ("paper", 1), "empty citation entry"),
        ([{"title": "T", "authors": ["Radford"]}], ("paper", 0), "cannot read the year of"),
        ([{"title": "T", "year": 2021}], ("paper", 0), "cannot read the first author of"),
        ([{"title": "T", "authors": "A", "year": True}], ("paper", 0), "cannot read the year"),
        (
            [{"title": "T", "authors": "Radford", "year": 2021, "doi": "10.12/x"}],
            ("paper", 0, "doi"),
            "'10.12/x' is not a valid DOI",
        ),
        (
            [{"title": "T", "authors": "Radford", "year": 2021, "arxiv": "arXiv:2103.00020"}],
            ("paper", 0, "arxiv"),
            "'arXiv:2103.00020' is not a valid arXiv id",
        ),
    ],
)
def test_citation_problems(value: object, path: tuple[str | int, ...], message: str) -> None:
    problems = parse_citations(value, "paper").problems
    assert [p.path for p in problems] == [path]
    assert message in problems[0].message


@pytest.mark.parametrize("value", [None, 2021, True, {"title": "T"}])
def test_values_of_the_wrong_type_are_left_to_the_schema(value: object) -> None:
    parsed = parse_citations(value, "paper")
    assert (parsed.citations, parsed.problems) == ((), ())


@pytest.mark.parametrize(
    ("authors", "first"),
    [
        ("Radford, A., et al.", "Radford"),
        ("Radford et al.", "Radford"),
        ("Radford & Sutskever", "Radford"),
        ("Radford and Sutskever", "Radford"),
        ("Anderson", "Anderson"),
        ("Oord, A. van den, Li, Y., & Vinyals, O.", "Oord"),
        ("王小明 等", "王小明"),
        ("王小明等", "王小明"),
        ("OpenAI", "OpenAI"),
    ],
)
def test_first_author(authors: str, first: str) -> None:
    assert first_author(authors) == first


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Lévy", "levy"),
        ("MÜLLER", "muller"),
        ("van den Oord", "oord"),
        ("A. Radford", "radford"),
        ("J.-B. Alayrac", "alayrac"),
        ("Le", "le"),
        ("Open AI", "openai"),
        ("王小明", "王小明"),
        ("**Radford**", "radford"),
        ("", ""),
    ],
)
def test_author_key(name: str, key: str) -> None:
    assert author_key(name) == key


@pytest.mark.parametrize(
    ("doi", "valid"),
    [
        ("10.48550/arXiv.2103.00020", True),
        ("10.1000.10/abc(1)_x", True),
        ("10.123/x", False),
        ("10.1000./x", False),
        ("10..1000/x", False),
        ("10.1000/", False),
        ("10.1000/a b", False),
        ("11.1000/x", False),
        ("https://doi.org/10.1000/x", False),
        ("10.1000/x\n", False),
    ],
)
def test_valid_doi(doi: str, valid: bool) -> None:
    assert valid_doi(doi) is valid


@pytest.mark.parametrize(
    ("identifier", "valid"),
    [
        ("2103.00020", True),
        ("2103.00020v12", True),
        ("0704.0001", True),
        ("hep-th/9901001", True),
        ("math.AG/0309136v2", True),
        ("solv-int/9701001", True),
        ("2103.00020v", False),
        ("2103.000201", False),
        ("210.00020", False),
        ("arXiv:2103.00020", False),
        ("hep-th/990100", False),
        ("math.ag/0309136", False),
        ("2103.00020\n", False),
    ],
)
def test_valid_arxiv(identifier: str, valid: bool) -> None:
    assert valid_arxiv(identifier) is valid


def test_references_skip_fences_and_join_wrapped_entries() -> None:
    lines = [
        "",
        "- Radford, A., et al. (2021). Learning Transferable Visual Models.",
        "- Vaswani, A., Shazeer, N.,",
        "  Polosukhin, I. (2017). Attention Is All You Need.",
        "",
        "```markdown",
        "- Hidden, A. (2000). In a fence.",
        "~~~",
        "- Hidden, B. (2001). Still in the fence.",
        "```",
        "1. OpenAI (2023a). GPT-4V(ision) System Card.",
        "* 王小明, 李华（2020）. 标题.",
        "- Alayrac, J.-B., et al. Flamingo.",
        "",
        "A paragraph (1999).",
    ]
    found = [(r.line, r.key, r.year, r.suffix) for r in parse_references(lines, 40)]
    assert found == [
        (41, "radford", 2021, ""),
        (42, "vaswani", 2017, ""),
        (50, "openai", 2023, "a"),
        (51, "王小明", 2020, ""),
        (52, "alayrac", None, ""),
    ]


def test_reference_card_citations_all_have_entries(reference_card: Path) -> None:
    schema = load_schema(default_schema_path())
    card = load_card(reference_card)
    cited, section = citations_of(schema, card), references_of(schema, card)
    assert cited is not None and section is not None
    entries = {(r.key, r.year) for r in section.entries}
    assert [(c.key, c.year) for c in cited.citations] == [
        ("radford", 2021),
        ("alayrac", 2022),
        ("openai", 2023),
    ]
    assert {(c.key, c.year) for c in cited.citations} <= entries
    assert section.heading.text == "参考资料"


def test_long_input_is_read_in_one_pass() -> None:
    many = ", ".join(["CLIP (Radford et al., 2021)"] * 5000)
    assert len(parse_citations(many, "paper").citations) == 5000
    unbalanced = "(" * 100_000 + "Radford, 2021"
    assert len(parse_citations(unbalanced, "paper").problems) == 1


@given(st.text(alphabet="a,;() ", max_size=30))
def test_the_fast_split_agrees_with_counting_depth(text: str) -> None:
    assert citations._split_outside_parentheses(text) == citations._split_by_depth(text)
    if text.endswith(")"):
        assert citations._opening_of_last_group(text) == citations._last_group_by_depth(text)
