"""Speed benchmarks: query latency, indexing throughput, incremental updates, start-up time and memory.

    .venv/bin/python -m bench.speed [--only latency,indexing,incremental,ready] [--quick] [--data DIR]

Prints markdown tables (medians over repeats; p50 and p99 for latencies) and a final
"target | measured | met?" table. Everything is bounded in count and time, and servers listen on
127.0.0.1 only. `--data` is an already-built demo data dir (default .test-cache/demo-data, built by
the test suite); synthetic 10k/100k collections are derived from it (bench/synthetic.py) and cached
under `--work`. See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from bench.devset_eval import load_devset
from bench.synthetic import ensure_synthetic, load_demo, synthetic_document
from index import LocalCatalog, SourceDir, UpdateReport, update_index
from index.embedding.base import Embedder
from index.embedding.load import Backend, Models, load_embedder
from index.engine import GroundIndex
from index.local import snapshot
from index.types import Query
from tests.client import request
from tests.processes import free_port, stop_process, wait_until_ready

ROOT = Path(__file__).resolve().parents[1]
DEMO_SOURCES = ROOT.parent / "shared" / "corpus" / "sources"
SECTIONS = ("latency", "indexing", "incremental", "ready", "overhead", "ratio", "memory", "ceiling")
RESULTS = ROOT / "bench" / "results" / "speed.json"  # the previous run's figures, for the regression check
REGRESSION = 0.25  # a figure this much worse than the previous run's is flagged
MB = 1024 * 1024


@dataclass
class Plan:
    """What one run does, from the command line."""

    sections: tuple[str, ...]
    quick: bool
    data: Path
    work: Path
    sizes: tuple[int, ...]
    questions: int  # dev-set questions per round (0 = all)
    rounds: int  # rounds over the questions per latency figure
    index_passages: int  # approximate passages in the indexing subset (0 = the whole demo collection)
    backends: tuple[str, ...]
    repeats: int  # incremental add/remove cycles and server starts
    budget: float  # seconds allowed per section before loops stop early
    out: Path | None = None  # also write the markdown here
    results: Path = RESULTS
    keep_results: bool = False


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    targets: list[tuple[str, str, str]] = field(default_factory=list)
    figures: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> {value, unit, better, load}

    def figure(self, name: str, value: float, unit: str, better: str = "lower") -> None:
        """Record a figure for the regression check (`better`: "lower" or "higher")."""
        self.figures[name] = {"value": value, "unit": unit, "better": better, "load": load_avg()}

    def emit(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)

    def table(
        self, title: str, header: list[str], rows: list[list[str]], notes: tuple[str, ...] = ()
    ) -> None:
        self.emit(f"### {title}\n")
        self.emit("| " + " | ".join(header) + " |")
        self.emit("|" + "---|" * len(header))
        for r in rows:
            self.emit("| " + " | ".join(r) + " |")
        for n in notes:
            self.emit(f"\n{n}")
        self.emit()

    def target(self, what: str, measured: str, met: bool | None) -> None:
        self.targets.append((what, measured, "n/a" if met is None else ("yes" if met else "**no**")))


class Budget:
    def __init__(self, seconds: float) -> None:
        self.end = time.perf_counter() + seconds
        self.hit = False

    def over(self) -> bool:
        self.hit = self.hit or time.perf_counter() > self.end
        return self.hit


def log(msg: str) -> None:
    print(f"[speed {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def load_avg() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def p(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def ms(x: float) -> str:
    return f"{x:.1f}"


# -- latency ------------------------------------------------------------------------------------------
@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)  # ms
    errors: int = 0
    answered: int = 0
    server_ms: list[float] = field(default_factory=list)
    wall: float = 0.0
    stopped: bool = False

    def cells(self) -> list[str]:
        n = len(self.latencies) + self.errors
        rate = f"{len(self.latencies) / self.wall:.1f}" if self.wall else "-"
        count = f"{n} (stopped at the 120 s bound)" if self.stopped else str(n)
        return [count, str(self.errors), ms(p(self.latencies, 50)), ms(p(self.latencies, 99)), rate]


Question = tuple[str, list[str]]  # (question, history)


def questions(limit: int) -> list[Question]:
    """Dev-set questions with their history; `limit` > 0 takes an evenly spaced sample (all languages)."""
    items = [(q["question"], list(q.get("history", []))) for q in load_devset()]
    if not limit or limit >= len(items):
        return items
    return [items[int(i * len(items) / limit)] for i in range(limit)]


def warm_up() -> list[Question]:
    """Five English and five Korean dev-set questions: loads Kiwi and lazy indexes before timing."""
    items = load_devset()
    pick = [q for q in items if q.get("language") != "ko"][:5] + [
        q for q in items if q.get("language") == "ko"
    ][:5]
    return [(q["question"], list(q.get("history", []))) for q in pick]


def drive(clients: int, work: list[Question], rounds: int, call: Callable[..., Any]) -> Run:
    """Run `call(worker_state, question, history)` over `work` x rounds from `clients` threads."""
    run = Run()
    lock = threading.Lock()
    budget = Budget(120.0)

    def worker(i: int) -> None:
        state: dict[str, Any] = {}
        for _ in range(rounds):
            for q, h in work[i::clients]:
                if budget.over():
                    return
                t0 = time.perf_counter()
                try:
                    answered, server_ms = call(state, q, h)
                except Exception:
                    with lock:
                        run.errors += 1
                    state.clear()
                    continue
                dt = (time.perf_counter() - t0) * 1000
                with lock:
                    run.latencies.append(dt)
                    run.answered += int(answered)
                    if server_ms is not None:
                        run.server_ms.append(server_ms)
        state.get("close", lambda: None)()

    t0 = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(worker, range(clients)))
    run.wall = time.perf_counter() - t0
    run.stopped = budget.hit
    return run


def search_call(index: GroundIndex) -> Callable[..., tuple[bool, None]]:
    def call(state: dict[str, Any], q: str, h: list[str]) -> tuple[bool, None]:
        return index.search(Query(q, k=5, history=tuple(h))).answered, None

    return call


def http_call(port: int) -> Callable[..., tuple[bool, float]]:
    import http.client

    def call(state: dict[str, Any], q: str, h: list[str]) -> tuple[bool, float]:
        conn = state.get("conn")
        if conn is None:
            conn = state["conn"] = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            state["close"] = conn.close
        body = json.dumps({"question": q, "k": 5, "history": h}).encode()
        conn.request("POST", "/api/ask", body=body, headers={"Content-Type": "application/json"})
        r = conn.getresponse()
        data = r.read()
        if r.status != 200:
            raise RuntimeError(f"HTTP {r.status}: {data[:200]!r}")
        out = json.loads(data)
        return bool(out["answered"]), float(out["took_ms"])

    return call


@contextmanager
def server(
    data: Path, log_file: Path, *, serve: bool = False
) -> Iterator[tuple[int, subprocess.Popen[bytes], float]]:
    """uvicorn on 127.0.0.1 over `data` (as tests/e2e does); yields (port, process, seconds to /readyz).

    `serve` starts `groundqa serve` instead, which first brings the index up to date with the demo
    sources (incremental), then serves.
    """
    port = free_port()
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "GROUNDQA_SOURCES_DIR": str(DEMO_SOURCES),
        "GROUNDQA_DATA_DIR": str(data),
        "GROUNDQA_UPLOADS_DIR": str(log_file.parent / "uploads"),
    }
    env.pop("GROUNDQA_ADMIN_TOKEN", None)
    if serve:
        cmd = [
            sys.executable,
            "-m",
            "service.cli",
            "serve",
            "--sources",
            str(DEMO_SOURCES),
            "--data",
            str(data),
        ]
        cmd += ["--host", "127.0.0.1", "--port", str(port)]
    else:
        cmd = [sys.executable, "-m", "uvicorn", "--factory", "service.asgi:app"]
        cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    t0 = time.perf_counter()
    with open(log_file, "ab") as fh:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    try:
        wait_until_ready(
            proc,
            lambda: request(f"http://127.0.0.1:{port}/readyz", timeout=1).status == 200,
            180,
            0.02,
            exited=f"server exited with {{code}}; see {log_file}",
            late=f"server not ready after 180 s; see {log_file}",
        )
        ready = time.perf_counter() - t0
        yield port, proc, ready
    finally:
        stop_process(proc)


def proc_memory(pid: int) -> tuple[float, float]:
    """(VmHWM, VmRSS) of a process in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            fields[key] = int(value.split()[0]) / 1024
    return fields["VmHWM"], fields["VmRSS"]


