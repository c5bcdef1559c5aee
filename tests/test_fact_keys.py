"""The facts' fast readings agree with the plain ones they stand for.

Every card of a cold run has its names, citation labels, titles and timeline headings keyed
(see `facts.comparable.encode`): those paths take shortcuts (bytes instead of text, a subject
told without a search). Each is checked here against a straightforward reading of the same
rule, on generated text rich in what the shortcuts hinge on: separators, dashes, colons,
white space of every kind, case and width.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cardlint.facts.card_names import name_key, own_keys
from cardlint.facts.citations import author_key
from cardlint.facts.columns import CITES, ITEM, REFS, SEPARATOR, TIMELINE
from cardlint.facts.comparable import encode
from cardlint.facts.concept_keys import (
    compact,
    compacted_key,
    concept_key,
    plain_key,
    skeleton,
)
from cardlint.facts.timeline_names import _LEAD, _subject_of, subject_keys
from cardlint.index.agree_works import split
from cardlint.load.card import card_from_bytes, load_card
from cardlint.schema.card_schema import default_schema_path, load_schema
from tests.conftest import examples

REPO = Path(__file__).resolve().parents[1]
# What the timeline's reading of a year-led heading was written as: the years, a separator,
# then the rest of the heading, whose subject `subject_keys` finds.
_PLAIN_LEAD = re.compile(r"([0-9]{4})(?: *[-–—~] *([0-9]{4}))?(?:[ \t]*[:：]|[ \t]+|\Z)(.*)")
_PIECES = [
    *("2021", "1999", "20211", "CLIP", "GPT-4", "ViT", "a", "Z", "年", "x-y"),
    *(" ", "  ", "\t", "\n", "\u3000", "\xa0", "\x1f"),
    *("-", "--", "–", "—", "——", "~", ":", "：", " - ", " — ", "：A"),
    *("与", "和", " and ", " vs ", "&", ",", "，", "/", ";", "(", ")", "（", "）"),
]
_HEADINGS = st.tuples(
    st.sampled_from(["2021", "2020-2022", "2019 ~ 2020", "2024", ""]),
    st.sampled_from([": ", " ", "：", "-", " - ", ""]),
    st.lists(st.sampled_from(_PIECES), max_size=9).map("".join),
).map("".join)
_NAMES = st.text(
    st.sampled_from([*"abzeiSsYy09 -_.,'", "Ａ", "ﬁ", "é", "İ", "ß", "①", "自", "适", "\u3000"]),
    max_size=24,
)


@settings(max_examples=examples(3000))
@given(_HEADINGS)
def test_a_timeline_subject_is_told_as_a_search_would(text: str) -> None:
    plain, fast = _PLAIN_LEAD.fullmatch(text), _LEAD.fullmatch(text)
    assert (plain is None) == (fast is None)
    if plain is not None and fast is not None:
        assert fast.group(1, 2) == plain.group(1, 2)
        wanted = tuple(map(compact, subject_keys(plain[3])))
        assert _subject_of(fast[3], fast[4]) == wanted


@settings(max_examples=examples(3000))
@given(_NAMES)
def test_keys_read_as_text_is_read(text: str) -> None:
    if text.isascii():
        assert plain_key(text) == "".join(c for c in text.lower() if c.isalnum())
    else:
        folded = unicodedata.normalize("NFKC", text).casefold()
        assert plain_key(text) == re.sub(r"[\W_]+", "", folded)
    key = concept_key(text)
    assert compacted_key(plain_key(text)) == (compact(key) if key else "")
    assert name_key(text) == compacted_key(plain_key(text))


@settings(max_examples=examples(3000))
@given(st.text(st.sampled_from("abeiostyzZ019"), min_size=6, max_size=20))
def test_a_skeleton_drops_inner_vowels_and_doubled_letters(key: str) -> None:
    if len(key) < 8 or not key.isalnum():
        assert skeleton(key) is None
        return
    consonants = key[0] + "".join(c for c in key[1:] if c not in "aeiouy")
    assert skeleton(key) == re.sub(r"(.)\1+", r"\1", consonants)


def test_an_id_spelt_as_a_name_shares_its_key_and_one_spelt_otherwise_has_its_own() -> None:
    schema = load_schema(default_schema_path())
    for card_id, expected in [("vision-transformers", "visiontransformer"), ("vit", "vit")]:
        text = (
            f"---\nconcept_id: {card_id}\nconcept_name_zh: 视觉 Transformer\n"
            "concept_name_en: Vision Transformer\n---\n# 视觉 Transformer\n"
        )
        names, own = own_keys(schema, card_from_bytes("cards/x.md", text.encode()))
        # The schema's name fields, Chinese first: a digest of that name, then the English.
        assert names == [compacted_key(plain_key("视觉 Transformer")), "visiontransformer"]
        assert own == expected == name_key(card_id)


_AUTHOR_PIECES = ["Le", "van", "d'", "A.", " ", "\t", "\u3000", "\xa0", "é", "李", "-", ","]


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(st.sampled_from(_AUTHOR_PIECES)).map("".join))
def test_an_author_key_is_one_word(name: str) -> None:
    # CITES and REFS items are `key author year`: their keys are every third word.
    assert not any(ch.isspace() for ch in compact(author_key(name)))


def test_items_are_a_key_and_what_it_is_held_with() -> None:
    """TIMELINE, CITES and REFS items are three words on every card we keep: a TIMELINE or
    REFS key of one word before its first space (`columns.keys`), a CITES key of two before
    its year (`agree_works.split`), and the years, or author and year, they are held with."""
    schema = load_schema(default_schema_path())
    cards = [
        p for folder in ("cards", "examples", "tests/rules") for p in (REPO / folder).rglob("*.md")
    ]
    seen = 0
    for path in cards:
        lines = encode(schema, load_card(path)).split(SEPARATOR)
        for kind in (TIMELINE, CITES, REFS):
            items = [item for item in lines[kind].split(ITEM) if item]
            seen += len(items)
            assert all(len(item.split(" ")) == 3 for item in items), (path, items)
            if kind == CITES:
                assert all(split(kind, i) == tuple(i.rsplit(" ", 1)) for i in items), items
    assert seen > 100
