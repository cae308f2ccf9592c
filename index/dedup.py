"""Near-duplicate collapse: the same quote from two copies of a report is shown once.

Two passages are near-duplicates when at least `THRESHOLD` of the smaller one's word 3-shingles
occur in the other (`containment`). `group_duplicates` decides that for a query's candidates from
their texts. The shingles do not depend on the question, so a build stores each passage's shingle
*signature* (`signature`: its distinct shingles as sorted 64-bit keys); a query then only compares
its candidates' stored signatures, all at once in numpy (`near_pairs`), and `group_by_pairs` gives
the same groups as `group_duplicates`.

Signatures rather than precomputed pairs: an all-pairs search at build time is quadratic in the
number of copies of one text (200 noisy copies of each passage, as in the 1M synthetic
collection, make ~10^8 candidate pairs), while a signature costs the same for every passage. A
collection whose signatures share few keys (the demo: 0.7M pairs of entries with a key in common, 0.2
s) has all its pairs found once from the stored signatures when it is first queried
(`near_partners`; see `index.local.backend.PARTNER_PAIRS`), and a query looks its candidates up.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

_WORD = re.compile(r"\w+", re.UNICODE)
THRESHOLD = 0.8
SHINGLE = 3
_SMALL = 5  # sets smaller than this must be near-equal (Jaccard), not merely contained

Signature = npt.NDArray[np.uint64]
"""A text's distinct word 3-shingles as sorted 64-bit keys."""


