"""Pure rank fusion over (id, score) lists: z-score, reciprocal rank and min-max convex combination.

Each run is a list of (passage id, score) pairs from one retrieval method, best first. An id missing from a
run gets that run's lowest normalised score (z-score, min-max) or no contribution (RRF). The result
is sorted by fused score, best first, ties broken by id so that fusion is deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Run = Sequence[tuple[str, float]]
Fused = list[tuple[str, float]]
FusionMode = Literal["zscore", "rrf", "convex"]


@dataclass(frozen=True)
class FusionConfig:
    """How the dense and lexical runs are combined (one setting for every collection).

    `dense_weight` weighs the dense run against the lexical one (1 - dense_weight) in z-score and
    convex fusion and scales the runs' RRF terms the same way; `depth` is how many candidates each
    method contributes before fusion; `rrf_k` is RRF's rank offset.
    """

    mode: FusionMode = "zscore"
    dense_weight: float = 0.5
    depth: int = 100
    rrf_k: int = 60

    def __post_init__(self) -> None:
        if self.mode not in ("zscore", "rrf", "convex"):
            raise ValueError(f"unknown fusion mode {self.mode!r}: expected zscore, rrf or convex")
        if not 0.0 <= self.dense_weight <= 1.0:
            raise ValueError(f"dense_weight must lie in [0, 1], got {self.dense_weight}")
        if self.depth < 1 or self.rrf_k < 0:
            raise ValueError(f"depth must be >= 1 and rrf_k >= 0, got {self.depth}, {self.rrf_k}")


def _sorted(scores: dict[str, float]) -> Fused:
    return sorted(scores.items(), key=lambda rs: (-rs[1], rs[0]))


def _check(runs: Sequence[Run], weights: Sequence[float]) -> None:
    if len(runs) != len(weights):
        raise ValueError(f"{len(runs)} runs but {len(weights)} weights")


def zscore_params(values: Sequence[float]) -> tuple[float, float]:
    """(mean, population standard deviation) of a non-empty run's scores, summed in run order (the
    array fusion of `index.runs` reads them from here, so both give the same floats)."""
    mean = sum(values) / len(values)
    return mean, math.sqrt(sum([(v - mean) ** 2 for v in values]) / len(values))


def zscore_normalize(run: Run) -> dict[str, float]:
    """Scores as standard scores within the run (all 0 when the run has fewer than 2 distinct scores)."""
    if not run:
        return {}
    mean, std = zscore_params([s for _, s in run])
    if std == 0.0:
        return {r: 0.0 for r, _ in run}
    return {r: (s - mean) / std for r, s in run}


def minmax_normalize(run: Run) -> dict[str, float]:
    """Scores rescaled to [0, 1] within the run (all 1 when the run's scores are all equal)."""
    if not run:
        return {}
    lo = min(s for _, s in run)
    hi = max(s for _, s in run)
    if hi == lo:
        return {r: 1.0 for r, _ in run}
    return {r: (s - lo) / (hi - lo) for r, s in run}


def _weighted_sum(normalized: Sequence[dict[str, float]], weights: Sequence[float]) -> Fused:
    """Sum over runs of weight x normalised score; an id missing from a run gets that run's lowest
    score. Runs are added one after the other, so every sum is formed in run order."""
    fused = dict.fromkeys((r for run in normalized for r in run), 0.0)
    for run, w in zip(normalized, weights, strict=True):
        if not run:
            continue
        floor, score = min(run.values()), run.get
        for r in fused:
            fused[r] += w * score(r, floor)
    return _sorted(fused)


def zscore_fusion(runs: Sequence[Run], weights: Sequence[float]) -> Fused:
    """Weighted sum of per-run z-scores."""
    _check(runs, weights)
    return _weighted_sum([zscore_normalize(r) for r in runs], weights)


def convex_fusion(runs: Sequence[Run], weights: Sequence[float]) -> Fused:
    """Weighted sum of per-run min-max normalised scores."""
    _check(runs, weights)
    return _weighted_sum([minmax_normalize(r) for r in runs], weights)


def rrf_fusion(runs: Sequence[Run], weights: Sequence[float], k: int = 60) -> Fused:
    """Reciprocal rank fusion: sum of weight / (k + rank), ranks from 1 in each run's given order."""
    _check(runs, weights)
    fused: dict[str, float] = {}
    for run, w in zip(runs, weights, strict=True):
        for rank, (r, _) in enumerate(run, start=1):
            fused[r] = fused.get(r, 0.0) + w / (k + rank)
    return _sorted(fused)


def fuse(dense: Run, lexical: Run, config: FusionConfig) -> Fused:
    """Combine a dense and a lexical run as `config` says."""
    weights = (config.dense_weight, 1.0 - config.dense_weight)
    if config.mode == "rrf":
        return rrf_fusion((dense, lexical), weights, config.rrf_k)
    if config.mode == "convex":
        return convex_fusion((dense, lexical), weights)
    return zscore_fusion((dense, lexical), weights)
