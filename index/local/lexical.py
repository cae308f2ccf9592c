"""BM25 over pre-analysed token lists (Lucene variant), with row subsets and weighted queries.

Every (term, document) BM25 contribution is computed once at build time and stored twice as plain
arrays: term-major (postings: which documents hold a term, for scoring a query) and document-major
(which terms a document holds, for pseudo-relevance feedback). Both are `.npy` files memory-mapped
on load, so a served index holds only the pages its queries touch and no per-passage Python
objects; the vocabulary is the one in-memory structure (a dict of the distinct terms).

Scores are Lucene's BM25 (as bm25s's "lucene" method): idf = ln(1 + (N - df + 0.5) / (df + 0.5)),
contribution = idf * tf / (tf + k1 * (1 - b + b * dl / avgdl)). Documents that share no term with
the query never come back.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy.sparse import _sparsetools

from corpus.errors import SnapshotCorrupt
from index.analyzer import bm25_length
from index.arrays import unique_inverse

Rows = npt.NDArray[np.int64]
Scores = npt.NDArray[np.float32]
Index = npt.NDArray[np.int64]
Ids = npt.NDArray[np.int32]

META_FILE = "groundqa-lexical.json"
VOCAB_FILE = "vocab.json"
FORMAT = 3
DEFAULT_K1 = 1.2
DEFAULT_B = 0.75
_GATHER_LIMIT = 1 << 17  # postings per query up to which scoring gathers them all at once
_SAMPLED_TOP_MIN = 1 << 16  # rows from which `top` takes a threshold from a sample first
# rows from which a query of few postings (at most one for `_SPARSE_SHARE` rows), or any query within
# a subset, is ranked over the rows they touch rather than an array of every row
# (`LexicalIndex._top_touched`): sorting the postings grows with them, the array with the rows (a
# review measured the two even at about n/20 postings at 70k rows and n/10 at 1M). Below it the
# array is cheaper even within a subset: the translated runs of the demo's dev questions (4.4k rows,
# 3-11k postings) took 54 against 91 us a run.
_SPARSE_MIN = 1 << 16
_SPARSE_SHARE = 16
_ARRAYS = ("term_indptr", "term_docs", "term_scores", "doc_indptr", "doc_terms", "doc_scores")


class LexicalBuilder:
    """Collects documents (token lists, in row order) as compact arrays, then builds the index.

    Memory while collecting: 8 bytes per distinct term of each document plus the vocabulary.
    """

    def __init__(self) -> None:
        self._vocab: dict[str, int] = {}
        self._terms: list[Ids] = []
        self._counts: list[Ids] = []
        self._lengths: list[int] = []  # BM25 dl of each document (`index.analyzer.bm25_length`)

    def __len__(self) -> int:
        return len(self._terms)

    def add(self, tokens: Iterable[str]) -> None:
        """Append one document (row len(self))."""
        counts = Counter(t for t in tokens if t)
        vocab = self._vocab
        self._terms.append(
            np.fromiter((vocab.setdefault(t, len(vocab)) for t in counts), np.int32, len(counts))
        )
        self._counts.append(np.fromiter(counts.values(), np.int32, len(counts)))
        self._lengths.append(bm25_length(counts.elements()))

    def build(self, *, k1: float = DEFAULT_K1, b: float = DEFAULT_B) -> LexicalIndex:
        """The index of every document added; ValueError for k1 < 0 or b outside [0, 1]."""
        if k1 < 0 or not 0 <= b <= 1:
            raise ValueError(f"BM25 needs k1 >= 0 and 0 <= b <= 1, got k1={k1}, b={b}")
        n = len(self._terms)
        terms_list = list(self._vocab)
        if not terms_list:
            return LexicalIndex(_empty_arrays(n), [], n, k1, b)
        lengths = np.asarray(self._lengths, dtype=np.int64)
        nnz = np.fromiter((t.size for t in self._terms), np.int64, n)
        doc_indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(nnz, out=doc_indptr[1:])
        doc_terms = np.concatenate(self._terms).astype(np.int32)
        tf = np.concatenate(self._counts).astype(np.float64)
        doc_of = np.repeat(np.arange(n, dtype=np.int64), nnz)
        vocab_size = len(terms_list)
        df = np.bincount(doc_terms, minlength=vocab_size).astype(np.float64)
        idf = np.log(1.0 + (n - df + 0.5) / (df + 0.5))
        avgdl = float(lengths.sum()) / n if n else 1.0
        norm = k1 * (1.0 - b + b * lengths / max(avgdl, 1e-12))
        scores = (idf[doc_terms] * tf / (tf + norm[doc_of])).astype(np.float32)
        # sort each document's terms by id (a stable layout), then transpose to postings
        order = np.lexsort((doc_terms, doc_of))
        doc_terms, scores, doc_of = doc_terms[order], scores[order], doc_of[order]
        by_term = np.lexsort((doc_of, doc_terms))
        term_indptr = np.zeros(vocab_size + 1, dtype=np.int64)
        np.cumsum(np.bincount(doc_terms, minlength=vocab_size), out=term_indptr[1:])
        arrays: dict[str, npt.NDArray[np.generic]] = {
            "term_indptr": term_indptr,
            "term_docs": doc_of[by_term].astype(np.int32),
            "term_scores": scores[by_term],
            "doc_indptr": doc_indptr,
            "doc_terms": doc_terms,
            "doc_scores": scores,
        }
        return LexicalIndex(arrays, terms_list, n, k1, b)


def _empty_arrays(n: int) -> dict[str, npt.NDArray[np.generic]]:
    return {
        "term_indptr": np.zeros(1, dtype=np.int64),
        "term_docs": np.zeros(0, dtype=np.int32),
        "term_scores": np.zeros(0, dtype=np.float32),
        "doc_indptr": np.zeros(n + 1, dtype=np.int64),
        "doc_terms": np.zeros(0, dtype=np.int32),
        "doc_scores": np.zeros(0, dtype=np.float32),
    }


class LexicalIndex:
    """BM25 scores of row-numbered documents given as token lists."""

    def __init__(
        self,
        arrays: Mapping[str, npt.NDArray[np.generic]],
        terms: list[str],
        n_docs: int,
        k1: float,
        b: float,
    ) -> None:
        self._n = n_docs
        self.k1 = k1
        self.b = b
        self._term_indptr: Index = arrays["term_indptr"]  # type: ignore[assignment]
        self._term_docs: Ids = arrays["term_docs"]  # type: ignore[assignment]
        self._term_scores: Scores = arrays["term_scores"]  # type: ignore[assignment]
        self._doc_indptr: Index = arrays["doc_indptr"]  # type: ignore[assignment]
        self._doc_terms: Ids = arrays["doc_terms"]  # type: ignore[assignment]
        self._doc_scores: Scores = arrays["doc_scores"]  # type: ignore[assignment]
        self._terms = terms
        self._vocab: dict[str, int] = {t: i for i, t in enumerate(terms)}
        # the postings offsets read one term at a time as Python ints, without a numpy call each
        self._offsets = self._term_indptr.data

    @classmethod
    def build(
        cls, docs: Sequence[Sequence[str]], *, k1: float = DEFAULT_K1, b: float = DEFAULT_B
    ) -> LexicalIndex:
        """Index `docs` (row i = docs[i], as analyzer tokens); k1 and b are the usual BM25 knobs.

        Raises:
            ValueError: k1 < 0 or b outside [0, 1].
        """
        if k1 < 0 or not 0 <= b <= 1:
            raise ValueError(f"BM25 needs k1 >= 0 and 0 <= b <= 1, got k1={k1}, b={b}")
        builder = LexicalBuilder()
        for d in docs:
            builder.add(d)
        return builder.build(k1=k1, b=b)

    def __len__(self) -> int:
        return self._n

    @property
    def vocabulary_size(self) -> int:
        """Number of distinct terms indexed."""
        return len(self._terms)

    def doc_freq(self, token: str) -> int:
        """How many documents contain `token`."""
        tid = self._vocab.get(token) if token else None
        return 0 if tid is None else self._offsets[tid + 1] - self._offsets[tid]

    def doc_freqs(self, tokens: Iterable[str]) -> dict[str, int]:
        """`doc_freq` of each distinct token of `tokens` (0 for unknown and empty ones), read one at a
        time from the postings offsets (a memoryview: ~0.1 us a token). In a search this is cheaper
        than one numpy gather of them all even for a question's ~160 translated terms (80 against
        110 us: most of either is reading the vocabulary and offsets from memory)."""
        vocab, offsets = self._vocab, self._offsets
        out: dict[str, int] = {}
        for t in tokens:
            tid = vocab.get(t) if t else None
            out[t] = 0 if tid is None else offsets[tid + 1] - offsets[tid]
        return out

    def presence(self, terms: Sequence[str], rows: npt.ArrayLike) -> npt.NDArray[np.bool_]:
        """Which documents hold which terms: shape (len(rows), len(terms)), True where row i's
        document holds terms[j]. The rows' term lists (document-major arrays, ~150 ids a passage)
        are gathered in one step and looked up among the terms' ids by binary search: a handful of
        numpy calls whatever the number of terms, nothing decoded, and no cost that grows with
        the collection."""
        distinct = list(dict.fromkeys(terms))
        if len(distinct) < len(terms):  # a term asked twice gets the same column twice
            at_column = {t: j for j, t in enumerate(distinct)}
            return self.presence(distinct, rows)[:, [at_column[t] for t in terms]]
        r = np.asarray(rows, dtype=np.int64).reshape(-1)
        out = np.zeros((r.size, len(terms)), dtype=bool)
        vocab = self._vocab
        known = [(j, vocab[t]) for j, t in enumerate(terms) if t in vocab]
        if not known or r.size == 0:
            return out
        cols = np.fromiter((k[0] for k in known), np.int64, len(known))
        tids = np.fromiter((k[1] for k in known), np.int64, len(known))
        order = np.argsort(tids, kind="stable")
        tids, cols = tids[order], cols[order]
        lo = self._doc_indptr[r]
        lens = self._doc_indptr[r + 1] - lo
        at = np.repeat(lo - np.cumsum(lens) + lens, lens) + np.arange(int(lens.sum()))
        held = self._doc_terms[at]
        pos = np.minimum(np.searchsorted(tids, held), tids.size - 1)
        hit = tids[pos] == held
        out[np.repeat(np.arange(r.size), lens)[hit], cols[pos[hit]]] = True
        return out

    def _postings(self, weights: Mapping[str, float]) -> tuple[Index, Index, npt.NDArray[np.float64]] | None:
        """(first posting, posting count, weight) of each query term the index holds, in query
        order; None when none is (unknown terms, empty terms and zero weights are ignored)."""
        vocab, indptr = self._vocab, self._term_indptr
        pairs = [(vocab[t], w) for t, w in weights.items() if t and w != 0 and t in vocab]
        if not pairs:
            return None
        tids = np.fromiter((p[0] for p in pairs), np.int64, len(pairs))
        ws = np.fromiter((p[1] for p in pairs), np.float64, len(pairs))
        lo = indptr[tids]
        return lo, indptr[tids + 1] - lo, ws

    def _gathered(
        self, lo: Index, lens: Index, ws: npt.NDArray[np.float64]
    ) -> tuple[Ids, npt.NDArray[np.float64]]:
        """Every posting of the terms, in query order: (rows, weighted contributions in float64)."""
        total = int(lens.sum())
        at = np.repeat(lo - np.cumsum(lens) + lens, lens) + np.arange(total)
        contrib = self._term_scores[at] * np.repeat(ws, lens)  # float32 x float64: float64
        return self._term_docs[at], contrib.astype(np.float64, copy=False)

    def scores(self, weights: Mapping[str, float]) -> Scores:
        """The BM25 score of every row for a weighted query (weight 1 per occurrence = plain BM25).

        Returns a float32 array of shape (len(self),): the weighted sum of the query terms' stored
        contributions (0 for rows sharing no term; no fixed upper bound). Unknown terms, empty terms
        and zero weights are ignored.
        """
        return self._scores_of(self._postings(weights))

    def _scores_of(self, found: tuple[Index, Index, npt.NDArray[np.float64]] | None) -> Scores:
        """`scores` from the query's postings (`_postings`)."""
        if found is None:
            return np.zeros(self._n, dtype=np.float32)
        lo, lens, ws = found
        if int(lens.sum()) <= _GATHER_LIMIT:
            # few postings (a small collection): every posting of every term in one gather
            docs, contrib = self._gathered(lo, lens, ws)
            return np.bincount(docs, weights=contrib, minlength=self._n).astype(np.float32)
        # many postings (at 1M passages a feedback query of 80 terms has ~2M): each term's postings
        # added into one float32 array by scipy's compiled sparse kernel, straight from the mapped
        # arrays, in query order (1M synthetic passages, 194 queries: mean 3.2 ms, against 5.0 for
        # one sparse product over the postings copied together and 14.2 for numpy scatter-adds)
        out: Scores = np.zeros(self._n, dtype=np.float32)
        for a, n, w in zip(lo.tolist(), lens.tolist(), ws.tolist(), strict=True):
            _add_postings(out, self._term_docs[a : a + n], self._term_scores[a : a + n], w)
        return out

    def search(
        self, tokens: Sequence[str], k: int, subset: npt.ArrayLike | None = None
    ) -> tuple[Rows, Scores]:
        """The top `k` rows for a query given as analyzer tokens (repeats count), best first; as
        `search_weighted` with a weight of 1 per occurrence."""
        return self.search_weighted(Counter(tokens), k, subset)

    def search_weighted(
        self, weights: Mapping[str, float], k: int, subset: npt.ArrayLike | None = None
    ) -> tuple[Rows, Scores]:
        """The top `k` rows with a positive score for a weighted query; `subset` limits the rows (row
        ids, or their `mask`).

        Returns (rows int64, scores float32), both of shape (m,), m <= k, best first, ties by row;
        see `top` for the ValueError on a bad subset.
        """
        found = self._postings(weights)  # read once for either way
        if found is None:  # no term of the query is indexed: no row scores
            if subset is not None:
                self._allowed(subset)  # a bad subset is still an error
            return _no_rows()
        total = int(found[1].sum())
        if (
            total <= _GATHER_LIMIT
            and self._n >= _SPARSE_MIN
            and (subset is not None or total <= self._n // _SPARSE_SHARE)
        ):
            # (within `_GATHER_LIMIT`, where `scores` sums in float64 too: the same scores)
            return self._top_touched(*found, k, subset)
        scores = self._scores_of(found)  # a new array: masked in place
        if subset is not None:
            np.multiply(scores, self._allowed(subset), out=scores)
        return _top_of(scores, k)

    def _top_touched(
        self, lo: Index, lens: Index, ws: npt.NDArray[np.float64], k: int, subset: npt.ArrayLike | None
    ) -> tuple[Rows, Scores]:
        """`top(scores(...))` for a query with few postings in a large collection, or any query of at
        most `_GATHER_LIMIT` postings within a subset of one (a language's rows: a translated run),
        computed over the rows its postings touch (in the subset) instead of an array of every row
        (at 1M passages, a run of a translated question's terms: ~8 ms for the arrays of every row,
        1-3 ms this way). The same scores: each touched row's contributions are summed in float64 in the
        same order, then cast to float32."""
        docs, contrib = self._gathered(lo, lens, ws)
        if subset is not None:  # the postings of the subset's rows only
            keep = self._allowed(subset)[docs]
            docs, contrib = docs[keep], contrib[keep]
        rows, inverse = unique_inverse(docs)
        sums = np.bincount(inverse, weights=contrib, minlength=rows.size).astype(np.float32)
        positive = sums > 0
        return _best(rows[positive].astype(np.int64), sums[positive], k)

    def top(self, scores: Scores, k: int, subset: npt.ArrayLike | None = None) -> tuple[Rows, Scores]:
        """The `k` best rows of a full score array (from `scores`), positive scores only.

        Args:
            scores: shape (len(self),), as `scores` returns.
            k: at most this many rows (0 or less: none).
            subset: row ids allowed (others are never returned), or their `mask`; None allows every
                row.

        Returns:
            (rows int64, scores float32), both of shape (m,), m <= k, by score descending, ties by
            row ascending.

        Raises:
            ValueError: `subset` holds a row id outside 0..len(self) - 1.
        """
        if subset is not None:
            scores = scores * self._allowed(subset)  # 0 outside (np.where takes ~8x as long)
        return _top_of(scores, k)

    def mask(self, subset: npt.ArrayLike) -> npt.NDArray[np.bool_]:
        """The rows of `subset` (row ids) as a read-only mask of shape (len(self),), which
        `search_weighted` and `top` take as their `subset` too: a caller searching one subset often
        builds it once (~1 ms at 1M rows).

        Raises:
            ValueError: `subset` holds a row id outside 0..len(self) - 1.
        """
        mask = self._allowed(subset)
        mask.flags.writeable = False
        return mask

    def _allowed(self, subset: npt.ArrayLike) -> npt.NDArray[np.bool_]:
        """A mask of the rows in `subset`, shape (len(self),): `subset` itself when it is one (a
        boolean array of that shape, from `mask`).

        Raises:
            ValueError: `subset` holds a row id outside 0..len(self) - 1.
        """
        if isinstance(subset, np.ndarray) and subset.dtype == np.bool_ and subset.shape == (self._n,):
            return subset
        allowed = np.asarray(subset, dtype=np.int64)
        if allowed.size and (allowed.min() < 0 or allowed.max() >= self._n):
            raise ValueError(f"subset holds row ids outside 0..{self._n - 1}")
        mask = np.zeros(self._n, dtype=bool)
        mask[allowed] = True
        return mask

    def prepare_feedback(self) -> None:
        """Nothing to prepare: the document-major view is stored (kept for callers of format 1)."""

    def expansion_terms(
        self, rows: Sequence[int], row_weights: Sequence[float], n_terms: int
    ) -> dict[str, float]:
        """Relevance-model expansion: the `n_terms` terms that carry most of the given rows' BM25 mass.

        Each row's terms are weighted by their share of the row's total BM25 contribution (so rare,
        repeated terms weigh most), mixed over rows by `row_weights`; the result sums to 1.
        """
        if not self._terms or not rows or n_terms < 1:
            return {}
        total_w = float(sum(row_weights))
        term_parts: list[Ids] = []
        mass_parts: list[npt.NDArray[np.float64]] = []
        for row, w in zip(rows, row_weights, strict=True):
            lo, hi = int(self._doc_indptr[row]), int(self._doc_indptr[row + 1])
            data = self._doc_scores[lo:hi].astype(np.float64)
            doc_total = float(data.sum())
            if doc_total <= 0 or w <= 0:
                continue
            term_parts.append(self._doc_terms[lo:hi])
            mass_parts.append(data * ((w / total_w) / doc_total))
        if not term_parts:
            return {}
        terms = np.concatenate(term_parts)
        uniq, inverse = unique_inverse(terms)
        mass = np.bincount(inverse, weights=np.concatenate(mass_parts), minlength=uniq.size)
        # best by mass, ties by term id (as the sorted() of format 1)
        order = np.lexsort((uniq, -mass))[:n_terms]
        best_mass = mass[order]
        norm = float(best_mass.sum())
        if norm <= 0:
            return {}
        return {self._terms[int(t)]: float(v) / norm for t, v in zip(uniq[order], best_mass, strict=True)}

    def save(self, folder: Path) -> None:
        """Write the index to `folder` (created if missing)."""
        folder.mkdir(parents=True, exist_ok=True)
        for name in _ARRAYS:
            np.save(folder / f"{name}.npy", getattr(self, f"_{name}"))
        (folder / VOCAB_FILE).write_text(json.dumps(self._terms, ensure_ascii=False), encoding="utf-8")
        meta = {"format": FORMAT, "docs": self._n, "k1": self.k1, "b": self.b, "terms": len(self._terms)}
        (folder / META_FILE).write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """Map the index in `folder`; SnapshotCorrupt when it is missing, of another format or broken."""
        try:
            meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT:
                raise ValueError(f"format {meta.get('format')!r}, expected {FORMAT}")
            n, k1, b = int(meta["docs"]), float(meta["k1"]), float(meta["b"])
            terms = json.loads((folder / VOCAB_FILE).read_text(encoding="utf-8"))
            if not isinstance(terms, list) or len(terms) != int(meta["terms"]):
                raise ValueError("the vocabulary does not match its count")
            arrays = {name: _load_array(folder / f"{name}.npy") for name in _ARRAYS}
            if arrays["doc_indptr"].shape != (n + 1,) or arrays["term_indptr"].shape != (len(terms) + 1,):
                raise ValueError(f"the arrays do not describe {n} documents and {len(terms)} terms")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise SnapshotCorrupt(f"cannot load the lexical index in {folder}: {exc}") from exc
        return cls(arrays, [str(t) for t in terms], n, k1, b)


def _add_postings(out: Scores, docs: Ids, contrib: Scores, weight: float) -> None:
    """out[docs] += weight * contrib, in place, in float32 (docs distinct, as one term's postings).

    This is the matrix-vector product of a one-column CSC matrix (rows `docs`, values `contrib`)
    with [weight], by scipy's compiled kernel: one loop over the postings, without copying them.
    The kernel is scipy's private `_sparsetools.csc_matvec` (its signature has been stable since
    scipy 0.7); tests/test_lexical.py checks this path against the plain gather.
    """
    n = docs.shape[0]
    if n:
        indptr = np.array([0, n], dtype=docs.dtype)
        _sparsetools.csc_matvec(out.shape[0], 1, indptr, docs, contrib, np.array([weight], np.float32), out)


def _no_rows() -> tuple[Rows, Scores]:
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)


