"""Question vectors: kept by text, and computed on a worker thread while the search goes on.

A follow-up ("And the year before?") is searched with its own vector blended with its history's
(`index.engine`), and that history is, in a conversation, the question asked just before: already
encoded once. Keeping the last `QUESTION_VECTORS` vectors (1.5 KB each at 384 dimensions) saves the
follow-up one encoder call, the larger part of its search (~6 ms for e5-small's question encoder here).

The encoder is most of a search's time, and much of the rest does not need its vector: analysing
the question, translating its terms, reading what it names and asks (an article, an instrument, a
defined term, its key facts, the type of answer; since 2026-12-07: p50 0.44 ms, mean 0.73 ms of a demo
search that had come after the vector), its BM25 runs. `Encoding` runs the encoder on a worker thread
from the start of a search, so on two cores the two overlap (`QuestionVectors.start`). Measured on
the demo collection with the dev-set questions, caches cold, e5-small (bench/README.md): search p50
10.8 -> 9.7 ms in process, `POST /api/ask` p50 14.1 -> 13.1 ms against the same server encoding in
the caller, interleaved.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from index.embedding.base import Embedder, PreparedQuery, Vectors

QUESTION_VECTORS = 1024
ENCODING_WORKERS = 8  # questions encoded at once at most (more wait for a worker to be free)
T = TypeVar("T")


class QuestionVectors:
    """The vectors of the last `size` texts encoded as questions (least recently used out);
    thread-safe."""

    def __init__(self, size: int = QUESTION_VECTORS) -> None:
        self._size = size
        self._kept: OrderedDict[tuple[str, str], Vectors] = OrderedDict()
        self._lock = threading.Lock()

    def vector(self, embedder: Embedder, text: str, *, earlier: bool = False) -> Vectors:
        """`embedder.encode_query(text)`, kept (read-only) for later calls. With `earlier` (the text
        is an earlier question of the conversation), a vector kept for the same text and model
        (`fingerprint`) is returned instead of encoding again; without it the text is always encoded,
        so that a question asked anew costs what it always did."""
        key = (embedder.fingerprint, text)
        kept = self._kept_vector(key) if earlier else None
        return kept if kept is not None else self._keep(key, embedder.encode_query(text))

    def start(
        self, embedder: Embedder, text: str, encoding: Encoding, *, earlier: bool = False
    ) -> Callable[[], Vectors]:
        """`vector(embedder, text, earlier=earlier)` as a function giving it: where the embedder
        prepares its questions (`PreparedQuery`) and the vector is not kept, the encoder runs on one of
        `encoding`'s workers from now on, while the caller goes on; else the vector is computed now.
        The function waits for the vector (and raises what encoding raised); it may be called again."""
        key = (embedder.fingerprint, text)
        kept = self._kept_vector(key) if earlier else None
        if kept is not None:
            return lambda: kept
        if not isinstance(embedder, PreparedQuery):
            vec = self.vector(embedder, text)
            return lambda: vec
        job = encoding.start(embedder.prepare_query(text))
        done: list[Vectors] = []

        def result() -> Vectors:
            if not done:
                done.append(self._keep(key, job.result()))
            return done[0]

        return result

    def _kept_vector(self, key: tuple[str, str]) -> Vectors | None:
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
            return kept

    def _keep(self, key: tuple[str, str], vec: Vectors) -> Vectors:
        vec.setflags(write=False)
        with self._lock:
            self._kept[key] = vec
            self._kept.move_to_end(key)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return vec


class Encoding:
    """Question vectors computed on a worker thread while the caller goes on with the work that does
    not need them (analysing and translating the question, its BM25 runs): on two cores a question's
    encoder run (~6 ms for e5-small here) and that work (~2 ms) overlap instead of adding up.

    ONNX Runtime releases the GIL while it runs, so the worker's encoder and the caller's Python share
    the cores. `start` waits until the worker has taken the job: a thread that asks for the GIL while
    another runs Python waits up to the switch interval (5 ms) for it, so a job queued behind the
    caller's Python would start only when the caller next waits. For the same reason a job should
    give the GIL up only once, in the encoder: the inputs are made in the caller beforehand
    (`index.embedding.base.PreparedQuery`).

    Args:
        workers: worker threads at most (created when first needed); 0 runs each job in the caller,
            when `start` is called (no overlap: for measuring, and where threads are unwanted).
    """

    def __init__(self, workers: int = ENCODING_WORKERS) -> None:
        if workers < 0:
            raise ValueError(f"workers must be >= 0, got {workers}")
        self._pool = (
            ThreadPoolExecutor(max_workers=workers, thread_name_prefix="groundqa-question")
            if workers
            else None
        )

    def start(self, job: Callable[[], T]) -> Future[T]:
        """Run `job` on a worker; returns once the worker has begun it (or, with no workers, after
        running it). The future's `result()` gives its value or raises its exception."""
        if self._pool is None:
            done: Future[T] = Future()
            try:
                done.set_result(job())
            except Exception as exc:  # raised where the value is asked for, as from a worker
                done.set_exception(exc)
            return done
        started = threading.Event()

        def run() -> T:
            started.set()
            return job()

        future = self._pool.submit(run)
        started.wait()
        return future

    def close(self) -> None:
        """Let the workers end once their jobs are done (idempotent)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False)