def shingles(text: str, n: int = SHINGLE) -> frozenset[str]:
    """The word n-grams of `text` (lower-cased \\w+ words joined by one space); a text of fewer than
    `n` words is one shingle of all its words ("" for none)."""
    words = _WORD.findall(text.lower())
    if len(words) < n:
        return frozenset([" ".join(words)])
    return frozenset(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity |a & b| / |a | b| of two shingle sets, in [0, 1]; 1.0 when both are empty."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def containment(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the larger: 1.0 when one text lies inside the other."""
    if not a or not b:
        return 0.0
    if min(len(a), len(b)) < _SMALL:  # too short to say one contains the other: require equality
        return jaccard(a, b)
    return len(a & b) / min(len(a), len(b))


def group_duplicates(texts: Sequence[str], threshold: float = THRESHOLD) -> list[list[int]]:
    """Group indexes of near-identical texts, in input (rank) order; each group's first is its head.

    Two texts are duplicates when at least `threshold` of the smaller one's word 3-shingles occur in
    the other, so two copies of a report cut at different passage boundaries still collapse. This is
    the reference computation (quadratic in the number of texts); `group_by_pairs` gives the same
    groups from precomputed pairs.
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


def group_by_pairs(n: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """`group_duplicates` of n ranked items from the near-duplicate pairs among them.

    `pairs` holds (i, j) positions (either order) of every pair of the n items that are duplicates;
    each item joins the first group (in rank order) whose head it duplicates, as in
    `group_duplicates`.
    """
    near: dict[int, set[int]] = {}
    for i, j in pairs:
        near.setdefault(i, set()).add(j)
        near.setdefault(j, set()).add(i)
    groups: list[list[int]] = []
    for i in range(n):
        mine = near.get(i)
        if mine:
            for g in groups:
                if g[0] in mine:
                    g.append(i)
                    break
            else:
                groups.append([i])
        else:
            groups.append([i])
    return groups


class Signer:
    """Computes signatures; one instance per collection (it caches a 64-bit key per distinct word).

    A shingle's key mixes its three words' keys (blake2b of the word) position by position, so keys
    are stable across processes and builds; a text of fewer than 3 words gets one key from all its
    words, kept apart from 3-gram keys. Two different shingles share a key with probability ~2^-64,
    so signatures decide containment exactly as `shingles` does, barring such a collision.
    """

    def __init__(self) -> None:
        self._words: dict[str, int] = {}

    def _word(self, w: str) -> int:
        k = self._words.get(w)
        if k is None:
            k = int.from_bytes(hashlib.blake2b(w.encode("utf-8"), digest_size=8).digest(), "little")
            self._words[w] = k
        return k

    def signature(self, text: str) -> Signature:
        """The sorted distinct shingle keys of `text` (at least one key; see `shingles`)."""
        words = _WORD.findall(text.lower())
        if len(words) < SHINGLE:
            joined = " ".join(words).encode("utf-8")
            key = int.from_bytes(hashlib.blake2b(b"short\0" + joined, digest_size=8).digest(), "little")
            return np.array([key], dtype=np.uint64)
        ids = np.fromiter((self._word(w) for w in words), np.uint64, len(words))
        with np.errstate(over="ignore"):
            keys = _mix(_mix(_mix(ids[:-2]) ^ ids[1:-1]) ^ ids[2:])
        return np.unique(keys)


def _mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """splitmix64's finaliser (wrapping uint64 arithmetic)."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return np.asarray(x ^ (x >> np.uint64(31)), dtype=np.uint64)


def near_pairs(signatures: Sequence[Signature], threshold: float = THRESHOLD) -> list[tuple[int, int]]:
    """Positions (i, j), i < j, of the signatures whose texts are near-duplicates (`containment` of
    their shingles >= threshold), computed for all pairs at once.

    Cost: one sort of all keys plus one step per shared key occurrence; about 0.1 ms for 50 passages.
    """
    n = len(signatures)
    if n < 2:
        return []
    sizes = np.fromiter((s.size for s in signatures), np.int64, n)
    keys = np.concatenate(signatures)
    if keys.size == 0:
        return []
    owner = np.repeat(np.arange(n, dtype=np.int64), sizes)
    found = _sharing(keys, owner)
    if found is None or not found[0].size:
        return []
    lo, hi = found
    overlap = np.bincount(lo * n + hi, minlength=n * n).reshape(n, n)
    ia, ib = np.nonzero(overlap)
    hit = _near(overlap[ia, ib], sizes[ia], sizes[ib], threshold)
    return list(zip(ia[hit].tolist(), ib[hit].tolist(), strict=True))


def near_partners(
    keys: npt.NDArray[np.uint64],
    indptr: npt.NDArray[np.int64],
    limit: int,
    threshold: float = THRESHOLD,
    kept: int | None = None,
) -> dict[int, frozenset[int]] | None:
    """Every near-duplicate pair of a whole collection, from its signatures stored one after the other
    (row i's keys are keys[indptr[i]:indptr[i + 1]]): each row that has near-duplicates -> those
    rows (both ways round). The same decisions as `near_pairs` of any rows' signatures, since a
    pair's containment reads only its two signatures.

    None when the rows share keys more than `limit` times (pairs of entries with a key in common):
    many copies of one text make that quadratic (see the module docstring), and each such pair is
    a few int64s in memory while the pairs are counted; None too when more than `kept` pairs are
    near-duplicates (2,000 copies of a one-key heading are 2M pairs to keep and to walk per query).
    """
    n = indptr.shape[0] - 1
    sizes = np.diff(indptr)
    if n < 2 or keys.size == 0:
        return {}
    owner = np.repeat(np.arange(n, dtype=np.int64), sizes)
    found = _sharing(keys, owner, limit)
    if found is None:
        return None
    lo, hi = found
    pairs, overlap = np.unique(lo * n + hi, return_counts=True)
    lo, hi = pairs // n, pairs % n
    hit = _near(overlap, sizes[lo], sizes[hi], threshold)
    if kept is not None and int(hit.sum()) > kept:
        return None
    partners: dict[int, set[int]] = {}
    for a, b in zip(lo[hit].tolist(), hi[hit].tolist(), strict=True):
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    return {row: frozenset(rows) for row, rows in partners.items()}


def _sharing(
    keys: npt.NDArray[np.uint64], owner: npt.NDArray[np.int64], limit: int | None = None
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] | None:
    """(lo, hi) owners, lo < hi, of every pair of entries holding the same key (a pair of owners once
    per key they share; empty arrays when no key is shared); None when there are more than `limit`
    such pairs. `keys` is non-empty, and no owner holds a key twice."""
    order = np.argsort(keys, kind="stable")
    keys, owner = keys[order], owner[order]
    # runs of equal keys; each run holds distinct owners (a signature has no repeated key)
    edge = np.empty(keys.size, dtype=bool)
    edge[0] = True
    np.not_equal(keys[1:], keys[:-1], out=edge[1:])
    starts = np.flatnonzero(edge)
    run_len = np.diff(starts, append=keys.size)
    shared = run_len > 1
    s_start, s_len = starts[shared], run_len[shared]
    if limit is not None and int((s_len * (s_len - 1) // 2).sum()) > limit:
        return None
    # every entry against each later entry of its run
    entry = np.repeat(s_start, s_len) + (
        np.arange(int(s_len.sum())) - np.repeat(np.cumsum(s_len) - s_len, s_len)
    )
    later = np.repeat(s_start + s_len, s_len) - entry - 1
    first = np.repeat(entry, later)
    second = first + 1 + (np.arange(int(later.sum())) - np.repeat(np.cumsum(later) - later, later))
    a, b = owner[first], owner[second]
    return np.minimum(a, b), np.maximum(a, b)


def _near(
    overlap: npt.NDArray[np.int64],
    size_a: npt.NDArray[np.int64],
    size_b: npt.NDArray[np.int64],
    threshold: float,
) -> npt.NDArray[np.bool_]:
    """Whether pairs of signatures with `overlap` keys in common and these sizes are near-duplicates
    (`containment`: Jaccard below `_SMALL` keys)."""
    small = np.minimum(size_a, size_b)
    score = np.where(small < _SMALL, overlap / (size_a + size_b - overlap), overlap / np.maximum(small, 1))
    return np.asarray(score >= threshold)
