"""Build or update an index: read the sources, cut passages, embed what is new, publish a version.

    report = update_index(catalog=LocalCatalog(data_dir), inputs=[SourceDir(folder)],
                          embedder=embedder, max_bytes=50 * 2**20)

Sources come from `corpus.ingest` (the one ingestion path). An update re-reads only files whose
content hash changed; an unchanged source is carried over whole from the current version (text,
passages, vectors, analysed terms); new passages are embedded only when their text is not in the
embedding cache. A change of model, chunker, analyzer or storage format re-reads everything (the
embedding cache still saves the vectors when the model is the same).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from corpus.chunker import CHUNKER_VERSION, Chunker
from corpus.errors import IndexNotBuilt, SnapshotCorrupt, StorageError
from corpus.ingest import Ingestion, SourceDir
from corpus.models import FileIssue, Passage, Source
from corpus.sentences import split_sentences
from index.analyzer import ANALYZER_VERSION, analyze_many
from index.backend import Backend, Catalog, EmbeddingStore, NewPassage, Vector
from index.embedding.base import Embedder, ModelChoice
from index.embedding.cache import text_hash

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]
"""progress(stage, done, total): stages are "reading", "embedding", "writing"."""

Analysed = tuple[tuple[str, ...], tuple[tuple[int, int], ...], tuple[tuple[str, ...], ...]]
"""A passage's BM25 terms, sentence spans and per-sentence terms."""

EMBED_BATCH = 64  # passages per embedding call; each batch is committed to the cache


@dataclass
class UpdateReport:
    """What an update did.

    Attributes:
        version: the published version, or None when nothing had changed.
        full: every file was re-read (requested, first build, or a version change).
        added, changed, removed: source ids.
        unchanged: sources carried over as they were.
        failed: one line per file that could not be indexed; warnings: notes on indexed files.
        passages: passages in the published version; embedded: passages whose vectors were computed;
            reused: passages whose vectors came from the cache or the previous version.
        seconds: wall time of the whole update.
    """

    version: str | None = None
    full: bool = False
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: list[FileIssue] = field(default_factory=list)
    warnings: list[FileIssue] = field(default_factory=list)
    passages: int = 0
    embedded: int = 0
    reused: int = 0
    seconds: float = 0.0

    @property
    def published(self) -> bool:
        """Whether a new version was published (False when nothing had changed)."""
        return self.version is not None

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-ready data (the CLI's `--json` and the rebuild job's result)."""
        return {
            "version": self.version,
            "published": self.published,
            "full": self.full,
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "failed": [{"file": f.path, "reason": f.reason} for f in self.failed],
            "warnings": [{"file": f.path, "reason": f.reason} for f in self.warnings],
            "passages": self.passages,
            "embedded": self.embedded,
            "reused": self.reused,
            "seconds": round(self.seconds, 3),
        }


def build_versions() -> dict[str, str]:
    """The versions of everything that shapes an index besides the model (recorded with it)."""
    return {"chunker": CHUNKER_VERSION, "analyzer": ANALYZER_VERSION}


def _base(catalog: Catalog, full: bool) -> Backend | None:
    """The current version (None when a full build is requested or there is none usable)."""
    if full:
        return None
    try:
        return catalog.open()
    except IndexNotBuilt:
        return None
    except SnapshotCorrupt as exc:
        log.warning("rebuilding everything: %s", exc.message)
        return None


def _reusable(base: Backend, embedder: Embedder) -> str:
    """Why the base version's sources cannot be carried over, or "" when they can."""
    info = base.info
    if info.model != embedder.fingerprint:
        return "the model changed"
    if any(info.extra.get(k) != v for k, v in build_versions().items()):
        return "the chunker or analyzer changed"
    return ""


