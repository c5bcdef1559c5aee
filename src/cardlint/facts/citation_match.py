"""Whether the references section lists a cited paper: the same first author and year.

CL403 reports a citation it does not list; CL405 leaves such a citation alone, so that a
mistyped year is one finding with one hint, not a second one proposing to widen `introduced`.
"""

from __future__ import annotations

from collections.abc import Sequence

from cardlint.facts.bibliography import Reference
from cardlint.facts.citations import Citation


def listed(citation: Citation, entries: Sequence[Reference]) -> bool:
    return any(_same_paper(citation, entry) for entry in entries)


def _same_paper(citation: Citation, entry: Reference) -> bool:
    # A suffix (2021a) tells two papers of one year apart; only two different ones conflict.
    suffixes_agree = not citation.suffix or not entry.suffix or citation.suffix == entry.suffix
    return entry.key == citation.key and entry.year == citation.year and suffixes_agree
