"""Decide whether a passage supports an answer: pure functions over calibrated evidence scores.

Two signals, both cheap and available for every candidate:
- dense: cosine between the question and the passage embeddings;
- coverage: the IDF-weighted share of the question's analysed terms that occur in the passage.
The thresholds are calibrated per language on the domain dev set (bench/devset); see
bench/calibrate.py. Korean leans on coverage because the default embedding model is English-only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    """When a question counts as answered, and which passages are then shown.

    A question is answered when one of its top candidates `supports` an answer (dense alone, coverage
    with a dense floor, or both together). The passages shown are then the ranked candidates that
    reach at least one of the lower per-passage bars (`hit_dense`, `hit_coverage`).
    """

    dense: float  # dense alone suffices at or above this
    coverage: float  # coverage alone suffices at or above this (with dense_floor)
    dense_floor: float  # minimum dense for a coverage-based decision
    combined: float  # dense + coverage at or above this suffices
    hit_dense: float  # a shown passage needs dense at or above this ...
    hit_coverage: float  # ... or coverage at or above this


NO_DENSE = 9.0  # a bar no cosine reaches: for languages the embedding model does not read

# Calibrated with bench/calibrate.py on bench/devset (see bench/README.md for the figures). Korean and
# Chinese questions are answered from the lexical index alone (the default model is English-only),
# so only coverage decides for them.
_COVERAGE_ONLY = Thresholds(
    dense=NO_DENSE, coverage=0.4, dense_floor=-1.0, combined=NO_DENSE, hit_dense=NO_DENSE, hit_coverage=0.3
)
DEFAULT_THRESHOLDS: Mapping[str, Thresholds] = {
    "en": Thresholds(
        dense=0.6, coverage=0.65, dense_floor=0.3, combined=1.2, hit_dense=0.5, hit_coverage=0.5
    ),
    "ko": _COVERAGE_ONLY,
    "zh": _COVERAGE_ONLY,
}
# The same rules for multilingual-e5-small, whose cosines are compressed into about 0.7-0.95 (fitted
# with bench/calibrate.py on the dev set's fit half; every language is read by the model).
E5_THRESHOLDS: Mapping[str, Thresholds] = {
    "en": Thresholds(
        dense=0.872, coverage=0.4, dense_floor=0.864, combined=NO_DENSE, hit_dense=0.872, hit_coverage=0.5
    ),
    "ko": Thresholds(
        dense=0.896, coverage=0.7, dense_floor=0.885, combined=NO_DENSE, hit_dense=0.0, hit_coverage=0.0
    ),
}
E5_THRESHOLDS = {**E5_THRESHOLDS, "zh": E5_THRESHOLDS["ko"]}
ANSWER_WINDOW = 10  # how many top candidates may carry the "answered" decision


def thresholds_for(fingerprint: str) -> Mapping[str, Thresholds]:
    """The threshold rules for an embedder: e5's for multilingual-e5-small, else MiniLM's."""
    return E5_THRESHOLDS if fingerprint.startswith("multilingual-e5-small") else DEFAULT_THRESHOLDS


def idf(df: int, n_docs: int) -> float:
    """BM25's inverse document frequency in Lucene's form (BM25Similarity): ln(1 + (N - df + 0.5) /
    (df + 0.5)), with `df` the number of passages holding the term and N = `n_docs`; > 0 for
    0 <= df <= N, largest (ln(2N + 2)) for a term no passage holds."""
    return math.log(1.0 + (n_docs - df + 0.5) / (df + 0.5))


def coverage(
    query_terms: Iterable[str], passage_terms: set[str], df: Mapping[str, int], n_docs: int
) -> float:
    """IDF-weighted share of distinct query terms present in the passage (0..1). Unknown terms count:
    a question about something the collection never mentions must not look covered."""
    terms = sorted(set(query_terms))  # sums in a fixed order: the same float in every process
    if not terms:
        return 0.0
    weights = {t: idf(df.get(t, 0), n_docs) for t in terms}
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(w for t, w in weights.items() if t in passage_terms) / total


def supports(dense: float, cov: float, t: Thresholds) -> bool:
    """Whether one passage's scores are strong enough to count as an answer."""
    if dense >= t.dense:
        return True
    if cov >= t.coverage and dense >= t.dense_floor:
        return True
    return dense + cov >= t.combined


def decide(
    scores: Sequence[tuple[float, float]],
    t: Thresholds,
    k: int,
    eligible: Sequence[bool] | None = None,
) -> tuple[bool, list[int]]:
    """From ranked (dense, coverage) pairs: whether the question is answered, and which to show.

    `eligible[i]` is False for a candidate that lacks something the question pins down (a year, a
    figure, a name, a quoted phrase: see index.question); such a candidate never answers or shows.
    Returns (answered, indexes of at most k candidates to show, in rank order); nothing is shown when
    the question is not answered.
    """
    ok = list(eligible) if eligible is not None else [True] * len(scores)
    strong = {i for i, (d, c) in enumerate(scores[:ANSWER_WINDOW]) if ok[i] and supports(d, c, t)}
    if not strong:
        return False, []
    shown = [
        i
        for i, (d, c) in enumerate(scores)
        if ok[i] and (i in strong or d >= t.hit_dense or c >= t.hit_coverage)
    ]
    return True, shown[:k]