def update_index(
    *,
    catalog: Catalog,
    inputs: Sequence[SourceDir],
    embedder: Embedder | ModelChoice,
    max_bytes: int,
    full: bool = False,
    keep: int = 2,
    progress: Progress | None = None,
    job_id: str | None = None,
    ocr: bool = True,
) -> UpdateReport:
    """Bring the index in `catalog` up to date with the files of `inputs`; publish if anything changed.

    Holds the catalog's writer lock throughout. Steps: scan and hash every file (`corpus.ingest`);
    parse only files whose content hash differs from the current version's; choose the model (for a
    `ModelChoice`); if the model, chunker or analyzer differ from the current version's, re-read
    everything; chunk new and changed sources (`corpus.chunker.Chunker` sized to the model's
    `max_tokens`); embed `search_input` of each new passage unless its SHA-256 is in the embedding
    cache (batches of `EMBED_BATCH` = 64, committed as they are done, longest first); analyse terms
    and sentences; write unchanged sources from the current version and new ones in file order;
    publish; prune old versions (errors there are ignored). Files that cannot be read never stop
    the run: each is one line in `failed`.

    Args:
        catalog: where versions live (e.g. `index.local.catalog.LocalCatalog(data_dir)`).
        inputs: the sources folders (namespaces keep their ids apart).
        embedder: the model, or a choice of model made once the sources' languages are known
            (`index.embedding.load.Models`: "auto" picks a multilingual model when any source is
            not English); its fingerprint is recorded with the version.
        max_bytes: larger files are refused (one line in `failed`).
        full: re-read every file and re-embed every passage (the cache is not consulted).
        keep: published versions kept after publishing (the newest `keep`).
        progress: called as work advances (see `Progress`).
        job_id: recorded with the writer lock so a second builder can name the running job.
        ocr: read scanned pages (no text layer) with OCR; False leaves them out with a note.

    Returns:
        An UpdateReport; `version` is None when nothing changed and nothing was published. Counts
        are passages (chunks), not files or tokens; `seconds` is wall-clock seconds.

    Raises:
        RebuildInProgress: another builder holds the lock.
        CorpusError: a sources folder does not exist (a bad manifest is a line in `failed`, not an
            exception).
        StorageError: the disk refused a write (the previous version stays current).
    """
    t0 = time.perf_counter()
    report = UpdateReport()
    tick: Progress = progress or (lambda stage, done, total: None)
    with catalog.lock(job_id):
        base = _base(catalog, full)
        why_full = "requested" if full else "no usable index yet"
        try:
            ingestion = Ingestion.scan(inputs, max_bytes=max_bytes)
            known = {r.id: r.content_hash for r in base.sources()} if base is not None else None
            now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            kept, read = _read(ingestion, known, ocr, tick)
            model = _model(embedder, base, kept, read)
            if base is not None and (why := _reusable(base, model)):
                log.info("re-reading every source: %s", why)
                base.close()
                base, why_full, known = None, why, None
                kept, read = _read(ingestion, None, ocr, tick)
            report.full = base is None
            chunker = Chunker(model.count_tokens, model.max_tokens)
            fresh: list[tuple[Source, str, list[Passage]]] = []
            for source, namespace in read:
                (report.changed if known and source.id in known else report.added).append(source.id)
                fresh.append((source, namespace, chunker.chunk(source)))
            report.failed = sorted(ingestion.failures, key=lambda issue: issue.path)
            report.warnings = ingestion.warnings
            report.unchanged = len(kept)
            kept_ids = set(kept) | {s.id for s, _, _ in fresh}
            report.removed = sorted(r.id for r in base.sources() if r.id not in kept_ids) if base else []
            new_passages = [p for _, _, ps in fresh for p in ps]
            inputs_of = [search_input(src, p) for src, _, ps in fresh for p in ps]
            report.passages = len(new_passages) + sum(
                base.source_record(sid).passage_count for sid in kept if base is not None
            )
            if base is not None and not (report.added or report.changed or report.removed):
                report.seconds = time.perf_counter() - t0
                return report

            vectors = _embed(catalog, model, inputs_of, full, base is None, report, tick)
            analysed = _analyse(new_passages, inputs_of)
            tick("writing", 0, 1)
            with catalog.writer(base, model=model.fingerprint, dim=model.dim) as writer:
                order = {f.source_id: i for i, (_, f) in enumerate(ingestion.files)}
                at = 0
                items: list[tuple[int, str | tuple[Source, str, list[NewPassage]]]] = [
                    (order[sid], sid) for sid in kept
                ]
                for source, namespace, passages in fresh:
                    n = len(passages)
                    news = [
                        NewPassage(p, tokens, sentences, vectors[at + i], sentence_terms)
                        for i, (p, (tokens, sentences, sentence_terms)) in enumerate(
                            zip(passages, analysed[at : at + n], strict=True)
                        )
                    ]
                    at += n
                    items.append((order[source.id], (source, namespace, news)))
                for _, item in sorted(items, key=lambda it: it[0]):
                    if isinstance(item, str):
                        writer.keep_source(item)
                    else:
                        src, ns, news = item
                        writer.add_source(src, namespace=ns, indexed_at=now, passages=news)
                info = writer.publish({**build_versions(), "why_full": why_full})
        finally:
            if base is not None:
                base.close()
        with contextlib.suppress(OSError):
            catalog.prune(keep)
        tick("writing", 1, 1)
        report.version = info.version
        report.seconds = time.perf_counter() - t0
        return report


