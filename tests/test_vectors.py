"""VectorIndex against a brute-force numpy oracle, with and without row subsets, and by round-trip."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corpus.errors import SnapshotCorrupt
from index.local import vectors
from index.local.vectors import VectorIndex
from index.types import Filters
from tests.fakes import FakeEmbedder
from tests.helpers import local_backend, prepare, text_source


def _unit(rng: np.random.Generator, n: int, dim: int) -> np.ndarray:
    x = rng.standard_normal((n, dim)).astype(np.float32)
    unit: np.ndarray = x / np.linalg.norm(x, axis=1, keepdims=True)
    return unit


def _oracle(x: np.ndarray, q: np.ndarray, k: int, subset: np.ndarray | None = None) -> np.ndarray:
    rows = np.arange(len(x)) if subset is None else np.unique(subset)
    sims = x[rows] @ q
    return rows[np.argsort(-sims, kind="stable")[:k]]


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("k", [1, 10, 50])
def test_search_equals_brute_force(seed: int, k: int) -> None:
    rng = np.random.default_rng(seed)
    x = _unit(rng, 500, 32)
    index = VectorIndex.build(x)
    for q in _unit(rng, 5, 32):
        rows, scores = index.search(q, k)
        np.testing.assert_array_equal(rows, _oracle(x, q, k))
        np.testing.assert_allclose(scores, x[rows] @ q, rtol=1e-5, atol=1e-6)
        assert np.all(np.diff(scores) <= 1e-7)


# 5 rows of 500 go through numpy, 400 through the FAISS bitmap selector: both paths are checked.
@pytest.mark.parametrize("order", ["shuffled", "sorted", "repeated"])
@pytest.mark.parametrize("subset_size", [5, 60, 400])
def test_subset_search_equals_brute_force(subset_size: int, order: str) -> None:
    rng = np.random.default_rng(subset_size)
    x = _unit(rng, 500, 32)
    index = VectorIndex.build(x)
    subset = rng.choice(500, subset_size, replace=False)
    if order == "sorted":  # as filters give it (the search skips deduplication then)
        subset = np.sort(subset)
    elif order == "repeated":
        subset = np.concatenate([subset, subset[::-1]])
    for q in _unit(rng, 5, 32):
        rows, scores = index.search(q, 20, subset=subset)
        np.testing.assert_array_equal(rows, _oracle(x, q, 20, subset))
        assert set(rows.tolist()) <= set(subset.tolist())
        np.testing.assert_allclose(scores, x[rows] @ q, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("share", [0.1, 0.9])  # a few rows gathered, or one product over all
def test_search_groups_equals_one_search_per_group(share: float) -> None:
    rng = np.random.default_rng(7)
    x = _unit(rng, 600, 32)
    index = VectorIndex.build(x)
    rows = np.sort(rng.choice(600, int(600 * share), replace=False))
    groups = [rows[::3], rows[1::3], rows[2::3], np.zeros(0, dtype=np.int64)]
    for q in _unit(rng, 4, 32):
        got = index.search_groups(q, 15, groups)
        assert len(got) == 4 and got[3][0].size == 0
        for g, (r, s) in zip(groups[:3], got, strict=False):
            np.testing.assert_array_equal(r, _oracle(x, q, 15, g))
            np.testing.assert_allclose(s, x[r] @ q, rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="dimension"):
        index.search_groups(np.ones(8, dtype=np.float32), 5, groups)


def test_inner_products_match_numpy() -> None:
    rng = np.random.default_rng(3)
    x, q = _unit(rng, 300, 48), _unit(rng, 1, 48)[0]
    np.testing.assert_allclose(vectors.inner_products(x, q), x @ q, rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(vectors.inner_products(x[::7], q), x[::7] @ q, rtol=1e-5, atol=1e-6)
    assert vectors.inner_products(x[:0], q).shape == (0,)


def test_k_larger_than_collection_or_subset() -> None:
    rng = np.random.default_rng(7)
    x = _unit(rng, 12, 8)
    index = VectorIndex.build(x)
    rows, _ = index.search(x[3], 100)
    assert sorted(rows.tolist()) == list(range(12))
    assert rows[0] == 3
    rows, _ = index.search(x[3], 100, subset=np.array([1, 3, 3, 5]))
    assert sorted(rows.tolist()) == [1, 3, 5]
    assert index.search(x[3], 5, subset=np.array([], dtype=np.int64))[0].size == 0
    assert index.search(x[3], 0)[0].size == 0


def test_empty_index() -> None:
    index = VectorIndex.build(np.zeros((0, 8), dtype=np.float32))
    assert len(index) == 0
    rows, scores = index.search(np.ones(8, dtype=np.float32), 5)
    assert rows.size == 0 and scores.size == 0


def test_bad_inputs() -> None:
    index = VectorIndex.build(np.eye(4, dtype=np.float32))
    with pytest.raises(ValueError, match="dimension"):
        index.search(np.ones(3, dtype=np.float32), 2)
    with pytest.raises(ValueError, match="outside"):
        index.search(np.ones(4, dtype=np.float32), 2, subset=np.array([0, 9]))
    with pytest.raises(ValueError):
        VectorIndex.build(np.ones(4, dtype=np.float32))


def test_vectors_of_returns_stored_rows() -> None:
    rng = np.random.default_rng(3)
    x = _unit(rng, 20, 16)
    index = VectorIndex.build(x)
    np.testing.assert_array_equal(index.vectors_of([4, 2]), x[[4, 2]])
    assert index.dim == 16 and len(index) == 20


def test_save_load_round_trip(tmp_path: Path) -> None:
    rng = np.random.default_rng(11)
    x = _unit(rng, 300, 24)
    index = VectorIndex.build(x)
    index.save(tmp_path / "vec")
    loaded = VectorIndex.load(tmp_path / "vec")
    subset = np.arange(0, 300, 3)
    for q in _unit(rng, 4, 24):
        for sub in (None, subset):
            a_rows, a_scores = index.search(q, 15, sub)
            b_rows, b_scores = loaded.search(q, 15, sub)
            np.testing.assert_array_equal(a_rows, b_rows)
            np.testing.assert_array_equal(a_scores, b_scores)


def test_load_missing_or_corrupt(tmp_path: Path) -> None:
    with pytest.raises(SnapshotCorrupt, match="vectors"):
        VectorIndex.load(tmp_path)
    (tmp_path / "vectors.npy").write_bytes(b"not numpy")
    with pytest.raises(SnapshotCorrupt):
        VectorIndex.load(tmp_path)


def _clustered(rng: np.random.Generator, n: int, dim: int, centres: int) -> np.ndarray:
    """Unit vectors around a few centres (cosine ~0.8 to their centre), like passages on few topics."""
    c = _unit(rng, centres, dim)
    x = c[rng.integers(centres, size=n)] + rng.standard_normal((n, dim)).astype(np.float32) * 0.04
    unit: np.ndarray = x / np.linalg.norm(x, axis=1, keepdims=True)
    return unit.astype(np.float32)


def test_approximate_index_above_the_threshold_keeps_recall(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(5)
    x = _clustered(rng, 6000, 32, 60)
    monkeypatch.setattr(vectors, "ANN_THRESHOLD", 5000)
    assert vectors.write_vectors(tmp_path / "vec", x) == vectors.ANN_KIND
    loaded = VectorIndex.load(tmp_path / "vec", vectors.ANN_KIND)
    assert loaded.kind == vectors.ANN_KIND and len(loaded) == 6000
    exact = VectorIndex.build(x)
    queries = _clustered(rng, 40, 32, 60)
    found = 0
    subset = np.arange(0, 6000, 2)
    for q in queries:
        rows, scores = loaded.search(q, 10)
        np.testing.assert_allclose(scores, x[rows] @ q, rtol=1e-5, atol=1e-6)  # exact re-scoring
        found += len(set(rows.tolist()) & set(exact.search(q, 10)[0].tolist()))
        sub_rows, _ = loaded.search(q, 10, subset)
        assert set(sub_rows.tolist()) <= set(subset.tolist()) and sub_rows.size == 10
    assert found / (10 * len(queries)) >= 0.98
    rows, _ = loaded.search(queries[0], 10, exact=True)
    np.testing.assert_array_equal(rows, exact.search(queries[0], 10)[0])


def test_small_collections_stay_exact(tmp_path: Path) -> None:
    x = _unit(np.random.default_rng(2), 50, 8)
    assert vectors.write_vectors(tmp_path / "vec", x) == "exact"
    assert not (tmp_path / "vec" / vectors.ANN_FILE).exists()
    loaded = VectorIndex.load(tmp_path / "vec")
    assert loaded.kind == "exact"
    assert not loaded._vectors.flags.owndata and not loaded._vectors.flags.writeable  # mapped, not read
    with pytest.raises(SnapshotCorrupt, match="kind"):
        VectorIndex.load(tmp_path / "vec", "hnsw-42")


def _recall(index: VectorIndex, x: np.ndarray, queries: np.ndarray, rows: np.ndarray, **kw: object) -> float:
    found = 0
    for q in queries:
        got, _ = index.search(q, 10, rows, **kw)  # type: ignore[arg-type]
        assert set(got.tolist()) <= set(rows.tolist())
        found += len(set(got.tolist()) & set(_oracle(x, q, 10, rows).tolist()))
    return found / (10 * len(queries))


@pytest.mark.parametrize("codes", ["pq4", "sq8"])
def test_each_partition_is_searched_in_its_own_lists(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, codes: str
) -> None:
    # Two "languages" in different regions of the space, interleaved in runs as sources are; the
    # questions sit in the big one's region. A search of the small one must still find its best rows.
    monkeypatch.setattr(vectors, "PQ_MIN_ROWS", 500 if codes == "pq4" else 10**9)
    rng = np.random.default_rng(7)
    big, small = _clustered(rng, 5000, 32, 50), _clustered(rng, 1000, 32, 10)
    order = []
    for i in range(10):
        order.append(("en", big[i * 500 : (i + 1) * 500]))
        order.append(("ko", small[i * 100 : (i + 1) * 100]))
    x = np.concatenate([v for _, v in order])
    rows_of: dict[str, list[int]] = {"en": [], "ko": []}
    at = 0
    for lang, v in order:
        rows_of[lang].extend(range(at, at + len(v)))
        at += len(v)
    parts = {lang: np.asarray(r, dtype=np.int64) for lang, r in rows_of.items()}
    monkeypatch.setattr(vectors, "ANN_THRESHOLD", 5000)
    monkeypatch.setattr(vectors, "MIN_NPROBE", 4)  # few probes, as at 1M passages
    monkeypatch.setattr(vectors, "NPROBE_SHARE", 0.0)
    assert vectors.write_vectors(tmp_path / "parts", x, parts) == vectors.ANN_KIND
    index = VectorIndex.load(tmp_path / "parts", vectors.ANN_KIND)
    assert index.partitions == {"en": 5000, "ko": 1000}
    kind = "IndexIVFPQFastScan" if codes == "pq4" else "IndexIVFScalarQuantizer"
    assert {type(ann).__name__ for ann in index._parts.values()} == {kind}
    queries = _clustered(rng, 30, 32, 50)
    queries = np.asarray([big[rng.integers(5000)] * 0.7 + q * 0.3 for q in queries], dtype=np.float32)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    ko, en = parts["ko"], parts["en"]
    partitioned = _recall(index, x, queries, ko, part="ko")
    assert partitioned >= 0.95
    assert _recall(index, x, queries, en, part="en") >= 0.95
    # the same rows without the partition's name (every partition searched, rows filtered) agree
    assert _recall(index, x, queries, ko) >= 0.95
    # a whole partition, searched with no row filter, gives the same rows as the filtered search
    for q in queries[:5]:
        whole, scores = index.search_partition(q, 10, "ko")
        np.testing.assert_array_equal(whole, index.search(q, 10, ko, part="ko")[0])
        np.testing.assert_allclose(scores, x[whole] @ q, rtol=1e-5, atol=1e-6)
    with pytest.raises(ValueError, match="no approximate index partition 'zh'"):
        index.search_partition(queries[0], 10, "zh")
    # a subset with repeats and rows missing, named as the partition: only its own rows come back
    sub = np.concatenate([ko[:-1], ko[:1]])  # as many rows as the partition, so not the partition
    got, _ = index.search(x[ko[-1]], 10, sub, part="ko")  # the left-out row's own vector
    assert got.size == 10 and set(got.tolist()) <= set(ko[:-1].tolist())
    with pytest.raises(ValueError, match="outside"):
        index.search(queries[0], 3, np.arange(5000, 7000), part="ko")
    # one index over every row, as snapshots before partitions had: the small language is missed
    legacy = tmp_path / "legacy"
    monkeypatch.setattr(vectors, "PQ_MIN_ROWS", 10**9)  # legacy indexes have 8-bit codes
    monkeypatch.setattr(vectors, "LEGACY_MIN_NPROBE", 4)
    vectors.write_vectors(legacy, x)
    (legacy / "ann-0.faiss").rename(legacy / vectors.ANN_FILE)
    old = VectorIndex.load(legacy, vectors.LEGACY_ANN_KIND)
    assert old.kind == vectors.LEGACY_ANN_KIND and old.partitions == {vectors.ALL_ROWS: 6000}
    assert type(old._parts[vectors.ALL_ROWS]).__name__ == "IndexIVFScalarQuantizer"
    assert _recall(old, x, queries, ko, part="ko") < partitioned - 0.2
    # a global search merges the partitions' candidates and re-scores them exactly
    for q in queries[:5]:
        rows, scores = index.search(q, 10)
        np.testing.assert_allclose(scores, x[rows] @ q, rtol=1e-5, atol=1e-6)
        assert len(set(rows.tolist()) & set(_oracle(x, q, 10).tolist())) >= 9


def test_partitions_must_hold_every_row_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    x = _unit(np.random.default_rng(3), 200, 8)
    monkeypatch.setattr(vectors, "ANN_THRESHOLD", 100)
    with pytest.raises(ValueError, match="every row exactly once"):
        vectors.write_vectors(tmp_path / "a", x, {"en": np.arange(150), "ko": np.arange(140, 200)})
    with pytest.raises(ValueError, match="every row exactly once"):
        vectors.write_vectors(tmp_path / "b", x, {"en": np.arange(150)})
    # a tiny partition gets one list (searched whole): still exact
    assert vectors.write_vectors(tmp_path / "c", x, {"en": np.arange(170), "zh": np.arange(170, 200)})
    index = VectorIndex.load(tmp_path / "c", vectors.ANN_KIND)
    zh = np.arange(170, 200)
    for q in _unit(np.random.default_rng(4), 5, 8):
        np.testing.assert_array_equal(index.search(q, 5, zh, part="zh")[0], _oracle(x, q, 5, zh))


def test_a_bad_partition_list_is_a_corrupt_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    x = _unit(np.random.default_rng(3), 200, 8)
    monkeypatch.setattr(vectors, "ANN_THRESHOLD", 100)
    vectors.write_vectors(tmp_path, x, {"en": np.arange(100), "ko": np.arange(100, 200)})
    (tmp_path / vectors.ANN_PARTS_FILE).write_text('{"parts": {"en": "ann-0.faiss"}}')
    with pytest.raises(SnapshotCorrupt, match="holds 100 vectors, not 200"):
        VectorIndex.load(tmp_path, vectors.ANN_KIND)
    (tmp_path / vectors.ANN_PARTS_FILE).write_text('{"parts": {}}')
    with pytest.raises(SnapshotCorrupt, match="holds 0 vectors, not 200"):
        VectorIndex.load(tmp_path, vectors.ANN_KIND)
    (tmp_path / vectors.ANN_PARTS_FILE).write_text("[]")
    with pytest.raises(SnapshotCorrupt, match="partitions"):
        VectorIndex.load(tmp_path, vectors.ANN_KIND)


def test_a_legacy_index_is_searched_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    x = _unit(np.random.default_rng(3), 6000, 8)
    monkeypatch.setattr(vectors, "ANN_THRESHOLD", 100)
    monkeypatch.setattr(vectors, "PQ_MIN_ROWS", 10**9)
    vectors.write_vectors(tmp_path, x)
    (tmp_path / "ann-0.faiss").rename(tmp_path / vectors.ANN_FILE)
    old = VectorIndex.load(tmp_path, vectors.LEGACY_ANN_KIND)
    assert old._parts[vectors.ALL_ROWS].nprobe == vectors.LEGACY_MIN_NPROBE
    assert (old._rerank, old._rerank_min) == (vectors.LEGACY_RERANK, 0)
    vectors.write_vectors(tmp_path / "new", x)
    new = VectorIndex.load(tmp_path / "new", vectors.ANN_KIND)
    assert new._parts[vectors.ALL_ROWS].nprobe == vectors.MIN_NPROBE
    assert (new._rerank, new._rerank_min) == (vectors.RERANK, vectors.RERANK_MIN)


def test_a_partition_without_rows_gets_no_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    x = _unit(np.random.default_rng(3), 200, 8)
    monkeypatch.setattr(vectors, "ANN_THRESHOLD", 100)
    parts = {"en": np.arange(200), "ko": np.zeros(0, dtype=np.int64)}
    assert vectors.write_vectors(tmp_path, x, parts) == vectors.ANN_KIND
    assert VectorIndex.load(tmp_path, vectors.ANN_KIND).partitions == {"en": 200}


def test_a_published_snapshot_partitions_its_index_by_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vectors, "ANN_THRESHOLD", 10)
    languages = ["en", "ko", "en", "zh", "ko", "en"] * 3
    sources = [
        text_source(f"s{i}", f"Passage {i} about rivers, camps and the border {i * 7}.", language=lang)
        for i, lang in enumerate(languages)
    ]
    emb = FakeEmbedder()
    backend = local_backend(prepare(sources, emb, chunk=False), tmp_path / "data")
    try:
        assert backend.info.extra["vector_index"] == vectors.ANN_KIND
        assert backend.vectors.partitions == {"en": 9, "ko": 6, "zh": 3}
        q = emb.encode_query("rivers and camps")
        for lang in ("en", "ko", "zh"):
            got = backend.dense_search(q, 4, Filters(), language=lang)
            want = [s.id for s in sources if s.meta.language == lang]
            exact = sorted(want, key=lambda sid: -float(backend.dense_scores(q, [sid])[0]))[:4]
            assert [pid for pid, _ in got] == exact
    finally:
        backend.close()


def test_row_products_equal_a_gather_and_product() -> None:
    rng = np.random.default_rng(9)
    x = _unit(rng, 300, 16)
    q = _unit(rng, 1, 16)[0]
    rows = np.array([299, 0, 17, 17, 150], dtype=np.int64)
    np.testing.assert_allclose(vectors.row_products(x, rows, q), x[rows] @ q, rtol=1e-5, atol=1e-6)
    assert vectors.row_products(x, np.zeros(0, dtype=np.int64), q).shape == (0,)
    with pytest.raises(ValueError, match="outside"):
        vectors.row_products(x, np.array([300]), q)
