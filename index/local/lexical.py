"""BM25 over pre-analyzed token lists (bm25s, Lucene variant), with row subsets and weighted queries.

bm25s precomputes every (term, document) score into a sparse matrix at build time; queries here add
up those columns directly, which lets a query term carry a weight (query expansion) and lets a
subset of rows be searched without scoring the rest. Documents that share no term with the query
never come back (bm25s's own `retrieve` pads results with score-0 rows).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
import numpy.typing as npt

from corpus.errors import SnapshotCorrupt

Rows = npt.NDArray[np.int64]
Scores = npt.NDArray[np.float32]

META_FILE = "groundqa-lexical.json"
FORMAT = 1
DEFAULT_K1 = 1.2
DEFAULT_B = 0.75


class LexicalIndex:
    """BM25 scores of row-numbered documents given as token lists."""

    def __init__(self, bm25: Any | None, n_docs: int, k1: float, b: float) -> None:
        self._bm25 = bm25
        self._n = n_docs
        self.k1 = k1
        self.b = b
        if bm25 is not None:
            self._data = np.asarray(bm25.scores["data"], dtype=np.float32)
            self._indices = np.asarray(bm25.scores["indices"], dtype=np.int64)
            self._indptr = np.asarray(bm25.scores["indptr"], dtype=np.int64)
            self._vocab: dict[str, int] = dict(bm25.vocab_dict)
            self._terms = [""] * (max(self._vocab.values()) + 1)
            for token, tid in self._vocab.items():
                self._terms[tid] = token
        self._by_doc: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], Scores] | None = None

    @classmethod
    def build(
        cls, docs: Sequence[Sequence[str]], *, k1: float = DEFAULT_K1, b: float = DEFAULT_B
    ) -> LexicalIndex:
        """Index `docs` (row i = docs[i], as analyzer tokens); k1 and b are the usual BM25 knobs."""
        if k1 < 0 or not 0 <= b <= 1:
            raise ValueError(f"BM25 needs k1 >= 0 and 0 <= b <= 1, got k1={k1}, b={b}")
        if not any(docs):  # no document has a term: nothing can match (and bm25s divides by 0)
            return cls(None, len(docs), k1, b)
        bm25 = bm25s.BM25(k1=k1, b=b, method="lucene")
        bm25.index([list(d) for d in docs], show_progress=False)
        return cls(bm25, len(docs), k1, b)

    def __len__(self) -> int:
        return self._n

    def doc_freq(self, token: str) -> int:
        """How many documents contain `token`."""
        tid = self._vocab.get(token) if self._bm25 is not None else None
        return 0 if tid is None or not token else int(self._indptr[tid + 1] - self._indptr[tid])

    def scores(self, weights: Mapping[str, float]) -> Scores:
        """The BM25 score of every row for a weighted query (weight 1 per occurrence = plain BM25)."""
        out = np.zeros(self._n, dtype=np.float32)
        if self._bm25 is None:
            return out
        for token, weight in weights.items():
            tid = self._vocab.get(token) if token else None
            if tid is None or weight == 0:
                continue
            lo, hi = self._indptr[tid], self._indptr[tid + 1]
            out[self._indices[lo:hi]] += np.float32(weight) * self._data[lo:hi]
        return out

    def search(
        self, tokens: Sequence[str], k: int, subset: npt.ArrayLike | None = None
    ) -> tuple[Rows, Scores]:
        """The top `k` rows for a query given as analyzer tokens (repeats count), best first."""
        return self.search_weighted(Counter(tokens), k, subset)

    def search_weighted(
        self, weights: Mapping[str, float], k: int, subset: npt.ArrayLike | None = None
    ) -> tuple[Rows, Scores]:
        """The top `k` rows with a positive score for a weighted query; `subset` limits the rows."""
        return self.top(self.scores(weights), k, subset)

    def top(self, scores: Scores, k: int, subset: npt.ArrayLike | None = None) -> tuple[Rows, Scores]:
        """The `k` best rows of a full score array (from `scores`), positive scores only."""
        if subset is not None:
            allowed = np.asarray(subset, dtype=np.int64)
            if allowed.size and (allowed.min() < 0 or allowed.max() >= self._n):
                raise ValueError(f"subset holds row ids outside 0..{self._n - 1}")
            mask = np.zeros(self._n, dtype=bool)
            mask[allowed] = True
            scores = np.where(mask, scores, np.float32(0))
        candidates = np.flatnonzero(scores > 0)
        k = min(k, candidates.size)
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        cand_scores = scores[candidates]
        top = np.argpartition(-cand_scores, k - 1)[:k]
        top = top[np.lexsort((candidates[top], -cand_scores[top]))]  # by score, then row id
        return candidates[top].astype(np.int64), cand_scores[top].astype(np.float32)

    def prepare_feedback(self) -> None:
        """Build the by-document view `expansion_terms` needs now rather than on first use."""
        if self._bm25 is not None:
            self._doc_major()

    def _doc_major(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], Scores]:
        """The score matrix by document: (indptr over rows, term ids, BM25 contributions); built once."""
        if self._by_doc is None:
            term_of = np.repeat(np.arange(len(self._indptr) - 1, dtype=np.int64), np.diff(self._indptr))
            order = np.argsort(self._indices, kind="stable")
            indptr = np.zeros(self._n + 1, dtype=np.int64)
            np.cumsum(np.bincount(self._indices, minlength=self._n), out=indptr[1:])
            self._by_doc = (indptr, term_of[order], self._data[order])
        return self._by_doc

    def expansion_terms(
        self, rows: Sequence[int], row_weights: Sequence[float], n_terms: int
    ) -> dict[str, float]:
        """Relevance-model expansion: the `n_terms` terms that carry most of the given rows' BM25 mass.

        Each row's terms are weighted by their share of the row's total BM25 contribution (so rare,
        repeated terms weigh most), mixed over rows by `row_weights`; the result sums to 1.
        """
        if self._bm25 is None or not rows or n_terms < 1:
            return {}
        indptr, terms, data = self._doc_major()
        total_w = float(sum(row_weights))
        mass: dict[int, float] = {}
        for row, w in zip(rows, row_weights, strict=True):
            lo, hi = indptr[row], indptr[row + 1]
            doc_total = float(data[lo:hi].sum())
            if doc_total <= 0 or w <= 0:
                continue
            share = (w / total_w) / doc_total
            for t, v in zip(terms[lo:hi].tolist(), data[lo:hi].tolist(), strict=True):
                mass[t] = mass.get(t, 0.0) + share * v
        best = sorted(mass.items(), key=lambda tv: (-tv[1], tv[0]))[:n_terms]
        norm = sum(v for _, v in best)
        if norm <= 0:
            return {}
        return {self._terms[t]: v / norm for t, v in best}

    def save(self, folder: Path) -> None:
        """Write the index to `folder` (created if missing)."""
        folder.mkdir(parents=True, exist_ok=True)
        if self._bm25 is not None:
            self._bm25.save(str(folder), show_progress=False)
        meta = {
            "format": FORMAT,
            "docs": self._n,
            "k1": self.k1,
            "b": self.b,
            "terms": self._bm25 is not None,
        }
        (folder / META_FILE).write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        try:
            meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT:
                raise ValueError(f"format {meta.get('format')!r}, expected {FORMAT}")
            n, k1, b = int(meta["docs"]), float(meta["k1"]), float(meta["b"])
            bm25 = None
            if meta["terms"]:
                bm25 = bm25s.BM25.load(str(folder), load_corpus=False, show_progress=False)
                if int(bm25.scores["num_docs"]) != n:
                    raise ValueError(f"{bm25.scores['num_docs']} documents indexed, {n} expected")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise SnapshotCorrupt(f"cannot load the lexical index in {folder}: {exc}") from exc
        return cls(bm25, n, k1, b)
