"""LexicalIndex: BM25 against a reference formula, subsets, weighted queries, expansion, round-trip."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.errors import SnapshotCorrupt
from index.analyzer import analyze, bm25_length
from index.local import lexical
from index.local.lexical import LexicalIndex

DOCS = [
    ["north", "korea", "defector", "repatri", "china"],
    ["border", "china", "close", "2020"],
    ["탈북민", "중국", "강제", "송환", "증언"],
    ["weather", "forecast", "rain"],
    [],
    ["defector", "defector", "testimoni", "un", "report", "china"],
]


def _reference_bm25(docs: list[list[str]], query: list[str], k1: float, b: float) -> list[float]:
    """Lucene (8+) BM25, written out: idf = ln(1 + (N - df + .5) / (df + .5)), no (k1 + 1) factor."""
    n = len(docs)
    avgdl = sum(len(d) for d in docs) / n
    out = []
    for d in docs:
        tf = Counter(d)
        score = 0.0
        for term in query:
            df = sum(1 for x in docs if term in x)
            if df == 0 or tf[term] == 0:
                continue
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            score += idf * tf[term] / (tf[term] + k1 * (1 - b + b * len(d) / avgdl))
        out.append(score)
    return out


@pytest.mark.parametrize(("k1", "b"), [(1.2, 0.75), (0.9, 0.4), (2.0, 1.0)])
def test_scores_match_reference_formula(k1: float, b: float) -> None:
    index = LexicalIndex.build(DOCS, k1=k1, b=b)
    for query in (["china"], ["defector", "china", "un"], ["탈북민", "송환"], ["absent"]):
        expected = _reference_bm25(DOCS, query, k1, b)
        np.testing.assert_allclose(index.scores(Counter(query)), expected, rtol=1e-4, atol=1e-6)


def test_a_compound_term_matches_but_does_not_lengthen_its_passage() -> None:
    """ "non-refoulement" is indexed as non, refoul and non-refoul; BM25's length counts two terms, as
    for "non refoulement", so a passage with hyphens is not pushed down for every other query."""
    hyphenated, spaced = analyze("non-refoulement applies"), analyze("non refoulement applies")
    assert "non-refoul" in hyphenated and "non-refoul" not in spaced
    assert bm25_length(hyphenated) == bm25_length(spaced) == len(spaced)
    index = LexicalIndex.build([hyphenated, spaced, ["other", "word"]])
    scores = index.scores(Counter(analyze("applies")))
    assert scores[0] == pytest.approx(scores[1]) and scores[0] > 0
    rows, _ = index.search(analyze("non-refoulement"), 3)
    assert rows[0] == 0  # the compound itself still ranks the hyphenated passage first


def test_search_drops_zero_scores_and_orders() -> None:
    index = LexicalIndex.build(DOCS)
    rows, scores = index.search(["china", "defector"], 10)
    assert set(rows.tolist()) == {0, 1, 5}  # rows without a query term never come back
    assert np.all(scores > 0) and np.all(np.diff(scores) <= 0)
    assert rows[0] == 5
    assert index.search(["absent"], 10)[0].size == 0
    assert index.search([], 10)[0].size == 0
    assert index.search([""], 10)[0].size == 0  # bm25s's internal empty token never matches


def test_subset_limits_rows() -> None:
    index = LexicalIndex.build(DOCS)
    rows, _ = index.search(["china"], 10, subset=np.array([1, 3]))
    assert rows.tolist() == [1]
    assert index.search(["china"], 10, subset=np.array([], dtype=np.int64))[0].size == 0
    with pytest.raises(ValueError, match="outside"):
        index.search(["china"], 10, subset=np.array([99]))


def test_repeated_tokens_equal_weights() -> None:
    index = LexicalIndex.build(DOCS)
    a = index.scores(Counter(["china", "china", "un"]))
    b = index.scores({"china": 2.0, "un": 1.0})
    np.testing.assert_allclose(a, b)
    half = index.scores({"china": 0.5})
    np.testing.assert_allclose(half, 0.5 * index.scores({"china": 1.0}))


def test_korean_query_hits_korean_document() -> None:
    index = LexicalIndex.build(DOCS)
    rows, _ = index.search(["탈북민", "강제", "송환"], 3)
    assert rows.tolist() == [2]


def test_doc_freq() -> None:
    index = LexicalIndex.build(DOCS)
    assert index.doc_freq("china") == 3
    assert index.doc_freq("defector") == 2
    assert index.doc_freq("absent") == 0
    assert index.doc_freq("") == 0
    asked = ["china", "absent", "", "defector", "china"]
    assert index.doc_freqs(asked) == {"china": 3, "absent": 0, "": 0, "defector": 2}
    assert all(isinstance(n, int) for n in index.doc_freqs(asked).values())


def test_expansion_terms_come_from_feedback_rows() -> None:
    index = LexicalIndex.build(DOCS)
    terms = index.expansion_terms([0, 5], [1.0, 1.0], 4)
    assert len(terms) == 4
    assert math.isclose(sum(terms.values()), 1.0)
    assert set(terms) <= set(DOCS[0]) | set(DOCS[5])
    # "defector" occurs in both rows (twice in one) and outweighs "china", which is in half the corpus
    assert terms["defector"] > terms.get("china", 0.0)
    only_first = index.expansion_terms([0, 5], [1.0, 0.0], 10)
    assert set(only_first) == set(DOCS[0])
    assert index.expansion_terms([], [], 5) == {}
    assert index.expansion_terms([4], [1.0], 5) == {}  # an empty document gives nothing


@pytest.mark.parametrize("docs", [[], [[]], [[], []]])
def test_index_without_terms(tmp_path: Path, docs: list[list[str]]) -> None:
    index = LexicalIndex.build(docs)
    assert len(index) == len(docs)
    assert index.search(["x"], 5)[0].size == 0
    assert index.scores({"x": 1.0}).shape == (len(docs),)
    index.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex")
    assert len(loaded) == len(docs)
    assert loaded.search(["x"], 5)[0].size == 0


def test_save_load_round_trip(tmp_path: Path) -> None:
    index = LexicalIndex.build(DOCS, k1=1.5, b=0.6)
    index.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex")
    assert (loaded.k1, loaded.b, len(loaded)) == (1.5, 0.6, len(DOCS))
    for query in (["china", "defector"], ["탈북민", "강제", "송환"], ["중국"], ["absent"]):
        a_rows, a_scores = index.search(query, 10)
        b_rows, b_scores = loaded.search(query, 10)
        np.testing.assert_array_equal(a_rows, b_rows)
        np.testing.assert_array_equal(a_scores, b_scores)
    assert loaded.expansion_terms([2], [1.0], 3) == index.expansion_terms([2], [1.0], 3)


def test_load_corrupt(tmp_path: Path) -> None:
    with pytest.raises(SnapshotCorrupt):
        LexicalIndex.load(tmp_path)
    LexicalIndex.build(DOCS).save(tmp_path / "lex")
    (tmp_path / "lex" / "groundqa-lexical.json").write_text(
        '{"format": 1, "docs": 3, "k1": 1.2, "b": 0.75, "terms": true}'
    )
    with pytest.raises(SnapshotCorrupt, match="expected"):
        LexicalIndex.load(tmp_path / "lex")


def test_bad_parameters() -> None:
    with pytest.raises(ValueError):
        LexicalIndex.build(DOCS, k1=-1)
    with pytest.raises(ValueError):
        LexicalIndex.build(DOCS, b=1.5)


_tokens = st.lists(st.sampled_from(["a", "b", "c", "d", "e", "가", "나"]), max_size=8)


@settings(max_examples=50, deadline=None)
@given(docs=st.lists(_tokens, min_size=1, max_size=12), query=_tokens)
def test_search_agrees_with_reference_ranking(docs: list[list[str]], query: list[str]) -> None:
    index = LexicalIndex.build(docs)
    expected = _reference_bm25(docs, query, 1.2, 0.75)
    rows, scores = index.search(query, len(docs))
    assert {r for r, s in enumerate(expected) if s > 1e-6} == set(rows.tolist())
    np.testing.assert_allclose(scores, [expected[r] for r in rows], rtol=1e-4)


def test_long_queries_over_many_rows_score_and_rank_as_the_short_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A large collection's feedback query holds millions of postings: they are scored as a sparse
    # product and the best rows picked above a sampled threshold. Both must give what the plain
    # gather and full sort give (forced here on 3,000 rows by lowering the limits).
    rng = np.random.default_rng(11)
    vocab = [f"t{i}" for i in range(400)]
    zipf = 1.0 / np.arange(1, 401)
    zipf /= zipf.sum()
    docs = [list(rng.choice(vocab, size=int(rng.integers(3, 40)), p=zipf)) for _ in range(3000)]
    index = LexicalIndex.build(docs)
    queries = [
        {
            t: float(w)
            for t, w in zip(rng.choice(vocab, size=m, replace=False), rng.random(m) + 0.01, strict=True)
        }
        for m in (1, 3, 20, 80)
    ] + [{"t0": 1.0, "t1": 0.5}, {"t399": 2.0, "missing": 1.0}]
    plain = {i: (index.scores(q), index.search_weighted(q, 25)) for i, q in enumerate(queries)}
    monkeypatch.setattr(lexical, "_GATHER_LIMIT", 0)
    monkeypatch.setattr(lexical, "_SAMPLED_TOP_MIN", 100)
    for i, q in enumerate(queries):
        scores = index.scores(q)
        assert scores.dtype == np.float32 and scores.shape == (3000,)
        np.testing.assert_allclose(scores, plain[i][0], rtol=1e-5, atol=1e-6)
        for k in (1, 10, 25, 3000):
            rows, top = index.top(scores, k)
            positive = np.flatnonzero(scores > 0)
            want = positive[np.lexsort((positive, -scores[positive]))][:k]
            np.testing.assert_array_equal(rows, want)
            np.testing.assert_array_equal(top, scores[want])
        rows, _ = index.search_weighted(q, 25)
        assert rows.tolist() == plain[i][1][0].tolist()


@settings(max_examples=50, deadline=None)
@given(
    docs=st.lists(_tokens, min_size=1, max_size=12),
    terms=_tokens,
    picks=st.lists(st.integers(min_value=0, max_value=11), max_size=15),
)
def test_presence_is_membership(docs: list[list[str]], terms: list[str], picks: list[int]) -> None:
    index = LexicalIndex.build(docs)
    rows = [p % len(docs) for p in picks]  # any order, repeats allowed
    held = index.presence(terms, rows)
    assert held.shape == (len(rows), len(terms))
    assert held.tolist() == [[t in docs[r] for t in terms] for r in rows]


def test_a_query_of_few_postings_in_a_large_collection_ranks_the_rows_it_touches_alike() -> None:
    """Above `_SPARSE_MIN` rows, a query of few postings is ranked over the rows they touch: the
    same rows and bit-identical scores as ranking the array of every row, with subsets and ties."""
    rng = np.random.default_rng(5)
    n = lexical._SPARSE_MIN + 1000
    common = [f"w{i}" for i in range(50)]
    docs = [list(rng.choice(common, size=int(rng.integers(3, 12)))) for _ in range(n)]
    for row in rng.choice(n, size=400, replace=False).tolist():  # rare terms, some rows tied
        docs[row] += ["rare", "rare2"] if row % 3 else ["rare"]
    index = LexicalIndex.build(docs)
    assert len(index) >= lexical._SPARSE_MIN
    touched: list[int] = []
    ranked = index._top_touched

    def counted(*args: object) -> tuple[np.ndarray, np.ndarray]:
        touched.append(1)
        return ranked(*args)  # type: ignore[arg-type]

    index._top_touched = counted  # type: ignore[method-assign]
    subsets = [None, np.arange(0, n, 2), rng.choice(n, size=5000, replace=False), np.zeros(0, np.int64)]
    for weights in ({"rare": 1.0}, {"rare": 2.0, "rare2": 0.5}, {"rare": 1.0, "w3": 0.25}, {"nope": 1.0}):
        for subset in subsets:
            for k in (1, 10, 300, 1000):
                fast = index.search_weighted(weights, k, subset)
                full = index.top(index.scores(weights), k, subset)
                assert np.array_equal(fast[0], full[0]) and np.array_equal(fast[1], full[1])
                assert fast[0].dtype == np.int64 and fast[1].dtype == np.float32
    assert len(touched) >= 2 * len(subsets) * 4  # the rare terms' queries took the sparse path
    with pytest.raises(ValueError, match="outside"):
        index.search_weighted({"rare": 1.0}, 5, [n])


def _brute_top(index: LexicalIndex, weights: dict[str, float], k: int, allowed: np.ndarray) -> list[int]:
    """The best k rows of `allowed` by `scores`, ties by row, written out."""
    scores = index.scores(weights)
    rows = [r for r in np.flatnonzero(allowed).tolist() if scores[r] > 0]
    return sorted(rows, key=lambda r: (-scores[r], r))[:k]


@pytest.mark.parametrize("sparse_min", [lexical._SPARSE_MIN, 0])
@pytest.mark.parametrize("gather_limit", [lexical._GATHER_LIMIT, 0])
def test_a_subset_search_scores_only_its_rows_postings_alike(
    monkeypatch: pytest.MonkeyPatch, gather_limit: int, sparse_min: int
) -> None:
    """A search within a subset (row ids or their `mask`) keeps the postings of the subset's rows:
    the rows and bit-identical scores of ranking the array of every row, whichever way the scores
    are summed (float64 gather within `_GATHER_LIMIT`, float32 term by term above it) and ranked
    (over the rows the postings touch from `_SPARSE_MIN` rows, 0 here for the second run; over an
    array of every row below it); a query none of whose postings is in the subset (a translated run
    in a language that lacks its terms) finds nothing, and a query of no indexed term never scores
    the rows."""
    rng = np.random.default_rng(11)
    n = 4000
    vocab = [f"w{i}" for i in range(60)]
    docs = [list(rng.choice(vocab, size=int(rng.integers(2, 15)))) for _ in range(n)]
    for row in range(0, n, 7):
        docs[row].append("only_even" if row % 2 == 0 else "only_odd")
    index = LexicalIndex.build(docs)
    monkeypatch.setattr(lexical, "_GATHER_LIMIT", gather_limit)
    monkeypatch.setattr(lexical, "_SPARSE_MIN", sparse_min)
    odd = np.arange(1, n, 2)
    subsets = [odd, rng.choice(n, size=300, replace=False), np.arange(n)]
    queries = [{"w1": 1.0}, {"w2": 0.7, "w5": 1.3, "only_even": 2.0}, {"only_even": 1.0}, {"nope": 1.0}]
    for subset in subsets:
        mask = index.mask(subset)
        assert not mask.flags.writeable and mask.sum() == len(set(subset.tolist()))
        for weights in queries:
            for k in (1, 10, 500):
                by_rows = index.search_weighted(weights, k, subset)
                by_mask = index.search_weighted(weights, k, mask)
                full = index.top(index.scores(weights), k, subset)
                for got in (by_rows, by_mask):
                    assert np.array_equal(got[0], full[0]) and np.array_equal(got[1], full[1])
                    assert got[0].dtype == np.int64 and got[1].dtype == np.float32
                assert by_rows[0].tolist() == _brute_top(index, weights, k, mask)
    assert index.search_weighted({"only_even": 1.0}, 10, odd)[0].size == 0

    def never(*_: object) -> np.ndarray:
        raise AssertionError("scored every row for a query of no indexed term")

    monkeypatch.setattr(index, "_scores_of", never)
    assert index.search_weighted({"nope": 1.0, "": 2.0}, 10, odd)[0].size == 0
    assert index.search_weighted({"nope": 1.0}, 10)[0].size == 0
    with pytest.raises(ValueError, match="outside"):
        index.search_weighted({"nope": 1.0}, 5, [n])
    with pytest.raises(ValueError, match="outside"):
        index.mask([-1])