def demo_embedder(data: Path) -> Embedder:
    """The model the demo snapshot in `data` was built with (MiniLM or e5-small, by `auto`)."""
    backend = LocalCatalog(data).open()
    try:
        return Models("auto", "auto", data / "models").for_fingerprint(backend.info.model)
    finally:
        backend.close()


def latency_section(plan: Plan, rep: Report) -> None:
    qs = questions(plan.questions)
    emb = demo_embedder(plan.data)
    collections = _collections(plan, rep)
    warm = warm_up()
    for q, _ in warm:
        emb.encode_query(q)
    enc = []
    for _ in range(plan.rounds):
        for q, _ in qs:
            t0 = time.perf_counter()
            emb.encode_query(q)
            enc.append((time.perf_counter() - t0) * 1000)
    inproc: list[list[str]] = []
    http: list[list[str]] = []
    serving: list[list[str]] = []
    head = ["collection", "passages", "clients"]
    for name, path in collections:
        log(f"latency on {name} (load average {load_avg()})")
        t0 = time.perf_counter()
        index = GroundIndex.open(path, emb)
        opened = time.perf_counter() - t0
        n = index.info.passages
        rounds = plan.rounds if name == "demo" else max(1, plan.rounds - 1)  # targets are on the demo
        drive(1, warm, 1, search_call(index))
        for clients in (1, 8):
            r = drive(clients, qs, rounds, search_call(index))
            share = f"{r.answered / max(len(r.latencies), 1):.0%}"
            inproc.append([name, str(n), str(clients), *r.cells(), share, load_avg()])
            if name == "synthetic 100k" and clients == 1:
                rep.target(
                    "index.search, 100k passages, p50 <= 40 ms",
                    ms(p(r.latencies, 50)) + " ms",
                    p(r.latencies, 50) <= 40,
                )
        del index
        gc.collect()
        logs = plan.work / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        with server(path, logs / f"server-{name.replace(' ', '-')}.log") as (port, proc, ready):
            drive(1, warm, 1, http_call(port))
            for clients in (1, 8):
                r = drive(clients, qs, rounds, http_call(port))
                http.append([name, str(n), str(clients), *r.cells(), ms(p(r.server_ms, 50)), load_avg()])
                if name == "demo":
                    lo, hi = p(r.latencies, 50), p(r.latencies, 99)
                    if clients == 1:
                        rep.target("POST /api/ask, demo, 1 client, p50 <= 30 ms", f"{ms(lo)} ms", lo <= 30)
                        rep.target("POST /api/ask, demo, 1 client, p99 <= 100 ms", f"{ms(hi)} ms", hi <= 100)
                    else:
                        ok = hi <= 300 and r.errors == 0
                        rep.target(
                            "POST /api/ask, demo, 8 clients, p99 <= 300 ms, no errors",
                            f"{ms(hi)} ms, {r.errors} errors",
                            ok,
                        )
            hwm, rss = proc_memory(proc.pid)
        serving.append([name, str(n), f"{opened:.2f}", f"{ready:.2f}", f"{hwm:.0f}", f"{rss:.0f}"])
        if name == "demo":
            rep.target("serving RSS (VmHWM after the latency runs) <= 2 GB", f"{hwm:.0f} MB", hwm <= 2048)
    cols = ["queries", "errors", "p50 ms", "p99 ms", "queries/s"]
    enc_note = (
        f"Query encoder alone ({type(emb).__name__}, same questions, 1 thread of calls): "
        f"p50 {ms(p(enc, 50))} ms, p99 {ms(p(enc, 99))} ms."
    )
    rep.table(
        "Query latency in process: GroundIndex.search(k=5)",
        [*head, *cols, "answered", "load avg"],
        inproc,
        (enc_note,),
    )
    rep.table(
        "Query latency over HTTP: POST /api/ask (uvicorn, 1 process, 127.0.0.1)",
        [*head, *cols, "server took_ms p50", "load avg"],
        http,
        ("Client and server share the 2 cores; `took_ms` is the engine's own time inside the server.",),
    )
    rep.table(
        "Serving: load and memory",
        ["collection", "passages", "GroundIndex.open s", "server start to /readyz s", "VmHWM MB", "VmRSS MB"],
        serving,
        ("VmHWM/VmRSS of the server process read after its latency runs.",),
    )


