"""Soak under change: clients ask while sources are added, changed and deleted and rebuilds run back-to-back.

    .venv/bin/python -m bench.soak --minutes 5

It starts its own server (uvicorn on 127.0.0.1, a free port, a random admin token, the real model)
over COPIES of an indexed demo data dir (default .test-cache/demo-data, built by the test suite or
`groundqa index`; it waits until that dir has a CURRENT file) and of the demo sources. Then, until
the time is up:
- `--clients` threads POST /api/ask in a loop with the dev-set questions (and questions about the
  uploaded documents), and check every passage of every answer against the verbatim invariant:
  text == GET /api/sources/{id} text[char_start:char_end], the source text being cached per index
  version (fetched between two GET /readyz that name the answer's version, so that a swap in between
  cannot mix versions; a fetch that races a swap is retried on the next answer of that version);
- one admin thread uploads new documents, re-uploads changed ones, deletes uploads and demo sources
  (and puts the demo files back), and requests rebuilds, one after another, waiting for each job.
It prints a markdown table (queries, errors, latency, RSS, rebuilds) and exits 1 when any request
failed, any rebuild failed or any passage broke the invariant.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.processes import free_port, rss_mb, stop_process

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / ".test-cache" / "demo-data"
DEFAULT_SOURCES = ROOT.parent / "shared" / "corpus" / "sources"
DEVSET = ROOT / "bench" / "devset" / "questions.jsonl"
HOST = "127.0.0.1"

UPLOAD_FACTS = [
    "the ferry operator reported that {n} families crossed the Tumen river at dawn",
    "a shelter in Yanji counted {n} women awaiting transfer to a safe house",
    "the monitoring group logged {n} forced returns at the Dandong crossing in one month",
    "volunteers distributed {n} winter coats to detainees' relatives in Hoeryong",
]
UPLOAD_QUESTIONS = [
    "How many families crossed the Tumen river at dawn according to the ferry operator?",
    "How many women were awaiting transfer in the Yanji shelter?",
    "How many forced returns were logged at the Dandong crossing?",
    "How many winter coats did volunteers distribute in Hoeryong?",
]


# -- the server ------------------------------------------------------------------------------------------
def _copy_data(src: Path, dest: Path) -> None:
    """Copy a data dir; SQLite caches through the backup API (consistent even while being written)."""
    shutil.copytree(
        src, dest, symlinks=True, ignore=shutil.ignore_patterns(".build-*", "write.lock", "cache", "uploads")
    )
    if (src / "cache").is_dir():
        (dest / "cache").mkdir()
        for db in (src / "cache").glob("*.sqlite"):
            source = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            target = sqlite3.connect(dest / "cache" / db.name)
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()


def _wait_for_index(data: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not (data / "CURRENT").is_file():
        if time.monotonic() > deadline:
            sys.exit(f"no index in {data} (no CURRENT file): run the test suite or `groundqa index` first")
        print(f"waiting for {data}/CURRENT ...", file=sys.stderr)
        time.sleep(10)


@dataclass
class Server:
    base: str
    token: str
    proc: subprocess.Popen[bytes]
    work: Path

    @classmethod
    def start(cls, work: Path, data: Path, sources: Path, timeout: float = 600) -> Server:
        token = secrets.token_urlsafe(24)
        port = free_port()
        env = {
            **os.environ,
            "HF_HUB_OFFLINE": "1",
            "GROUNDQA_SOURCES_DIR": str(sources),
            "GROUNDQA_DATA_DIR": str(data),
            "GROUNDQA_UPLOADS_DIR": str(work / "uploads"),
            "GROUNDQA_ADMIN_TOKEN": token,
        }
        cmd = [sys.executable, "-m", "uvicorn", "--factory", "service.asgi:app", "--host", HOST]
        cmd += ["--port", str(port), "--log-level", "warning"]
        with open(work / "server.log", "ab") as log:
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        server = cls(f"http://{HOST}:{port}", token, proc, work)
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                sys.exit(f"the server exited with {proc.returncode}; see {work / 'server.log'}")
            try:
                if httpx.get(server.base + "/readyz", timeout=2).status_code == 200:
                    return server
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                proc.kill()
                sys.exit("the server did not become ready in time")
            time.sleep(0.5)

    def stop(self) -> None:
        stop_process(self.proc, 20, 10)


# -- the clients ---------------------------------------------------------------------------------------------
@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    answered: int = 0
    passages_checked: int = 0
    violations: list[str] = field(default_factory=list)
    unverified: int = 0
    versions: set[str] = field(default_factory=set)


class SourceTexts:
    """Source texts per (index version, source id), fetched so that the version is certain."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.lock = threading.Lock()
        self.texts: dict[tuple[str, str], str | None] = {}

    def get(self, version: str, source_id: str) -> tuple[bool, str | None]:
        """(known, text): known is False when the fetch raced a swap; text None when the source is absent."""
        key = (version, source_id)
        with self.lock:
            if key in self.texts:
                return True, self.texts[key]
        before = self.client.get("/readyz").json().get("version")
        r = self.client.get(f"/api/sources/{source_id}")
        after = self.client.get("/readyz").json().get("version")
        if not before == after == version or r.status_code not in (200, 404):
            return False, None
        text = r.json()["text"] if r.status_code == 200 else None
        with self.lock:
            self.texts[key] = text
        return True, text


