"""Retrieval in row handles (`index.runs`, `RowRunsBackend`) gives exactly what the id-keyed path
gives: the same candidates, in the same order, with the same floats."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.errors import NotFound
from index import runs
from index.analyzer import analyze
from index.fusion import zscore_fusion
from index.local import backend as local_module
from index.local.backend import LocalBackend
from index.local.ids import KNOWN_IDS, PassageIds, write
from index.retriever import HybridRetriever, PrfConfig, RetrievalConfig, _added
from index.types import Filters
from tests.fakes import FakeEmbedder
from tests.helpers import IdsOnly, local_backend, prepare, text_source

# Ids whose order is not the rows' order, so a tie broken by row instead of by id shows.
POOL = [f"p{(row * 37) % 101:03d}" for row in range(40)]
RANK = {pid: i for i, pid in enumerate(sorted(POOL))}


def _ranks(rows: np.ndarray) -> np.ndarray:
    return np.array([RANK[POOL[r]] for r in rows.tolist()], dtype=np.int64)


def _run(draw: st.DrawFn, scale: float) -> list[tuple[int, float]]:
    rows = draw(st.lists(st.integers(0, len(POOL) - 1), unique=True, max_size=15))
    # a few distinct values, so ties are common; a run is best first
    scores = [scale * draw(st.sampled_from([0.0, 0.25, 0.5, 1.0, 1.5, 3.0])) for _ in rows]
    return sorted(zip(rows, scores, strict=True), key=lambda rs: -rs[1])


@st.composite
def two_runs(draw: st.DrawFn) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    return _run(draw, 0.3), _run(draw, 7.0)


def _array(run: Sequence[tuple[int, float]]) -> runs.RowScores:
    return np.array([r for r, _ in run], dtype=np.int64), np.array([s for _, s in run], dtype=np.float64)


def _by_id(run: Sequence[tuple[int, float]]) -> list[tuple[str, float]]:
    return [(POOL[r], s) for r, s in run]


def _as_ids(found: runs.RowScores) -> list[tuple[str, float]]:
    return [(POOL[r], s) for r, s in zip(found[0].tolist(), found[1].tolist(), strict=True)]


@given(two_runs(), st.sampled_from([(0.5, 0.5), (0.3, 0.7), (1.0, 0.0)]))
def test_zscore_fuse_equals_the_id_keyed_fusion(
    pair: tuple[list[tuple[int, float]], list[tuple[int, float]]], weights: tuple[float, float]
) -> None:
    dense, lexical = pair
    expected = zscore_fusion([_by_id(dense), _by_id(lexical)], weights)
    assert _as_ids(runs.zscore_fuse(_array(dense), _array(lexical), weights, _ranks)) == expected


@given(two_runs(), st.integers(1, 20))
def test_add_runs_equals_the_id_keyed_sum(
    pair: tuple[list[tuple[int, float]], list[tuple[int, float]]], depth: int
) -> None:
    run, extra = pair
    expected = _added(_by_id(run), [_by_id(extra), _by_id(run)], depth)
    got = runs.add_runs(_array(run), [_array(extra), _array(run)], depth, _ranks)
    assert _as_ids(got) == expected
    assert _as_ids(runs.add_runs(_array(run), [], depth, _ranks)) == _by_id(run)  # untouched


def test_merge_runs_breaks_ties_by_id_and_keeps_depth() -> None:
    en = (np.array([5, 1], dtype=np.int64), np.array([0.8, 0.5], dtype=np.float32))
    ko = (np.array([2, 9], dtype=np.int64), np.array([0.86, 0.7], dtype=np.float32))
    rows, scores = runs.merge_runs([en, ko], [0.0, -0.06], 3, _ranks)
    # ko row 2 at 0.86 - 0.06 ties en row 5 at 0.8 (in float64): the smaller id comes first
    tied = sorted([POOL[5], POOL[2]])
    assert [POOL[r] for r in rows.tolist()[:2]] == tied
    assert scores.tolist()[2] == pytest.approx(0.7 - 0.06)
    assert rows.size == 3


DOCS = [
    ("a0", "en", "volcano eruption covered the town with lava and ash"),
    ("a1", "en", "the volcano eruption sent magma and lava down the slope"),
    ("a2", "en", "volcano eruption covered the town with lava and ash"),  # a duplicate: ties everywhere
    ("a3", "en", "stock market prices fell sharply on monday after the eruption"),
    ("a4", "ko", "lava ash and magma flows cooled into black rock"),
    ("a5", "ko", "the central bank raised interest rates again"),
    ("a6", "ko", "ash trees grow in the northern forest near the volcano"),
    ("a7", "zh", "lava lava lava magma"),
    ("a8", "zh", "interest rates and market prices"),
    ("a9", "zh", "volcano eruption covered the town with lava and ash"),
]


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBackend]:
    sources = [text_source(sid, text, language=lang) for sid, lang, text in DOCS]
    backend = local_backend(prepare(sources, FakeEmbedder(), chunk=False), tmp_path_factory.mktemp("data"))
    yield backend
    backend.close()


CONFIGS = [RetrievalConfig(), RetrievalConfig(prf=PrfConfig(docs=0)), RetrievalConfig(prf=PrfConfig(docs=3))]
QUESTIONS = ["volcano eruption lava", "interest rates", "ash", "nothing matches this", "lava magma rock"]
LANGUAGES = [None, {"en": 0.0, "ko": -0.06, "zh": -0.06}, {"ko": 0.0, "en": -0.5}]
TRANSLATED = [None, {"ko": {"lava": 0.5, "bank": 0.25}}, {"zh": {"market": 1.0}, "en": {"forest": 0.5}}]
FILTERS = [Filters(), Filters(languages=("en", "zh")), Filters(source_ids=("a1", "a4", "a8", "a9"))]
CONTEXTS = [((), 1.0), (("forest", "bank"), 0.5)]  # a follow-up's earlier terms, at their weight


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("method", ["hybrid", "dense", "lexical"])
def test_the_row_path_returns_the_id_paths_candidates(
    local: LocalBackend, config: RetrievalConfig, method: Any
) -> None:
    emb = FakeEmbedder()
    rows = HybridRetriever(local, emb, analyze, config)
    ids = HybridRetriever(IdsOnly(local), emb, analyze, config)  # type: ignore[arg-type]
    assert rows._row_runs is not None and ids._row_runs is None
    compared = 0
    for question in QUESTIONS:
        for languages in LANGUAGES:
            for translated in TRANSLATED:
                for where in FILTERS:
                    for k, (context, weight) in itertools.product((2, 6), CONTEXTS):
                        kw: dict[str, Any] = {
                            "k": k,
                            "method": method,
                            "filters": where,
                            "dense_languages": languages,
                            "translated": translated,
                            "context_tokens": context,
                            "context_weight": weight,
                        }
                        expected = ids.retrieve(question, **kw)
                        assert rows.retrieve(question, **kw) == expected, (question, kw)
                        compared += bool(expected)
    assert compared > 200  # most combinations retrieve something


def test_the_row_path_puts_tied_duplicates_in_id_order(local: LocalBackend) -> None:
    emb = FakeEmbedder()
    got = HybridRetriever(local, emb, analyze).retrieve(
        "volcano eruption covered the town", k=3, dense_languages={"en": 0.0, "ko": 0.0, "zh": 0.0}
    )
    assert [c.id for c in got[:3]] == ["a0", "a2", "a9"]  # same text, same scores
    assert got[0].score == got[1].score == got[2].score


def test_passage_ids_remember_decoded_ids_and_still_refuse_unknown_ones(tmp_path: Path) -> None:
    names = [f"id{(i * 7) % 50:02d}" for i in range(50)]
    write(tmp_path, names)
    ids = PassageIds(tmp_path)
    assert ids.id_of([1]) == [names[1]] and ids._known == {}  # only a query's candidates are kept
    assert ids.id_of([3, 4], remember=True) == [names[3], names[4]]
    assert ids._known == {names[3]: 3, names[4]: 4}
    assert ids.rows([names[4], names[3]]) == [4, 3]  # from the remembered ids
    assert ids.rows([names[10], names[3]]) == [10, 3]  # one not remembered: the id files answer
    with pytest.raises(NotFound):
        ids.rows([names[3], "id99"])
    with pytest.raises(ValueError, match="outside"):
        ids.id_of([-2], remember=True)  # would name row 48 and remember it as row -2
    with pytest.raises(ValueError, match="outside"):
        ids.id_of([50])
    ids.forget()
    assert ids._known == {}
    ranks = ids.ranks(np.arange(50))
    assert [names[r] for r in np.argsort(ranks).tolist()] == sorted(names)


def test_passage_ids_remember_a_bounded_number(tmp_path: Path) -> None:
    names = [f"n{i:05d}" for i in range(KNOWN_IDS + 10)]
    write(tmp_path, names)
    ids = PassageIds(tmp_path)
    ids.id_of(np.arange(KNOWN_IDS + 1), remember=True)
    assert ids._known == {}  # more than the bound at once: nothing kept
    ids.id_of(np.arange(KNOWN_IDS), remember=True)
    ids.id_of([KNOWN_IDS + 5], remember=True)
    assert ids._known == {names[KNOWN_IDS + 5]: KNOWN_IDS + 5}  # full: cleared, then the newest kept
    assert ids.rows([names[7], names[KNOWN_IDS + 5]]) == [7, KNOWN_IDS + 5]


def test_lexical_runs_within_filters_keep_their_masks(
    local: LocalBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A filtered lexical run (a translated run in its language) searches the filter's rows through a
    BM25 mask kept per filter (at most `MASKS_CACHED`): the rows and scores of searching those rows
    by id."""
    monkeypatch.setattr(local, "_masks", {})
    monkeypatch.setattr(local_module, "MASKS_CACHED", 2)
    wheres = [Filters(languages=("ko",)), Filters(languages=("en", "zh")), Filters(source_ids=("a1", "a4"))]
    for weights in ({"lava": 1.0}, {"volcano": 0.5, "market": 2.0}, {"nothing": 1.0}):
        for where in wheres + wheres:
            got = local.lexical_rows(weights, 5, where)
            subset = local._subset(where, None)
            assert subset is not None
            want = local.lexical.search_weighted(weights, 5, subset.tolist())
            assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])
    assert list(local._masks) == wheres[:2]  # the first two kept, never replaced
    kept = local._masks[wheres[0]]
    local.lexical_rows({"lava": 1.0}, 5, wheres[0])
    assert local._masks[wheres[0]] is kept and not kept.flags.writeable


@given(
    st.lists(st.integers(0, 60), max_size=20),
    st.lists(st.integers(0, 60), unique=True, max_size=30),
)
def test_positions_find_rows_as_a_dict_of_the_run_would(keys: list[int], among: list[int]) -> None:
    found, at = runs.positions(np.array(keys, dtype=np.int64), np.array(among, dtype=np.int64))
    place = {row: i for i, row in enumerate(among)}
    assert found.tolist() == [k in place for k in keys]
    assert [a for a, f in zip(at.tolist(), found.tolist(), strict=True) if f] == [
        place[k] for k in keys if k in place
    ]


@given(two_runs())
def test_a_run_normalised_once_fuses_as_it_would_anew(
    pair: tuple[list[tuple[int, float]], list[tuple[int, float]]],
) -> None:
    dense, lexical = _array(pair[0]), _array(pair[1])
    once = runs.zscored(dense)
    for weights in ((0.5, 0.5), (0.3, 0.7)):
        got = runs.fuse_zscored((once, runs.zscored(lexical)), weights, _ranks)
        expected = runs.zscore_fuse(dense, lexical, weights, _ranks)
        assert got[0].tolist() == expected[0].tolist() and got[1].tolist() == expected[1].tolist()
