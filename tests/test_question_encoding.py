"""Questions encoded on a worker thread while the engine goes on (index.question_vectors.Encoding)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from index.embedding.base import PreparedQuery, Vectors
from index.engine import GroundIndex
from index.question_vectors import Encoding, QuestionVectors
from index.types import Query
from tests.fakes import FakeEmbedder
from tests.helpers import tiny_index_in


def test_a_job_runs_on_a_worker_and_gives_its_value() -> None:
    encoding = Encoding(workers=2)
    try:
        job = encoding.start(lambda: threading.current_thread().name)
        assert job.result().startswith("groundqa-question")
        assert job.result() == job.result()
    finally:
        encoding.close()


def test_start_returns_once_the_worker_has_begun() -> None:
    encoding = Encoding(workers=1)
    began = threading.Event()
    release = threading.Event()

    def job() -> int:
        began.set()
        release.wait(5)
        return 7

    try:
        pending = encoding.start(job)
        assert began.is_set()  # the caller goes on only once the job is running, not queued
        release.set()
        assert pending.result() == 7
    finally:
        encoding.close()


def test_a_jobs_error_is_raised_where_its_value_is_asked() -> None:
    def fail() -> int:
        raise RuntimeError("encoder broke")

    for workers in (0, 1):
        encoding = Encoding(workers=workers)
        pending = encoding.start(fail)  # no raise here
        with pytest.raises(RuntimeError, match="encoder broke"):
            pending.result()
        encoding.close()


def test_no_workers_runs_the_job_in_the_caller() -> None:
    pending = Encoding(workers=0).start(lambda: threading.current_thread().name)
    assert pending.result() == threading.current_thread().name
    with pytest.raises(ValueError, match="workers"):
        Encoding(workers=-1)


class Counting(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.runs: list[tuple[str, str]] = []  # (text, thread name) per encoder run

    def prepare_query(self, text: str) -> Callable[[], Vectors]:
        def run() -> Vectors:
            self.runs.append((text, threading.current_thread().name))
            return self.encode_query(text)

        return run


class Unprepared(FakeEmbedder):
    prepare_query = None  # type: ignore[assignment]  # not a PreparedQuery: encoded in the caller


def test_question_vectors_encode_on_a_worker_and_keep_the_vector() -> None:
    emb = Counting()
    assert isinstance(emb, PreparedQuery)
    vectors, encoding = QuestionVectors(), Encoding()
    try:
        vec = vectors.start(emb, "refugee status", encoding)
        assert np.array_equal(vec(), emb.encode_query("refugee status"))
        assert vec() is vec()
        assert [name.startswith("groundqa-question") for _, name in emb.runs] == [True]
        # an earlier question of the conversation is not encoded again
        again = vectors.start(emb, "refugee status", encoding, earlier=True)
        assert again() is vec() and len(emb.runs) == 1
        # a question asked anew is
        vectors.start(emb, "refugee status", encoding)()
        assert len(emb.runs) == 2
    finally:
        encoding.close()


def test_an_embedder_without_prepared_questions_is_encoded_at_once() -> None:
    emb = Unprepared()
    assert not isinstance(emb, PreparedQuery)
    vectors, encoding = QuestionVectors(), Encoding()
    try:
        vec = vectors.start(emb, "forced repatriation", encoding)
        assert np.array_equal(vec(), emb.encode_query("forced repatriation"))
    finally:
        encoding.close()


class WaitsForBM25(FakeEmbedder):
    """An encoder that finishes only once the engine has searched BM25: a search that waited for the
    vector before its BM25 runs would time out here."""

    def __init__(self) -> None:
        super().__init__()
        self.searched = threading.Event()
        self.overlapped: list[bool] = []

    def prepare_query(self, text: str) -> Callable[[], Vectors]:
        def run() -> Vectors:
            self.overlapped.append(self.searched.wait(10))
            return self.encode_query(text)

        return run


def test_bm25_is_searched_while_the_question_is_encoded(tmp_path_factory: pytest.TempPathFactory) -> None:
    built = tiny_index_in(tmp_path_factory, "overlap")
    emb = WaitsForBM25()
    index = GroundIndex(built.backend, emb)
    backend: Any = index.backend
    lexical_rows = backend.lexical_rows

    def seen(*args: Any, **kwargs: Any) -> Any:
        emb.searched.set()
        return lexical_rows(*args, **kwargs)

    backend.lexical_rows = seen
    answer = index.search(Query("How many North Koreans were detained in China awaiting deportation?"))
    assert emb.overlapped == [True]
    assert answer.answered


QUESTIONS = [
    ("How many North Koreans were detained in China awaiting deportation?", ()),
    ("난민신청자의 강제송환 금지", ()),
    ("And in 2024?", ("How many North Koreans were detained in China awaiting deportation?",)),
    ("best recipe for chocolate chip cookies with walnuts", ()),
]


def test_answers_are_the_same_encoded_on_a_worker_or_in_the_caller(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    index = tiny_index_in(tmp_path_factory, "same")
    inline = GroundIndex(index.backend, index._embedder)
    inline._encoding = Encoding(workers=0)
    for question, history in QUESTIONS:
        a = index.search(Query(question, k=5, history=history, explain=True))
        b = inline.search(Query(question, k=5, history=history, explain=True))
        assert a.answered == b.answered
        assert [h.passage.id for h in a.hits + a.further + a.related] == [
            h.passage.id for h in b.hits + b.further + b.related
        ]
        assert a.explanation == b.explanation


def _question_workers() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name.startswith("groundqa-question")}


def test_an_index_let_go_leaves_no_worker_behind(tmp_path_factory: pytest.TempPathFactory) -> None:
    # the server swaps in a new GroundIndex after every rebuild and lets the old one go (other tests'
    # indexes may hold workers of their own, and may be let go meanwhile: only new workers count)
    import gc
    import time

    built = tiny_index_in(tmp_path_factory, "let-go")
    before = _question_workers()
    for _ in range(3):
        index = GroundIndex(built.backend, built._embedder)
        index.search(Query("How many North Koreans were detained in China awaiting deportation?"))
        assert _question_workers() - before
        del index
    gc.collect()
    deadline = time.monotonic() + 5
    while _question_workers() - before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _question_workers() - before