# -- indexing -----------------------------------------------------------------------------------------
def subset_sources(target: int, dest: Path, demo_dir: Path) -> tuple[Path, str]:
    """Copy a language-mixed subset of the demo sources (about `target` passages) and its manifest rows.

    Each language gets its share of the collection's passages as a quota, filled with its sources in
    name order (skipping any that would overshoot the quota by more than 30%).
    Returns the folder and a description ("5 sources: en 3, ko 1, zh 1").
    """
    _, records = LocalCatalog(demo_dir).catalogue()
    by_lang: dict[str, list[tuple[str, int]]] = {}
    for rec in sorted(records, key=lambda r: r.path):
        by_lang.setdefault(rec.meta.language, []).append((rec.path, rec.passage_count))
    everything = sum(c for items in by_lang.values() for _, c in items)
    chosen: list[str] = []
    langs: dict[str, int] = {}
    for lang, items in by_lang.items():
        quota, got = target * sum(c for _, c in items) / everything, 0
        for path, count in items:
            if got >= quota:
                break
            if got + count <= 1.3 * quota:
                chosen.append(path)
                langs[lang] = langs.get(lang, 0) + 1
                got += count
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "sources").mkdir(parents=True)
    for rel in chosen:
        shutil.copy(DEMO_SOURCES / rel, dest / "sources" / rel)
    with open(DEMO_SOURCES.parent / "manifest.csv", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [r for r in reader if r["file"] in chosen]
        names = list(reader.fieldnames or [])
    with open(dest / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=names)
        writer.writeheader()
        writer.writerows(rows)
    mix = ", ".join(f"{lang} {n}" for lang, n in sorted(langs.items()))
    return dest / "sources", f"{len(chosen)} sources: {mix}"


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def padded_tokens(emb: Embedder, texts: list[str], chunk: int) -> int:
    """Tokens the encoder processes (padding included) when texts are length-sorted within `chunk`s."""
    from index.embedding.st import DEFAULT_BATCH, length_batches

    lengths = [min(emb.count_tokens(t), emb.max_tokens) + 2 for t in texts]
    total = 0
    for i in range(0, len(texts), chunk):
        part = texts[i : i + chunk]
        for batch in length_batches(part, DEFAULT_BATCH):
            total += len(batch) * max(lengths[i + j] for j in batch)
    return total


def run_index(
    sources: Path, data: Path, backend: str, *, full: bool, timeout: float
) -> tuple[float, float, Any]:
    """`groundqa index [--full] --json` as a subprocess: (wall s, CPU s of the process, summary)."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "GROUNDQA_BACKEND": backend}
    cmd = [
        sys.executable,
        "-m",
        "service.cli",
        "index",
        "--sources",
        str(sources),
        "--data",
        str(data),
        "--json",
    ]
    t0, c0 = time.perf_counter(), child_cpu()
    done = subprocess.run(
        [*cmd, *(["--full"] if full else [])],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    wall, cpu = time.perf_counter() - t0, child_cpu() - c0
    if done.returncode != 0:
        raise RuntimeError(f"groundqa index failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    return wall, cpu, json.loads(done.stdout)


def fresh_data_dir(path: Path, models: Path, cache_from: Path | None = None) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    (path / "models").symlink_to(models, target_is_directory=True)  # reuse the verified ONNX export
    if cache_from is not None:
        shutil.copytree(cache_from / "cache", path / "cache")
    return path


def indexing_section(plan: Plan, rep: Report) -> None:
    base = plan.work / "indexing"
    whole = not plan.index_passages
    if whole:
        sources, what = DEMO_SOURCES, "the whole demo collection"
    else:
        sources, mix = subset_sources(plan.index_passages, base / "subset", plan.data)
        what = f"a subset of the demo collection ({mix})"
    demo_texts = _passage_texts(plan.data)
    rows: list[list[str]] = []
    parts: list[list[str]] = []
    budget = Budget(4 * plan.budget if whole else plan.budget)
    models = (plan.data / "models").resolve()
    for backend in plan.backends:
        if budget.over():
            break
        data = fresh_data_dir(base / f"data-{backend}", models)
        log(f"groundqa index --full on {what}, {backend} backend (load average {load_avg()})")
        load_before = load_avg()
        try:
            wall, _, summary = run_index(
                sources, data, backend, full=True, timeout=max(budget.end - time.perf_counter(), 60)
            )
        except subprocess.TimeoutExpired:
            budget.hit = True
            break
        texts = _passage_texts(data)
        log(f"raw {backend} encoder on the same {len(texts)} passage texts")
        kind: Backend = "torch" if backend == "torch" else "onnx"
        emb = load_embedder("", kind, models)
        emb.encode(texts[:16])
        t0 = time.perf_counter()
        emb.encode(texts)
        raw = time.perf_counter() - t0
        pad_global, pad_64 = padded_tokens(emb, texts, len(texts)), padded_tokens(emb, texts, 64)
        # Raw encode time of the whole demo collection: measured, or scaled from this run by the
        # tokens the encoder processes (its cost is close to linear in them at these lengths).
        raw_demo = raw if whole else raw * padded_tokens(emb, demo_texts, len(demo_texts)) / pad_global
        del emb
        gc.collect()
        embedded, seconds = int(summary["embedded"]), float(summary["seconds"])
        raw_rate = len(texts) / raw
        direct_wall, direct_pipe = raw_rate / (embedded / wall) - 1, raw_rate / (embedded / seconds) - 1
        rows.append(
            [
                backend,
                str(summary["passages"]),
                str(embedded),
                f"{wall:.1f}",
                f"{seconds:.1f}",
                f"{embedded / wall:.1f}",
                f"{embedded / seconds:.1f}",
                f"{raw:.1f}",
                f"{raw_rate:.1f}",
                f"{direct_wall:+.0%} / {direct_pipe:+.0%}",
                f"{pad_64 / pad_global:.2f}",
                f"{load_before} -> {load_avg()}",
            ]
        )
        # The whole demo collection again, in a fresh data dir whose embedding cache already holds
        # every vector: what the pipeline does besides the encoder (start, model load, reading,
        # chunking, analysis, BM25, writing, publishing).
        log(f"groundqa index on the whole demo collection with every vector cached, {backend} backend")
        cached = fresh_data_dir(
            base / f"data-{backend}-cached", models, cache_from=data if whole else plan.data
        )
        c_wall, c_cpu, c_sum = run_index(DEMO_SOURCES, cached, backend, full=False, timeout=600)
        rest_wall, rest_pipe = c_wall / raw_demo, float(c_sum["seconds"]) / raw_demo
        parts.append(
            [
                backend,
                str(c_sum["passages"]),
                str(c_sum["embedded"]),
                f"{c_wall:.1f}",
                f"{float(c_sum['seconds']):.1f}",
                f"{c_cpu:.1f}",
                f"{raw_demo:.0f}" + ("" if whole else " (est.)"),
                f"{rest_wall:.0%} / {rest_pipe:.0%}",
                load_avg(),
            ]
        )
        rep.target(
            f"indexing pipeline overhead over the raw encoder ({backend}) <= 15%",
            f"{rest_wall:.0%} on the demo ({'' if whole else 'est.; '}cached build wall / raw encode); "
            f"{direct_wall:+.0%} by rate on {'it' if whole else 'the subset'}",
            rest_wall <= 0.15,
        )
        shutil.rmtree(cached, ignore_errors=True)
    rep.table(
        f"Indexing throughput: `groundqa index --full` on {what}",
        [
            "backend",
            "passages",
            "embedded",
            "wall s",
            "update_index s",
            "passages/s wall",
            "passages/s update_index",
            "raw encode s",
            "passages/s raw",
            "overhead by rate (wall / update_index)",
            "padding x",
            "load avg before -> after",
        ],
        rows,
        (
            "Raw = `embedder.encode(texts)` in this process on the unique passage texts of the built index "
            "(batch 32, as the pipeline). Overhead by rate = raw rate / pipeline rate - 1; *wall* includes "
            "process start and model load, *update_index* is the summary's `seconds`. Padding x = padded "
            "tokens the encoder sees when texts are length-sorted only within the builder's 64-text chunks, "
            "over those of one sort across all texts (the raw run).",
            *(["(stopped early: section time budget reached)"] if budget.hit else []),
        ),
    )
    rep.table(
        "Indexing: the pipeline's work besides the encoder, on the whole demo collection",
        [
            "backend",
            "passages",
            "embedded",
            "wall s",
            "update_index s",
            "CPU s",
            "raw encode s of the demo",
            "overhead = cached build / raw encode (wall / update_index)",
            "load avg",
        ],
        parts,
        (
            "The cached build is `groundqa index` on the whole demo collection in a fresh data dir holding "
            "a copy of an embedding cache with every vector, so it embeds nothing: its time is everything "
            "the pipeline does besides the encoder (process start, model load, reading, chunking, analysis, "
            "BM25, writing, publishing). Its ratio to the encoder's own time for the same passages is the "
            "pipeline overhead, without subtracting two noisy wall times. *est.*: the raw encode time of the "
            "whole collection scaled from the subset's by padded tokens (pass `--index-passages 0` to "
            "measure it).",
        ),
    )


def _passage_texts(data: Path) -> list[str]:
    """The distinct passage texts of the data dir's current snapshot, in source order."""
    backend = LocalCatalog(data).open()
    try:
        return list(dict.fromkeys(p.text for r in backend.sources() for p in backend.passages_of(r.id)))
    finally:
        backend.close()


def _top_models(root: Path) -> Callable[[str, list[str]], list[str]]:
    """A copytree filter leaving out the data dir's own models/ folder (linked instead of copied)."""
    return lambda d, names: ["models"] if Path(d) == root and "models" in names else []


# -- incremental --------------------------------------------------------------------------------------
def timed_update(data: Path, inputs: list[SourceDir], emb: Embedder) -> tuple[UpdateReport, dict[str, float]]:
    """update_index with the wall time of each stage (setup = lock, previous snapshot, folder scan)."""
    marks: dict[str, float] = {}
    t0 = time.perf_counter()

    def tick(stage: str, done: int, total: int) -> None:
        marks.setdefault(stage, time.perf_counter())

    report = update_index(
        catalog=LocalCatalog(data), inputs=inputs, embedder=emb, max_bytes=50 * MB, progress=tick
    )
    end = time.perf_counter()
    order = [s for s in ("reading", "embedding", "writing") if s in marks]
    stages = {"setup": (marks[order[0]] if order else end) - t0, "total": end - t0}
    for a, b in zip(order, [*order[1:], None], strict=True):
        stages[a] = (marks[b] if b else end) - marks[a]
    return report, stages


def incremental_section(plan: Plan, rep: Report) -> None:
    base = plan.work / "incremental"
    shutil.rmtree(base, ignore_errors=True)
    data, extra = base / "data", base / "extra"
    shutil.copytree(plan.data, data, symlinks=True, ignore=_top_models(plan.data))
    models = (plan.data / "models").resolve()
    (data / "models").symlink_to(models, target_is_directory=True)
    extra.mkdir()
    emb = demo_embedder(data)
    demo = load_demo(plan.data)
    per_source: dict[str, int] = {}
    for t, sid in zip(demo.texts, demo.source_of, strict=True):
        if demo.meta[sid].language == "en":
            per_source[sid] = per_source.get(sid, 0) + len(t.split())
    words = int(statistics.median(per_source.values()))
    inputs = [SourceDir(DEMO_SOURCES), SourceDir(extra, None, "bench")]
    rows: list[list[str]] = []
    adds: list[float] = []

    def row(what: str, r: UpdateReport, st: dict[str, float], reload: float | None) -> None:
        rows.append(
            [
                what,
                f"{st['total']:.2f}",
                f"{st['setup']:.2f}",
                f"{st.get('reading', 0):.2f}",
                f"{st.get('embedding', 0):.2f}",
                f"{st.get('writing', 0):.2f}",
                str(r.embedded),
                str(r.passages),
                "-" if reload is None else f"{reload:.2f}",
                load_avg(),
            ]
        )

    log(f"incremental updates on a copy of the demo index (added source: ~{words} words)")
    r, st = timed_update(data, inputs, emb)  # the copy is current: nothing to do
    row("no change", r, st, None)
    for i in range(plan.repeats):
        doc = extra / f"bench-added-{i}.txt"
        doc.write_text(synthetic_document(demo, words, seed=1000 + i), "utf-8")
        r, st = timed_update(data, inputs, emb)
        t0 = time.perf_counter()
        GroundIndex.open(data, emb)
        reload = time.perf_counter() - t0
        adds.append(st["total"])
        row(f"add one source (#{i + 1})", r, st, reload)
        doc.unlink()
        r, st = timed_update(data, inputs, emb)
        row(f"remove it (#{i + 1})", r, st, None)
    med = statistics.median(adds)
    rep.target("add one source to the indexed demo: published <= 10 s", f"{med:.1f} s (median)", med <= 10)
    rep.table(
        "Incremental updates (update_index in process, demo collection + one added English source)",
        [
            "update",
            "total s",
            "setup s",
            "reading s",
            "embedding s",
            "writing s",
            "embedded",
            "passages",
            "reopen s",
            "load avg",
        ],
        rows,
        (
            f"The added source is a generated {words}-word English document (the median English demo "
            "source), so all its passages are new. setup = lock, previous snapshot (checksums, store), "
            "folder scan; reading = load + chunk every source; writing = store, vectors, BM25, publish. "
            "reopen = GroundIndex.open of the new snapshot (what a server does to swap it in).",
        ),
    )


# -- ready --------------------------------------------------------------------------------------------
def ready_section(plan: Plan, rep: Report) -> None:
    logs = plan.work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    times, rows = [], []
    warm = warm_up()
    first_en, first_ko = warm[0], warm[-1]
    hwm = 0.0
    for i in range(plan.repeats):
        log(f"server start #{i + 1} on the demo collection")
        with server(plan.data, logs / "server-ready.log") as (port, proc, ready):
            times.append(ready)
            early = proc_memory(proc.pid)
            cold_en = drive(1, [first_en], 1, http_call(port))
            cold_ko = drive(1, [first_ko], 1, http_call(port))
            drive(1, warm, 2, http_call(port))
            hwm, rss = proc_memory(proc.pid)
        rows.append(
            [
                str(i + 1),
                f"{ready:.2f}",
                ms(p(cold_en.latencies, 50)),
                ms(p(cold_ko.latencies, 50)),
                f"{early[0]:.0f}",
                f"{hwm:.0f}",
                f"{rss:.0f}",
                load_avg(),
            ]
        )
    log("groundqa serve on a copy of the demo data dir (nothing to update)")
    copy = plan.work / "ready-serve-data"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(plan.data, copy, symlinks=True, ignore=_top_models(plan.data))
    (copy / "models").symlink_to((plan.data / "models").resolve(), target_is_directory=True)
    with server(copy, logs / "server-serve.log", serve=True) as (port, proc, ready):
        serve_ready = ready
    med = statistics.median(times)
    rep.target("ready (process start to /readyz 200) <= 5 s", f"{med:.2f} s (median)", med <= 5)
    if not any("serving RSS" in t[0] for t in rep.targets):
        rep.target("serving RSS (VmHWM after 22 asks) <= 2 GB", f"{hwm:.0f} MB", hwm <= 2048)
    rep.table(
        "Start-up: `uvicorn --factory service.asgi:app` on the demo collection",
        [
            "start",
            "process start to /readyz s",
            "first English ask ms",
            "then first Korean ask ms",
            "VmHWM at ready MB",
            "VmHWM after 22 asks MB",
            "VmRSS MB",
            "load avg",
        ],
        rows,
        (
            f"`groundqa serve` (which first checks the index against the sources, then serves) on a copy "
            f"of the same data dir, nothing to update: {serve_ready:.2f} s to /readyz.",
            "The first asks after start pay for what is loaded lazily (Kiwi, the Korean analyzer and "
            "sentence splitter, is built on the first Hangul text the server meets: a question or the "
            "evidence sentences of a Korean passage).",
        ),
    )


# -- overhead, ratio, memory, ceiling (bench/serving.py) ----------------------------------------------
def _collections(plan: Plan, rep: Report) -> list[tuple[str, Path]]:
    out: list[tuple[str, Path]] = [("demo", plan.data)]
    for n in plan.sizes:
        log(f"synthetic collection of {n} passages")
        path, took = ensure_synthetic(plan.data, plan.work, n)
        out.append((f"synthetic {n // 1000}k", path))
        if took:
            rep.emit(f"(built the synthetic {n}-passage snapshot in {took:.0f} s; reused on later runs)\n")
    return out


def overhead_section(plan: Plan, rep: Report) -> None:
    """GroundIndex.search with the question vectors precomputed: everything but the encoder."""
    from bench import serving

    qs = questions(plan.questions)
    emb = demo_embedder(plan.data)
    rows: list[list[str]] = []
    ann: list[list[str]] = []
    for name, path in _collections(plan, rep):
        log(f"overhead on {name} (load average {load_avg()})")
        index = GroundIndex.open(path, emb)
        n = index.info.passages
        r = serving.overhead(index, emb, qs, plan.rounds if name == "demo" else 1)
        rows.append(
            [
                name,
                str(n),
                str(int(r["queries"])),
                ms(r["overhead_p50"]),
                ms(r["overhead_p90"]),
                f"{r['overhead_cpu_p50']:.2f}",
                f"{r['overhead_cpu_best_p50']:.2f}",
                f"{r['overhead_process_cpu_p50']:.2f}",
                ms(r["encoder_p50"]),
                ms(r["served_p50"]),
                f"{r['beyond_encoder_p50']:.2f}",
                load_avg(),
            ]
        )
        key = name.replace(" ", "-")
        rep.figure(f"overhead p50 ms, {key}", r["overhead_p50"], "ms")
        rep.figure(f"overhead CPU p50 ms, {key}", r["overhead_cpu_p50"], "ms")
        rep.figure(f"overhead CPU best-of-rounds p50 ms, {key}", r["overhead_cpu_best_p50"], "ms")
        rep.figure(f"overhead process CPU p50 ms, {key}", r["overhead_process_cpu_p50"], "ms")
        rep.figure(f"search beyond its encoder p50 ms, {key}", r["beyond_encoder_p50"], "ms")
        if name == "demo":
            rep.target(
                "search overhead beyond the encoder, demo, p50 <= 2 ms (thread CPU)",
                f"{r['overhead_cpu_p50']:.2f} ms CPU, {ms(r['overhead_p50'])} ms wall",
                r["overhead_cpu_p50"] <= 2.0,
            )
        backend = index.backend
        if getattr(backend, "vectors", None) is not None:
            vecs = [emb.encode_query(q) for q, _ in qs]
            d = serving.dense_recall(backend, vecs)
            per = ", ".join(f"{lang} {r:.3f}" for lang, r in d["per_language"].items())
            ann.append(
                [
                    name,
                    str(n),
                    str(d["kind"]),
                    f"{d['recall']:.3f}",
                    ms(d["approx_p50"]),
                    ms(d["exact_p50"]),
                    f"{d['language_recall']:.3f} ({per})",
                    ms(d["language_p50"]),
                    load_avg(),
                ]
            )
            if n >= 1_000_000:
                full = serving.overhead(index, emb, qs, 1)
                p50 = full["overhead_p50"] + full["encoder_p50"]
                rep.figure(f"dense recall@10, {key}", float(d["recall"]), "", "higher")
                rep.figure(f"language-run recall@10, {key}", float(d["language_recall"]), "", "higher")
                rep.target("1M passages: search p50 <= 50 ms", f"{ms(p50)} ms (encoder included)", p50 <= 50)
                rep.target(
                    "1M passages: dense recall@10 vs exact >= 0.98 (one search / the language runs served)",
                    f"{d['recall']:.3f} / {d['language_recall']:.3f}",
                    min(d["recall"], d["language_recall"]) >= 0.98,
                )
        index.backend.close()
        del index
        gc.collect()
    rep.table(
        "Search overhead beyond the encoder: GroundIndex.search(k=5) with precomputed question vectors",
        [
            "collection",
            "passages",
            "queries",
            "p50 ms",
            "p90 ms",
            "thread CPU p50 ms",
            "thread CPU, best round, p50 ms",
            "process CPU p50 ms",
            "encoder p50 ms",
            "search with its encoder p50 ms",
            "beyond its encoder p50 ms",
            "load avg",
        ],
        rows,
        (
            "The question vectors are computed once beforehand, so the time is everything else a query does "
            "(BM25 with feedback, fusion, near-duplicate groups from stored signatures, abstention, evidence "
            "from stored sentence terms). The encoder column is the ONNX query encoder on the same "
            "questions, "
            "interleaved. Thread CPU is what the query itself consumed, which other processes disturb less "
            "than wall time. Best round: each question's least thread CPU over the rounds (each round cold), "
            "then the median over questions; it moves least with the machine's drift, so compare versions "
            "by it (with --rounds 3 or more). Process CPU counts every thread of the process: Kiwi analyses "
            "a list of texts on its own threads, which thread CPU misses (0.3-0.4 ms a Korean question). "
            "The last two columns are one more cold round as served: the "
            "question encoded on a worker while its analysis, translations and BM25 runs go on "
            "(index.question_vectors), and per question the search's time minus its encoder's alone, "
            "timed just before; the p50 of those differences is what a search adds to its encoder.",
        ),
    )
    rep.table(
        "Dense search: approximate vs exact top-10",
        [
            "collection",
            "passages",
            "vector index",
            "recall@10",
            "p50 ms",
            "exact p50 ms",
            "language runs: recall@10",
            "runs p50 ms",
            "load avg",
        ],
        ann,
        (
            "Collections under 50k passages are searched exactly (recall 1 by construction); from 50k, one "
            "IVF per passage language, with 4-bit fast-scan PQ codes and 512 probes, proposes 16 x k "
            "candidates (at least 1,000) that are re-scored exactly from the memory-mapped vectors. "
            "recall@10 and p50: one search over every passage for "
            "the top 10. Language runs: what the engine does with the multilingual model, one run of 100 "
            "passages per language (all of a question's runs timed together), whose top 10 are compared "
            "with an exact search of that language's passages.",
        ),
    )


def ratio_section(plan: Plan, rep: Report) -> None:
    """POST /api/ask p50 against plain sentence-transformers (torch) encoding p50, interleaved."""
    from bench import serving

    qs = questions(plan.questions)
    torch_encode = serving.plain_torch_encoder()
    logs = plan.work / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    with server(plan.data, logs / "server-ratio.log") as (port, _proc, _ready):
        ask = http_call(port)
        state: dict[str, Any] = {}
        for q, h in warm_up():
            ask(state, q, h)
            torch_encode(q)
        enc: list[float] = []
        asks: list[float] = []
        server_ms: list[float] = []
        for _ in range(plan.rounds):
            for q, h in qs:
                t0 = time.perf_counter()
                torch_encode(q)
                enc.append((time.perf_counter() - t0) * 1000)
                t0 = time.perf_counter()
                _, took = ask(state, q, h)
                asks.append((time.perf_counter() - t0) * 1000)
                server_ms.append(took)
        state.get("close", lambda: None)()
    ratio = p(asks, 50) / p(enc, 50)
    rep.figure("ask p50 / torch encode p50, demo", ratio, "x")
    rep.table(
        "POST /api/ask against the plain torch encoder (demo, interleaved question by question)",
        [
            "queries",
            "ask p50 ms",
            "ask p99 ms",
            "server took_ms p50",
            "torch encode p50 ms",
            "ratio",
            "load avg",
        ],
        [
            [
                str(len(asks)),
                ms(p(asks, 50)),
                ms(p(asks, 99)),
                ms(p(server_ms, 50)),
                ms(p(enc, 50)),
                f"{ratio:.2f}",
                load_avg(),
            ]
        ],
        (
            "The torch encoder is sentence-transformers' own `encode` of the question with the bundled "
            "MiniLM "
            "in this process (2 threads), the floor named by the issue; only a quiet-window ratio is honest.",
        ),
    )
    rep.target("POST /api/ask p50 <= 1.0 x plain torch encode p50 (goal 0.6)", f"{ratio:.2f}", ratio <= 1.0)


def memory_section(plan: Plan, rep: Report) -> None:
    """Resident memory of a fresh serving process per collection, and its fixed part."""
    from bench import serving

    qs = questions(40)
    models = plan.data / "models"
    demo = LocalCatalog(plan.data).open()
    fingerprint = demo.info.model  # the synthetic collections carry the demo's model too
    demo.close()
    base = serving.memory_of(models, fingerprint, None, [], ROOT)
    fixed = base["fixed"]["VmRSS"]
    rows = [["(model + analyzers only)", "0", "-", f"{fixed:.0f}", "-", "-", "-", load_avg()]]
    points: list[tuple[int, float]] = []
    for name, path in _collections(plan, rep):
        log(f"memory on {name} (load average {load_avg()})")
        m = serving.memory_of(models, fingerprint, path, qs, ROOT)
        served = m["served"]
        n = int(m["passages"])
        growth = served["VmRSS"] - m["fixed"]["VmRSS"]
        points.append((n, growth))
        rows.append(
            [
                name,
                str(n),
                f"{m['open_s']:.2f}",
                f"{served['VmRSS']:.0f}",
                f"{growth:.0f}",
                f"{served.get('RssAnon', 0):.0f}",
                f"{served.get('RssFile', 0):.0f}",
                load_avg(),
            ]
        )
        rep.figure(f"serving RSS MB, {name.replace(' ', '-')}", served["VmRSS"], "MB")
    if len(points) >= 2:
        (n0, g0), (n1, g1) = points[0], points[-1]
        per100k = (g1 - g0) / max(1, n1 - n0) * 100_000
        rep.figure("RSS growth MB per 100k passages", per100k, "MB")
        rep.target(
            "RSS growth <= 0.3 GB per 100k passages beyond the fixed cost",
            f"{per100k:.0f} MB per 100k ({points[0][0]} -> {points[-1][0]} passages); fixed {fixed:.0f} MB",
            per100k <= 300,
        )
    rep.table(
        "Serving memory (fresh process per collection, after 40 questions)",
        [
            "collection",
            "passages",
            "open s",
            "VmRSS MB",
            "beyond fixed MB",
            "RssAnon MB",
            "RssFile MB",
            "load avg",
        ],
        rows,
        (
            "Fixed: a process with the embedder (ONNX) and the analyzers (Kiwi, stemmer, jieba) loaded and "
            "warmed, no index. RssFile counts pages of memory-mapped snapshot files (vectors, BM25 arrays, "
            "ids, "
            "signatures) that queries touched: shared with the page cache and dropped under memory pressure.",
        ),
    )


def ceiling_section(plan: Plan, rep: Report) -> None:
    """Raw encoder throughput on demo passages against the fp32 compute ceiling of each model:
    MiniLM on each backend, and e5-small's two passage encoders where its conversion is cached."""
    from bench import serving
    from index.embedding.e5 import E5Embedder
    from index.embedding.onnx import cache_folder
    from index.embedding.st import resolve_model

    texts = _passage_texts(plan.data)
    take = texts[:: max(1, len(texts) // 600)][:600]  # an even sample of ~600 passages
    peak = serving.matmul_peak()
    rep.figure("matmul peak GFLOP/s", peak, "GFLOP/s", "higher")
    models = plan.data / "models"
    encoders: list[tuple[str, str, Backend]] = [
        (
            "MiniLM torch" if backend == "torch" else "MiniLM onnx fp32",
            "",
            "torch" if backend == "torch" else "onnx",
        )
        for backend in plan.backends
    ]
    if any(models.glob("e5-small-*/fp32/meta.json")):
        encoders += [
            ("e5-small fp32 (model.onnx)", "multilingual-e5-small:fp32", "onnx"),
            ("e5-small int8ff (query.onnx, one per run, the default)", "multilingual-e5-small", "onnx"),
        ]
    rows: list[list[str]] = []
    notes: list[str] = []
    for label, model, backend in encoders:
        emb = load_embedder(model, backend, models)
        if isinstance(emb, E5Embedder) and model == "multilingual-e5-small" and not emb.quantised_passages:
            label = "e5-small fp32 (model.onnx: the conversion has no query.onnx)"
        if isinstance(emb, E5Embedder):
            graph = emb.folder / "model.onnx"  # the float graph: both encoders do its arithmetic
            tokens = [min(emb.input_tokens(t), emb.tokenizer.max_length) for t in take]
        else:
            graph = cache_folder(resolve_model(""), models) / "model.onnx"
            tokens = [min(emb.count_tokens(t), emb.max_tokens) + 2 for t in take]
        weights, layers, hidden = serving.onnx_flops_model(graph)
        flops = sum(serving.passage_flops(weights, layers, hidden, t) for t in tokens)
        emb.encode(take[:32])
        c0, t0 = time.process_time(), time.perf_counter()
        emb.encode(take)
        wall = time.perf_counter() - t0
        cpu = time.process_time() - c0
        rate = len(take) / wall
        ceiling = peak * 1e9 / (flops / len(take))
        rows.append(
            [
                label,
                str(len(take)),
                f"{statistics.mean(tokens):.0f}",
                f"{flops / len(take) / 1e9:.2f}",
                f"{rate:.1f}",
                f"{ceiling:.1f}",
                f"{rate / ceiling:.0%}",
                f"{cpu / len(take) * 1000:.1f}",
                load_avg(),
            ]
        )
        rep.figure(f"encoder passages/s, {label}", rate, "passages/s", "higher")
        notes.append(f"{label}: {weights / 1e6:.1f}M matmul weights, {layers} layers, hidden {hidden}")
        del emb
        gc.collect()
    rep.table(
        "Encoder throughput against the fp32 compute ceiling (demo passages, batches sorted by token length; "
        "e5's int8 encoder one passage per run)",
        [
            "encoder",
            "passages",
            "mean tokens",
            "GFLOP/passage",
            "passages/s",
            "ceiling passages/s",
            "of ceiling",
            "CPU ms/passage",
            "load avg",
        ],
        rows,
        (
            f"Ceiling = measured float32 matmul peak ({peak:.0f} GFLOP/s, numpy BLAS on all cores, "
            "(4096x384)@(384x1536)) / FLOPs per passage; FLOPs = 2 x matmul weights x tokens + 4 x "
            "layers x hidden x tokens^2 (attention), read off each model's float ONNX graph ("
            + "; ".join(notes)
            + '), padding not counted. Tokens include the special tokens (and e5\'s "passage: "). '
            "An int8 encoder can pass the float32 ceiling: its integer matmuls are cheaper.",
        ),
    )


def regression_check(plan: Plan, rep: Report) -> None:
    """Compare this run's figures with the previous run's (plan.results) and store this run's."""
    if not rep.figures:
        return
    previous: dict[str, Any] = {}
    if plan.results.is_file():
        previous = json.loads(plan.results.read_text(encoding="utf-8")).get("figures", {})
    rows = []
    for name, fig in rep.figures.items():
        old = previous.get(name)
        if old is None:
            rows.append([name, "-", f"{fig['value']:.3g} {fig['unit']}", "-", "new", fig["load"]])
            continue
        change = fig["value"] / old["value"] - 1 if old["value"] else 0.0
        worse = change > REGRESSION if fig["better"] == "lower" else change < -REGRESSION
        rows.append(
            [
                name,
                f"{old['value']:.3g} {old['unit']} (load {old['load']})",
                f"{fig['value']:.3g} {fig['unit']}",
                f"{change:+.0%}",
                "**worse**" if worse else "ok",
                fig["load"],
            ]
        )
    shown = plan.results.relative_to(ROOT) if plan.results.is_relative_to(ROOT) else plan.results
    rep.table(
        "Regression check against the previous run",
        ["figure", "previous", "now", "change", "verdict", "load avg now"],
        rows,
        (
            f"Previous figures from {shown}; a change over {REGRESSION:.0%} in the bad direction is "
            "flagged (compare only runs at similar load).",
        ),
    )
    if not plan.keep_results:
        merged = {**previous, **rep.figures}
        plan.results.parent.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        plan.results.write_text(json.dumps({"updated": stamp, "figures": merged}, indent=1) + "\n", "utf-8")


# -- main ---------------------------------------------------------------------------------------------
def header(plan: Plan, rep: Report) -> None:
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        platform.processor(),
    )
    rev = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    rep.emit(f"## groundqa speed, {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}\n")
    rep.emit(f"- machine: {os.cpu_count()} cores ({cpu}), load average at start {load_avg()} (1/5/15 min)")
    rep.emit(f"- python {platform.python_version()}, git {rev.stdout.strip() or '?'}")
    rep.emit(
        f"- demo data: {plan.data} (snapshot {snapshot.current_name(plan.data)}); "
        f"sections: {', '.join(plan.sections)}{'; --quick' if plan.quick else ''}\n"
    )


def check_data(data: Path) -> None:
    """Stop early, with the reason, when `data` holds no snapshot this code can load."""
    from corpus.errors import SnapshotCorrupt
    from index.local.lexical import LexicalIndex

    found = snapshot.candidates(data)
    if not found:
        raise SystemExit(f"{data} holds no index: build the demo index first (see bench/README.md)")
    try:
        snapshot.read_manifest(found[0])
        LexicalIndex.load(found[0] / "lexical")
    except SnapshotCorrupt as exc:
        raise SystemExit(
            f"the index in {data} cannot be loaded by this code ({exc.message}); rebuild it with "
            f"`groundqa index --full --sources ../shared/corpus/sources --data {data}`"
        ) from None


# Options whose default depends on --quick (None until `parse` sets it): flag, type, help.
_BY_QUICK: tuple[tuple[str, type, str], ...] = (
    ("--sizes", str, "synthetic collection sizes (default 10000,100000)"),
    ("--rounds", int, "rounds over the questions per latency figure"),
    ("--index-passages", int, "approximate passages to index per backend (0 = the whole demo collection)"),
)


def parse(argv: list[str] | None) -> Plan:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--only", default=",".join(SECTIONS), help=f"comma-separated sections: {','.join(SECTIONS)}"
    )
    ap.add_argument(
        "--quick", action="store_true", help="fewer queries, no 100k collection, smaller indexing run"
    )
    ap.add_argument(
        "--data", type=Path, default=ROOT / ".test-cache" / "demo-data", help="built demo data dir"
    )
    ap.add_argument("--work", type=Path, default=Path("/tmp/groundqa-bench"), help="scratch folder")
    for flag, kind, what in _BY_QUICK:
        ap.add_argument(flag, type=kind, default=None, help=what)
    ap.add_argument("--backends", default="torch,onnx", help="indexing backends")
    ap.add_argument("--out", type=Path, default=None, help="also write the markdown to this file")
    ap.add_argument(
        "--results",
        type=Path,
        default=RESULTS,
        help="previous figures to compare with (rewritten at the end)",
    )
    ap.add_argument("--keep-results", action="store_true", help="compare, but do not rewrite --results")
    a = ap.parse_args(argv)
    sections = tuple(s.strip() for s in a.only.split(",") if s.strip())
    if unknown := [s for s in sections if s not in SECTIONS]:
        ap.error(f"unknown section(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    sizes = a.sizes if a.sizes is not None else ("10000" if a.quick else "10000,100000")
    backends = tuple(b for b in a.backends.split(",") if b)
    if bad := [b for b in backends if b not in ("torch", "onnx")]:
        ap.error(f"unknown backend(s) {', '.join(bad)}")
    return Plan(
        sections=sections,
        quick=a.quick,
        data=a.data.resolve(),
        work=a.work,
        sizes=tuple(int(s) for s in sizes.split(",") if s),
        questions=40 if a.quick else 0,
        rounds=a.rounds or (1 if a.quick else 2),
        index_passages=a.index_passages if a.index_passages is not None else (200 if a.quick else 300),
        backends=backends,
        repeats=1 if a.quick else 3,
        budget=300.0 if a.quick else 480.0,
        out=a.out,
        results=a.results,
        keep_results=a.keep_results,
    )


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    plan = parse(argv)
    check_data(plan.data)
    plan.work.mkdir(parents=True, exist_ok=True)
    rep = Report()
    header(plan, rep)
    started = time.perf_counter()
    runners = {
        "latency": latency_section,
        "indexing": indexing_section,
        "incremental": incremental_section,
        "ready": ready_section,
        "overhead": overhead_section,
        "ratio": ratio_section,
        "memory": memory_section,
        "ceiling": ceiling_section,
    }
    for name in SECTIONS:
        if name in plan.sections:
            t0 = time.perf_counter()
            runners[name](plan, rep)
            log(f"{name} took {time.perf_counter() - t0:.0f} s")
    rep.table(
        "Targets (this machine)",
        ["target", "measured", "met?"],
        [list(t) for t in rep.targets],
        (f"Total run time {time.perf_counter() - started:.0f} s; load average at the end {load_avg()}.",),
    )
    regression_check(plan, rep)
    if plan.out is not None:
        plan.out.write_text("\n".join(rep.lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
