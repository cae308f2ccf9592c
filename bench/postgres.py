"""The PostgreSQL backend against the local one: parity, latency with replicas, and scale.

    .venv/bin/python -m bench.postgres [--only quality,devset,latency,scale] [--database-url URL]
                                       [--data DIR] [--work DIR] [--size 100000] [--questions 80]
                                       [--out FILE]

Sections (markdown on stdout, progress on stderr, the load average with every table):
- quality: nDCG@10 / Recall@100 on the BEIR collections of ../shared/bench, local vs postgres, for the
  hybrid, dense and lexical methods (`groundqa eval`'s code: each collection in its own schema).
- devset: the demo collection indexed into PostgreSQL by `update_index` (its embedding cache seeded
  from the local demo index's, so nothing is re-embedded: the build time is reading, chunking,
  analysing and writing), then the domain dev set on both backends, and how many questions get the
  very same answer.
- latency: `POST /api/ask` p50/p99 with 1 and 8 clients, against one local server, one PostgreSQL
  replica and two replicas (clients spread over them), all on this machine.
- scale: a synthetic collection of `--size` passages (bench/synthetic.py, written through the
  PostgreSQL catalog's writer): build time, database size, in-process search p50 next to the local
  backend's, HNSW recall against exact search, and a replica's memory next to a replica of the demo.

Without `--database-url`, a local PostgreSQL with pgvector is started in WORK/pgdata (the code of
`groundqa postgres start`) and left running for the next run (`groundqa postgres stop --dir ...`).
The URL must allow CREATE DATABASE: each collection gets a database of its own (groundqa_bench_*).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import psycopg

from bench.devset_eval import DevsetResult, evaluate_devset, load_devset
from bench.speed import (
    ROOT,
    Run,
    demo_embedder,
    drive,
    http_call,
    load_avg,
    ms,
    p,
    proc_memory,
    questions,
    warm_up,
)
from bench.synthetic import GENERATOR, ensure_synthetic, load_demo, synthetic_document, write_synthetic
from index import LocalCatalog, SourceDir, update_index
from index.embedding.base import Embedder
from index.embedding.load import load_embedder
from index.engine import GroundIndex
from index.eval.beir import EvalResult, evaluate
from index.postgres import PostgresCatalog, server
from index.postgres.cache import PostgresEmbeddingCache
from index.types import Filters, Query
from tests.client import request
from tests.postgres_fixtures import database_url
from tests.processes import free_port, stop_process, wait_until_ready

SECTIONS = ("quality", "devset", "latency", "scale")
DEMO_SOURCES = ROOT.parent / "shared" / "corpus" / "sources"
BEIR = ROOT.parent / "shared" / "bench"
METHODS = ("hybrid", "dense", "lexical")
MB = 1024 * 1024


def log(msg: str) -> None:
    print(f"[postgres {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


class Out:
    def __init__(self, path: Path | None) -> None:
        self.lines: list[str] = []
        self.path = path

    def emit(self, text: str = "") -> None:
        print(text, flush=True)
        self.lines.append(text)
        if self.path is not None:
            self.path.write_text("\n".join(self.lines) + "\n", "utf-8")

    def table(self, head: list[str], rows: list[list[str]]) -> None:
        self.emit("| " + " | ".join(head) + " |")
        self.emit("|" + "---|" * len(head))
        for r in rows:
            self.emit("| " + " | ".join(r) + " |")
        self.emit()


# -- databases -----------------------------------------------------------------------------------------
def database_size(url: str) -> tuple[int, list[tuple[str, int]]]:
    """The database's size in bytes and its largest relations (table or index, with TOAST)."""
    with psycopg.connect(url) as conn:
        total = conn.execute("SELECT pg_database_size(current_database())").fetchone()
        rows = conn.execute(
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'groundqa' AND c.relkind IN ('r', 'i')"
            " ORDER BY pg_relation_size(c.oid) DESC LIMIT 8"
        ).fetchall()
    return int(total[0]) if total else 0, [(str(n), int(s)) for n, s in rows]


