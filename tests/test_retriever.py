"""HybridRetriever over both backends (local and in-memory) with the FakeEmbedder: methods, filters,
query overrides, feedback, candidate fields."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from index.analyzer import analyze
from index.backend import Backend
from index.fusion import FusionConfig, FusionMode, fuse
from index.retriever import HybridRetriever, PrfConfig, RetrievalConfig
from index.types import Filters
from tests.fakes import FakeEmbedder
from tests.helpers import local_backend, memory_backend, prepare, text_source

DOCS = [
    "volcano eruption covered the town with lava and ash",
    "the volcano eruption sent magma and lava down the slope",
    "stock market prices fell sharply on monday",
    "the central bank raised interest rates again",
    "ash trees grow in the northern forest",
    "lava ash and magma flows cooled into black rock",
]
IDS = [f"d{i}" for i in range(len(DOCS))]


@pytest.fixture(params=["local", "memory"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    prepared = prepare(
        [text_source(i, d) for i, d in zip(IDS, DOCS, strict=True)], FakeEmbedder(), chunk=False
    )
    b: Backend = (
        local_backend(prepared, tmp_path / "data") if request.param == "local" else memory_backend(prepared)
    )
    yield b
    b.close()


def _retriever(
    backend: Backend, config: RetrievalConfig | None = None
) -> tuple[HybridRetriever, FakeEmbedder]:
    emb = FakeEmbedder()
    return HybridRetriever(backend, emb, analyze, config or RetrievalConfig()), emb


def test_dense_only(backend: Backend) -> None:
    r, emb = _retriever(backend)
    vectors = emb.encode(DOCS)
    cands = r.retrieve("volcano eruption", k=3, method="dense")
    q = emb.encode_query("volcano eruption")
    expected = np.argsort(-(vectors @ q), kind="stable")[:3]
    assert [c.id for c in cands] == [IDS[i] for i in expected]
    for rank, c in enumerate(cands, start=1):
        assert c.lexical is None and c.lexical_rank is None
        assert c.dense_rank == rank
        assert c.dense == pytest.approx(float(vectors[IDS.index(c.id)] @ q), abs=1e-5)
        assert c.score == pytest.approx(c.dense, abs=1e-5)


def test_lexical_only_returns_matching_passages(backend: Backend) -> None:
    r, _ = _retriever(backend)
    cands = r.retrieve("volcano eruption", k=10, method="lexical")
    assert {c.id for c in cands} == {"d0", "d1"}
    for c in cands:
        assert c.dense is None and c.dense_rank is None
        assert c.lexical is not None and c.lexical > 0
        assert c.score == pytest.approx(c.lexical)


def test_hybrid_ranks_documents_matching_both_first(backend: Backend) -> None:
    r, _ = _retriever(backend)
    cands = r.retrieve("volcano eruption lava", k=6)
    assert {cands[0].id, cands[1].id} == {"d0", "d1"}
    assert all(c.dense is not None for c in cands)
    assert [c.score for c in cands] == sorted((c.score for c in cands), reverse=True)
    assert len({c.id for c in cands}) == len(cands)


def test_k_limits_results(backend: Backend) -> None:
    r, _ = _retriever(backend)
    assert len(r.retrieve("volcano", k=2)) == 2
    assert r.retrieve("volcano", k=0) == []


@pytest.mark.parametrize("method", ["hybrid", "dense", "lexical"])
def test_filters_are_respected(backend: Backend, method: str) -> None:
    r, _ = _retriever(backend)
    allowed = Filters(source_ids=("d2", "d3", "d5"))
    cands = r.retrieve("lava rates", k=6, method=method, filters=allowed)  # type: ignore[arg-type]
    assert cands
    assert {c.id for c in cands} <= {"d2", "d3", "d5"}


def test_query_vector_override_replaces_the_embedding(backend: Backend) -> None:
    r, emb = _retriever(backend)
    cands = r.retrieve("volcano", k=1, method="dense", query_vector=emb.encode_query(DOCS[4]))
    assert cands[0].id == "d4"


def test_query_tokens_override_replaces_the_analysis(backend: Backend) -> None:
    r, _ = _retriever(backend)
    cands = r.retrieve("volcano", k=5, method="lexical", query_tokens=analyze("central bank"))
    assert [c.id for c in cands] == ["d3"]


def test_without_feedback_hybrid_is_plain_fusion(backend: Backend) -> None:
    config = RetrievalConfig(prf=PrfConfig(docs=0))
    r, emb = _retriever(backend, config)
    got = r.retrieve("volcano ash", k=10)
    q = emb.encode_query("volcano ash")
    dense = backend.dense_search(q, 100, Filters())
    lexical = backend.lexical_search({t: 1.0 for t in analyze("volcano ash")}, 100, Filters())
    expected = fuse(dense, lexical, config.fusion)
    assert [c.id for c in got] == [pid for pid, _ in expected[:10]]
    assert [c.score for c in got] == pytest.approx([s for _, s in expected[:10]])


def test_feedback_finds_related_document_without_query_terms(backend: Backend) -> None:
    plain, _ = _retriever(backend, RetrievalConfig(prf=PrfConfig(docs=0)))
    order = [c.id for c in plain.retrieve("volcano eruption", k=6, method="lexical")]
    assert set(order) == {"d0", "d1"}
    with_prf, _ = _retriever(backend, RetrievalConfig(prf=PrfConfig(docs=2, terms=30, query_weight=0.5)))
    got = with_prf.retrieve("volcano eruption", k=6)
    ids = [c.id for c in got]
    assert set(ids[:2]) == {"d0", "d1"}
    assert ids[2] == "d5"  # all of its terms come from the feedback passages
    d5 = got[2]
    assert d5.lexical is None and d5.lexical_rank is None  # the query's own terms are not in it


@pytest.mark.parametrize("mode", ["rrf", "convex", "zscore"])
def test_fusion_modes_run(backend: Backend, mode: FusionMode) -> None:
    r, _ = _retriever(backend, RetrievalConfig(fusion=FusionConfig(mode=mode)))
    assert {c.id for c in r.retrieve("volcano eruption", k=2)} == {"d0", "d1"}


def test_bad_arguments(backend: Backend) -> None:
    r, _ = _retriever(backend)
    with pytest.raises(ValueError, match="unknown retrieval method"):
        r.retrieve("x", k=3, method="sparse")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        PrfConfig(docs=-1)
    with pytest.raises(ValueError):
        FusionConfig(dense_weight=2.0)


def test_query_without_terms_still_gets_dense_results(backend: Backend) -> None:
    r, _ = _retriever(backend)
    cands = r.retrieve("the of and", k=3)
    assert len(cands) == 3


def test_context_terms_weigh_what_they_are_given(backend: Backend) -> None:
    """A follow-up's earlier question adds its terms at a lower weight than the question's own."""
    r, _ = _retriever(backend)

    def lexical(weight: float) -> dict[str, float]:
        cands = r.retrieve(
            "x", k=6, method="lexical", query_tokens=["bank"], context_tokens=["volcano", "lava"],
            context_weight=weight,
        )  # fmt: skip
        return {c.id: c.lexical for c in cands if c.lexical is not None}

    full, half = lexical(1.0), lexical(0.5)
    assert half["d3"] == pytest.approx(full["d3"])  # the question's own term: unchanged
    for doc in ("d0", "d1"):  # only the earlier question's terms: half the BM25 score
        assert half[doc] == pytest.approx(full[doc] / 2)
    assert max(full, key=full.__getitem__) != "d3"
    assert max(lexical(0.1), key=lexical(0.1).__getitem__) == "d3"
