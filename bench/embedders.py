"""Embedders side by side: MiniLM (torch, ONNX) against multilingual-e5-small (ONNX fp32, int8, and
the served default "e5-int8ff": float32 model.onnx loaded, questions and passages through the int8
question encoder query.onnx, passages one per run).

    .venv/bin/python -m bench.embedders [--only query,throughput,load,beir] [--quick]
                                        [--cache DIR] [--out FILE]

Prints markdown tables; progress goes to stderr. Every speed figure is measured interleaved in one
run (models take turns, in rotating order) and reported with the load average, because the 2 cores
are shared: compare the ratios to MiniLM on sentence-transformers/torch (the reference that the
speed targets are stated against), not the absolute numbers.

- query: encode_query latency, batch 1, 2 intra-op threads, one English and one Korean question.
- throughput: passages/s on ~120-word English and ~360-character Korean passages from the demo
  collection, 1 and 2 threads, length-sorted batches of 32; and the fp32 compute ceiling: FLOPs
  per passage (from the model shape and the token counts, padding excluded) against a numpy float32
  matmul peak measured in the same run with the same thread count.
- load: time from a fresh interpreter to a loaded model (imports included) and the RSS it adds,
  one query included (ONNX Runtime allocates on first run); each in its own subprocess.
- beir: nDCG@10 on ../shared/bench/{cranfield,med,adi}, dense-only and hybrid, through
  index/beir.py (vectors cached under --cache). The product's rule: e5's hybrid nDCG@10 must be
  within 0.005 of MiniLM's, or better.

Models are converted or exported once into --cache/models (default .test-cache/models, shared with
the tests); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from tests.processes import python_json, rss_mb

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SOURCES = SHARED / "corpus" / "sources"
BEIR = SHARED / "bench"
MODELS = ("minilm-torch", "minilm-onnx", "e5-fp32", "e5-int8", "e5-int8ff")
# bench name -> (load_e5 variant, quantised_passages)
E5_MODELS: dict[str, tuple[Literal["fp32", "int8"], bool]] = {
    "e5-fp32": ("fp32", False),
    "e5-int8": ("int8", False),
    "e5-int8ff": ("fp32", True),  # GROUNDQA_MODEL=multilingual-e5-small (index.embedding.load.E5_NAMES)
}
REFERENCE = "minilm-torch"
QUESTIONS = {
    "EN": "What happens to North Korean defectors who are forcibly repatriated from China?",
    "KO": "중국에서 강제송환된 탈북민은 어떤 처벌을 받나요?",
}
# Model shapes for the FLOP count: (layers, hidden, ffn).
SHAPES = {"minilm": (6, 384, 1536), "e5": (12, 384, 1536)}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


# ---- models -----------------------------------------------------------------------------------------


@dataclass
class Model:
    name: str
    embedder: Any
    family: str  # "minilm" or "e5"
    threads: int


def load_model(name: str, cache: Path, threads: int) -> Model:
    """One of MODELS with `threads` intra-op threads (torch: set per call in `use`)."""
    if name == "minilm-torch":
        from index.embedding.st import SentenceTransformerEmbedder

        return Model(name, SentenceTransformerEmbedder(""), "minilm", threads)
    if name == "minilm-onnx":
        from index.embedding.onnx import OnnxEmbedder
        from index.embedding.st import SentenceTransformerEmbedder, resolve_model

        emb = OnnxEmbedder.cached(resolve_model(""), cache, threads=threads)
        if emb is None:
            OnnxEmbedder.export(SentenceTransformerEmbedder(""), cache)
            emb = OnnxEmbedder.cached(resolve_model(""), cache, threads=threads)
        assert emb is not None
        return Model(name, emb, "minilm", threads)
    if name in E5_MODELS:
        from index.embedding.e5 import load_e5

        variant, quantised = E5_MODELS[name]
        e5 = load_e5(cache, variant=variant, threads=threads, quantised_passages=quantised)
        return Model(name, e5, "e5", threads)
    raise ValueError(f"unknown model {name!r}: expected one of {', '.join(MODELS)}")


def use(model: Model) -> None:
    """Apply the model's thread count where it is a process setting (torch)."""
    if model.name.startswith("minilm-torch"):
        import torch

        torch.set_num_threads(model.threads)


def input_tokens(model: Model, text: str) -> int:
    """Tokens the model reads for one passage, special tokens (and e5's prefix) included."""
    emb = model.embedder
    if model.family == "e5":
        return int(min(emb.input_tokens(text), 512))
    return int(min(emb.count_tokens(text), emb.max_tokens) + 2)


