"""Inner-product search over L2-normalised float32 vectors, memory-mapped from the snapshot.

The vectors live once, in the snapshot's `vectors.npy`, mapped read-only: the process holds only the
pages it touches, and the page cache shares them between processes and snapshots. Scores are
cosines.

- Below `ANN_THRESHOLD` vectors, search is exact (FAISS's brute-force inner product straight over
  the mapped array; one OpenMP thread per query). An exact query reads every vector, so a served
  collection would keep all its vector pages resident; from the threshold on it touches only the
  pages of its candidates.
- Above it, the snapshot also holds an approximate index, written at build time: one FAISS IVF per
  *partition* of the rows, the passage languages (`ann-<i>.faiss`, named in `ann.json`). Its codes
  are 4-bit product quantisation searched with FAISS's fast-scan kernels (2 dimensions a
  sub-quantiser: 96 bytes a vector at dim 384); a partition under `PQ_MIN_ROWS` rows (or a dimension
  not divisible by 4) gets 8-bit scalar-quantised codes instead. A query takes `RERANK` x k candidates from
  the partitions it searches and re-scores them exactly from the mapped vectors, so the scores
  returned are still exact cosines.

Why partitions: the engine searches each passage language separately (a multilingual model prefers
passages in the question's language). Over one index for every language, a language's search probes
the lists nearest the question, which hold mostly other languages' passages, and filters them out:
at 1M synthetic passages (e5-small, 100 per language run) recall@10 was 0.59 (en), 0.56 (ko) and
0.06 (zh) in 25 ms for three runs; with one 8-bit index per language, 0.92, 0.89 and 0.76 in 15 ms
(128 probes); with 4-bit fast-scan codes, 512 probes and 16 x k candidates re-scored, 0.985, 0.991
and 0.986 in 15 ms (bench/README.md, 2026-11-30). Snapshots written before hold one 8-bit index
over every row (`LEGACY_ANN_KIND`, `ann.faiss`); they still load, and are searched as they were
(`LEGACY_MIN_NPROBE` probes, `LEGACY_RERANK` x k candidates) until the next build rewrites them.

A `subset` of allowed rows (metadata filters) is scored directly in numpy when it is a small part of
the collection (at 100k vectors a 1% subset takes 0.1 ms that way), else searched with a FAISS
bitmap selector.
"""

from __future__ import annotations

import json
import math
import os
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import faiss
import numpy as np
import numpy.typing as npt

from corpus.errors import SnapshotCorrupt

Rows = npt.NDArray[np.int64]
Scores = npt.NDArray[np.float32]

VECTORS_FILE = "vectors.npy"
ANN_FILE = "ann.faiss"  # the one index of a LEGACY_ANN_KIND snapshot
ANN_PARTS_FILE = "ann.json"  # {"parts": {name: file}} of an ANN_KIND snapshot
ANN_THRESHOLD = 50_000  # collections at least this large get an approximate index
ANN_KIND = "ivf-pq4fs-parts"
LEGACY_ANN_KIND = "ivf-sq8"
ALL_ROWS = "*"  # the partition name of an index over every row (no partitions given, or legacy)
PQ_MIN_ROWS = 10_000  # partitions this large get 4-bit fast-scan PQ codes, smaller ones 8-bit codes
RERANK = 16  # approximate candidates per wanted result, re-scored exactly
RERANK_MIN = 1_000  # at least this many candidates a partition (a top 10 needs more than 160 of 4-bit codes)
# IVF lists probed per query: NPROBE_SHARE of them, at least MIN_NPROBE. Measured recall@10 of the
# three language runs (100 passages each) against exact search, dev-set questions on the 1M synthetic
# collection (2,048 lists for en, 1,024 for ko and zh), 4-bit fast-scan codes: 0.957 / 0.956 / 0.900
# at 256 probes with 10 x k re-scored (9.7 ms for the three), 0.985 / 0.991 / 0.986 at 512 with
# 16 x k (14.8 ms), 0.995 / 0.991 / 0.998 at 768 (19.7 ms). 8-bit codes at 128 probes: 0.919 / 0.894
# / 0.762 in 14.7 ms (bench/README.md, 2026-11-30).
NPROBE_SHARE = 0.03
MIN_NPROBE = 512
LEGACY_MIN_NPROBE = 128  # a LEGACY_ANN_KIND index (8-bit codes over every row): as it was searched
LEGACY_RERANK = 4
_NUMPY_SUBSET_FRACTION = 0.05  # below this share of the rows, score the subset directly
_TRAIN_MIN = 50_000  # k-means trains on max(_TRAIN_MIN, _TRAIN_PER_LIST x lists) sampled rows
_TRAIN_PER_LIST = 40  # faiss asks for 39 points per centroid
_MIN_PER_LIST = 39  # a small partition gets fewer lists, so that k-means has the points it asks for
_TRAIN_ITERATIONS = 10

