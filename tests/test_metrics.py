"""Ranking metrics against hand-computed values (graded qrels, unjudged and non-relevant docs)."""

from __future__ import annotations

import math

import pytest

from index.eval.metrics import judged_queries, mean_metrics, mrr_at_k, ndcg_at_k, recall_at_k

QRELS = {"a": 3, "b": 1, "c": 2, "z": 0}  # z is judged non-relevant


def test_ndcg_graded() -> None:
    # DCG@3 = 1/log2(2) + 0/log2(3) + 3/log2(4) = 2.5; ideal gains 3, 2, 1 -> 3 + 2/log2(3) + 1/2
    ideal = 3 + 2 / math.log2(3) + 0.5
    assert math.isclose(ndcg_at_k(["b", "x", "a", "c"], QRELS, 3), 2.5 / ideal)
    assert math.isclose(ndcg_at_k(["a", "c", "b"], QRELS, 3), 1.0)
    assert math.isclose(ndcg_at_k(["a", "c", "b", "z"], QRELS, 10), 1.0)
    assert ndcg_at_k(["x", "z"], QRELS, 10) == 0.0
    assert ndcg_at_k([], QRELS, 10) == 0.0


def test_ndcg_ideal_uses_all_relevant_docs() -> None:
    # Only one of three relevant docs retrieved, at rank 1: DCG = 1, ideal@10 = 1 + 1/log2(3) + 1/2
    binary = {"a": 1, "b": 1, "c": 1}
    assert math.isclose(ndcg_at_k(["a"], binary, 10), 1 / (1 + 1 / math.log2(3) + 0.5))
    # ideal at k=1 only counts the best single gain
    assert math.isclose(ndcg_at_k(["b"], QRELS, 1), 1 / 3)


def test_recall() -> None:
    assert math.isclose(recall_at_k(["b", "x", "a", "c"], QRELS, 3), 2 / 3)
    assert recall_at_k(["b", "x", "a", "c"], QRELS, 4) == 1.0
    assert recall_at_k(["z"], QRELS, 10) == 0.0


def test_mrr() -> None:
    assert mrr_at_k(["b", "x"], QRELS, 10) == 1.0
    assert math.isclose(mrr_at_k(["x", "z", "c"], QRELS, 10), 1 / 3)
    assert mrr_at_k(["x", "z", "c"], QRELS, 2) == 0.0


def test_bad_k() -> None:
    with pytest.raises(ValueError):
        ndcg_at_k(["a"], QRELS, 0)


def test_mean_excludes_queries_without_relevant_docs() -> None:
    qrels = {"q1": {"a": 2, "b": 1}, "q2": {"c": 1}, "q3": {"d": 0}, "q4": {}}
    runs = {"q1": ["a", "b"], "q2": ["x", "c"], "q3": ["d"]}
    assert judged_queries(qrels) == ["q1", "q2"]
    m = mean_metrics(runs, qrels, ndcg_k=10, recall_k=100, mrr_k=10)
    assert m["queries"] == 2
    assert math.isclose(m["ndcg@10"], (1.0 + (1 / math.log2(3))) / 2)
    assert m["recall@100"] == 1.0
    assert math.isclose(m["mrr@10"], (1.0 + 0.5) / 2)


def test_mean_counts_missing_runs_as_zero() -> None:
    qrels = {"q1": {"a": 1}, "q2": {"b": 1}}
    m = mean_metrics({"q1": ["a"]}, qrels)
    assert m["queries"] == 2
    assert m["ndcg@10"] == 0.5 and m["recall@100"] == 0.5 and m["mrr@10"] == 0.5


def test_mean_with_no_judged_queries() -> None:
    assert mean_metrics({}, {}) == {"ndcg@10": 0.0, "recall@100": 0.0, "mrr@10": 0.0, "queries": 0.0}
