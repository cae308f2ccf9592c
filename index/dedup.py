"""Near-duplicate collapse: the same quote from two copies of a report is shown once."""

from __future__ import annotations

import re
from collections.abc import Sequence

_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, n: int = 3) -> frozenset[str]:
    words = _WORD.findall(text.lower())
    if len(words) < n:
        return frozenset([" ".join(words)])
    return frozenset(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the larger: 1.0 when one text lies inside the other."""
    if not a or not b:
        return 0.0
    if min(len(a), len(b)) < 5:  # too short to say one contains the other: require equality
        return jaccard(a, b)
    return len(a & b) / min(len(a), len(b))


def group_duplicates(texts: Sequence[str], threshold: float = 0.8) -> list[list[int]]:
    """Group indexes of near-identical texts, in input (rank) order; each group's first is its head.

    Two texts are duplicates when at least `threshold` of the smaller one's word 3-shingles occur in
    the other, so two copies of a report cut at different passage boundaries still collapse.
    """
    sigs = [shingles(t) for t in texts]
    groups: list[list[int]] = []
    for i, sig in enumerate(sigs):
        for g in groups:
            if containment(sigs[g[0]], sig) >= threshold:
                g.append(i)
                break
        else:
            groups.append([i])
    return groups