def _top_of(scores: Scores, k: int) -> tuple[Rows, Scores]:
    """`LexicalIndex.top` of a score array already zero outside the subset."""
    candidates = _above(scores, k)
    return _best(candidates, scores[candidates], k)


def _best(candidates: Rows, cand_scores: Scores, k: int) -> tuple[Rows, Scores]:
    """The `k` best of `candidates` (rows, ascending) by `cand_scores`: (rows int64, scores float32)
    by score descending, ties by row ascending."""
    k = min(k, candidates.size)
    if k <= 0:
        return _no_rows()
    kth = cand_scores[np.argpartition(-cand_scores, k - 1)[k - 1]]
    better = np.flatnonzero(cand_scores > kth)
    # rows tied with the k-th score: the lowest rows first (candidates ascend), whatever
    # argpartition happened to pick among them
    top = np.concatenate([better, np.flatnonzero(cand_scores == kth)[: k - better.size]])
    top = top[np.lexsort((candidates[top], -cand_scores[top]))]  # by score, then row id
    return candidates[top].astype(np.int64), cand_scores[top].astype(np.float32)


def _above(scores: Scores, k: int) -> Rows:
    """The rows whose score is positive and, for a long array, high enough to be among the best `k`:
    a threshold from every 16th score (the k/8-th best of them, so about 2k rows pass) skips sorting
    the many low scores; when fewer than `k` rows pass, every positive row is returned."""
    if scores.size >= _SAMPLED_TOP_MIN and k >= 1:
        sample = scores[::16]
        best = max(1, k // 8)
        if sample.size > best:
            # the best-th largest, as the best-th smallest of the negated sample (the same value;
            # numpy's partition near the top end took ~4x as long on these mostly-zero arrays)
            threshold = -float(np.partition(-sample, best - 1)[best - 1])
            if threshold > 0:
                rows = np.flatnonzero(scores >= threshold)
                if rows.size >= k:
                    return rows
    return np.flatnonzero(scores > 0)


def _load_array(path: Path) -> npt.NDArray[np.generic]:
    """An .npy file mapped read-only (read whole when empty: an empty array cannot be mapped)."""
    arr: npt.NDArray[np.generic] = np.load(path, mmap_mode="r", allow_pickle=False)
    if arr.size == 0:
        return np.load(path, allow_pickle=False)  # type: ignore[no-any-return]
    return arr.view(np.ndarray)  # a plain view of the mapping: np.memmap's indexing is slow
