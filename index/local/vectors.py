"""Exact inner-product search over L2-normalised float32 vectors (FAISS IndexFlatIP).

Scores are cosines. A `subset` of allowed rows (metadata filters) is searched with a FAISS bitmap
selector, or, when it is a small part of the collection, by scoring just those rows in numpy: at
100k vectors a 1% subset takes 0.1 ms in numpy against 0.24 ms through the selector, while a 50%
subset takes 45 ms in numpy against 9 ms (measured on 2 cores).
"""

from __future__ import annotations

import threading
from pathlib import Path

import faiss
import numpy as np
import numpy.typing as npt

from corpus.errors import SnapshotCorrupt

Rows = npt.NDArray[np.int64]
Scores = npt.NDArray[np.float32]

VECTORS_FILE = "vectors.npy"
_NUMPY_SUBSET_FRACTION = 0.05  # below this share of the rows, score the subset directly


_THREAD = threading.local()


def _single_threaded_faiss() -> None:
    """One OpenMP thread per query: more cost more than they give on 2 shared cores (performance.md).

    OpenMP's thread count is per calling thread, so every thread that searches (FastAPI's worker
    threads, the rebuild thread) sets it once; measured 100k-passage search p50 73 -> 35 ms.
    """
    if not getattr(_THREAD, "faiss_single", False):
        faiss.omp_set_num_threads(1)
        _THREAD.faiss_single = True


class VectorIndex:
    """Row-numbered vectors with exact top-k inner-product search."""

    def __init__(self, index: faiss.IndexFlatIP) -> None:
        _single_threaded_faiss()
        self._index = index

    @classmethod
    def build(cls, vectors: npt.ArrayLike) -> VectorIndex:
        """Index `vectors` (n, dim); row i of the array is row id i in results."""
        arr = np.ascontiguousarray(vectors, dtype=np.float32)
        if arr.ndim != 2 or arr.shape[1] == 0:
            raise ValueError(f"vectors must be a non-empty (n, dim) array, got shape {arr.shape}")
        index = faiss.IndexFlatIP(arr.shape[1])
        if len(arr):
            index.add(arr)
        return cls(index)

    def __len__(self) -> int:
        return int(self._index.ntotal)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    def vectors_of(self, rows: npt.ArrayLike) -> npt.NDArray[np.float32]:
        """A copy of the stored vectors of `rows` (shape (len(rows), dim))."""
        return np.array(self._view()[np.asarray(rows, dtype=np.int64)], dtype=np.float32)

    def _view(self) -> npt.NDArray[np.float32]:
        # A view into FAISS's own storage: valid only while self._index lives, so never returned.
        n = len(self)
        if n == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        view = faiss.rev_swig_ptr(self._index.get_xb(), n * self.dim).reshape(n, self.dim)
        view.flags.writeable = False
        return view

    def search(
        self, query_vec: npt.ArrayLike, k: int, subset: npt.ArrayLike | None = None
    ) -> tuple[Rows, Scores]:
        """The top `k` rows by inner product with `query_vec`, best first, and their scores.

        `subset`, when given, lists the row ids allowed (others are never returned).
        """
        _single_threaded_faiss()
        q = np.ascontiguousarray(query_vec, dtype=np.float32).reshape(1, -1)
        if q.shape[1] != self.dim:
            raise ValueError(f"query has dimension {q.shape[1]}, the index {self.dim}")
        n = len(self)
        if subset is None:
            k = min(k, n)
            if k <= 0:
                return _empty()
            scores, rows = self._index.search(q, k)
            return _finish(rows[0], scores[0])
        allowed = np.unique(np.asarray(subset, dtype=np.int64))
        if allowed.size and (allowed[0] < 0 or allowed[-1] >= n):
            raise ValueError(f"subset holds row ids outside 0..{n - 1}")
        k = min(k, int(allowed.size))
        if k <= 0:
            return _empty()
        if allowed.size < _NUMPY_SUBSET_FRACTION * n:
            sims = self._view()[allowed] @ q[0]
            top = np.argpartition(-sims, k - 1)[:k]
            top = top[np.argsort(-sims[top], kind="stable")]
            return _finish(allowed[top], sims[top])
        bitmap = np.zeros(n, dtype=bool)
        bitmap[allowed] = True
        packed = np.packbits(bitmap, bitorder="little")
        selector = faiss.IDSelectorBitmap(n, faiss.swig_ptr(packed))
        params = faiss.SearchParameters()
        params.sel = selector
        scores, rows = self._index.search(q, k, params=params)
        return _finish(rows[0], scores[0])

    def save(self, folder: Path) -> None:
        """Write the vectors to `folder` (created if missing) as a .npy file."""
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / VECTORS_FILE, np.array(self._view()))

    @classmethod
    def load(cls, folder: Path) -> VectorIndex:
        path = folder / VECTORS_FILE
        try:
            arr = np.load(path, allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise SnapshotCorrupt(f"cannot read vectors from {path}: {exc}") from exc
        try:
            return cls.build(arr)
        except ValueError as exc:
            raise SnapshotCorrupt(f"bad vectors in {path}: {exc}") from exc


def _empty() -> tuple[Rows, Scores]:
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)


def _finish(rows: npt.NDArray[np.int64], scores: npt.NDArray[np.float32]) -> tuple[Rows, Scores]:
    keep = rows >= 0  # FAISS pads with -1 when fewer than k rows qualify
    return rows[keep].astype(np.int64), scores[keep].astype(np.float32)
