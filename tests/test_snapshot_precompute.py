"""What a build precomputes for queries (per-sentence terms, near-duplicate pairs) answers as the
per-query computation would; bench/synthetic writes the production snapshot format."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synthetic import ensure_synthetic
from index.analyzer import analyze_many
from index.answerability import FEATURES, features
from index.backend import DuplicateBackend, PresenceBackend
from index.engine import GroundIndex
from index.evidence import best_sentences
from index.local.catalog import LocalCatalog
from index.types import Query
from tests.fakes import FakeEmbedder
from tests.helpers import TINY, local_backend, memory_backend, prepare, text_source

TEXT = (
    "The border was closed in 2020. Defectors were detained in China for months. "
    "Many were forcibly repatriated in October. The UN special rapporteur condemned the returns."
)


def test_evidence_from_stored_sentence_terms_equals_analysing_the_sentences() -> None:
    spans = [(0, 30), (31, 78), (79, 123), (124, len(TEXT))]
    terms = [tuple(t) for t in analyze_many([TEXT[a:b] for a, b in spans])]
    df = {"china": 3, "detain": 2, "repatri": 1, "border": 5}
    for question in ({"china", "detain"}, {"repatri", "border"}, {"absent"}, set()):
        analysed = best_sentences(TEXT, spans, question, analyze_many, df, 100)
        stored = best_sentences(TEXT, spans, question, analyze_many, df, 100, sentence_terms=terms)
        assert stored == analysed


def test_engine_answers_the_same_with_precomputed_pairs_and_terms(tmp_path: Path) -> None:
    sources = [text_source(name.removesuffix(".txt"), text) for name, text in TINY.items()]
    prepared = prepare(sources, FakeEmbedder())
    local = local_backend(prepared, tmp_path / "data")
    memory = memory_backend(prepared)
    try:
        assert isinstance(local, DuplicateBackend)
        emb = FakeEmbedder()
        a, b = GroundIndex(local, emb), GroundIndex(memory, emb)
        b._duplicates = None  # the memory index groups from the texts and analyses sentences per query
        for question in ("Were North Koreans detained in China?", "refugee frontiers", "강제 송환"):
            ra, rb = a.search(Query(question=question, k=5)), b.search(Query(question=question, k=5))
            assert [(h.passage.id, h.evidence, [d.passage.id for d in h.duplicates]) for h in ra.hits] == [
                (h.passage.id, h.evidence, [d.passage.id for d in h.duplicates]) for h in rb.hits
            ]
            assert ra.answered == rb.answered
    finally:
        local.close()
        memory.close()


def test_terms_held_from_the_bm25_arrays_score_as_the_token_sets(tmp_path: Path) -> None:
    """The local backend tells the engine which question terms a candidate holds from its BM25
    arrays (`PresenceBackend`); the in-memory one leaves it to the records' token sets. Coverage,
    missing key facts and the answerability features must not tell the two apart."""
    sources = [text_source(name.removesuffix(".txt"), text) for name, text in TINY.items()]
    prepared = prepare(sources, FakeEmbedder())
    local = local_backend(prepared, tmp_path / "data")
    memory = memory_backend(prepared)
    try:
        assert isinstance(local, PresenceBackend) and not isinstance(memory, PresenceBackend)
        emb = FakeEmbedder()
        a, b = GroundIndex(local, emb), GroundIndex(memory, emb)
        held_any = False
        for question in (
            "Were North Koreans detained in China in 2020?",
            "refugee frontiers",
            "강제 송환",
            "What did Kim say about the border?",
        ):
            sa, sb = a.score(Query(question=question, k=5)), b.score(Query(question=question, k=5))
            ga = {g.head.passage.id: g for g in sa.groups}
            gb = {g.head.passage.id: g for g in sb.groups}
            assert ga.keys() == gb.keys() and ga
            for pid, g in ga.items():
                assert g.held == g.head.token_set & sa.terms == gb[pid].held
                assert (g.coverage, g.missing) == (gb[pid].coverage, gb[pid].missing)
                held_any |= bool(g.held)
            # the features read from what a passage holds (the fused scores differ in float32 rounding)
            cols = [FEATURES.index(f) for f in ("coverage", "missing_rare", "eligible", "passage_terms")]
            rows_b = dict(
                zip([g.head.passage.id for g in sb.groups], features(sb)[:, cols].tolist(), strict=True)
            )
            for g, row in zip(sa.groups, features(sa)[:, cols].tolist(), strict=True):
                assert row == rows_b[g.head.passage.id]
        assert held_any
    finally:
        local.close()
        memory.close()


def test_synthetic_snapshot_opens_with_the_production_backend(tmp_path: Path) -> None:
    sources = [text_source(name.removesuffix(".txt"), text) for name, text in TINY.items()]
    prepared = prepare(sources, FakeEmbedder())
    local_backend(prepared, tmp_path / "demo").close()
    out, seconds = ensure_synthetic(tmp_path / "demo", tmp_path / "work", 250)
    assert seconds > 0
    backend = LocalCatalog(out).open(model=FakeEmbedder().fingerprint)
    try:
        assert backend.info.passages == 250
        index = GroundIndex(backend, FakeEmbedder())
        answer = index.search(Query(question="North Koreans detained in China", k=5))
        assert answer.hits or answer.related
        ids = [p.id for r in backend.sources()[:2] for p in backend.passages_of(r.id)]
        for rec in backend.passages(ids):
            assert rec.sentence_terms is not None and len(rec.sentence_terms) == len(rec.sentences)
    finally:
        backend.close()
    assert ensure_synthetic(tmp_path / "demo", tmp_path / "work", 250)[1] == 0.0  # reused


def test_coverage_per_query_equals_abstain_coverage() -> None:
    from index.abstain import coverage
    from index.engine import _coverages

    heads = [frozenset(t) for t in (["china", "detain"], ["border"], [], ["china", "repatri"])]
    df = {"china": 3, "detain": 2, "repatri": 1}
    for terms in (frozenset({"china", "detain", "absent"}), frozenset(), frozenset({"repatri"})):
        expected = [coverage(terms, set(h), df, 50) for h in heads]
        assert _coverages(terms, heads, df, 50) == expected
        # the terms a head holds beyond the question's do not count
        assert _coverages(terms, [h & terms for h in heads], df, 50) == expected


def test_stored_sentences_decode_on_first_use_and_equal_their_tuples() -> None:
    from index.local.store import Lazy, decode_sentence_terms, decode_spans

    calls: list[str] = []

    def spans(raw: str) -> tuple[tuple[int, int], ...]:
        calls.append(raw)
        return decode_spans(raw)

    lazy = Lazy("0 5 6 12", spans)
    assert calls == []  # nothing decoded until read
    assert lazy == ((0, 5), (6, 12)) and lazy != ((0, 5),)
    assert ((0, 5), (6, 12)) == lazy  # noqa: SIM300  (the reflected side, as record equality uses it)
    assert len(lazy) == 2 and lazy[1] == (6, 12) and list(lazy) == [(0, 5), (6, 12)]
    assert calls == ["0 5 6 12"]  # decoded once
    terms = Lazy("a\x1fb\x1e\x1ec", lambda raw: decode_sentence_terms(raw, 3))
    assert terms == (("a", "b"), (), ("c",))


def test_stored_tokens_are_counted_without_decoding(tmp_path: Path) -> None:
    """A query reads each candidate's token count (a feature) but not its tokens: the terms a
    passage holds come from the BM25 arrays (`PresenceBackend`)."""
    from index.local import store

    sources = [text_source(name.removesuffix(".txt"), text) for name, text in TINY.items()]
    prepared = prepare(sources, FakeEmbedder())
    local = local_backend(prepared, tmp_path)
    calls: list[str] = []
    real = store.decode_tokens
    try:
        store.decode_tokens = lambda raw: calls.append(raw) or real(raw)  # type: ignore[assignment]
        ids = [p.id for r in local.sources() for p in local.passages_of(r.id)]
        records = local.passages(ids)
        counts = [len(r.tokens) for r in records]
        assert calls == [] and all(counts)
        assert [len(tuple(r.tokens)) for r in records] == counts
        assert len(calls) == len(records)
    finally:
        store.decode_tokens = real  # type: ignore[assignment]
        local.close()


def test_local_records_read_as_the_memory_backend_holds_them(tmp_path: Path) -> None:
    sources = [text_source(name.removesuffix(".txt"), text) for name, text in TINY.items()]
    prepared = prepare(sources, FakeEmbedder())
    local, memory = local_backend(prepared, tmp_path), memory_backend(prepared)
    try:
        ids = [p.id for r in memory.sources() for p in memory.passages_of(r.id)]
        for a, b in zip(local.passages(ids), memory.passages(ids), strict=True):
            assert a.passage == b.passage and a.tokens == b.tokens
            assert a.sentences == b.sentences and len(a.sentences) > 0
            # the memory backend stores no sentence terms: they are what analysing each sentence gives
            text = a.passage.text
            assert a.sentence_terms == [tuple(t) for t in analyze_many([text[x:y] for x, y in a.sentences])]
    finally:
        local.close()
        memory.close()


def test_passage_records_are_kept_decoded_up_to_a_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.local.backend as local_module

    sources = [text_source(name.removesuffix(".txt"), text) for name, text in TINY.items()]
    prepared = prepare(sources, FakeEmbedder())
    local = local_backend(prepared, tmp_path / "data")
    try:
        ids = local._ids.id_of(range(len(local._ids)))
        assert len(ids) >= 4
        first = local.passages(ids)
        reads: list[list[int]] = []
        read = local._store.records_by_row

        def counted(rows: list[int], languages: dict[int, str]) -> object:
            reads.append(list(rows))
            return read(rows, languages)

        monkeypatch.setattr(local._store, "records_by_row", counted)
        again = local.passages(list(reversed(ids)))
        assert reads == []  # every record came from memory, in the order asked
        assert [r.passage for r in again] == [r.passage for r in reversed(first)]
        monkeypatch.setattr(local_module, "RECORDS_CACHED", 2)
        local._records.clear()
        local.passages(ids)
        assert len(local._records) == 2  # the bound holds
        local.passages(ids[:1])
        assert reads[-1] == [local._rows(ids[:1])[0]]  # the first was forgotten, so read again
        local.passages(ids[:1])
        assert len(reads) == 2  # kept since
        local.forget_records()
        local.passages(ids[:1])
        assert len(reads) == 3  # nothing kept: read again
    finally:
        local.close()