def _questions() -> list[dict[str, Any]]:
    items = [json.loads(line) for line in DEVSET.read_text("utf-8").splitlines() if line.strip()]
    out = [{"question": q["question"], "history": q.get("history", [])} for q in items]
    out += [{"question": q, "history": []} for q in UPLOAD_QUESTIONS] * 4
    return out


def _check(answer: dict[str, Any], texts: SourceTexts, stats: Stats) -> None:
    version = answer["index"]["version"]
    for p in answer["passages"] + answer.get("further", []) + answer["related"]:
        known, text = texts.get(version, p["source"]["id"])
        if not known:
            with stats.lock:
                stats.unverified += 1
            continue
        loc = p["location"]
        problems = []
        if text is None:
            problems.append("source absent from its own index version")
        elif text[loc["char_start"] : loc["char_end"]] != p["text"]:
            problems.append("text != source text[char_start:char_end]")
        if any(not 0 <= e["start"] < e["end"] <= len(p["text"]) for e in p["evidence"]):
            problems.append("evidence outside the passage")
        with stats.lock:
            stats.passages_checked += 1
            stats.violations.extend(f"{version} {p['id'][:12]}: {what}" for what in problems)


def client_loop(base: str, deadline: float, seed: int, stats: Stats, texts: SourceTexts) -> None:
    rng = random.Random(seed)
    questions = _questions()
    with httpx.Client(base_url=base, timeout=60) as client:
        while time.monotonic() < deadline:
            q = rng.choice(questions)
            body = {"question": q["question"], "history": q["history"], "k": rng.choice([3, 5, 10])}
            started = time.perf_counter()
            try:
                r = client.post("/api/ask", json=body)
            except httpx.HTTPError as exc:
                with stats.lock:
                    stats.errors[type(exc).__name__] += 1
                continue
            elapsed = time.perf_counter() - started
            if r.status_code != 200:
                with stats.lock:
                    stats.errors[f"HTTP {r.status_code}"] += 1
                continue
            answer = r.json()
            with stats.lock:
                stats.latencies.append(elapsed)
                stats.answered += int(answer["answered"])
                stats.versions.add(answer["index"]["version"])
            _check(answer, texts, stats)


# -- the admin ---------------------------------------------------------------------------------------------
@dataclass
class AdminStats:
    ops: Counter[str] = field(default_factory=Counter)
    jobs: Counter[str] = field(default_factory=Counter)
    job_seconds: list[float] = field(default_factory=list)
    published: int = 0
    failures: list[str] = field(default_factory=list)