def _read(
    ingestion: Ingestion, known: dict[str, str] | None, ocr: bool, tick: Progress
) -> tuple[list[str], list[tuple[Source, str]]]:
    """(ids of unchanged sources, (source, namespace) of every new or changed one)."""
    kept: list[str] = []
    read: list[tuple[Source, str]] = []
    for r in ingestion.read(known, lambda done, total: tick("reading", done, total), ocr=ocr):
        if r.source is None:
            kept.append(r.file.source_id)
        else:
            read.append((r.source, r.namespace))
    return kept, read


def _model(
    embedder: Embedder | ModelChoice, base: Backend | None, kept: list[str], read: list[tuple[Source, str]]
) -> Embedder:
    """The embedder itself, or the one a model choice makes for the collection's languages."""
    if not isinstance(embedder, ModelChoice):
        return embedder
    languages = {s.meta.language for s, _ in read}
    if base is not None:
        languages |= {base.source_record(sid).meta.language for sid in kept}
    return embedder.for_languages(languages)


def search_context(source: Source, p: Passage) -> str:
    """What is searched with a passage besides its text, and never shown as part of the quote: the
    source's title and the passage's section path ("Convention ... › Chapter V › Article 33"), then the
    header row of the table it belongs to, if any."""
    head = " › ".join([source.meta.title, *p.section])
    return f"{head}\n{p.context}" if p.context else head


def search_input(source: Source, p: Passage) -> str:
    """What the model embeds and the analyzer indexes for a passage: its search context, then its text."""
    return f"{search_context(source, p)}\n{p.text}"


def _embed(
    catalog: Catalog,
    embedder: Embedder,
    texts: list[str],
    full: bool,
    everything: bool,
    report: UpdateReport,
    tick: Progress,
) -> list[Vector]:
    """Vectors of `texts` (same order): from the cache, or embedded and cached batch by batch.

    When `everything` (every passage of the new version is among `texts`), vectors of texts no longer
    indexed are dropped from the cache.
    """
    hashes = [text_hash(t) for t in texts]
    with catalog.embedding_cache(embedder.fingerprint, embedder.dim) as cache:
        known = {} if full else _cached(cache, hashes)
        todo: dict[str, str] = {}
        for h, t in zip(hashes, texts, strict=True):
            if h not in known and h not in todo:
                todo[h] = t
        report.embedded = len(todo)
        # Longest first, by model tokens, across every batch: a batch then pads its texts to nearly
        # their own length (sorting only within each batch padded the demo by ~1.3x).
        items = sorted(todo.items(), key=lambda ht: -embedder.count_tokens(ht[1]))
        done = 0
        tick("embedding", 0, len(items))
        for i in range(0, len(items), EMBED_BATCH):
            part = items[i : i + EMBED_BATCH]
            vecs = embedder.encode([t for _, t in part])
            batch = {h: np.asarray(v, dtype=np.float32) for (h, _), v in zip(part, vecs, strict=True)}
            try:
                cache.put_many(batch)
            except (OSError, sqlite3.OperationalError) as exc:
                raise StorageError(f"could not save embeddings ({exc}); the previous index is kept") from exc
            known.update(batch)
            done += len(part)
            tick("embedding", done, len(items))
        if everything:
            with contextlib.suppress(OSError, sqlite3.OperationalError):  # pruning only saves space
                cache.retain(set(hashes))
    report.reused = report.passages - sum(1 for h in hashes if h in todo)
    return [known[h] for h in hashes]


def _cached(cache: EmbeddingStore, hashes: list[str]) -> dict[str, Vector]:
    try:
        return cache.get_many(hashes)
    except (OSError, sqlite3.DatabaseError) as exc:
        log.warning("embedding cache unreadable (%s); embedding again", exc)
        return {}


def _analyse(passages: list[Passage], inputs: list[str]) -> list[Analysed]:
    """BM25 terms of each passage's search input (context included), the sentence spans of its
    text and the analysed terms of each sentence, computed at build time so that a query never runs
    the sentence splitter or the analyzer over candidates."""
    tokens = analyze_many(inputs)
    spans = [tuple(split_sentences(p.text)) for p in passages]
    flat = analyze_many([p.text[a:b] for p, ss in zip(passages, spans, strict=True) for a, b in ss])
    out: list[Analysed] = []
    at = 0
    for toks, ss in zip(tokens, spans, strict=True):
        out.append((tuple(toks), ss, tuple(tuple(t) for t in flat[at : at + len(ss)])))
        at += len(ss)
    return out
