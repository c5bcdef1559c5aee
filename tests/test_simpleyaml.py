"""The direct reader of simple front matter agrees with the libyaml composer, or declines.

Whatever `read_simple` accepts must compose, through libyaml's events, to the same values
(types included: `1` is not `True`), the same spans and no duplicate keys. Front matter is
generated line by line from the forms cards use and from near misses of each.
"""

from __future__ import annotations

import bisect
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cardlint.load import simple_yaml
from cardlint.load.read import decode
from cardlint.load.simple_yaml import read_simple
from cardlint.load.yaml_events import load_front_matter
from cardlint.load.yaml_front_matter import FrontMatter, YamlError
from cardlint.model import Position
from tests.conftest import examples

REPO = Path(__file__).resolve().parent.parent
SHARED_CARD = REPO.parent / "shared" / "reference-card" / "multimodal-models.md"

KEYS = ["a", "b", "concept_id", "related_concepts", "b-c", "_x", "true", "null", "Key9"]
ODD_KEYS = ["1", "a b", "ключ", "-a", "'q'", '"d"', "a:b", "? a", "&x a", "[a]"]
PLAIN = ["x", "x y", "x  y", "gpt-4v", "2021", "2021-2023", "2023-02-30", "1.5", "1e3", "-1"]
PLAIN += ["true", "False", "yes", "no", "on", "~", "null", "0777", "1:20", ".nan", "a:b"]
PLAIN += ["多模态模型", "Ünïcode", "e\u0301", "😀 emoji", "x\xa0y", "a,b", "a]b", "a}b", "100%"]
NEAR_MISS = ["x # c", "a: b", "x:", "&a x", "*a", "!!str x", "!x y", "| x", "> x", "%x"]
NEAR_MISS += ["@x", "`x`", "{a: 1}", "[a,]", "[a, [b]]", "[a b", "'it''s'", '"a\\"b"', '"x" y']
NEAR_MISS += ["x\u2028y", "x\x85y", "\ufeffx", "x\x7fy", "x\ty", "'a", '"a', "-", "- x", "? x"]
QUOTED = ["''", '""', "'x y'", '"x y"', "'#: ,[]'", '"#: ,[]"', "'多'", '"2021"', "'true'"]


def flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


scalars = st.sampled_from(PLAIN + QUOTED + NEAR_MISS)
flow_items = st.sampled_from(PLAIN + QUOTED + ["", " x ", "'a' ", ' "b"', "[x]", "a: b"])
values = st.one_of(
    scalars,
    st.lists(flow_items, max_size=4).map(flow),
    st.sampled_from(["[]", "[ ]", "[  ]  ", "[a, b]  ", "[a, b] x", "[a,b]", "[ a , b ]"]),
)
spacing = st.sampled_from([" ", "  ", "", " \t", "   "])
trailing = st.sampled_from(["", "", " ", "  ", " # c"])
key_lines = st.builds(
    lambda k, s, v, t: f"{k}:{s}{v}{t}",
    st.sampled_from(KEYS + ODD_KEYS),
    spacing,
    values,
    trailing,
)
list_heads = st.builds(lambda k, t: f"{k}:{t}", st.sampled_from(KEYS), st.sampled_from(["", " "]))
list_items = st.builds(
    lambda indent, v, t: f"{indent}- {v}{t}",
    st.sampled_from(["", "", "  ", "    ", " "]),
    scalars,
    trailing,
)
other_lines = st.sampled_from(
    ["", " ", "# comment", "  # indented comment", "---", "...", "%YAML 1.1", "  x", "    - y"]
)
lines = st.one_of(key_lines, key_lines, list_heads, list_items, list_items, other_lines)
front_matters = st.lists(lines, min_size=1, max_size=10).map("\n".join)


good_values = st.one_of(
    st.sampled_from(PLAIN + QUOTED),
    st.lists(st.sampled_from(PLAIN + QUOTED), max_size=4).map(flow),
)
good_pairs = st.builds(
    lambda k, v, t: f"{k}: {v}{t}", st.sampled_from(KEYS), good_values, st.sampled_from(["", " "])
)
good_lists = st.builds(
    lambda k, indent, items: "\n".join([f"{k}:", *(f"{indent}- {item}" for item in items)]),
    st.sampled_from(KEYS),
    st.sampled_from(["", "  ", "    "]),
    st.lists(st.sampled_from(PLAIN + QUOTED), min_size=1, max_size=3),
)
good_blocks = st.one_of(good_pairs, good_pairs, good_lists, st.sampled_from(["", "# note"]))