_THREAD = threading.local()


def _single_threaded_faiss() -> None:
    """One OpenMP thread per query: more cost more than they give on 2 shared cores (performance.md).

    OpenMP's thread count is per calling thread, so every thread that searches (FastAPI's worker
    threads, the rebuild thread) sets it once; measured 100k-passage search p50 73 -> 35 ms.
    """
    if not getattr(_THREAD, "faiss_single", False):
        faiss.omp_set_num_threads(1)
        _THREAD.faiss_single = True


def n_lists(n: int) -> int:
    """IVF lists for n vectors: about 2 sqrt(n), a power of two (2048 at 1M, 512 at 100k)."""
    return int(2 ** round(math.log2(max(2.0 * math.sqrt(max(n, 1)), 16.0))))


def build_ann(vectors: npt.NDArray[np.float32], rows: Rows | None = None, *, seed: int = 0) -> Any:
    """An IVF index over `vectors[rows]` ((n, dim); all rows when None), holding the row numbers as ids.

    Codes: 4-bit product quantisation with 2 dimensions a sub-quantiser, searched by FAISS's
    fast-scan kernels (dim / 2 bytes a vector), from `PQ_MIN_ROWS` rows and a dimension divisible by
    4; else 8-bit scalar quantisation (dim bytes a vector). Lists: `n_lists(len(rows))`, fewer for a
    small partition (at least 39 rows a list, so one list under 78 rows: searched whole). k-means (10
    iterations), the quantisers and the codebooks are trained on a sample of the rows (82k at 1M);
    memory: the codes, 8 bytes of id a vector and the centroids. The 1M synthetic collection's three
    language indexes took 108 s to train and fill on 2 cores.
    """
    _single_threaded_faiss()
    dim = vectors.shape[1]
    ids = np.arange(vectors.shape[0], dtype=np.int64) if rows is None else np.asarray(rows, dtype=np.int64)
    n = int(ids.size)
    lists = max(1, min(n_lists(n), n // _MIN_PER_LIST))
    codes = f"PQ{dim // 2}x4fs" if n >= PQ_MIN_ROWS and dim % 4 == 0 else "SQ8"
    index: Any = faiss.index_factory(dim, f"IVF{lists},{codes}", faiss.METRIC_INNER_PRODUCT)
    index.cp.niter = _TRAIN_ITERATIONS
    index.cp.seed = seed
    rng = np.random.default_rng(seed)
    size = min(n, max(_TRAIN_MIN, _TRAIN_PER_LIST * lists))
    sample_rows = ids[np.sort(rng.choice(n, size=size, replace=False))]
    sample = np.ascontiguousarray(vectors[sample_rows], dtype=np.float32)
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(max(1, min(2, os.cpu_count() or 1)))  # training uses the cores
    try:
        index.train(sample)
        step = 65_536
        for lo in range(0, n, step):
            chunk = ids[lo : lo + step]
            index.add_with_ids(np.ascontiguousarray(vectors[chunk], dtype=np.float32), chunk)
    finally:
        faiss.omp_set_num_threads(threads)
    return index


class VectorIndex:
    """Row-numbered unit vectors (memory-mapped) with top-k inner-product search."""

    def __init__(
        self,
        vectors: npt.NDArray[np.float32],
        parts: Mapping[str, Any] | None = None,
        *,
        kind: str = ANN_KIND,
    ) -> None:
        """`parts`: partition name -> FAISS IVF index over that partition's rows (ids = row numbers);
        the partitions cover every row once (`ALL_ROWS` names an index over all of them). None or
        empty: exact search only."""
        _single_threaded_faiss()
        if vectors.ndim != 2 or vectors.shape[1] == 0 or vectors.dtype != np.float32:
            raise ValueError(f"vectors must be a non-empty (n, dim) float32 array, got {vectors.shape}")
        if not vectors.flags.c_contiguous:
            raise ValueError("vectors must be C-contiguous")
        self._vectors = vectors
        self._parts: dict[str, Any] = dict(parts or {})
        self._kind = kind if self._parts else "exact"
        legacy = kind == LEGACY_ANN_KIND
        self._rerank, self._rerank_min = (LEGACY_RERANK, 0) if legacy else (RERANK, RERANK_MIN)
        for ann in self._parts.values():
            ann.nprobe = max(LEGACY_MIN_NPROBE if legacy else MIN_NPROBE, math.ceil(NPROBE_SHARE * ann.nlist))

    @classmethod
    def build(cls, vectors: npt.ArrayLike) -> VectorIndex:
        """An exact index over `vectors` (n, dim) held in memory (tests, small tools)."""
        arr = np.ascontiguousarray(vectors, dtype=np.float32)
        if arr.ndim != 2 or arr.shape[1] == 0:
            raise ValueError(f"vectors must be a non-empty (n, dim) array, got shape {arr.shape}")
        return cls(arr)

    def __len__(self) -> int:
        return int(self._vectors.shape[0])

    @property
    def dim(self) -> int:
        """The vector dimension (384 for MiniLM and multilingual-e5-small)."""
        return int(self._vectors.shape[1])

    @property
    def kind(self) -> str:
        """ "exact" or the approximate index's kind."""
        return self._kind

    @property
    def partitions(self) -> dict[str, int]:
        """The approximate index's partitions and their sizes in rows (empty when exact)."""
        return {name: int(ann.ntotal) for name, ann in sorted(self._parts.items())}

    def has_partition(self, name: str) -> bool:
        """Whether the approximate index has a partition `name` (`search_partition` can search it)."""
        return name in self._parts

    def search_partition(self, query_vec: npt.ArrayLike, k: int, part: str) -> tuple[Rows, Scores]:
        """The top `k` rows of partition `part` (all of its rows allowed), from its approximate index
        alone: no row filter, and no pass over the partition's rows. As `search` otherwise.

        Raises:
            ValueError: the query's dimension is not `dim`, or there is no partition `part`.
        """
        _single_threaded_faiss()
        ann = self._parts.get(part)
        if ann is None:
            raise ValueError(f"no approximate index partition {part!r}")
        q = np.ascontiguousarray(query_vec, dtype=np.float32).reshape(1, -1)
        if q.shape[1] != self.dim:
            raise ValueError(f"query has dimension {q.shape[1]}, the index {self.dim}")
        k = min(k, int(ann.ntotal))
        return self._approximate([(ann, None)], q, k) if k > 0 else _empty()

    def vectors_of(self, rows: npt.ArrayLike) -> npt.NDArray[np.float32]:
        """A copy of the stored vectors of `rows` (shape (len(rows), dim))."""
        return np.array(self._vectors[np.asarray(rows, dtype=np.int64)], dtype=np.float32)

    def search(
        self,
        query_vec: npt.ArrayLike,
        k: int,
        subset: npt.ArrayLike | None = None,
        *,
        exact: bool = False,
        part: str | None = None,
    ) -> tuple[Rows, Scores]:
        """The top `k` rows by inner product with `query_vec`, best first, and their scores.

        `subset`, when given, lists the row ids allowed (others are never returned); `exact` skips
        the approximate index. With an approximate index the scores are still exact, but a true
        top-k row can be missed (see the module docstring).

        Args:
            query_vec: shape (dim,) (or anything that reshapes to (1, dim)); unit norm for cosines.
            k: at most this many rows (fewer when fewer rows, or subset rows, exist).
            subset: allowed row ids, any order, repeats ignored.
            exact: search every vector even when an approximate index exists.
            part: the partition every row of `subset` lies in (the caller's promise, not checked;
                needs `subset`): only that partition's approximate index is searched, with `subset`
                as its row filter. An unknown name searches every partition. To search a whole
                partition, `search_partition` is faster.

        Returns:
            (rows int64, scores float32), both of shape (m,), m <= k; scores are cosines in [-1, 1]
            for unit vectors.

        Raises:
            ValueError: the query's dimension is not `dim`, or `subset` holds a row outside 0..n-1.
        """
        _single_threaded_faiss()
        q = np.ascontiguousarray(query_vec, dtype=np.float32).reshape(1, -1)
        if q.shape[1] != self.dim:
            raise ValueError(f"query has dimension {q.shape[1]}, the index {self.dim}")
        n = len(self)
        approximate = bool(self._parts) and not exact
        if subset is None:
            k = min(k, n)
            if k <= 0:
                return _empty()
            if approximate:
                return self._approximate([(ann, None) for ann in self._parts.values()], q, k)
            scores, rows = faiss.knn(q, self._vectors, k, metric=faiss.METRIC_INNER_PRODUCT)
            return _finish(rows[0], scores[0])
        allowed = np.asarray(subset, dtype=np.int64)
        if allowed.size > 1 and not bool((allowed[1:] > allowed[:-1]).all()):
            allowed = np.unique(allowed)  # subsets from filters arrive sorted and unique already
        if allowed.size and (allowed[0] < 0 or allowed[-1] >= n):
            raise ValueError(f"subset holds row ids outside 0..{n - 1}")
        k = min(k, int(allowed.size))
        if k <= 0:
            return _empty()
        if allowed.size < _NUMPY_SUBSET_FRACTION * n:
            sims = inner_products(self._vectors[allowed], q[0])
            top = np.argpartition(-sims, k - 1)[:k]
            top = top[np.argsort(-sims[top], kind="stable")]
            return _finish(allowed[top], sims[top])
        bitmap = np.zeros(n, dtype=bool)
        bitmap[allowed] = True
        packed = np.packbits(bitmap, bitorder="little")
        selector = faiss.IDSelectorBitmap(n, faiss.swig_ptr(packed))
        if approximate:
            whole = self._parts.get(part) if part is not None else None
            anns = [whole] if whole is not None else list(self._parts.values())
            return self._approximate([(ann, selector) for ann in anns], q, k)
        scores = np.empty((1, k), dtype=np.float32)
        rows = np.empty((1, k), dtype=np.int64)
        faiss.knn_inner_product(
            faiss.swig_ptr(q),
            faiss.swig_ptr(self._vectors),
            self.dim,
            1,
            n,
            k,
            faiss.swig_ptr(scores),
            faiss.swig_ptr(rows),
            selector,
        )
        return _finish(rows[0], scores[0])

    def search_groups(
        self, query_vec: npt.ArrayLike, k: int, groups: list[Rows]
    ) -> list[tuple[Rows, Scores]]:
        """The top `k` rows of each group of rows by inner product with `query_vec`, exactly, from
        one pass over the vectors (per-language runs of one question: one product instead of one
        search per group, 0.3 against 0.7 ms for three languages at 4.4k passages).

        Args:
            query_vec: shape (dim,); unit norm for cosines.
            k: at most this many rows per group.
            groups: sorted, unique row ids per group (e.g. the rows of each passage language).

        Returns:
            Per group, in order: (rows int64, scores float32), best first, ties in row order; as
            `search(query_vec, k, group, exact=True)` would return (to float32 rounding).

        Raises:
            ValueError: the query's dimension is not `dim`.
        """
        q = np.ascontiguousarray(query_vec, dtype=np.float32).reshape(-1)
        if q.shape[0] != self.dim:
            raise ValueError(f"query has dimension {q.shape[0]}, the index {self.dim}")
        total = sum(int(g.size) for g in groups)
        if total == 0:
            return [_empty() for _ in groups]
        if total >= len(self) // 2:
            sims = inner_products(self._vectors, q)
            parts = [(g, sims[g]) for g in groups]
        else:
            parts = [(g, inner_products(self._vectors[g], q)) for g in groups]
        out = []
        for rows, scores in parts:
            m = min(k, int(rows.size))
            if m <= 0:
                out.append(_empty())
                continue
            top = np.argpartition(-scores, m - 1)[:m]
            top = top[np.lexsort((rows[top], -scores[top]))]
            out.append((rows[top].astype(np.int64), scores[top].astype(np.float32)))
        return out

    def _approximate(
        self, searches: Sequence[tuple[Any, Any]], q: npt.NDArray[np.float32], k: int
    ) -> tuple[Rows, Scores]:
        """The top k of the `RERANK` x k (at least `RERANK_MIN`) candidates of each (IVF index, row
        selector or None), re-scored exactly (`LEGACY_RERANK` x k for a legacy index)."""
        found = []
        for ann, selector in searches:
            params = faiss.SearchParametersIVF()
            params.nprobe = ann.nprobe
            if selector is not None:
                params.sel = selector
            want = min(int(ann.ntotal), max(self._rerank * k, self._rerank_min))
            _, rows = ann.search(q, want, params=params)
            found.append(rows[0][rows[0] >= 0])
        # one partition's ids are unique; ascending rows read the mapped file in order
        cand = np.sort(found[0]) if len(found) == 1 else np.unique(np.concatenate(found))
        if cand.size == 0:
            return _empty()
        sims = row_products(self._vectors, cand, q[0])
        k = min(k, cand.size)
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.lexsort((cand[top], -sims[top]))]
        return _finish(cand[top], sims[top])

    def save(self, folder: Path, parts: Mapping[str, Rows] | None = None) -> str:
        """Write the vectors to `folder` (see `write_vectors`); the index kind written."""
        return write_vectors(folder, self._vectors, parts)

    @classmethod
    def load(cls, folder: Path, kind: str = "exact") -> VectorIndex:
        """Map `folder`'s vectors (and load its approximate index when `kind` names one).

        Raises:
            SnapshotCorrupt: a file is missing or unreadable, the kind is unknown, or the partitions
                do not hold every vector.
        """
        path = folder / VECTORS_FILE
        try:
            arr = np.load(path, mmap_mode="r", allow_pickle=False)
            # an empty array cannot be mapped; a plain view of a mapping avoids np.memmap's slow indexing
            arr = np.load(path, allow_pickle=False) if arr.size == 0 else arr.view(np.ndarray)
        except (OSError, ValueError) as exc:
            raise SnapshotCorrupt(f"cannot read vectors from {path}: {exc}") from exc
        files: dict[str, str] = {}
        if kind == LEGACY_ANN_KIND:
            files = {ALL_ROWS: ANN_FILE}
        elif kind == ANN_KIND:
            try:
                listed = json.loads((folder / ANN_PARTS_FILE).read_text(encoding="utf-8"))["parts"]
                files = {str(name): str(file) for name, file in listed.items()}
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                raise SnapshotCorrupt(f"cannot read the partitions of the index in {folder}: {exc}") from exc
        elif kind != "exact":
            raise SnapshotCorrupt(f"unknown vector index kind {kind!r} in {folder.name}")
        parts = {}
        for name, file in files.items():
            try:
                parts[name] = faiss.read_index(str(folder / file), faiss.IO_FLAG_MMAP)
            except RuntimeError as exc:
                raise SnapshotCorrupt(f"cannot read the approximate index in {folder}: {exc}") from exc
        held = sum(int(ann.ntotal) for ann in parts.values())
        if kind != "exact" and held != arr.shape[0]:
            raise SnapshotCorrupt(f"approximate index holds {held} vectors, not {arr.shape[0]}")
        try:
            return cls(arr, parts, kind=kind)
        except ValueError as exc:
            raise SnapshotCorrupt(f"bad vectors in {path}: {exc}") from exc


def write_vectors(folder: Path, vectors: npt.ArrayLike, parts: Mapping[str, Rows] | None = None) -> str:
    """Write `vectors` (n, dim) to `folder` (created if missing) as VECTORS_FILE, with an approximate
    index when n >= ANN_THRESHOLD (see `write_ann`); returns the index kind ("exact" or ANN_KIND)."""
    folder.mkdir(parents=True, exist_ok=True)
    arr = np.ascontiguousarray(vectors, dtype=np.float32)
    np.save(folder / VECTORS_FILE, arr)
    return write_ann(folder, arr, parts)


def write_ann(folder: Path, vectors: npt.NDArray[np.float32], parts: Mapping[str, Rows] | None = None) -> str:
    """Write the approximate index of `vectors` into `folder` when they are ANN_THRESHOLD or more:
    one IVF per partition (`ann-<i>.faiss`, in name order) and ANN_PARTS_FILE naming them.

    Args:
        parts: partition name -> its rows (sorted or not); together every row exactly once. None:
            one partition, ALL_ROWS. A partition without rows gets no index.

    Returns:
        The index kind: "exact" (nothing written) or ANN_KIND.

    Raises:
        ValueError: the partitions do not cover every row exactly once.
    """
    n = len(vectors)
    if n < ANN_THRESHOLD:
        return "exact"
    groups = {ALL_ROWS: np.arange(n, dtype=np.int64)} if parts is None else dict(parts)
    groups = {name: rows for name, rows in groups.items() if np.asarray(rows).size}
    count = np.bincount(np.concatenate([np.asarray(r, dtype=np.int64) for r in groups.values()]), minlength=n)
    if count.size != n or not bool((count == 1).all()):
        raise ValueError("the partitions must hold every row exactly once")
    files = {}
    for i, name in enumerate(sorted(groups)):
        files[name] = f"ann-{i}.faiss"
        rows = np.sort(np.asarray(groups[name], dtype=np.int64))
        faiss.write_index(build_ann(vectors, rows), str(folder / files[name]))
    (folder / ANN_PARTS_FILE).write_text(json.dumps({"parts": files}, ensure_ascii=False), encoding="utf-8")
    return ANN_KIND


def inner_products(vectors: npt.NDArray[np.float32], q: npt.NDArray[np.float32]) -> Scores:
    """`vectors @ q` for (n, dim) float32 vectors and a (dim,) query, on the calling thread.

    numpy hands a product this large to OpenBLAS, which splits it over both cores and then keeps its
    threads spinning for ~100 ms: CPU taken from the query encoder and from other processes. FAISS's
    SIMD kernel does it on one core (0.25 ms for 4.4k x 384).
    """
    rows = np.ascontiguousarray(vectors, dtype=np.float32)
    query = np.ascontiguousarray(q, dtype=np.float32)
    out = np.empty(rows.shape[0], dtype=np.float32)
    if rows.shape[0]:
        # fvec_inner_products_ny is missing from faiss's type stub
        faiss.fvec_inner_products_ny(  # type: ignore[attr-defined]
            faiss.swig_ptr(out), faiss.swig_ptr(query), faiss.swig_ptr(rows), rows.shape[1], rows.shape[0]
        )
    return out


def row_products(vectors: npt.NDArray[np.float32], rows: Rows, q: npt.NDArray[np.float32]) -> Scores:
    """`vectors[rows] @ q` for C-contiguous (n, dim) float32 vectors, int64 rows in 0..n-1 and a (dim,)
    query, without gathering the rows first (FAISS's by-index kernel, one thread: 0.23 against 0.62
    ms for 1,600 rows of a memory-mapped 1M x 384 array)."""
    ids = np.ascontiguousarray(rows, dtype=np.int64)
    query = np.ascontiguousarray(q, dtype=np.float32)
    out = np.empty(ids.size, dtype=np.float32)
    if ids.size:
        if int(ids.min()) < 0 or int(ids.max()) >= vectors.shape[0]:
            raise ValueError(f"rows outside 0..{vectors.shape[0] - 1}")
        # fvec_inner_products_by_idx is missing from faiss's type stub
        faiss.fvec_inner_products_by_idx(  # type: ignore[attr-defined]
            faiss.swig_ptr(out),
            faiss.swig_ptr(query),
            faiss.swig_ptr(vectors),
            faiss.swig_ptr(ids),
            vectors.shape[1],
            1,
            ids.size,
        )
    return out


def _empty() -> tuple[Rows, Scores]:
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)


def _finish(rows: npt.NDArray[np.int64], scores: npt.NDArray[np.float32]) -> tuple[Rows, Scores]:
    keep = rows >= 0  # FAISS pads with -1 when fewer than k rows qualify
    return rows[keep].astype(np.int64), scores[keep].astype(np.float32)
