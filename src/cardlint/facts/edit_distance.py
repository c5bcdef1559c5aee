"""Whether two short texts are a few edits apart: the near-miss headings' typo test."""

from __future__ import annotations


def within(a: str, b: str, limit: int) -> bool:
    """Whether `a` is at most `limit` insertions, deletions or substitutions from `b`: the
    edit distance, computed only near the diagonal, where distances within `limit` lie."""
    if abs(len(a) - len(b)) > limit:
        return False
    over = limit + 1
    previous = [j if j <= limit else over for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        low, high = max(1, i - limit), min(len(b), i + limit)
        current = [over] * (len(b) + 1)
        current[0] = i if i <= limit else over
        for j in range(low, high + 1):
            step = previous[j - 1] + (ca != b[j - 1])
            current[j] = min(previous[j] + 1, current[j - 1] + 1, step, over)
        if min(current[low - 1 : high + 1]) > limit:
            return False
        previous = current
    return previous[-1] <= limit
