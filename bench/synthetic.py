"""Synthetic collections for speed runs, derived from the demo index and published through the library.

A synthetic passage is a real demo passage with 30% of its words replaced by words drawn from the
whole demo collection (so word frequencies stay realistic and 3-shingles differ enough that
near-duplicate collapse does not merge the copies), and its vector is that passage's real vector
plus Gaussian noise (cosine ~0.86 with the original), so questions find plausible candidates and the
engine does its full work (evidence sentences, abstention) as on real data. Lexical tokens are the
real analyzer's output for each word. Nothing is embedded: building 100k passages takes about a
minute instead of an hour.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from corpus.chunker import CHUNKER_VERSION
from corpus.models import Passage, Source, SourceMeta
from index.analyzer import ANALYZER_VERSION, analyze_many
from index.embedding.cache import text_hash
from index.local import snapshot
from index.local.lexical import LexicalIndex
from index.local.store import StoredPassage, read_store, write_store

GENERATOR = "groundqa-bench-synthetic/1"
PASSAGES_PER_SOURCE = 100
REPLACED = 0.3  # share of each passage's words swapped for words drawn from the whole collection
NOISE = 0.6  # norm of the noise added to each unit vector (cosine with the original ~ 1/sqrt(1+0.36))


@dataclass(frozen=True)
class Demo:
    """The demo snapshot's passages, vectors and sources, as synthetic collections are derived from it."""

    version: str
    fingerprint: str
    texts: list[str]
    source_of: list[str]
    vectors: np.ndarray
    meta: dict[str, SourceMeta]


def load_demo(data_dir: Path) -> Demo:
    """Read the current snapshot of an already-built data dir (no embedder needed)."""
    paths = snapshot.candidates(data_dir)
    if not paths:
        raise SystemExit(f"no snapshot in {data_dir}: build the demo index first (see bench/README.md)")
    path = paths[0]
    manifest = snapshot.read_manifest(path, verify=False)
    data = read_store(path / "store.sqlite")
    return Demo(
        version=path.name,
        fingerprint=str(manifest["model"]),
        texts=[sp.passage.text for sp in data.passages],
        source_of=[sp.passage.source_id for sp in data.passages],
        vectors=np.load(path / "vectors.npy"),
        meta={sid: rec.source.meta for sid, rec in data.sources.items()},
    )


def ensure_synthetic(demo_dir: Path, work: Path, n: int, *, seed: int = 0) -> tuple[Path, float]:
    """A data dir holding a synthetic snapshot of `n` passages; reused when already built.

    Returns (data dir, seconds spent building; 0.0 when reused).
    """
    demo = load_demo(demo_dir)
    key = {"generator": GENERATOR, "demo": demo.version, "model": demo.fingerprint, "n": n, "seed": seed}
    key["demo_vectors"] = hashlib.sha256(demo.vectors.tobytes()).hexdigest()[:16]
    out = work / f"synthetic-{n}"
    key_file = out / "bench-key.json"
    if key_file.is_file() and json.loads(key_file.read_text("utf-8")) == key and snapshot.candidates(out):
        return out, 0.0
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    models = (demo_dir / "models").resolve()
    if models.is_dir():  # the server finds the demo's verified ONNX export instead of exporting again
        (out / "models").symlink_to(models, target_is_directory=True)
    t0 = time.perf_counter()
    _write_snapshot(demo, out, n, np.random.default_rng(seed))
    key_file.write_text(json.dumps(key), "utf-8")
    return out, time.perf_counter() - t0


def _write_snapshot(demo: Demo, out: Path, n: int, rng: np.random.Generator) -> None:
    words = [t.split() for t in demo.texts]
    vocab = sorted({w for ws in words for w in ws})
    word_id = {w: i for i, w in enumerate(vocab)}
    vocab_tokens = analyze_many(vocab)
    ids_of = [np.array([word_id[w] for w in ws], dtype=np.int64) for ws in words]
    pool = np.concatenate(ids_of)  # every word occurrence: draws follow the collection's frequencies
    rows_of: dict[str, list[int]] = {}
    for row, sid in enumerate(demo.source_of):
        rows_of.setdefault(sid, []).append(row)

    sources: list[tuple[Source, str, str]] = []
    stored: list[StoredPassage] = []
    bases: list[int] = []
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    for j in range(math.ceil(n / PASSAGES_PER_SOURCE)):
        base_sid = demo.source_of[int(rng.integers(len(demo.source_of)))]  # weighted by passage count
        picks = rng.choice(rows_of[base_sid], size=min(PASSAGES_PER_SOURCE, n - len(stored)))
        sid = f"synthetic-{j:05d}"
        texts, tokens = [], []
        for b in picks:
            ids = ids_of[b].copy()
            swap = rng.random(ids.size) < REPLACED
            ids[swap] = pool[rng.integers(pool.size, size=int(swap.sum()))]
            texts.append(" ".join(vocab[i] for i in ids))
            tokens.append(tuple(t for i in ids for t in vocab_tokens[i]))
        text = "\n\n".join(texts)
        spans, pos = [], 0
        for t in texts:
            spans.append((pos, pos + len(t)))
            pos += len(t) + 2
        base = demo.meta[base_sid]
        meta = SourceMeta(
            title=f"Synthetic {j} (after {base.title})",
            publisher=base.publisher,
            date=base.date,
            language=base.language,
        )
        digest = hashlib.sha256(text.encode()).hexdigest()
        sources.append((Source(sid, f"{sid}.txt", meta, text, digest, paragraphs=tuple(spans)), "", now))
        for o, ((a, e), t, toks) in enumerate(zip(spans, texts, tokens, strict=True)):
            pid = hashlib.sha256(f"{sid}\0{o}\0{t}".encode()).hexdigest()[:24]
            passage = Passage(pid, sid, t, a, e, None, o)
            stored.append(StoredPassage(passage, text_hash(t), toks))
        bases.extend(int(b) for b in picks)

    dim = demo.vectors.shape[1]
    vectors = demo.vectors[bases] + rng.standard_normal((n, dim), dtype=np.float32) * (NOISE / math.sqrt(dim))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)

    build = snapshot.new_build_dir(out)
    write_store(build / "store.sqlite", sources, stored)
    np.save(build / "vectors.npy", vectors.astype(np.float32))
    LexicalIndex.build([list(sp.tokens) for sp in stored]).save(build / "lexical")
    snapshot.publish(
        out,
        build,
        {
            "created_at": now,
            "model": demo.fingerprint,
            "dim": dim,
            "chunker": CHUNKER_VERSION,
            "analyzer": ANALYZER_VERSION,
            "sources": len(sources),
            "passages": len(stored),
            "synthetic": GENERATOR,
        },
    )


def synthetic_document(demo: Demo, words: int, seed: int) -> str:
    """A new English-looking document of about `words` words (sentences of demo vocabulary).

    Used as "one added source" in the incremental benchmark: every passage in it is new, so it is
    embedded for real.
    """
    rng = np.random.default_rng(seed)
    english = [
        w
        for t, sid in zip(demo.texts, demo.source_of, strict=True)
        if demo.meta[sid].language == "en"
        for w in t.split()
    ]
    paragraphs, made = [], 0
    while made < words:
        sentences = []
        for _ in range(int(rng.integers(3, 7))):
            k = int(rng.integers(8, 22))
            picked = [english[int(i)] for i in rng.integers(len(english), size=k)]
            sentences.append(" ".join(picked).capitalize().rstrip(".,;:") + ".")
            made += k
        paragraphs.append(" ".join(sentences))
    return f"Benchmark document {seed}\n\n" + "\n\n".join(paragraphs) + "\n"
