"""The backend contract (index.backend.Backend), checked on every implementation with the same data:
the local FAISS + numpy BM25 + SQLite snapshot, PostgreSQL + pgvector (a real server started by the suite)
and the in-memory fake (an oracle: exact cosine, BM25 from its definition)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from corpus.errors import NotFound
from index.analyzer import analyze
from index.backend import Backend, DuplicateBackend, FeedbackBackend, LanguageRunsBackend, PresenceBackend
from index.dedup import group_by_pairs, group_duplicates
from index.local import backend as local_backend_module
from index.local.backend import LocalBackend
from index.types import Filters
from tests.fakes import FakeEmbedder
from tests.helpers import Prepared, local_backend, memory_backend, prepare, publish, text_source

SOURCES = [
    text_source(
        "refugees",
        "The Refugee Convention\n\nNo Contracting State shall expel or return a refugee to the frontiers of "
        "territories where his life or freedom would be threatened.\n\nRefugees shall not be penalised "
        "for illegal entry when they come directly from a territory where their life was threatened.",
        title="Convention relating to the Status of Refugees",
        publisher="United Nations",
        date="1951-07-28",
    ),
    text_source(
        "report",
        "Defectors Report\n\nAs many as 2,000 North Koreans were detained in China awaiting deportation.\n\n"
        "In October China forcibly repatriated up to 600 North Koreans.",
        title="Defectors Report",
        publisher="Example Watch",
        date="2023-10",
    ),
    text_source(
        "law",
        "난민법\n\n난민인정자는 본인의 의사에 반하여 강제로 송환되지 아니한다.",
        title="난민법",
        publisher="국회",
        date="2016",
        language="ko",
    ),
]


@pytest.fixture(scope="module")
def prepared() -> Prepared:
    return prepare(SOURCES, FakeEmbedder())


def postgres_backend(prepared: Prepared, request: pytest.FixtureRequest) -> Backend:
    from index.postgres import PostgresCatalog

    catalog = PostgresCatalog(request.getfixturevalue("pg_url"), schema=request.getfixturevalue("pg_schema"))
    request.addfinalizer(catalog.close)
    publish(catalog, prepared)
    return catalog.open()


@pytest.fixture(params=["local", "memory", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, prepared: Prepared, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "postgres":
        b = postgres_backend(prepared, request)
    else:
        b = (
            local_backend(prepared, tmp_path / "data")
            if request.param == "local"
            else memory_backend(prepared)
        )
    yield b
    b.close()


def _all_ids(prepared: Prepared) -> list[str]:
    return [p.id for _, ps in prepared for p, _, _, _ in ps]


def test_info_counts_sources_passages_and_languages(backend: Backend, prepared: Prepared) -> None:
    info = backend.info
    assert info.sources == 3 and info.passages == len(_all_ids(prepared))
    assert dict(info.languages) == {"en": 2, "ko": 1}
    assert sum(info.passage_languages.values()) == info.passages
    assert info.dim == 64 and info.model == "fake-64"


def test_sources_sorted_by_title_and_looked_up_by_id(backend: Backend) -> None:
    assert [r.id for r in backend.sources()] == ["refugees", "report", "law"]
    assert backend.source_record("report").meta.publisher == "Example Watch"
    assert backend.source("law").text == SOURCES[2].text
    for lookup in (backend.source_record, backend.source):
        with pytest.raises(NotFound):
            lookup("nope")


def test_passages_are_verbatim_in_order_and_keyed_by_id(backend: Backend, prepared: Prepared) -> None:
    for source, passages in prepared:
        got = backend.passages_of(source.id)
        assert [p.id for p in got] == [p.id for p, _, _, _ in passages]
        for p in got:
            assert source.text[p.char_start : p.char_end] == p.text
    ids = list(reversed(_all_ids(prepared)))
    records = backend.passages(ids)
    assert [r.passage.id for r in records] == ids
    for r in records:
        assert r.tokens == tuple(analyze(r.passage.text))
        for a, b in r.sentences:
            assert 0 <= a < b <= len(r.passage.text)
    assert backend.passages_of("nope") == []
    with pytest.raises(NotFound):
        backend.passages(["nope"])


def test_dense_search_is_exact_cosine_order(backend: Backend, prepared: Prepared) -> None:
    q = FakeEmbedder().encode_query("North Koreans detained in China")
    vectors = {p.id: v for _, ps in prepared for p, _, _, v in ps}
    expected = sorted(vectors, key=lambda pid: -float(vectors[pid] @ q))
    got = backend.dense_search(q, 3, Filters())
    assert [pid for pid, _ in got] == expected[:3]
    assert [s for _, s in got] == pytest.approx([float(vectors[pid] @ q) for pid in expected[:3]], abs=1e-5)
    assert backend.dense_scores(q, expected) == pytest.approx(
        [float(vectors[p] @ q) for p in expected], abs=1e-5
    )


@pytest.mark.parametrize(
    ("filters", "allowed"),
    [
        (Filters(source_ids=("report",)), {"report"}),
        (Filters(publishers=("united nations",)), {"refugees"}),
        (Filters(languages=("KO",)), {"law"}),
        (Filters(date_from="2000"), {"report", "law"}),
        (Filters(date_to="2016-12"), {"refugees", "law"}),
        (Filters(date_from="2030"), set()),
    ],
)
def test_filters_are_pushed_down(backend: Backend, filters: Filters, allowed: set[str]) -> None:
    q = FakeEmbedder().encode_query("refugee deportation 난민")
    dense = backend.dense_search(q, 50, filters)
    lexical = backend.lexical_search({t: 1.0 for t in analyze("refugee deportation 난민 China")}, 50, filters)
    for pid, _ in dense + lexical:
        assert backend.passages([pid])[0].passage.source_id in allowed
    assert {backend.passages([pid])[0].passage.source_id for pid, _ in dense} == allowed


def test_dense_search_by_language(backend: Backend) -> None:
    q = FakeEmbedder().encode_query("송환")
    got = backend.dense_search(q, 50, Filters(), language="ko")
    assert got and all(backend.passages([pid])[0].language == "ko" for pid, _ in got)


@pytest.mark.parametrize("filters", [Filters(), Filters(languages=("ko", "en"))])
def test_language_runs_in_one_call_equal_one_search_per_language(backend: Backend, filters: Filters) -> None:
    if not isinstance(backend, LanguageRunsBackend):
        pytest.skip("this backend searches one language at a time")
    q = FakeEmbedder().encode_query("refugee 송환")
    languages = ["en", "ko", "zh"]
    runs = backend.dense_search_languages(q, 7, filters, languages)
    assert list(runs) == languages
    for lang in languages:
        one = backend.dense_search(q, 7, filters, language=lang)
        assert [pid for pid, _ in runs[lang]] == [pid for pid, _ in one]
        assert [s for _, s in runs[lang]] == pytest.approx([s for _, s in one], abs=1e-6)
    assert runs["ko"] and runs["en"]


def test_lexical_search_returns_only_matching_passages_best_first(backend: Backend) -> None:
    got = backend.lexical_search({t: 1.0 for t in analyze("China repatriated")}, 10, Filters())
    assert got and [s for _, s in got] == sorted((s for _, s in got), reverse=True)
    assert all(s > 0 for _, s in got)
    assert all("China" in backend.passages([pid])[0].passage.text for pid, _ in got)
    assert backend.lexical_search({"zzzunknown": 1.0}, 10, Filters()) == []


@pytest.mark.parametrize("other", ["local", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_lexical_ranking_agrees_across_backends(
    prepared: Prepared, tmp_path: Path, request: pytest.FixtureRequest, other: str
) -> None:
    memory = memory_backend(prepared)
    tested = (
        local_backend(prepared, tmp_path / "data")
        if other == "local"
        else postgres_backend(prepared, request)
    )
    for question in ("refugee life threatened", "North Koreans China", "강제 송환"):
        weights = {t: 1.0 for t in analyze(question)}
        a, b = tested.lexical_search(weights, 10, Filters()), memory.lexical_search(weights, 10, Filters())
        assert [pid for pid, _ in a] == [pid for pid, _ in b]
        assert [s for _, s in a] == pytest.approx([s for _, s in b], rel=1e-4)
    tested.close()


def test_term_stats(backend: Backend, prepared: Prepared) -> None:
    stats = backend.term_stats(["china", "refuge", "zzz"])
    assert stats.n_docs == len(_all_ids(prepared))
    token_sets = [set(t) for _, ps in prepared for _, t, _, _ in ps]
    assert stats.df["china"] == sum("china" in t for t in token_sets) > 0
    assert stats.df["zzz"] == 0


def test_feedback_capability_sums_to_one(backend: Backend, prepared: Prepared) -> None:
    assert isinstance(backend, FeedbackBackend)
    ids = _all_ids(prepared)[:2]
    terms = backend.expansion_terms(ids, [1.0, 0.5], 10)
    assert 0 < len(terms) <= 10 and sum(terms.values()) == pytest.approx(1.0)
    tokens = {t for r in backend.passages(ids) for t in r.tokens}
    assert set(terms) <= tokens
    assert np.all(np.diff([-v for v in terms.values()]) >= -1e-12)


MIRROR = text_source(
    "mirror",
    "Defectors Report (mirror)\n\nAs many as 2,000 North Koreans were detained in China awaiting "
    "deportation, observers said.\n\nIn October China forcibly repatriated up to 600 North Koreans.",
    title="Defectors Report (mirror)",
)


@pytest.mark.parametrize("kind", ["local", "local-per-query", "memory"])
def test_near_duplicate_capability_equals_the_text_computation(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if kind == "local-per-query":  # a collection too large to find its pairs at once
        monkeypatch.setattr(local_backend_module, "PARTNER_KEYS", 0)
    prepared = prepare([*SOURCES, MIRROR], FakeEmbedder())
    backend: Backend = (
        local_backend(prepared, tmp_path / "data") if kind.startswith("local") else memory_backend(prepared)
    )
    try:
        assert isinstance(backend, DuplicateBackend)
        if kind.startswith("local"):
            assert isinstance(backend, LocalBackend)
            assert (backend.near_partners() is None) == (kind == "local-per-query")
        ids = _all_ids(prepared)
        for order in (ids, ids[::-1], ids[1::2] + ids[::2]):
            texts = [r.passage.text for r in backend.passages(order)]
            groups = group_by_pairs(len(order), backend.near_duplicates(order))
            assert groups == group_duplicates(texts)
            assert any(len(g) > 1 for g in groups)  # the mirror's passages collapse
        with pytest.raises(NotFound):
            backend.near_duplicates(["no-such-passage"])
    finally:
        backend.close()


def test_sentence_terms_when_stored_are_the_analysed_sentences(backend: Backend, prepared: Prepared) -> None:
    for r in backend.passages(_all_ids(prepared)):
        if r.sentence_terms is None:
            continue
        assert len(r.sentence_terms) == len(r.sentences)
        for (a, b), terms in zip(r.sentences, r.sentence_terms, strict=True):
            assert terms == tuple(analyze(r.passage.text[a:b]))


def test_term_presence_capability_equals_the_token_sets(prepared: Prepared, tmp_path: Path) -> None:
    backend = local_backend(prepared, tmp_path / "data")
    try:
        assert isinstance(backend, PresenceBackend)
        ids = _all_ids(prepared)
        records = backend.passages(ids)
        vocabulary = sorted({t for r in records for t in r.tokens})
        terms = [*vocabulary[::3], "zzz-unknown", ""]
        for order in (ids, ids[::-1]):
            held = backend.term_presence(terms, order)
            by_id = {r.passage.id: r for r in records}
            assert held == [by_id[i].token_set.intersection(terms) for i in order]
        assert any(held) and backend.term_presence([], ids) == [frozenset()] * len(ids)
        # the token count is known without decoding, and is the decoded tokens' count
        for r in backend.passages(ids):
            assert len(r.tokens) == len(tuple(r.tokens)) > 0
        with pytest.raises(NotFound):
            backend.term_presence(["china"], ["no-such-passage"])
    finally:
        backend.close()