class Admin:
    def __init__(self, server: Server, sources: Path, seed: int) -> None:
        self.client = httpx.Client(
            base_url=server.base, timeout=120, headers={"Authorization": f"Bearer {server.token}"}
        )
        self.sources = sources
        self.trash = server.work / "data" / "trash"
        self.rng = random.Random(seed)
        self.stats = AdminStats()
        self.uploaded: dict[str, str] = {}  # file name -> source id
        self.revision: Counter[str] = Counter()
        self.counter = 0

    def _document(self, name: str) -> bytes:
        rev = self.revision[name]
        facts = [f.format(n=self.rng.randint(2, 400)) for f in UPLOAD_FACTS]
        body = " ".join(f"In revision {rev} of {name}, {fact}." for fact in self.rng.sample(facts, 3))
        return f"Soak field notes {name} (revision {rev})\n\n{body}\n\nFiled for the soak run.\n".encode()

    def _job(self, r: httpx.Response, what: str) -> None:
        if r.status_code == 409:
            code = r.json()["error"]["code"]
            self.stats.ops[f"{what} refused ({code})"] += 1
            if code != "rebuild_in_progress":
                self.stats.failures.append(f"{what}: {r.json()['error']['message']}")
            self._wait()
            return
        if r.status_code != 202:
            self.stats.failures.append(f"{what}: HTTP {r.status_code} {r.text[:200]}")
            return
        self.stats.ops[what] += 1
        self._wait()

    def _wait(self) -> None:
        started = time.monotonic()
        while True:
            status = self.client.get("/api/index").json()
            if status["job"] is None:
                break
            time.sleep(0.2)
        last = status["last_job"] or {}
        self.stats.jobs[last.get("state", "none")] += 1
        self.stats.job_seconds.append(time.monotonic() - started)
        if last.get("state") == "failed":
            self.stats.failures.append(f"rebuild failed: {last.get('error')}")
        elif (last.get("result") or {}).get("published"):
            self.stats.published += 1

    def add(self) -> None:
        self.counter += 1
        name = f"soak-{self.counter:03d}.txt"
        r = self.client.post(
            "/api/sources",
            files={"file": (name, self._document(name), "text/plain")},
            data={"title": f"Soak field notes {self.counter}", "publisher": "Soak Team", "language": "en"},
        )
        if r.status_code == 202:
            self.uploaded[name] = r.json()["source_id"]
        self._job(r, "add")

    def change(self) -> None:
        if not self.uploaded:
            return self.add()
        name = self.rng.choice(sorted(self.uploaded))
        self.revision[name] += 1
        document = {"file": (name, self._document(name), "text/plain")}
        r = self.client.post("/api/sources", files=document, data={"replace": "true"})
        self._job(r, "change")
        return None

    def delete_upload(self) -> None:
        if len(self.uploaded) < 3:
            return self.add()
        name = sorted(self.uploaded)[0]
        self._job(self.client.delete(f"/api/sources/{self.uploaded.pop(name)}"), "delete upload")
        return None

    def delete_and_restore_demo(self) -> None:
        listed = self.client.get("/api/sources").json()["sources"]
        demo = sorted((s for s in listed if s["origin"] == "collection"), key=lambda s: s["passages"])[:5]
        victim = self.rng.choice(demo)
        self._job(self.client.delete(f"/api/sources/{victim['id']}"), "delete demo source")
        for trashed in sorted(self.trash.glob(f"*-{Path(victim['path']).name}")):
            shutil.move(str(trashed), self.sources / victim["path"])
        self._job(self.client.post("/api/index/rebuild"), "restore demo source + rebuild")

    def rebuild(self) -> None:
        self._job(self.client.post("/api/index/rebuild", json={"full": False}), "rebuild (no change)")

    def loop(self, deadline: float) -> None:
        plan = [self.add, self.change, self.rebuild, self.add, self.delete_upload, self.change]
        step = 0
        while time.monotonic() < deadline:
            action = self.delete_and_restore_demo if step % 7 == 6 else plan[step % len(plan)]
            try:
                action()
            except (httpx.HTTPError, KeyError, ValueError) as exc:
                self.stats.failures.append(f"{action.__name__}: {type(exc).__name__}: {exc}")
            step += 1


