"""Serving and indexing figures against their floors: query overhead beyond the encoder, ask latency
as a ratio to the plain torch encoder, memory by collection size, approximate search at 1M, and
encoder throughput against the compute ceiling. Sections of `bench.speed`:

    .venv/bin/python -m bench.speed --only overhead,ratio,memory,ceiling [--sizes 100000,1000000]

Every figure is printed with the load average it was taken at. Wall-clock figures on 2 shared cores
are only comparable within one run; the overhead section therefore also reports the thread's CPU
time per query (`time.thread_time`), which other processes disturb much less.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from index.embedding.base import Embedder
from tests.processes import python_json

MB = 1024 * 1024


def _p50(xs: list[float]) -> float:
    return float(statistics.median(xs)) if xs else float("nan")


class CachedQueries:
    """An embedder that returns precomputed question vectors: search timed without the encoder."""

    def __init__(self, inner: Embedder, texts: list[str]) -> None:
        self._inner = inner
        self._vectors = {t: inner.encode_query(t) for t in dict.fromkeys(texts)}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def encode_query(self, text: str) -> np.ndarray:
        v = self._vectors.get(text)
        return self._inner.encode_query(text) if v is None else v

    def prepare_query(self, text: str) -> Callable[[], np.ndarray]:
        """The vector handed over as the engine hands over a question to encode (to a worker thread:
        `index.question_vectors.Encoding`), so the handover's cost counts."""
        v = self.encode_query(text)
        return lambda: v


def overhead(
    index: Any, embedder: Embedder, work: list[tuple[str, list[str]]], rounds: int
) -> dict[str, float]:
    """Search p50 with the question vectors precomputed (wall and thread CPU), and the encoder's own
    p50 on the same questions, interleaved question by question (ms). `overhead_cpu_best_p50` is the
    median over questions of each question's least thread CPU among the rounds;
    `overhead_process_cpu_p50` counts every thread of the process (Kiwi analyses a list of texts on
    its own threads, which thread CPU misses: 0.3-0.4 ms a Korean question). Then one more cold
    round with the real encoder: `served_p50`, the whole search's p50, and `beyond_encoder_p50`, the
    p50 over questions of (search − the same question's encoder alone, timed just before): what the
    search adds to its encoder when that runs beside the rest."""
    from index.question import analyze_question
    from index.types import Query

    texts = [q for q, _ in work] + [" ".join(h) for _, h in work if h]
    cached = CachedQueries(embedder, texts)
    real = index._embedder
    index._embedder = cached
    index._retriever._embedder = cached
    try:
        for q, h in work[:10]:
            index.search(Query(q, k=5, history=tuple(h)))
        wall: list[float] = []
        cpu: list[float] = []
        process: list[float] = []
        enc: list[float] = []
        for _ in range(rounds):
            # each round starts cold: no question seen before, no passage record kept (a repeated
            # question would find its own analysis and candidates in memory)
            analyze_question.cache_clear()
            getattr(index.backend, "forget_records", lambda: None)()
            for q, h in work:
                t0 = time.perf_counter()
                embedder.encode_query(q)
                enc.append((time.perf_counter() - t0) * 1000)
                p0, c0, t0 = time.process_time(), time.thread_time(), time.perf_counter()
                index.search(Query(q, k=5, history=tuple(h)))
                wall.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.thread_time() - c0) * 1000)
                process.append((time.process_time() - p0) * 1000)
    finally:
        index._embedder = real
        index._retriever._embedder = real
    # the search as served, its encoder running beside the rest (`index.question_vectors.Encoding`):
    # what it takes beyond the encoder alone, question by question, in one more cold round
    analyze_question.cache_clear()
    getattr(index.backend, "forget_records", lambda: None)()
    beyond: list[float] = []
    served: list[float] = []
    for q, h in work:
        t0 = time.perf_counter()
        embedder.encode_query(q)
        alone = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        index.search(Query(q, k=5, history=tuple(h)))
        served.append((time.perf_counter() - t0) * 1000)
        beyond.append(served[-1] - alone)
    # per question, its cheapest round: the machine's drift between runs (up to 30% here) moves every
    # round's figures, and the best of a few cold rounds moves least
    best = np.asarray(cpu, dtype=np.float64).reshape(rounds, len(work)).min(axis=0) if work else np.zeros(0)
    return {
        "overhead_p50": _p50(wall),
        "overhead_p90": float(np.percentile(wall, 90)),
        "overhead_cpu_p50": _p50(cpu),
        "overhead_cpu_best_p50": float(np.median(best)) if best.size else 0.0,
        "overhead_process_cpu_p50": _p50(process),
        "encoder_p50": _p50(enc),
        "queries": float(len(wall)),
        "served_p50": _p50(served),
        "beyond_encoder_p50": _p50(beyond),
    }