# -- quality -------------------------------------------------------------------------------------------
def quality_section(args: argparse.Namespace, out: Out, emb: Embedder, admin: str) -> None:
    out.emit(f"## Retrieval quality: local vs PostgreSQL (load average {load_avg()})\n")
    url = database_url(admin, "groundqa_bench_beir")
    cache = args.work / "beir-cache"
    rows = []
    worst = 0.0
    for folder in sorted(f for f in BEIR.iterdir() if (f / "corpus.jsonl").is_file()):
        for method in METHODS:
            log(f"{folder.name} {method}")
            local: EvalResult = evaluate(folder, method=method, embedder=emb, cache_dir=cache)  # type: ignore[arg-type]
            pg: EvalResult = evaluate(folder, method=method, embedder=emb, cache_dir=cache, database_url=url)  # type: ignore[arg-type]
            delta = pg.ndcg10 - local.ndcg10
            if method == "hybrid":
                worst = max(worst, abs(delta))
            rows.append(
                [
                    folder.name,
                    method,
                    f"{local.ndcg10:.4f}",
                    f"{pg.ndcg10:.4f}",
                    f"{delta:+.4f}",
                    f"{local.recall100:.4f}",
                    f"{pg.recall100:.4f}",
                ]
            )
    out.table(
        ["collection", "method", "local nDCG@10", "postgres nDCG@10", "Δ", "local R@100", "postgres R@100"],
        rows,
    )
    out.emit(f"Largest hybrid nDCG@10 difference: {worst:.4f} (target: within 0.01).\n")


# -- devset and build ----------------------------------------------------------------------------------
def seed_cache(local_data: Path, catalog: PostgresCatalog, emb: Embedder) -> int:
    """Copy the local demo index's embedding cache into the database's (same model); vectors copied."""
    files = sorted((local_data / "cache").glob("embeddings-*.sqlite"))
    copied = 0
    with catalog.embedding_cache(emb.fingerprint, emb.dim) as cache:
        assert isinstance(cache, PostgresEmbeddingCache)
        for f in files:
            con = sqlite3.connect(f)
            try:
                batch: dict[str, Any] = {}
                for h, blob in con.execute("SELECT hash, vec FROM vectors"):
                    vec = np.frombuffer(blob, dtype=np.float32)
                    if vec.shape == (emb.dim,):
                        batch[h] = vec
                    if len(batch) >= 2000:
                        cache.put_many(batch)
                        copied += len(batch)
                        batch = {}
                cache.put_many(batch)
                copied += len(batch)
            finally:
                con.close()
    return copied


def answers(index: GroundIndex, items: list[dict[str, Any]]) -> list[tuple[bool, tuple[str, ...]]]:
    out = []
    for item in items:
        a = index.search(Query(item["question"], k=5, history=tuple(item.get("history", []))))
        out.append((a.answered, tuple(h.passage.id for h in (a.shown or a.related))))
    return out


def devset_row(label: str, r: DevsetResult) -> list[str]:
    rates = r.rates()
    return [
        label,
        f"{r.hit_at_5}/{r.answerable} ({rates['hit@5']:.3f})",
        f"{r.wrongly_abstained} ({rates['abstained_answerable']:.3f})",
        f"{r.correctly_abstained}/{r.unanswerable} ({rates['abstained_unanswerable']:.3f})",
    ]


def demo_catalog(admin: str, *, fresh: bool = False) -> tuple[str, PostgresCatalog]:
    url = database_url(admin, "groundqa_bench_demo", fresh=fresh)
    return url, PostgresCatalog(url)