@st.composite
def nearly_good(draw: st.DrawFn) -> str:
    """Front matter of the usual forms, sometimes with one line swapped for a near miss."""
    blocks = draw(st.lists(good_blocks, min_size=1, max_size=8))
    if draw(st.booleans()):
        blocks[draw(st.integers(0, len(blocks) - 1))] = draw(lines)
    return "\n".join(blocks)


def strict(value: Any) -> Any:
    """A value with its types spelled out, so that 1 == True and 1 == 1.0 compare unequal."""
    if isinstance(value, dict):
        return ("dict", [(k, strict(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [strict(v) for v in value])
    return (type(value).__name__, value)


def composed(text: str) -> FrontMatter:
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)

    def locate(offset: int) -> Position:
        index = bisect.bisect_right(starts, offset) - 1
        return Position(index + 2, offset - starts[index] + 1)

    return load_front_matter(text, locate)


def assert_agrees(text: str) -> bool:
    simple = read_simple(text, 2)
    if simple is None:
        return False
    try:
        reference = composed(text)
    except YamlError as error:
        pytest.fail(f"read_simple accepted what libyaml refuses: {error.message}")
    assert strict(simple.data) == strict(reference.data)
    assert simple.spans == reference.spans
    assert reference.duplicates == () == simple.duplicates
    return True


@settings(max_examples=examples(3000), deadline=None)
@given(front_matters)
def test_what_it_reads_libyaml_composes_alike(text: str) -> None:
    assert_agrees(text)


@settings(max_examples=examples(3000), deadline=None)
@given(nearly_good())
def test_what_it_reads_of_the_usual_forms_libyaml_composes_alike(text: str) -> None:
    assert_agrees(text)


@pytest.mark.parametrize("value", PLAIN + QUOTED + NEAR_MISS + ["[]", "[ a , 'b' ]", "[a]x"])
def test_each_value_in_each_place_is_read_alike(value: str) -> None:
    for text in (
        f"k: {value}",
        f"k:  {value}  \nz: 1",
        f"k:\n- {value}",
        f"k:\n  - {value}\n  - x\nz: 1",
        f"k: [{value}]",
        f"k: [a, {value} ]",
    ):
        assert_agrees(text)


OUR_FORMS = [
    "concept_id: clip\nconcept_name_zh: 多模态模型\nintroduced: 2021-2023",
    'paper: "CLIP (Radford et al., 2021), GPT-4V (OpenAI, 2023)"',
    "related_concepts: [vision-language, cross-modal-learning, clip]",
    "related_concepts:\n  - clip\n  - 'gpt-4v'\n\n  - vit\nnext: 1",
    "related_concepts:\n- clip\n- gpt-4v",
    "# a comment\n\na: 1\nempty:\nb: []\nc: ''\nd: [ 'x' , \"y\" ]",
    "year: 2021\nflag: true\nnothing: ~\nratio: 1.5\nname: 'O''Neil'",
]


@pytest.mark.parametrize("text", OUR_FORMS)
def test_the_forms_cards_use_are_read_directly(text: str) -> None:
    if "O''Neil" in text:
        assert read_simple(text, 2) is None  # an escaped quote goes to libyaml
    else:
        assert assert_agrees(text)


def test_the_reference_card_front_matter_is_read_directly() -> None:
    if not SHARED_CARD.is_file():
        pytest.skip("the shared reference card is not beside the project")
    lines = decode(SHARED_CARD.read_bytes()).lines
    closing = lines.index("---", 1)
    assert assert_agrees("\n".join(lines[1:closing]))


@pytest.mark.parametrize(
    "text",
    [
        *("a: 1\na: 2", "a: &x 1\nb: *x", "a: !!str 1", "a: 1 # c", "a: |\n  x", "a:\n  b: 1", ""),
        "k" * 1100 + ": too long a key for libyaml",
    ],
)
def test_what_it_cannot_read_exactly_goes_to_libyaml(text: str) -> None:
    assert read_simple(text, 2) is None


def test_unusual_characters_are_exactly_those_outside_what_libyaml_prints() -> None:
    # YAML 1.1's printable set, as libyaml reads it: these alone may stay on the fast path.
    printable = [(0x0A, 0x0A), (0x20, 0x7E), (0xA0, 0x2027), (0x202A, 0xD7FF)]
    printable += [(0xE000, 0xFEFE), (0xFF00, 0xFFFD), (0x10000, 0x10FFFF)]
    usual = bytearray(0x110000)
    for low, high in printable:
        usual[low : high + 1] = b"\x01" * (high - low + 1)
    everything = "".join(map(chr, range(0x110000)))
    found = {ord(c) for c in simple_yaml._UNUSUAL.findall(everything)}
    assert found == {code for code in range(0x110000) if not usual[code]}
