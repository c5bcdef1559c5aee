"""Keys that say two names mean the same concept, so cross-card checks match by dict lookup.

`concept_key` folds case and width (NFKC), drops punctuation and spacing, spells `-ize` as
`-ise` and makes the last word singular: `Vision-Language Models`, `vision language model`
and `Ｖｉｓｉｏｎ－Ｌａｎｇｕａｇｅ Model` share one. `skeleton` buckets Latin keys that may
be one small edit apart (a doubled letter, a wrong vowel) without comparing every pair;
`one_edit_apart` then decides, and never for an edit of a digit (`GPT-3`, `GPT-4`).
"""

from __future__ import annotations

import hashlib
import operator
import re
import unicodedata

from cardlint.facts.edit_distance import within

_NOT_WORD = re.compile(r"[\W_]+")
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())
"""Deleted by `bytes.translate`: for ASCII text, five times faster than `str.translate` with
a table, whose every character is a dict lookup."""
_IZE = re.compile(r"(?<=[iy])z(?=[aei])")
_DOUBLED = re.compile(rb"(.)\1+")
_LETTER = operator.itemgetter(1)
"""The letter a run of `_DOUBLED` repeats (a callable, not a template: faster to apply)."""
_VOWELS = b"aeiouy"
_PLURALS = (("ies", "y"), ("sses", "ss"), ("xes", "x"), ("ches", "ch"), ("shes", "sh"))
CLEAR_UP_TO = 40
"""ASCII keys up to this long are kept as they are; `compact` digests the others."""
SKELETON_FROM = 8
"""Keys shorter than this are never taken for a small edit of another: `BERT` and `BART`,
`ResNet` and `ResNeXt` are different concepts."""


def concept_key(text: str) -> str:
    """The key of a name (or an id): equal keys name the same concept."""
    key = plain_key(text)
    if not key.isascii():
        return key  # Chinese names are matched as written, less punctuation and spacing
    return _singular(_IZE.sub("s", key) if "z" in key else key)


def compacted_key(plain: str) -> str:
    """`compact(concept_key(text))` ("" for "") of text whose `plain_key` is `plain`, in one
    call: what the facts keep of each name and citation label."""
    if not plain.isascii():
        return _digest(plain)
    if "z" in plain:
        plain = _IZE.sub("s", plain)
    if plain.endswith("s"):
        plain = _singular(plain)
    return plain if len(plain) <= CLEAR_UP_TO else _digest(plain)


def compact(key: str) -> str:
    """A key as the index and the cache keep it: ASCII as it is, other text and long titles
    as a short digest. Keys are only compared; the cache writes ASCII JSON, where a Chinese
    character takes six bytes and decodes slowly."""
    if key.isascii() and len(key) <= CLEAR_UP_TO:
        return key
    return _digest(key)


def _digest(key: str) -> str:
    return "#" + hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _singular(key: str) -> str:
    if not key.endswith("s"):
        return key  # most keys: no plural to undo
    for plural, single in _PLURALS:
        if key.endswith(plural):
            return key[: -len(plural)] + single
    if key.endswith("s") and not key.endswith(("ss", "us", "is")) and len(key) > 3:
        return key[:-1]
    return key


def skeleton(key: str) -> str | None:
    """What a Latin key looks like without its inner vowels and doubled letters; None for a
    key too short, or not Latin, to be taken for another's misspelling."""
    if len(key) < SKELETON_FROM or not key.isascii() or not key.isalnum():
        return None
    raw = key.encode()  # ASCII: bytes translate and match faster than str
    consonants = raw[:1] + raw[1:].translate(None, _VOWELS)
    if _DOUBLED.search(consonants) is not None:
        consonants = _DOUBLED.sub(_LETTER, consonants)
    return consonants.decode()


def plain_key(text: str) -> str:
    """Text less case, width, punctuation and spacing: what tells two titles apart."""
    if text.isascii():
        return text.encode().lower().translate(None, _ASCII_NOT_ALNUM).decode()
    folded = unicodedata.normalize("NFKC", text).casefold()
    # \W is exactly what isalnum() rejects: most names (Chinese ones) have nothing to drop.
    return folded if folded.isalnum() else _NOT_WORD.sub("", folded)


def one_edit_apart(a: str, b: str) -> bool:
    """Whether two different keys differ by one letter inserted, deleted or replaced."""
    if a == b or not within(a, b, 1):
        return False
    # The letters the edit touches are those outside the common prefix and suffix.
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    end = 0
    while end < min(len(a), len(b)) - start and a[-1 - end] == b[-1 - end]:
        end += 1
    changed = a[start : len(a) - end] + b[start : len(b) - end]
    return not any(ch.isdigit() for ch in changed)