def devset_section(args: argparse.Namespace, out: Out, emb: Embedder, admin: str) -> None:
    out.emit(f"## Demo collection and dev set: local vs PostgreSQL (load average {load_avg()})\n")
    _, catalog = demo_catalog(admin, fresh=True)
    log("seeding the database's embedding cache from the local demo index")
    seeded = seed_cache(args.data, catalog, emb)
    builds = []
    fresh = args.work / "demo-local-fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    (fresh / "cache").mkdir(parents=True)
    for f in (args.data / "cache").glob("embeddings-*.sqlite"):
        shutil.copy2(f, fresh / "cache" / f.name)
    for name, cat in (("local", LocalCatalog(fresh)), ("postgres", catalog)):
        log(f"full build of the demo collection ({name}, warm embedding cache)")
        t0 = time.perf_counter()
        report = update_index(
            catalog=cat, inputs=[SourceDir(DEMO_SOURCES)], embedder=emb, max_bytes=50 * MB, full=False
        )
        builds.append((name, report, time.perf_counter() - t0))
        if name == "postgres" and not report.published:
            builds[-1] = (name, report, float("nan"))
    rows = []
    for name, report, seconds in builds:
        shown = f"{seconds:.1f}" if report.published else "(already built; rerun after dropping the db)"
        rows.append([name, str(report.passages), str(report.embedded), shown])
    out.table(["backend", "passages", "embedded", "build s (warm embedding cache)"], rows)
    out.emit(f"({seeded} cached vectors copied into the database first.)\n")

    # add one source: the incremental path on both
    log("dev set on both backends")
    items = load_devset()
    local_index = GroundIndex(LocalCatalog(fresh).open(model=emb.fingerprint), emb)
    pg_index = GroundIndex(catalog.open(), emb)
    res_local, res_pg = evaluate_devset(local_index, items), evaluate_devset(pg_index, items)
    out.table(
        ["dev set", "answerable: hit@5", "wrongly abstained", "unanswerable: correctly abstained"],
        [devset_row("local", res_local), devset_row("postgres", res_pg)],
    )
    incremental(args, out, emb, [("local", LocalCatalog(fresh)), ("postgres", catalog)])
    same = sum(a == b for a, b in zip(answers(local_index, items), answers(pg_index, items), strict=True))
    diff = max(
        abs(res_local.hit_at_5 - res_pg.hit_at_5),
        abs(res_local.wrongly_abstained - res_pg.wrongly_abstained),
        abs(res_local.correctly_abstained - res_pg.correctly_abstained),
    )
    out.emit(
        f"{same}/{len(items)} questions get the very same answer (answered or not, same passages in the "
        f"same order); the counts differ by at most {diff} question(s) (target: within one).\n"
    )
    catalog.close()


def incremental(args: argparse.Namespace, out: Out, emb: Embedder, catalogs: list[tuple[str, Any]]) -> None:
    """Add one new source (embedded for real) beside the demo collection, then remove it, per backend."""
    demo = load_demo(args.data)
    extra = args.work / "extra"
    rows = []
    for name, catalog in catalogs:
        shutil.rmtree(extra, ignore_errors=True)
        extra.mkdir(parents=True)
        inputs = [SourceDir(DEMO_SOURCES), SourceDir(extra, None, "bench")]
        for what in ("add one source (~1,500 words)", "remove it"):
            if what.startswith("add"):
                (extra / "bench-added.txt").write_text(synthetic_document(demo, 1500, seed=7), "utf-8")
            else:
                (extra / "bench-added.txt").unlink()
            log(f"{name}: {what}")
            t0 = time.perf_counter()
            report = update_index(catalog=catalog, inputs=inputs, embedder=emb, max_bytes=50 * MB)
            took = time.perf_counter() - t0
            t0 = time.perf_counter()
            backend = catalog.open() if name == "postgres" else catalog.open(model=emb.fingerprint)
            reopen = time.perf_counter() - t0
            backend.close()
            rows.append([name, what, f"{took:.2f}", str(report.embedded), f"{reopen:.2f}", load_avg()])
    out.table(["backend", "update", "publish s", "embedded", "reopen s", "load average"], rows)


# -- latency -------------------------------------------------------------------------------------------
def ready(port: int) -> bool:
    """Whether the server on `port` answers /readyz with 200."""
    return request(f"http://127.0.0.1:{port}/readyz", timeout=1).status == 200


