"""Synthetic collections for speed runs, derived from the demo index and published through the library.

A synthetic passage is a real demo passage with 30% of its words replaced by words drawn from the
whole demo collection (so word frequencies stay realistic and 3-shingles differ enough that
near-duplicate collapse does not merge the copies), and its vector is that passage's real vector
plus Gaussian noise (cosine ~0.86 with the original), so questions find plausible candidates and the
engine does its full work (evidence sentences, abstention) as on real data. Lexical tokens are the
real analyzer's output for each word. Nothing is embedded: building 100k passages takes about a
minute instead of an hour. Sentence spans are the original passage's, mapped word by word onto the
new text. The snapshot is written through the same catalog writer as production
(`index.local.catalog.LocalCatalog.writer`), so it has the production format; `write_synthetic`
writes the same collection through any catalog (bench/postgres.py uses the PostgreSQL one).
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpus.errors import GroundqaError
from corpus.models import Passage, Source, SourceMeta
from index.analyzer import analyze_many
from index.backend import Catalog, NewPassage
from index.builder import build_versions
from index.local import snapshot
from index.local.catalog import LocalCatalog
from index.local.vectors import ANN_KIND

GENERATOR = "groundqa-bench-synthetic/3"
PASSAGES_PER_SOURCE = 100
REPLACED = 0.3  # share of each passage's words swapped for words drawn from the whole collection
NOISE = 0.6  # norm of the noise added to each unit vector (cosine with the original ~ 1/sqrt(1+0.36))


@dataclass(frozen=True)
class Demo:
    """The demo snapshot's passages, vectors and sources, as synthetic collections are derived from it."""

    version: str
    fingerprint: str
    texts: list[str]
    sentences: list[tuple[tuple[int, int], ...]]
    source_of: list[str]
    vectors: np.ndarray
    meta: dict[str, SourceMeta]


def load_demo(data_dir: Path) -> Demo:
    """Read the current snapshot of an already-built data dir (no embedder needed)."""
    try:
        backend = LocalCatalog(data_dir).open()
    except GroundqaError as exc:
        raise SystemExit(
            f"no usable snapshot in {data_dir} ({exc.message}): build the demo index first"
        ) from exc
    try:
        texts, sentences, source_of = [], [], []
        for rec in backend.sources():
            for r in backend.passages([p.id for p in backend.passages_of(rec.id)]):
                texts.append(r.passage.text)
                sentences.append(r.sentences)
                source_of.append(r.passage.source_id)
        rows = [i for rec in backend.sources() for i in backend.rows_of_source(rec.id)]
        return Demo(
            version=backend.info.version,
            fingerprint=backend.info.model,
            texts=texts,
            sentences=sentences,
            source_of=source_of,
            vectors=backend.vectors.vectors_of(rows),
            meta={rec.id: rec.meta for rec in backend.sources()},
        )
    finally:
        backend.close()


def ensure_synthetic(demo_dir: Path, work: Path, n: int, *, seed: int = 0) -> tuple[Path, float]:
    """A data dir holding a synthetic snapshot of `n` passages; reused when already built.

    Returns (data dir, seconds spent building; 0.0 when reused).
    """
    demo = load_demo(demo_dir)
    key = {"generator": GENERATOR, "demo": demo.version, "model": demo.fingerprint, "n": n, "seed": seed}
    key["vector_index"] = ANN_KIND  # a new approximate-index layout is measured on a new snapshot
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
    write_synthetic(demo, LocalCatalog(out), n, rng)


def write_synthetic(demo: Demo, catalog: Catalog, n: int, rng: np.random.Generator) -> str:
    """Publish a synthetic collection of `n` passages as a new version of `catalog` (any backend);
    returns the version's name."""
    words = [t.split() for t in demo.texts]
    vocab = sorted({w for ws in words for w in ws})
    word_id = {w: i for i, w in enumerate(vocab)}
    vocab_tokens = analyze_many(vocab)
    ids_of = [np.array([word_id[w] for w in ws], dtype=np.int64) for ws in words]
    pool = np.concatenate(ids_of)  # every word occurrence: draws follow the collection's frequencies
    rows_of: dict[str, list[int]] = {}
    for row, sid in enumerate(demo.source_of):
        rows_of.setdefault(sid, []).append(row)
    dim = demo.vectors.shape[1]
    made = 0
    with catalog.lock(), catalog.writer(None, model=demo.fingerprint, dim=dim) as writer:
        for j in range(math.ceil(n / PASSAGES_PER_SOURCE)):
            base_sid = demo.source_of[int(rng.integers(len(demo.source_of)))]  # weighted by passage count
            picks = rng.choice(rows_of[base_sid], size=min(PASSAGES_PER_SOURCE, n - made))
            sid = f"synthetic-{j:05d}"
            texts, tokens, sentences = [], [], []
            sentence_terms: list[tuple[tuple[str, ...], ...]] = []
            for b in picks:
                ids = ids_of[b].copy()
                swap = rng.random(ids.size) < REPLACED
                ids[swap] = pool[rng.integers(pool.size, size=int(swap.sum()))]
                new_words = [vocab[i] for i in ids]
                texts.append(" ".join(new_words))
                tokens.append(tuple(t for i in ids for t in vocab_tokens[i]))
                sent_spans, ranges = _mapped_sentences(demo.texts[b], demo.sentences[b], new_words)
                sentences.append(sent_spans)
                sentence_terms.append(
                    tuple(tuple(t for i in ids[lo:hi] for t in vocab_tokens[i]) for lo, hi in ranges)
                )
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
            vectors = demo.vectors[picks] + rng.standard_normal((len(picks), dim), dtype=np.float32) * (
                NOISE / math.sqrt(dim)
            )
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            news = []
            for o, ((a, e), t, toks, sents, sterms) in enumerate(
                zip(spans, texts, tokens, sentences, sentence_terms, strict=True)
            ):
                pid = hashlib.sha256(f"{sid}\0{o}\0{t}".encode()).hexdigest()
                news.append(NewPassage(Passage(pid, sid, t, a, e, None, o), toks, sents, vectors[o], sterms))
            source = Source(sid, f"{sid}.txt", meta, text, digest, paragraphs=tuple(spans))
            writer.add_source(source, namespace="", indexed_at="", passages=news)
            made += len(picks)
        info = writer.publish({**build_versions(), "synthetic": GENERATOR})
    return info.version


def _mapped_sentences(
    old: str, spans: tuple[tuple[int, int], ...], new_words: list[str]
) -> tuple[tuple[tuple[int, int], ...], list[tuple[int, int]]]:
    """Sentence spans of `old` carried over to the same number of words joined by single spaces, and
    the range of word indexes of each."""
    starts = [m.start() for m in re.finditer(r"\S+", old)]
    ends = [m.end() for m in re.finditer(r"\S+", old)]
    offsets, pos = [], 0
    for w in new_words:
        offsets.append((pos, pos + len(w)))
        pos += len(w) + 1
    out, ranges = [], []
    for a, b in spans:
        first = bisect.bisect_left(starts, a)
        last = bisect.bisect_left(ends, b)
        if first < len(offsets) and first <= min(last, len(offsets) - 1):
            end = min(last, len(offsets) - 1)
            out.append((offsets[first][0], offsets[end][1]))
            ranges.append((first, end + 1))
    return tuple(out), ranges


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
