"""Near-duplicate collapse: the same quote from two copies of a report is shown once.

Two passages are near-duplicates when at least `THRESHOLD` of the smaller one's word 3-shingles
occur in the other (`containment`). `group_duplicates` decides that for a query's candidates from
their texts; the same relation does not depend on the question, so a build computes every
near-duplicate pair of the collection once (`DuplicateFinder`, exact, with prefix filtering) and a
query only looks its candidates up (`group_by_pairs`), which gives the same groups.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

_WORD = re.compile(r"\w+", re.UNICODE)
THRESHOLD = 0.8
SHINGLE = 3
_SMALL = 5  # sets smaller than this must be near-equal (Jaccard), not merely contained

Pairs = npt.NDArray[np.int64]
"""Near-duplicate pairs as an (m, 2) array of row numbers, each row (a, b) with a < b."""


def shingles(text: str, n: int = SHINGLE) -> frozenset[str]:
    """The word n-grams of `text` (lower-cased \\w+ words joined by one space); a text of fewer than
    `n` words is one shingle of all its words ("" for none)."""
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


class DuplicateFinder:
    """Every near-duplicate pair of a collection, computed once at build time.

    Add texts in row order with `add`; `pairs()` returns all (a, b) rows, a < b, with
    `containment(shingles(a), shingles(b)) >= threshold`, exactly (the shingles are held as integer
    keys: three word ids packed into 63 bits while the vocabulary has under 2**21 words, else a
    64-bit mix of them, where a collision is astronomically unlikely).

    Memory: 8 bytes per distinct shingle of each text while adding (about 1 KB per 120-word passage).
    Time: one pass over the texts, then candidate pairs from the rarest shingles of each text (a
    pair can only reach the threshold if it shares one of the smaller set's
    |set| - ceil(threshold * |set|) + 1 rarest shingles), each checked exactly.
    """

    _BITS = 21

    def __init__(self, threshold: float = THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must lie in (0, 1], got {threshold}")
        self.threshold = threshold
        self._vocab: dict[str, int] = {}
        self._words: list[npt.NDArray[np.int64]] = []

    def __len__(self) -> int:
        return len(self._words)

    def add(self, text: str) -> None:
        """Append one text (the next row)."""
        vocab = self._vocab
        ids = [vocab.setdefault(w, len(vocab) + 1) for w in _WORD.findall(text.lower())]
        self._words.append(np.asarray(ids, dtype=np.int64))

    def add_many(self, texts: Iterable[str]) -> None:
        for t in texts:
            self.add(t)

    def _keys(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint64]]:
        """(row, shingle key) of every distinct shingle of every text, sorted by key then row."""
        exact = len(self._vocab) < (1 << self._BITS)
        rows_parts: list[npt.NDArray[np.int64]] = []
        key_parts: list[npt.NDArray[np.uint64]] = []
        for row, w in enumerate(self._words):
            u = w.astype(np.uint64)
            if w.size >= SHINGLE:
                a, b, c = u[:-2], u[1:-1], u[2:]
            else:  # one shingle of all the words; a (0) first word keeps it apart from 3-grams
                padded = np.zeros(3, dtype=np.uint64)
                padded[3 - w.size :] = u
                a, b, c = padded[:1], padded[1:2], padded[2:]
            if exact:
                key = (a << np.uint64(2 * self._BITS)) | (b << np.uint64(self._BITS)) | c
            else:
                key = _mix(_mix(_mix(a) ^ b) ^ c) | np.uint64(1)  # never 0, as a short text's () key
                key = np.where(a == 0, (b << np.uint64(32)) ^ c, key)
            key = np.unique(key)
            key_parts.append(key)
            rows_parts.append(np.full(key.size, row, dtype=np.int64))
        if not key_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
        rows = np.concatenate(rows_parts)
        keys = np.concatenate(key_parts)
        order = np.lexsort((rows, keys))
        return rows[order], keys[order]

    def pairs(self) -> Pairs:
        """All near-duplicate pairs, as an (m, 2) int64 array of rows (a < b), sorted."""
        n = len(self._words)
        rows, keys = self._keys()
        if n < 2 or rows.size == 0:
            return np.zeros((0, 2), dtype=np.int64)
        sizes = np.bincount(rows, minlength=n)
        # postings: each distinct key's run of rows
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
        run_len = np.diff(np.r_[starts, keys.size])
        df = np.repeat(run_len, run_len)  # document frequency of each entry's key
        key_run = np.repeat(np.arange(starts.size), run_len)
        # each row's entries rarest first; its prefix is what a partner must share
        order = np.lexsort((keys, df, rows))
        need = np.ceil(self.threshold * sizes - 1e-9).astype(np.int64)
        prefix_len = np.maximum(sizes - need + 1, 1)
        first_of_row = np.r_[0, np.cumsum(sizes)[:-1]]
        rank_in_row = np.arange(order.size) - np.repeat(first_of_row, sizes)
        probe = order[rank_in_row < np.repeat(prefix_len, sizes)]
        # candidate pairs: each probe entry against every other row of its key's postings
        cand: list[npt.NDArray[np.int64]] = []
        p_rows = rows[probe]
        p_runs = key_run[probe]
        lens = run_len[p_runs]
        keep = lens > 1
        p_rows, p_runs, lens = p_rows[keep], p_runs[keep], lens[keep]
        chunk = 1 << 22
        at = 0
        while at < p_rows.size:
            # bound the pairs expanded at once
            cum = np.cumsum(lens[at:])
            stop = at + max(1, int(np.searchsorted(cum, chunk, side="right")))
            pr, rl, ln = p_rows[at:stop], p_runs[at:stop], lens[at:stop]
            base = np.repeat(starts[rl], ln)
            offs = np.arange(int(ln.sum())) - np.repeat(np.r_[0, np.cumsum(ln)[:-1]], ln)
            partner = rows[base + offs]
            mine = np.repeat(pr, ln)
            ok = partner != mine
            a = np.minimum(mine[ok], partner[ok])
            b = np.maximum(mine[ok], partner[ok])
            cand.append(np.unique(a * n + b))
            at = stop
        if not cand:
            return np.zeros((0, 2), dtype=np.int64)
        codes = np.unique(np.concatenate(cand))
        ca, cb = codes // n, codes % n
        overlap = _overlaps(rows, keys, sizes, ca, cb)
        sa, sb = sizes[ca], sizes[cb]
        small = np.minimum(sa, sb)
        union = sa + sb - overlap
        score = np.where(small < _SMALL, overlap / union, overlap / np.maximum(small, 1))
        hit = score >= self.threshold
        return np.stack([ca[hit], cb[hit]], axis=1).astype(np.int64)


def _mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """splitmix64's finaliser (wrapping uint64 arithmetic)."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return np.asarray(x ^ (x >> np.uint64(31)), dtype=np.uint64)