@contextmanager
def replica(env: dict[str, str], data: Path, log_file: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """`uvicorn --factory service.asgi:app` on 127.0.0.1 with these GROUNDQA_* settings."""
    port = free_port()
    data.mkdir(parents=True, exist_ok=True)
    full_env = {**os.environ, "HF_HUB_OFFLINE": "1", "GROUNDQA_DATA_DIR": str(data), **env}
    full_env.pop("GROUNDQA_ADMIN_TOKEN", None)
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "service.asgi:app"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    with open(log_file, "ab") as fh:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=fh, stderr=subprocess.STDOUT)
    try:
        wait_until_ready(
            proc,
            lambda: ready(port),
            180,
            0.05,
            exited=f"replica exited with {{code}}; see {log_file}",
            late=f"replica not ready in 180 s; see {log_file}",
        )
        yield port, proc
    finally:
        stop_process(proc)


def spread_call(ports: list[int]) -> Callable[..., tuple[bool, float]]:
    """An ask call that sends successive requests to `ports` in turn (a round-robin load balancer);
    each client thread keeps one connection per port."""
    turn = itertools.count()
    lock = threading.Lock()
    calls = {port: http_call(port) for port in ports}

    def call(state: dict[str, Any], q: str, h: list[str]) -> tuple[bool, float]:
        with lock:
            port = ports[next(turn) % len(ports)]
        per_port = state.setdefault("ports", {})
        sub = per_port.setdefault(port, {})
        state["close"] = lambda: [s.get("close", lambda: None)() for s in per_port.values()]
        return calls[port](sub, q, h)

    return call


def models_link(data: Path, models: Path) -> None:
    data.mkdir(parents=True, exist_ok=True)
    link = data / "models"
    if not link.exists() and models.is_dir():
        link.symlink_to(models.resolve(), target_is_directory=True)


def ready_version(port: int) -> str | None:
    try:
        r = request(f"http://127.0.0.1:{port}/readyz", timeout=2)
        return str(r.json()["version"]) if r.status == 200 else None
    except (OSError, ValueError, KeyError):
        return None


def ask_body(port: int, question: str) -> dict[str, Any]:
    r = request(f"http://127.0.0.1:{port}/api/ask", "POST", json={"question": question, "k": 5}, timeout=30)
    if r.status != 200:
        raise RuntimeError(f"POST /api/ask on port {port} answered {r.status}: {r.text[:300]}")
    out: dict[str, Any] = r.json()
    out.pop("took_ms", None)
    return out


def propagation(args: argparse.Namespace, emb: Embedder, url: str, ports: list[int]) -> list[float]:
    """Seconds from `update_index` publishing (in this process) to each replica serving the new
    version, for one added and one removed source."""
    demo = load_demo(args.data)
    extra = args.work / "extra-propagation"
    shutil.rmtree(extra, ignore_errors=True)
    extra.mkdir(parents=True)
    catalog = PostgresCatalog(url)
    delays = []
    try:
        for step in ("add", "remove"):
            doc = extra / "bench-propagation.txt"
            if step == "add":
                doc.write_text(synthetic_document(demo, 400, seed=11), "utf-8")
            else:
                doc.unlink()
            inputs = [SourceDir(DEMO_SOURCES), SourceDir(extra, None, "bench")]
            report = update_index(catalog=catalog, inputs=inputs, embedder=emb, max_bytes=50 * MB)
            published = time.perf_counter()
            waiting = set(ports)
            while waiting and time.perf_counter() - published < 60:
                for port in list(waiting):
                    if ready_version(port) == report.version:
                        delays.append(time.perf_counter() - published)
                        waiting.discard(port)
                time.sleep(0.02)
    finally:
        catalog.close()
    return delays


