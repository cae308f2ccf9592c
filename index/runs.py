"""Retrieval runs as arrays of row handles (`index.backend.RowRunsBackend`).

Each function gives what its id-keyed counterpart gives: the same passages, in the same order (ties
by passage id, through `Ranks`), with the same floats (sums formed in the same order). The
retriever uses them when its backend can answer in rows, and so fuses the ~400 scored passages of a
question with a few numpy operations instead of dicts of strings.

    merge_runs    ~ HybridRetriever._dense's merge of the per-language dense runs
    add_runs      ~ index.retriever._added (translated BM25 runs added to the question's)
    zscore_fuse   ~ index.fusion.zscore_fusion of a dense and a lexical run
    positions     ~ a dict from a run's rows to their places, looked up for a few rows
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from index.arrays import sorted_unique, unique_inverse
from index.backend import RowRun, Rows
from index.fusion import zscore_params

Floats = npt.NDArray[np.float64]
RowScores = tuple[Rows, Floats]
"""(rows, scores in float64), best first: the array form of `index.backend.Ranked`."""
Ranks = Callable[[Rows], Rows]
"""Rows -> their places in the order of all passage ids (`RowRunsBackend.id_ranks`)."""


def widened(run: RowRun) -> RowScores:
    """A backend's run with its float32 scores as float64 (what `float()` of each gives)."""
    return run[0], run[1].astype(np.float64)


def empty() -> RowScores:
    """A run with no passages."""
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)


def best_first(rows: Rows, scores: Floats, ranks: Ranks, depth: int | None = None) -> RowScores:
    """`rows` by score descending, ties by passage id; the first `depth` (None: all)."""
    order = np.lexsort((ranks(rows), -scores))[:depth]
    return rows[order], scores[order]


def merge_runs(runs: Sequence[RowRun], offsets: Sequence[float], depth: int, ranks: Ranks) -> RowScores:
    """Runs over disjoint passages (one per language) with `offsets[i]` added to run i's scores,
    merged best first (ties by id), the first `depth`."""
    if not runs:
        return empty()
    rows = np.concatenate([r for r, _ in runs])
    scores = np.concatenate(
        [s.astype(np.float64) + offset for (_, s), offset in zip(runs, offsets, strict=True)]
    )
    return best_first(rows, scores, ranks, depth)


def add_runs(run: RowScores, extra: Sequence[RowScores], depth: int, ranks: Ranks) -> RowScores:
    """`run` with the scores of the `extra` runs added passage by passage (a passage missing from a
    run adds nothing), best first (ties by id), at most `depth`; `run` itself when there are none."""
    if not extra:
        return run
    rows = np.concatenate([run[0], *(r for r, _ in extra)])
    scores = np.concatenate([run[1], *(s for _, s in extra)])
    distinct, at = unique_inverse(rows)
    # bincount adds the weights in input order: run first, then each extra run, as the dict does
    total = np.bincount(at.reshape(-1), weights=scores, minlength=distinct.size).astype(
        np.float64, copy=False
    )
    return best_first(distinct, total, ranks, depth)


ZRun = tuple[Rows, Floats, float]
"""(rows, their z-scores within the run, the lowest z-score): a run as `zscore_fuse` reads it."""


def zscored(run: RowScores) -> ZRun:
    """A run's z-scores (all 0 when its scores are all equal; `index.fusion.zscore_params`), with
    the lowest, which a passage missing from the run gets; a run that fuses twice (the dense run,
    before and after feedback) is normalised once."""
    run_rows, scores = run
    if run_rows.size == 0:
        return run_rows, scores, 0.0
    mean, std = zscore_params(scores.tolist())
    z = np.zeros(scores.size, dtype=np.float64) if std == 0.0 else (scores - mean) / std
    return run_rows, z, z.min()


def zscore_fuse(dense: RowScores, lexical: RowScores, weights: Sequence[float], ranks: Ranks) -> RowScores:
    """Weighted sum of the two runs' z-scores; a passage missing from a run gets that run's lowest
    z-score (`index.fusion.zscore_fusion`), best first, ties by id."""
    return fuse_zscored((zscored(dense), zscored(lexical)), weights, ranks)


def fuse_zscored(parts: Sequence[ZRun], weights: Sequence[float], ranks: Ranks) -> RowScores:
    """`zscore_fuse` of runs already normalised (`zscored`), summed in the order given."""
    rows = sorted_unique(np.concatenate([run_rows for run_rows, _, _ in parts]))
    fused = np.zeros(rows.size, dtype=np.float64)
    for (run_rows, z, lowest), weight in zip(parts, weights, strict=True):
        if run_rows.size == 0:
            continue
        value = np.full(rows.size, lowest, dtype=np.float64)
        value[np.searchsorted(rows, run_rows)] = z
        fused = fused + weight * value
    return best_first(rows, fused, ranks)


def positions(keys: Rows, among: Rows) -> tuple[npt.NDArray[np.bool_], Rows]:
    """Where each of `keys` (m rows) stands in `among` (n distinct rows, such as a run's): (found,
    shape (m,); its index in `among`, shape (m,), 0 where not found). One (m, n) comparison: meant
    for a query's few dozen candidates against runs of a few hundred rows (~10 us), where a dict of
    the run's rows costs ~15 us per 100."""
    if keys.size == 0 or among.size == 0:
        return np.zeros(keys.size, dtype=bool), np.zeros(keys.size, dtype=np.int64)
    match = keys[:, None] == among[None, :]
    return match.any(axis=1), match.argmax(axis=1).astype(np.int64)