def dense_recall(backend: Any, vectors: list[np.ndarray], k: int = 10, depth: int = 100) -> dict[str, Any]:
    """Approximate vs exact dense top-k over the question vectors: recall@k and both search p50s (ms).

    Two ways of searching, both against an exact search of the same rows:
    - "recall", "approx_p50", "exact_p50": one search over every passage for the top k;
    - "language_recall" (pooled over the languages), "language_p50" (all of a question's runs),
      "per_language": what the engine does with a multilingual model, one run of `depth` passages
      per passage language, whose top k are compared.
    """
    from index.types import Filters

    found = 0
    approx_ms, exact_ms = [], []
    for v in vectors:
        t0 = time.perf_counter()
        rows, _ = backend.vectors.search(v, k)
        approx_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        truth, _ = backend.vectors.search(v, k, exact=True)
        exact_ms.append((time.perf_counter() - t0) * 1000)
        found += len(set(rows.tolist()) & set(truth.tolist()))
    languages = sorted(backend.info.passage_languages)
    subsets = {lang: backend._subset_cached(Filters(), lang) for lang in languages}
    by_language = dict.fromkeys(languages, 0)
    possible = dict.fromkeys(languages, 0)  # a language with fewer than k passages has fewer to find
    runs_ms = []
    for v in vectors:
        t0 = time.perf_counter()
        runs = {
            lang: [pid for pid, _ in backend.dense_search(v, depth, Filters(), language=lang)]
            for lang in languages
        }
        runs_ms.append((time.perf_counter() - t0) * 1000)
        for lang in languages:
            truth, _ = backend.vectors.search(v, k, subsets[lang], exact=True)
            by_language[lang] += len(set(runs[lang][:k]) & set(backend._ids.id_of(truth)))
            possible[lang] += int(truth.size)
    wanted = max(1, k * len(vectors))
    return {
        "recall": found / wanted,
        "approx_p50": _p50(approx_ms),
        "exact_p50": _p50(exact_ms),
        "kind": backend.vectors.kind,
        "language_recall": sum(by_language.values()) / max(1, sum(possible.values())),
        "language_p50": _p50(runs_ms),
        "per_language": {lang: f / max(1, possible[lang]) for lang, f in by_language.items()},
    }


def plain_torch_encoder() -> Callable[[str], Any]:
    """sentence-transformers' own `encode` of one question with the bundled MiniLM (the floor of the
    issue's ratio: no groundqa code in the way)."""
    from index.embedding.st import load_sentence_transformer, resolve_model

    model = load_sentence_transformer(resolve_model(""))

    def encode(text: str) -> Any:
        return model.encode([text], normalize_embeddings=True, show_progress_bar=False)

    return encode


# -- memory: one fresh process per collection ---------------------------------------------------------
_MEMORY_CHILD = r"""
import json, os, sys, time, gc
from pathlib import Path
def status():
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        k, _, v = line.partition(":")
        if k in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            out[k] = int(v.split()[0]) / 1024
    return out
models, data, questions = Path(sys.argv[1]), sys.argv[2], json.loads(sys.argv[3])
fingerprint = sys.argv[4]
from index.embedding.load import Models
from index.analyzer import analyze_many
from index.engine import GroundIndex
from index.types import Query
emb = Models("auto", "auto", models).for_fingerprint(fingerprint)
analyze_many(["North Korean defectors", "탈북민들은 중국에서 강제송환", "中国强制遣返"])
emb.encode_query("warm up")
gc.collect()
fixed = status()
out = {"fixed": fixed}
if data:
    t0 = time.perf_counter()
    index = GroundIndex.open(Path(data), emb)
    out["open_s"] = time.perf_counter() - t0
    out["opened"] = status()
    for q, h in questions:
        index.search(Query(q, k=5, history=tuple(h)))
    gc.collect()
    out["served"] = status()
    out["passages"] = index.info.passages
print(json.dumps(out))
"""


def memory_of(
    models: Path,
    fingerprint: str,
    data: Path | None,
    questions: list[tuple[str, list[str]]],
    root: Path,
) -> dict[str, Any]:
    """RSS (MB) of a fresh process: with the model of `fingerprint` and the analyzers loaded only
    ("fixed"), after opening `data` ("opened") and after answering `questions` ("served")."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    args = [str(models), str(data or ""), json.dumps(questions), fingerprint]
    try:
        result: dict[str, Any] = python_json(["-c", _MEMORY_CHILD, *args], cwd=root, env=env, timeout=1800)
    except RuntimeError as exc:
        raise RuntimeError(f"memory probe failed: {exc}") from exc
    return result


# -- the compute ceiling ------------------------------------------------------------------------------
def matmul_peak(seconds: float = 3.0) -> float:
    """Measured float32 matmul GFLOP/s with numpy's BLAS at its default threads (all cores), on
    encoder-like shapes: the best of timed repeats of (4096 x 384) @ (384 x 1536)."""
    rng = np.random.default_rng(0)
    a = rng.standard_normal((4096, 384), dtype=np.float32)
    b = rng.standard_normal((384, 1536), dtype=np.float32)
    flops = 2.0 * 4096 * 384 * 1536
    best = 0.0
    a @ b
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        a @ b
        best = max(best, flops / (time.perf_counter() - t0) / 1e9)
    return best


def onnx_flops_model(model_file: Path) -> tuple[float, int, int]:
    """(MatMul weight parameters, attention layers, hidden size) read off an ONNX graph: a token costs
    2 x weights FLOPs plus, per layer, 4 x sequence x hidden for attention scores and mixing."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(model_file), load_external_data=False).graph
    inits = {i.name: i for i in graph.initializer}
    weights = 0.0
    for node in graph.node:
        if node.op_type in ("MatMul", "Gemm"):
            for name in node.input:
                if name in inits:
                    weights += float(np.prod(numpy_helper.to_array(inits[name]).shape))
    layers = sum(1 for node in graph.node if node.op_type == "Softmax")
    hidden = 0
    for node in graph.node:
        if node.op_type == "MatMul":
            for name in node.input:
                if name in inits:
                    hidden = int(numpy_helper.to_array(inits[name]).shape[0])
                    break
        if hidden:
            break
    return weights, layers, hidden


def passage_flops(weights: float, layers: int, hidden: int, tokens: int) -> float:
    """FLOPs of one passage of `tokens` tokens (special tokens included), no padding."""
    return 2.0 * weights * tokens + 4.0 * layers * hidden * tokens * tokens