def latency_section(args: argparse.Namespace, out: Out, emb: Embedder, admin: str) -> None:
    out.emit(f"## Ask latency over HTTP: replicas on one database (load average {load_avg()})\n")
    url, catalog = demo_catalog(admin)
    if catalog.current_version() is None:
        raise SystemExit("no demo index in the database yet: run the devset section first")
    catalog.close()
    qs = questions(args.questions)
    models = args.data / "models"
    rows = []
    notes: list[str] = []
    setups: list[tuple[str, list[dict[str, str]]]] = [
        ("local, 1 server", [{"GROUNDQA_DATA_DIR": str(args.data)}]),
        ("postgres, 1 replica", [{"GROUNDQA_DATABASE_URL": url}]),
        ("postgres, 2 replicas", [{"GROUNDQA_DATABASE_URL": url}, {"GROUNDQA_DATABASE_URL": url}]),
    ]
    for label, envs in setups:
        with contextlib.ExitStack() as stack:
            ports = []
            for i, env in enumerate(envs):
                data = Path(env.get("GROUNDQA_DATA_DIR", args.work / f"replica-{i}"))
                models_link(data, models)
                env = {**env, "GROUNDQA_DATA_DIR": str(data)}
                port, _ = stack.enter_context(replica(env, data, args.work / f"replica-{i}.log"))
                ports.append(port)
            call = spread_call(ports)
            for port in ports:  # each replica loads Kiwi and warms its caches before timing
                drive(1, warm_up(), 1, http_call(port))
            for clients in (1, 8):
                log(f"{label}: {clients} client(s)")
                run: Run = drive(clients, qs, 1, call)
                rows.append(
                    [
                        label,
                        str(clients),
                        str(len(run.latencies)),
                        str(run.errors),
                        ms(p(run.latencies, 50)),
                        ms(p(run.latencies, 99)),
                        f"{len(run.latencies) / run.wall:.1f}" if run.wall else "-",
                        ms(p(run.server_ms, 50)),
                    ]
                )
            if len(ports) > 1:
                same = sum(ask_body(ports[0], q) == ask_body(ports[1], q) for q, _ in qs)
                delays = propagation(args, emb, url, ports)
                notes.append(
                    f"{label}: {same}/{len(qs)} questions answered identically by both replicas; a version "
                    f"published by another process was served by every replica {min(delays):.2f}-"
                    f"{max(delays):.2f} s after the publish ({len(delays)} observations, 1 s polling)."
                )
    out.table(
        ["setup", "clients", "calls", "errors", "p50 ms", "p99 ms", "queries/s", "server took_ms p50"], rows
    )
    for note in notes:
        out.emit(note + "\n")
    out.emit(
        "Clients, servers and PostgreSQL share the same 2 cores, so a second replica adds no CPU here: the "
        "figures show the cost of the database round trips and that replicas answer alike, not scaling.\n"
    )


# -- scale ---------------------------------------------------------------------------------------------
def synthetic_catalog(args: argparse.Namespace, admin: str) -> tuple[str, PostgresCatalog, float]:
    """The synthetic collection in its own database; built unless already there (seconds, 0 if reused)."""
    url = database_url(admin, f"groundqa_bench_synthetic_{args.size}")
    catalog = PostgresCatalog(url)
    try:
        info = catalog.open().info
        if info.extra.get("synthetic") == GENERATOR and info.passages == args.size:
            return url, catalog, 0.0
    except Exception as exc:  # missing or stale: build it
        log(f"building the synthetic collection ({type(exc).__name__})")
    demo = load_demo(args.data)
    t0 = time.perf_counter()
    write_synthetic(demo, catalog, args.size, np.random.default_rng(0))
    return url, catalog, time.perf_counter() - t0


def search_p50(index: GroundIndex, qs: list[tuple[str, list[str]]]) -> float:
    for q, h in warm_up():
        index.search(Query(q, history=tuple(h)))
    times = []
    for q, h in qs:
        t0 = time.perf_counter()
        index.search(Query(q, history=tuple(h)))
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def replica_memory(
    env: dict[str, str], data: Path, log_file: Path, qs: list[tuple[str, list[str]]]
) -> tuple[float, float]:
    with replica(env, data, log_file) as (port, proc):
        call = http_call(port)
        drive(1, warm_up() + qs, 1, call)
        return proc_memory(proc.pid)


