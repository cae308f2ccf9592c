"""Pure ranking metrics with trec_eval conventions: nDCG@k, Recall@k, MRR@k.

Judgments are graded (qrels: doc id -> grade); a grade > 0 means relevant. nDCG uses the grade as
the gain and the log2(rank + 1) discount, with the ideal DCG taken over all judged relevant documents
of the query. Queries with no relevant document are excluded from averages (they have no defined
score); a judged query that retrieved nothing scores 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

QueryQrels = Mapping[str, int]
Qrels = Mapping[str, QueryQrels]
Ranking = Sequence[str]


def _check_k(k: int) -> None:
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")


def ndcg_at_k(ranking: Ranking, qrels: QueryQrels, k: int) -> float:
    """nDCG@k of one ranked list of doc ids (0.0 when the query has no relevant document)."""
    _check_k(k)
    gains = sorted((g for g in qrels.values() if g > 0), reverse=True)[:k]
    ideal = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    if ideal == 0.0:
        return 0.0
    dcg = sum(max(qrels.get(d, 0), 0) / math.log2(i + 2) for i, d in enumerate(ranking[:k]))
    return dcg / ideal


def recall_at_k(ranking: Ranking, qrels: QueryQrels, k: int) -> float:
    """Share of the query's relevant documents found in the top k."""
    _check_k(k)
    relevant = {d for d, g in qrels.items() if g > 0}
    if not relevant:
        return 0.0
    return len(relevant.intersection(ranking[:k])) / len(relevant)


def mrr_at_k(ranking: Ranking, qrels: QueryQrels, k: int) -> float:
    """1 / rank of the first relevant document within the top k, else 0."""
    _check_k(k)
    for i, d in enumerate(ranking[:k]):
        if qrels.get(d, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def judged_queries(qrels: Qrels) -> list[str]:
    """The query ids that have at least one relevant document (the ones metrics average over)."""
    return sorted(q for q, docs in qrels.items() if any(g > 0 for g in docs.values()))


def mean_metrics(
    runs: Mapping[str, Ranking], qrels: Qrels, *, ndcg_k: int = 10, recall_k: int = 100, mrr_k: int = 10
) -> dict[str, float]:
    """Means over judged queries of nDCG, Recall and MRR; a judged query absent from `runs` scores 0.

    Keys: "ndcg@{ndcg_k}", "recall@{recall_k}", "mrr@{mrr_k}" and "queries" (how many were averaged).
    """
    queries = judged_queries(qrels)
    n = len(queries)
    totals = {f"ndcg@{ndcg_k}": 0.0, f"recall@{recall_k}": 0.0, f"mrr@{mrr_k}": 0.0}
    for q in queries:
        ranking = runs.get(q, ())
        totals[f"ndcg@{ndcg_k}"] += ndcg_at_k(ranking, qrels[q], ndcg_k)
        totals[f"recall@{recall_k}"] += recall_at_k(ranking, qrels[q], recall_k)
        totals[f"mrr@{mrr_k}"] += mrr_at_k(ranking, qrels[q], mrr_k)
    means = {name: (total / n if n else 0.0) for name, total in totals.items()}
    means["queries"] = float(n)
    return means