def _overlaps(
    rows: npt.NDArray[np.int64],
    keys: npt.NDArray[np.uint64],
    sizes: npt.NDArray[np.int64],
    ca: npt.NDArray[np.int64],
    cb: npt.NDArray[np.int64],
) -> npt.NDArray[np.int64]:
    """|shingles(a) & shingles(b)| for each candidate pair, vectorised in chunks of pairs."""
    by_row = np.lexsort((keys, rows))
    row_keys = keys[by_row]
    first = np.r_[0, np.cumsum(sizes)[:-1]]
    out = np.zeros(ca.size, dtype=np.int64)
    step = 1 << 15
    for lo in range(0, ca.size, step):
        a, b = ca[lo : lo + step], cb[lo : lo + step]
        pair = np.arange(a.size)
        parts_p, parts_k = [], []
        for side in (a, b):
            ln = sizes[side]
            idx = np.repeat(first[side], ln) + (
                np.arange(int(ln.sum())) - np.repeat(np.r_[0, np.cumsum(ln)[:-1]], ln)
            )
            parts_p.append(np.repeat(pair, ln))
            parts_k.append(row_keys[idx])
        p = np.concatenate(parts_p)
        k = np.concatenate(parts_k)
        order = np.lexsort((k, p))
        p, k = p[order], k[order]
        same = (p[1:] == p[:-1]) & (k[1:] == k[:-1])  # each row's keys are distinct: a shared key
        out[lo : lo + a.size] = np.bincount(p[1:][same], minlength=a.size)
    return out


def pairs_within(
    rows: Sequence[int], neighbours: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]
) -> list[tuple[int, int]]:
    """Positions (i, j), i < j, of `rows` that are near-duplicates, from an adjacency in CSR form.

    `neighbours` is (indptr, partners): the partners of row r are partners[indptr[r]:indptr[r+1]].
    """
    indptr, partners = neighbours
    pos: dict[int, int] = {}
    for i, r in enumerate(rows):
        pos.setdefault(int(r), i)
    out: list[tuple[int, int]] = []
    for i, r in enumerate(rows):
        lo, hi = int(indptr[r]), int(indptr[r + 1])
        if lo == hi:
            continue
        for other in partners[lo:hi].tolist():
            j = pos.get(other)
            if j is not None and j > i:
                out.append((i, j))
    return out


def adjacency(pairs: Pairs, n: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """The symmetric adjacency of `pairs` over n rows, as (indptr (n+1,), partners) arrays."""
    if pairs.size == 0:
        return np.zeros(n + 1, dtype=np.int64), np.zeros(0, dtype=np.int64)
    a = np.concatenate([pairs[:, 0], pairs[:, 1]])
    b = np.concatenate([pairs[:, 1], pairs[:, 0]])
    order = np.lexsort((b, a))
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(a, minlength=n), out=indptr[1:])
    return indptr, b[order].astype(np.int64)