def scale_section(args: argparse.Namespace, out: Out, emb: Embedder, admin: str) -> None:
    out.emit(f"## Scale: {args.size:,} synthetic passages (load average {load_avg()})\n")
    url, catalog, built = synthetic_catalog(args, admin)
    total, biggest = database_size(url)
    qs = questions(args.questions)
    log("in-process search, postgres")
    pg_index = GroundIndex(catalog.open(), emb)
    pg_p50 = search_p50(pg_index, qs)
    log("in-process search, local")
    local_path, local_built = ensure_synthetic(args.data, args.work / "synthetic", args.size)
    local_index = GroundIndex.open(local_path, emb)
    local_p50 = search_p50(local_index, qs)
    log("HNSW recall against exact search")
    exact = PostgresCatalog(url, exact_max=10**12)
    exact_backend = exact.open()
    recall10, recall100 = [], []
    for q, _ in qs[:40]:
        v = emb.encode_query(q)
        truth = [pid for pid, _ in exact_backend.dense_search(v, 100, Filters())]
        got = [pid for pid, _ in pg_index.backend.dense_search(v, 100, Filters())]
        recall100.append(len(set(truth) & set(got)) / max(len(truth), 1))
        recall10.append(len(set(truth[:10]) & set(got[:10])) / max(len(truth[:10]), 1))
    exact.close()
    catalog.close()
    log("replica memory: demo vs synthetic")
    demo_url, demo = demo_catalog(admin)
    have_demo = demo.current_version() is not None
    demo.close()
    models = args.data / "models"
    mem = []
    for label, db in (("demo", demo_url if have_demo else None), (f"synthetic {args.size // 1000}k", url)):
        if db is None:
            continue
        data = args.work / f"memory-{label.split()[0]}"
        models_link(data, models)
        hwm, rss = replica_memory(
            {"GROUNDQA_DATABASE_URL": db}, data, args.work / f"memory-{label.split()[0]}.log", qs
        )
        mem.append([label, f"{hwm:.0f}", f"{rss:.0f}"])
    out.table(
        ["figure", "postgres", "local"],
        [
            [
                "build s (write_synthetic through the catalog writer)",
                f"{built:.0f}" if built else "(reused)",
                f"{local_built:.0f}" if local_built else "(reused)",
            ],
            ["in-process search p50 ms (dev questions, k=5)", ms(pg_p50), ms(local_p50)],
            [
                "dense recall@10 / @100 vs exact",
                f"{statistics.mean(recall10):.3f} / {statistics.mean(recall100):.3f}",
                "exact",
            ],
            ["database size MB", f"{total / MB:.0f}", "-"],
        ],
    )
    out.emit("Largest relations: " + ", ".join(f"{n} {s / MB:.0f} MB" for n, s in biggest) + ".\n")
    out.table(["replica over", "VmHWM MB", "VmRSS MB"], mem)


# -- main ----------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default=",".join(SECTIONS))
    ap.add_argument("--database-url", default=None, help="a server URL allowed to CREATE DATABASE")
    ap.add_argument("--data", type=Path, default=ROOT / ".test-cache" / "demo-data")
    ap.add_argument("--work", type=Path, default=Path("/tmp/groundqa-bench-pg"))
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--questions", type=int, default=120)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    sections = [s for s in args.only.split(",") if s]
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise SystemExit(f"unknown sections: {sorted(unknown)}")
    if not (args.data / "CURRENT").is_file():
        raise SystemExit(f"no demo index in {args.data}: run the test suite or `groundqa index` first")
    args.work.mkdir(parents=True, exist_ok=True)
    admin = args.database_url or server.start(args.work / "pgdata")
    out = Out(args.out)
    out.emit(
        f"# PostgreSQL backend ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
        f"load average {load_avg()})\n"
    )
    if "quality" in sections:  # English collections: the bundled MiniLM, as `auto` picks for them
        quality_section(args, out, load_embedder("", "auto", args.data / "models"), admin)
    emb = demo_embedder(args.data)
    out.emit(f"Demo collection model: {emb.fingerprint}.\n")
    if "devset" in sections:
        devset_section(args, out, emb, admin)
    if "latency" in sections:
        latency_section(args, out, emb, admin)
    if "scale" in sections:
        scale_section(args, out, emb, admin)


if __name__ == "__main__":
    main()
