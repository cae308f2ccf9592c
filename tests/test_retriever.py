"""HybridRetriever with the FakeEmbedder: methods, subsets, query overrides, feedback, candidate fields."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from index.analyzer import analyze, analyze_many
from index.fusion import FusionConfig, FusionMode, fuse
from index.lexical import LexicalIndex
from index.retriever import HybridRetriever, PrfConfig, RetrievalConfig
from index.vectors import VectorIndex
from tests.fakes import FakeEmbedder

DOCS = [
    "volcano eruption covered the town with lava and ash",
    "the volcano eruption sent magma and lava down the slope",
    "stock market prices fell sharply on monday",
    "the central bank raised interest rates again",
    "ash trees grow in the northern forest",
    "lava ash and magma flows cooled into black rock",
]


def _retriever(config: RetrievalConfig | None = None) -> tuple[HybridRetriever, FakeEmbedder, np.ndarray]:
    emb = FakeEmbedder(dim=64)
    vectors = emb.encode(DOCS)
    lexical = LexicalIndex.build(analyze_many(DOCS))
    retriever = HybridRetriever(
        emb, VectorIndex.build(vectors), lexical, analyze, config or RetrievalConfig()
    )
    return retriever, emb, vectors


def test_dense_only() -> None:
    r, emb, vectors = _retriever()
    cands = r.retrieve("volcano eruption", k=3, method="dense")
    q = emb.encode_query("volcano eruption")
    expected = np.argsort(-(vectors @ q), kind="stable")[:3]
    assert [c.row for c in cands] == expected.tolist()
    for rank, c in enumerate(cands, start=1):
        assert c.lexical is None and c.lexical_rank is None
        assert c.dense_rank == rank
        assert c.dense == pytest.approx(float(vectors[c.row] @ q), abs=1e-5)
        assert c.score == pytest.approx(c.dense, abs=1e-5)


def test_lexical_only_returns_matching_rows() -> None:
    r, _, _ = _retriever()
    cands = r.retrieve("volcano eruption", k=10, method="lexical")
    assert {c.row for c in cands} == {0, 1}
    raw = LexicalIndex.build(analyze_many(DOCS)).scores(Counter(analyze("volcano eruption")))
    for c in cands:
        assert c.dense is None and c.dense_rank is None
        assert c.lexical == pytest.approx(float(raw[c.row]))
        assert c.score == pytest.approx(c.lexical)


def test_hybrid_ranks_documents_matching_both_first() -> None:
    r, _, _ = _retriever()
    cands = r.retrieve("volcano eruption lava", k=6)
    assert {cands[0].row, cands[1].row} == {0, 1}
    assert all(c.dense is not None and c.lexical is not None for c in cands)
    assert [c.score for c in cands] == sorted((c.score for c in cands), reverse=True)
    assert len({c.row for c in cands}) == len(cands)


def test_k_limits_results() -> None:
    r, _, _ = _retriever()
    assert len(r.retrieve("volcano", k=2)) == 2
    assert r.retrieve("volcano", k=0) == []


@pytest.mark.parametrize("method", ["hybrid", "dense", "lexical"])
def test_subset_is_respected(method: str) -> None:
    r, _, _ = _retriever()
    subset = np.array([2, 3, 5])
    cands = r.retrieve("volcano eruption lava ash", k=10, method=method, subset=subset)  # type: ignore[arg-type]
    assert cands
    assert {c.row for c in cands} <= {2, 3, 5}


def test_query_vector_override_replaces_the_embedding() -> None:
    r, _, vectors = _retriever()
    cands = r.retrieve("stock market", k=1, method="dense", query_vector=vectors[4])
    assert cands[0].row == 4


def test_query_tokens_override_replaces_the_analysis() -> None:
    r, _, _ = _retriever()
    cands = r.retrieve("volcano", k=10, method="lexical", query_tokens=["bank", "rate"])
    assert [c.row for c in cands] == [3]


def test_without_feedback_hybrid_is_plain_fusion() -> None:
    config = RetrievalConfig(prf=PrfConfig(docs=0))
    r, emb, vectors = _retriever(config)
    question = "volcano eruption"
    dense_rows, dense_scores = VectorIndex.build(vectors).search(emb.encode_query(question), 100)
    lex_rows, lex_scores = LexicalIndex.build(analyze_many(DOCS)).search(analyze(question), 100)
    expected = fuse(
        list(zip(dense_rows.tolist(), dense_scores.tolist(), strict=True)),
        list(zip(lex_rows.tolist(), lex_scores.tolist(), strict=True)),
        config.fusion,
    )
    got = r.retrieve(question, k=10)
    assert [c.row for c in got] == [row for row, _ in expected[:10]]
    assert [c.score for c in got] == pytest.approx([s for _, s in expected[:10]])


def test_feedback_finds_related_document_without_query_terms() -> None:
    # Row 5 shares no term with the query but shares lava/ash/magma with the top rows 0 and 1. A
    # zero query vector makes the dense run uninformative, so only the lexical side can move row 5.
    blank = np.zeros(64, dtype=np.float32)
    plain = _retriever(RetrievalConfig(prf=PrfConfig(docs=0)))[0]
    order = [c.row for c in plain.retrieve("volcano eruption", k=6, query_vector=blank)]
    assert order == [0, 1, 2, 3, 4, 5] or order == [1, 0, 2, 3, 4, 5]
    with_prf = _retriever(RetrievalConfig(prf=PrfConfig(docs=2, terms=30, query_weight=0.5)))[0]
    cands = with_prf.retrieve("volcano eruption", k=6, query_vector=blank)
    order = [c.row for c in cands]
    assert set(order[:2]) == {0, 1}
    assert order[2] == 5  # all of its terms come from the feedback rows
    row5 = cands[2]
    assert row5.lexical == 0.0 and row5.lexical_rank is None  # raw BM25 of the query itself


def test_rrf_and_convex_modes_run() -> None:
    modes: tuple[FusionMode, ...] = ("rrf", "convex")
    for mode in modes:
        config = RetrievalConfig(fusion=FusionConfig(mode=mode))
        r, _, _ = _retriever(config)
        assert {c.row for c in r.retrieve("volcano eruption", k=2)} == {0, 1}


def test_bad_arguments() -> None:
    r, emb, vectors = _retriever()
    with pytest.raises(ValueError, match="method"):
        r.retrieve("x", k=3, method="sparse")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="lexical"):
        HybridRetriever(emb, VectorIndex.build(vectors[:2]), LexicalIndex.build(analyze_many(DOCS)), analyze)
    with pytest.raises(ValueError):
        PrfConfig(query_weight=2.0)


def test_query_without_terms_still_gets_dense_results() -> None:
    r, _, _ = _retriever()
    cands = r.retrieve("the of and", k=3)
    assert len(cands) == 3