# -- the run ------------------------------------------------------------------------------------------
def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="an indexed demo data dir (copied)")
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES, help="the demo sources (copied)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the working folder (server log, data)")
    args = parser.parse_args()

    _wait_for_index(args.data, timeout=1800)
    work = Path(tempfile.mkdtemp(prefix="groundqa-soak-"))
    corpus = work / "corpus"
    shutil.copytree(args.sources, corpus / "sources")
    for path in [corpus / "sources", *(corpus / "sources").rglob("*")]:  # the demo folder is read-only
        path.chmod(path.stat().st_mode | 0o200)
    manifest = args.sources.parent / "manifest.csv"
    if manifest.is_file():
        shutil.copy2(manifest, corpus / "manifest.csv")
    _copy_data(args.data, work / "data")
    t0 = time.monotonic()
    server = Server.start(work, work / "data", corpus / "sources")
    start_s = time.monotonic() - t0
    try:
        # Warm up before the RSS baseline: questions in each language and one rebuild load the lazy
        # parts (Kiwi, tokenizers, the sentence splitters).
        admin = Admin(server, corpus / "sources", args.seed)
        with httpx.Client(base_url=server.base, timeout=60) as warm:
            questions = _questions()
            korean = [q for q in questions if any("\uac00" <= ch <= "\ud7a3" for ch in q["question"])]
            for q in questions[:5] + korean[:5]:
                warm.post("/api/ask", json={"question": q["question"]})
        admin.rebuild()
        admin.stats = AdminStats()
        rss = [(0.0, rss_mb(server.proc.pid))]
        stats = Stats()
        texts = SourceTexts(httpx.Client(base_url=server.base, timeout=60))
        began = time.monotonic()
        deadline = began + args.minutes * 60
        threads = [
            threading.Thread(target=client_loop, args=(server.base, deadline, args.seed + i, stats, texts))
            for i in range(args.clients)
        ]
        threads.append(threading.Thread(target=admin.loop, args=(deadline,)))
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            time.sleep(5)
            rss.append((time.monotonic() - began, rss_mb(server.proc.pid)))
        elapsed = time.monotonic() - began
        log_text = (work / "server.log").read_text("utf-8", "replace")
    finally:
        server.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    first_minute = [mb for t, mb in rss if t <= 60]
    last_minute = [mb for t, mb in rss if t >= elapsed - 60]
    queries = len(stats.latencies)
    errors = sum(stats.errors.values())
    a = admin.stats
    rows = [
        (
            "duration",
            f"{elapsed / 60:.1f} min, {args.clients} clients + 1 admin, server ready in {start_s:.0f} s",
        ),
        ("queries served (200)", f"{queries:,} ({queries / elapsed:.1f}/s), {stats.answered:,} answered"),
        ("errors", f"{errors}" + (f" ({dict(stats.errors)})" if errors else "")),
        (
            "latency p50 / p90 / p99 / max",
            " / ".join(f"{_quantile(stats.latencies, q) * 1000:.0f} ms" for q in (0.5, 0.9, 0.99, 1.0)),
        ),
        (
            "verbatim invariant",
            f"{stats.passages_checked:,} passages checked, {len(stats.violations)} violations"
            f", {stats.unverified} not checkable (fetch raced a swap)",
        ),
        ("index versions seen in answers", f"{len(stats.versions)}"),
        ("admin operations", ", ".join(f"{k} {v}" for k, v in sorted(a.ops.items()))),
        (
            "rebuild jobs",
            f"{sum(a.jobs.values())} ({dict(a.jobs)}), {a.published} published; "
            f"median {statistics.median(a.job_seconds or [0]):.1f} s, max {max(a.job_seconds or [0]):.1f} s",
        ),
        ("admin failures", f"{len(a.failures)}" + (f": {a.failures[:3]}" if a.failures else "")),
        (
            "server RSS start / end / max",
            f"{rss[0][1]:.0f} / {rss[-1][1]:.0f} / {max(mb for _, mb in rss):.0f} MB",
        ),
        (
            "RSS by minute (median)",
            " / ".join(
                f"{statistics.median([mb for t, mb in rss if m * 60 <= t < (m + 1) * 60] or [0.0]):.0f}"
                for m in range(int(elapsed // 60) + 1)
            )
            + " MB",
        ),
        (
            "RSS first / last minute (median)",
            f"{statistics.median(first_minute):.0f} / {statistics.median(last_minute):.0f} MB",
        ),
        ("server log", f"{log_text.count('Traceback')} tracebacks, {len(log_text.splitlines())} lines"),
    ]
    print("| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    for v in stats.violations[:10]:
        print(f"violation: {v}", file=sys.stderr)
    ok = errors == 0 and not stats.violations and not a.failures and a.jobs["failed"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