def flops_per_passage(family: str, tokens: int) -> float:
    """Multiply-adds x 2 of one encoder pass over `tokens` tokens (projections, FFN, attention)."""
    layers, h, ffn = SHAPES[family]
    per_layer = tokens * (4 * h * h + 2 * h * ffn) + 2 * tokens * tokens * h
    return 2.0 * layers * per_layer


# ---- passages -----------------------------------------------------------------------------------------


def english_passages(n: int) -> list[str]:
    """Consecutive words of the English demo sources cut into passages of 110-135 words."""
    out: list[str] = []
    rng = np.random.default_rng(7)
    for path in sorted(SOURCES.glob("*.txt")):
        if path.name.startswith(("kr_", "cn_")):
            continue
        words = path.read_text(encoding="utf-8").split()
        pos = 0
        while pos + 135 <= len(words) and len(out) < 4 * n:
            size = int(rng.integers(110, 136))
            out.append(" ".join(words[pos : pos + size]))
            pos += size
    picks = rng.choice(len(out), size=min(n, len(out)), replace=False)
    return [out[i] for i in sorted(picks)]


def korean_passages(n: int) -> list[str]:
    """Lines of the Korean laws joined into passages of about 330-390 characters."""
    out: list[str] = []
    for path in sorted(SOURCES.glob("kr_*.txt")):
        buf = ""
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line:
                continue
            buf = f"{buf} {line}".strip()
            if len(buf) >= 330:
                out.append(buf[:390])
                buf = ""
    step = max(1, len(out) // n)
    return out[::step][:n]


# ---- sections -----------------------------------------------------------------------------------------


def pct(values: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def section_query(cache: Path, rounds: int) -> str:
    log(f"query: loading models (load {load_average()})")
    models = [load_model(name, cache, threads=2) for name in MODELS]
    # torch's 2 OpenMP threads degrade most when another process holds a core (measured 20 ms
    # -> 300+ ms per query at load average 4): a 1-thread torch row shows whether that happened.
    models.append(Model("minilm-torch-1t", models[0].embedder, "minilm", 1))
    times: dict[tuple[str, str], list[float]] = {(m.name, lang): [] for m in models for lang in QUESTIONS}
    for m in models:  # warm-up: first calls allocate buffers
        use(m)
        for q in QUESTIONS.values():
            for _ in range(3):
                m.embedder.encode_query(q)
    before = load_average()
    for r in range(rounds):
        order = models[r % len(models) :] + models[: r % len(models)]
        for m in order:
            use(m)
            langs = list(QUESTIONS) if r % 2 == 0 else list(reversed(QUESTIONS))
            for lang in langs:
                t0 = time.perf_counter()
                m.embedder.encode_query(QUESTIONS[lang])
                times[(m.name, lang)].append((time.perf_counter() - t0) * 1000)
    after = load_average()
    ref = {lang: statistics.median(times[(REFERENCE, lang)]) for lang in QUESTIONS}
    lines = [
        f"### Query encode, batch 1, 2 threads ({rounds} interleaved rounds; "
        f"load average {before} -> {after})",
        "",
        "| model | EN p50 ms | EN p90 ms | EN p50 ratio | KO p50 ms | KO p90 ms | KO p50 ratio "
        "| tokens EN/KO |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for m in models:
        cells = []
        for lang in QUESTIONS:
            t = times[(m.name, lang)]
            cells += [f"{pct(t, 50):.1f}", f"{pct(t, 90):.1f}", f"{statistics.median(t) / ref[lang]:.2f}"]
        toks = "/".join(str(query_tokens(m, q)) for q in QUESTIONS.values())
        lines.append(f"| {m.name} | {' | '.join(cells)} | {toks} |")
    del models
    return "\n".join(lines)


def query_tokens(model: Model, text: str) -> int:
    if model.family == "e5":
        return int(model.embedder.input_tokens(text, query=True))
    return int(model.embedder.count_tokens(text) + 2)


def matmul_peak(threads: int, seconds: float = 3.0) -> float:
    """Best float32 GFLOP/s of numpy matmul at shapes like the models' (and one large square)."""
    from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]

    rng = np.random.default_rng(0)
    best = 0.0
    with threadpool_limits(limits=threads, user_api="blas"):
        for m, k, n in ((4096, 384, 1536), (4096, 1536, 384), (2048, 2048, 2048)):
            a = rng.standard_normal((m, k), dtype=np.float32)
            b = rng.standard_normal((k, n), dtype=np.float32)
            a @ b
            end = time.perf_counter() + seconds / 3
            while time.perf_counter() < end:
                t0 = time.perf_counter()
                a @ b
                best = max(best, 2.0 * m * k * n / (time.perf_counter() - t0) / 1e9)
    return best


def section_throughput(cache: Path, n_en: int, n_ko: int, passes: int) -> str:
    texts = {"EN": english_passages(n_en), "KO": korean_passages(n_ko)}
    log(f"throughput: {len(texts['EN'])} EN passages, {len(texts['KO'])} KO passages")
    rows: list[str] = []
    peaks: dict[int, float] = {}
    loads: list[str] = []
    for threads in (1, 2):
        loads.append(load_average())
        peaks[threads] = matmul_peak(threads)
        log(f"throughput: {threads} thread(s), matmul peak {peaks[threads]:.0f} GFLOP/s")
        models = [load_model(name, cache, threads=threads) for name in MODELS]
        best: dict[tuple[str, str], float] = {}
        for p in range(passes):
            order = models[p % len(models) :] + models[: p % len(models)]
            for m in order:
                use(m)
                for lang, batch in texts.items():
                    t0 = time.perf_counter()
                    m.embedder.encode(batch)
                    rate = len(batch) / (time.perf_counter() - t0)
                    best[(m.name, lang)] = max(best.get((m.name, lang), 0.0), rate)
                    log(f"  {threads}t {m.name} {lang}: {rate:.1f}/s")
        for m in models:
            cells = []
            for lang, batch in texts.items():
                rate = best[(m.name, lang)]
                tokens = [input_tokens(m, t) for t in batch]
                flops = float(np.mean([flops_per_passage(m.family, t) for t in tokens]))
                ceiling = peaks[threads] * 1e9 / flops
                ratio = rate / best[(REFERENCE, lang)]
                cells += [
                    f"{rate:.1f}",
                    f"{ratio:.2f}",
                    f"{np.mean(tokens):.0f}",
                    f"{flops / 1e9:.2f}",
                    f"{ceiling:.0f}",
                    f"{rate / ceiling:.0%}",
                ]
            rows.append(f"| {threads} | {m.name} | {' | '.join(cells)} |")
        del models
    loads.append(load_average())
    head = (
        "| threads | model | EN p/s | EN ratio | EN tokens | EN GFLOP/p | EN ceiling p/s | EN % of ceiling "
        "| KO p/s | KO ratio | KO tokens | KO GFLOP/p | KO ceiling p/s | KO % of ceiling |"
    )
    return "\n".join(
        [
            f"### Passage throughput, best of {passes} interleaved passes, batch 32, length-sorted "
            "(e5-int8ff: one passage per run) "
            f"(load average {' -> '.join(loads)})",
            "",
            f"numpy float32 matmul peak: {peaks[1]:.0f} GFLOP/s on 1 thread, {peaks[2]:.0f} on 2. "
            "Ratio = passages/s over MiniLM-torch's at the same thread count. Ceiling = peak / FLOPs "
            "per passage (tokens include special tokens and e5's 'passage: ' prefix; no padding).",
            "",
            head,
            "|" + "---|" * 14,
            *rows,
        ]
    )


def probe_load(name: str, cache: Path) -> dict[str, float]:
    """Run in a fresh interpreter: load one model, embed one query, report time and RSS added."""
    start_rss = rss_mb()
    t0 = time.perf_counter()
    model = load_model(name, cache, threads=2)
    loaded = time.perf_counter() - t0
    t1 = time.perf_counter()
    model.embedder.encode_query(QUESTIONS["KO"])
    first = time.perf_counter() - t1
    return {"load_s": loaded, "first_query_ms": first * 1000, "rss_added_mb": rss_mb() - start_rss}


def section_load(cache: Path, repeats: int) -> str:
    results: dict[str, list[dict[str, float]]] = {name: [] for name in MODELS}
    before = load_average()
    for _ in range(repeats):
        for name in MODELS:
            probe = ["-m", "bench.embedders", "--probe-load", name, "--cache", str(cache)]
            results[name].append(python_json(probe))
            log(f"load: {name} {results[name][-1]}")
    lines = [
        f"### Load (fresh interpreter, imports included; best of {repeats}; load average {before} -> "
        f"{load_average()})",
        "",
        "| model | load s | first query ms | RSS added MB |",
        "|---|---|---|---|",
    ]
    for name in MODELS:
        r = results[name]
        lines.append(
            f"| {name} | {min(x['load_s'] for x in r):.2f} | {min(x['first_query_ms'] for x in r):.0f} "
            f"| {min(x['rss_added_mb'] for x in r):.0f} |"
        )
    return "\n".join(lines)


def section_beir(models_cache: Path, vectors_cache: Path, quick: bool) -> str:
    from index.eval.beir import evaluate

    collections = [
        ("cranfield", "test.tsv"),
        ("cranfield", "test_no_source.tsv"),
        ("med", "test.tsv"),
        ("adi", "test.tsv"),
    ]
    if quick:
        collections = collections[-1:]
    names = ("minilm-onnx", "e5-fp32", "e5-int8", "e5-int8ff")
    before = load_average()
    scores: dict[tuple[str, str, str], float] = {}
    lexical: dict[str, float] = {}
    for name in names:
        model = load_model(name, models_cache, threads=2)
        for coll, qrels in collections:
            label = coll if qrels == "test.tsv" else f"{coll} ({qrels.removesuffix('.tsv')})"
            for method in ("dense", "hybrid"):
                t0 = time.perf_counter()
                r = evaluate(
                    BEIR / coll,
                    method=method,
                    embedder=model.embedder,
                    cache_dir=vectors_cache,
                    qrels_file=qrels,
                )
                scores[(name, label, method)] = r.ndcg10
                log(f"beir: {name} {label} {method} {r.ndcg10:.3f} ({time.perf_counter() - t0:.0f} s)")
            if label not in lexical:
                lexical[label] = evaluate(
                    BEIR / coll,
                    method="lexical",
                    embedder=model.embedder,
                    cache_dir=vectors_cache,
                    qrels_file=qrels,
                ).ndcg10
        del model
    labels = list(dict.fromkeys(label for _, label, _ in scores))
    lines = [
        f"### BEIR nDCG@10 (index/beir.py; MiniLM vectors from its ONNX export, equal to torch's; "
        f"load average {before} -> {load_average()})",
        "",
        "| collection | BM25 | MiniLM dense | e5 fp32 dense | e5 int8 dense | e5 int8ff dense "
        "| MiniLM hybrid | e5 fp32 hybrid | e5 int8 hybrid | e5 int8ff hybrid "
        "| rule met (hybrid >= MiniLM - 0.005): fp32 / int8 / int8ff |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label in labels:
        d = [scores[(n, label, "dense")] for n in names]
        h = [scores[(n, label, "hybrid")] for n in names]
        rule = " / ".join("yes" if x >= h[0] - 0.005 else f"no ({x - h[0]:+.3f})" for x in h[1:])
        cells = " | ".join(f"{x:.3f}" for x in (*d, *h))
        lines.append(f"| {label} | {lexical[label]:.3f} | {cells} | {rule} |")
    return "\n".join(lines)


SECTIONS: dict[str, Callable[[argparse.Namespace], str]] = {
    "query": lambda a: section_query(a.cache / "models", a.rounds),
    "throughput": lambda a: section_throughput(a.cache / "models", a.en, a.ko, a.passes),
    "load": lambda a: section_load(a.cache / "models", a.repeats),
    "beir": lambda a: section_beir(a.cache / "models", a.cache / "bench-embedders", a.quick),
}


def wait_quiet(limit: float, max_wait: float) -> None:
    """Wait (at most max_wait seconds) until the 1-minute load average is below `limit`."""
    end = time.monotonic() + max_wait
    while os.getloadavg()[0] >= limit and time.monotonic() < end:
        log(f"waiting for a quieter machine (load average {load_average()})")
        time.sleep(15)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated sections")
    parser.add_argument("--quick", action="store_true", help="fewer rounds and passages")
    parser.add_argument(
        "--cache", type=Path, default=ROOT / ".test-cache", help="models/ and vectors go here"
    )
    parser.add_argument("--out", type=Path, help="also write the markdown here")
    parser.add_argument(
        "--wait-quiet",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="before each speed section, wait up to SECONDS for a 1-minute load average under 1.5",
    )
    parser.add_argument("--probe-load", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.probe_load:
        print(json.dumps(probe_load(args.probe_load, args.cache)))
        return 0
    args.rounds, args.en, args.ko, args.passes, args.repeats = (
        (10, 32, 24, 1, 1) if args.quick else (40, 96, 64, 2, 2)
    )
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in only if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s) {unknown}: expected {', '.join(SECTIONS)}")
    if not SOURCES.is_dir():
        parser.error(f"the demo collection is not at {SOURCES}")
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in ln
        ),
        platform.processor(),
    )
    parts = [
        "## Embedders: MiniLM vs multilingual-e5-small",
        "",
        f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}; load average at start "
        f"{load_average()}.",
    ]
    for name in only:
        if name != "beir" and args.wait_quiet > 0:
            wait_quiet(1.5, args.wait_quiet)
        started = time.perf_counter()
        parts += ["", SECTIONS[name](args)]
        log(f"{name}: done in {time.perf_counter() - started:.0f} s")
    text = "\n".join(parts) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
