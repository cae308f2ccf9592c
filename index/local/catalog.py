"""`LocalCatalog`: versions of an index as snapshot folders in one data dir, and their writer.

Layout (see `index.local.snapshot`):

    DATA_DIR/CURRENT, DATA_DIR/snapshots/NNNNNN/   published snapshots (manifest.json written last)
    DATA_DIR/snapshots/NNNNNN/store.sqlite         sources and passages (index.local.store)
    DATA_DIR/snapshots/NNNNNN/vectors.npy          passage vectors, row order (memory-mapped when served)
    DATA_DIR/snapshots/NNNNNN/ann.json, ann-*.faiss  approximate vector index per language (from 50k)
    DATA_DIR/snapshots/NNNNNN/ids.npy ...          passage ids by row and sorted (index.local.ids)
    DATA_DIR/snapshots/NNNNNN/signatures*.npy      word 3-shingle signatures of passages (index.dedup)
    DATA_DIR/snapshots/NNNNNN/lexical/             BM25 arrays, row order (index.local.lexical)
    DATA_DIR/cache/embeddings-*.sqlite             vectors by hash of the embedded text, per model
    DATA_DIR/write.lock                            the one-writer lock
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sqlite3
from array import array
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from corpus.errors import IndexNotBuilt, SnapshotCorrupt, StorageError
from corpus.models import Source
from index.analyzer import analyze_many
from index.backend import Backend, IndexInfo, NewPassage, SourceRecord
from index.dedup import Signer
from index.embedding.cache import EmbeddingCache
from index.local import ids as idfiles
from index.local import snapshot
from index.local.backend import LEXICAL_DIR, SIGNATURES_FILE, SIGNATURES_INDPTR_FILE, LocalBackend
from index.local.lexical import FORMAT as LEXICAL_FORMAT
from index.local.lexical import LexicalBuilder
from index.local.store import STORE_FILE, Store, StoredPassage, StoreWriter
from index.local.vectors import VECTORS_FILE, write_ann

log = logging.getLogger(__name__)

STORE_FORMAT = 3  # bump when the snapshot layout changes: older snapshots are then rebuilt
# 3: per-sentence terms in the store; ids, shingle signatures, memory-mapped BM25 arrays and an
#    approximate vector index for large collections beside it
_RAW_VECTORS = "vectors.f32.tmp"
_RAW_SIGNATURES = "signatures.u64.tmp"


def storage_reason(exc: BaseException) -> str:
    """A refused write's cause in a few words ("No space left on device")."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


class LocalWriter:
    """Writes one new snapshot into a build folder; `publish` seals it and makes it current.

    Everything per passage is streamed out as it is added (store rows to SQLite, vectors to a raw
    file, BM25 terms and duplicate shingles as compact arrays), so a build's memory stays close to
    the size of those arrays rather than of Python objects per passage.
    """

    def __init__(self, data_dir: Path, build: Path, base: LocalBackend | None, model: str, dim: int) -> None:
        self._data_dir = data_dir
        self._build = build
        self._base = base
        self._model = model
        self._dim = dim
        self._store = StoreWriter(build / STORE_FILE)
        self._raw = open(build / _RAW_VECTORS, "wb")  # noqa: SIM115  (closed in publish / discard)
        self._raw_signatures = open(build / _RAW_SIGNATURES, "wb")  # noqa: SIM115  (as self._raw)
        self._signature_sizes = array("q")
        self._signer = Signer()
        self._lexical = LexicalBuilder()
        self._rows = 0
        self._sources = 0
        self._language_runs: list[tuple[str, int, int]] = []  # (language, first row, rows) per source
        self.published: IndexInfo | None = None

    def _append(self, vectors: np.ndarray, tokens: Sequence[Sequence[str]], texts: Sequence[str]) -> None:
        arr = np.ascontiguousarray(vectors, dtype=np.float32)
        if arr.size and arr.shape[1] != self._dim:
            raise ValueError(f"vectors have dimension {arr.shape[1]}, the index {self._dim}")
        self._raw.write(arr.tobytes())
        for t in tokens:
            self._lexical.add(t)
        for text in texts:
            sig = self._signer.signature(text)
            self._raw_signatures.write(sig.tobytes())
            self._signature_sizes.append(sig.size)
        self._rows += len(texts)

    def keep_source(self, source_id: str) -> None:
        """`IndexWriter.keep_source`: the source's store rows, text and layout, its vectors (copied
        from the base's memory map) and its tokens are copied from the base snapshot; its BM25
        entries and shingle signatures are recomputed for the new rows.

        Raises:
            ValueError: the writer has no base. NotFound: the base has no such source.
        """
        if self._base is None:
            raise ValueError("keep_source needs a base version")
        base = self._base
        stored = base.stored(source_id)
        rows = stored.rows
        passages = base._store.passage_range(rows.start, rows.stop)
        rec = stored.record
        self._store.add(base.source(source_id), rec.namespace, rec.indexed_at, passages)
        self._language_runs.append((rec.meta.language, self._rows, len(passages)))
        self._append(
            base.vectors.vectors_of(np.arange(rows.start, rows.stop)),
            [sp.tokens for sp in passages],
            [sp.passage.text for sp in passages],
        )
        self._sources += 1

    def add_source(
        self, source: Source, *, namespace: str, indexed_at: str, passages: Sequence[NewPassage]
    ) -> None:
        """`IndexWriter.add_source`: passages take the next rows in the order given.

        Sentence terms that are None are computed here with `index.analyzer.analyze_many`.

        Raises:
            ValueError: a passage's vector does not have the writer's dimension, or its sentence term
                lists do not match its sentences in number.
        """
        missing = [p for p in passages if p.sentence_terms is None]
        analysed = iter(
            analyze_many([p.passage.text[a:b] for p in missing for a, b in p.sentences]) if missing else []
        )
        stored = []
        for p in passages:
            terms = p.sentence_terms
            if terms is None:
                terms = tuple(tuple(next(analysed)) for _ in p.sentences)
            elif len(terms) != len(p.sentences):
                raise ValueError(
                    f"passage {p.passage.id}: {len(terms)} sentence term lists, {len(p.sentences)} sentences"
                )
            stored.append(StoredPassage(p.passage, p.tokens, p.sentences, terms))
        self._store.add(source, namespace, indexed_at, stored)
        self._language_runs.append((source.meta.language, self._rows, len(passages)))
        vectors = (
            np.stack([np.asarray(p.vector, dtype=np.float32) for p in passages])
            if passages
            else np.zeros((0, self._dim), dtype=np.float32)
        )
        self._append(vectors, [p.tokens for p in passages], [p.passage.text for p in passages])
        self._sources += 1

    def discard(self) -> None:
        """Close the build's files without publishing (the catalog then deletes the build folder)."""
        self._store.discard()
        with contextlib.suppress(OSError):
            self._raw.close()
            self._raw_signatures.close()

    def _write_vectors(self) -> str:
        """vectors.npy from the raw file (streamed, never all in memory twice), and the approximate
        index partitioned by passage language (`index.local.vectors.write_ann`); the index kind."""
        self._raw.close()
        out = self._build / VECTORS_FILE
        _npy_from_raw(self._build / _RAW_VECTORS, out, np.dtype(np.float32), (self._rows, self._dim))
        if self._rows == 0:
            return "exact"
        runs: dict[str, list[npt.NDArray[np.int64]]] = {}
        for language, first, count in self._language_runs:
            runs.setdefault(language, []).append(np.arange(first, first + count, dtype=np.int64))
        parts = {language: np.concatenate(rows) for language, rows in runs.items()}
        return write_ann(self._build, np.load(out, mmap_mode="r"), parts)

    def _write_signatures(self) -> None:
        self._raw_signatures.close()
        sizes = np.frombuffer(self._signature_sizes, dtype=np.int64) if self._rows else np.zeros(0, np.int64)
        indptr = np.zeros(self._rows + 1, dtype=np.int64)
        np.cumsum(sizes, out=indptr[1:])
        raw = self._build / _RAW_SIGNATURES
        _npy_from_raw(raw, self._build / SIGNATURES_FILE, np.dtype(np.uint64), (int(indptr[-1]),))
        np.save(self._build / SIGNATURES_INDPTR_FILE, indptr)

    def publish(self, extra: Mapping[str, Any]) -> IndexInfo:
        """`IndexWriter.publish`: writes vectors.npy (and from 50,000 passages on, an approximate index
        per passage language: `index.local.vectors.write_ann`), the BM25
        arrays, the shingle signatures and the id files, then seals and switches to the snapshot
        (`index.local.snapshot.publish`). The manifest holds `extra` plus created_at, model, dim,
        formats, vector index kind and counts. The returned info has empty language counts (they
        are known once the snapshot is opened).

        Raises:
            StorageError: the switch fails (the previous snapshot stays current); an OSError while
                writing the arrays becomes StorageError when it leaves `LocalCatalog.writer`.
        """
        self._store.close()
        kind = self._write_vectors()
        self._lexical.build().save(self._build / LEXICAL_DIR)
        self._write_signatures()
        store = Store(self._build / STORE_FILE)
        try:
            idfiles.write(self._build, store.passage_ids())
        finally:
            store.close()
        manifest = {
            **extra,
            "created_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "model": self._model,
            "dim": self._dim,
            "store": STORE_FORMAT,
            "lexical": LEXICAL_FORMAT,
            "vector_index": kind,
            "sources": self._sources,
            "passages": self._rows,
        }
        info = snapshot.publish(self._data_dir, self._build, manifest)
        backend_info = IndexInfo(
            version=info.name,
            built_at=manifest["created_at"],
            model=self._model,
            dim=self._dim,
            sources=self._sources,
            passages=self._rows,
            languages={},
            passage_languages={},
            extra=manifest,
        )
        self.published = backend_info
        return backend_info


def _npy_from_raw(raw: Path, out: Path, dtype: np.dtype[Any], shape: tuple[int, ...]) -> None:
    """Turn a raw little-endian array file into an .npy file (header, then the bytes copied over)."""
    with open(out, "wb") as f:
        header = {"descr": np.lib.format.dtype_to_descr(dtype), "fortran_order": False, "shape": shape}
        np.lib.format.write_array_header_1_0(f, header)
        with open(raw, "rb") as src:
            shutil.copyfileobj(src, f, 1 << 22)
    raw.unlink()


class LocalCatalog:
    """Snapshot folders in `data_dir`: see `index.backend.Catalog` for the contract."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def open(self, model: str | None = None) -> LocalBackend:
        """The current snapshot, or the newest older one that passes its checks (and was built with
        `model`, when given): `Catalog.open`.

        Every candidate's manifest checksums are verified (every file is read once); an unusable one
        is logged and the next older one tried.

        Raises:
            IndexNotBuilt: no snapshot was ever published in `data_dir`.
            SnapshotCorrupt: none is usable (the message lists each one's problem).
        """
        problems: list[str] = []
        for path in snapshot.candidates(self.data_dir):
            try:
                manifest = snapshot.read_manifest(path)
                _check_format(path, manifest)
                if model is not None and manifest.get("model") != model:
                    raise SnapshotCorrupt(
                        f"snapshot {path.name} was built with model {manifest.get('model')!r}, "
                        f"not {model!r}: rebuild the index"
                    )
                return LocalBackend(path, manifest)
            except SnapshotCorrupt as exc:
                log.error("snapshot %s is unusable: %s", path.name, exc.message)
                problems.append(exc.message)
        if problems:
            raise SnapshotCorrupt("no usable snapshot: " + "; ".join(problems))
        raise IndexNotBuilt(
            f"no index has been built in {self.data_dir.name!s} yet: run `groundqa index` first"
        )

    def catalogue(self) -> tuple[str, list[SourceRecord]]:
        """The published snapshot's version and sources, without loading its vectors or BM25 index."""
        for path in snapshot.candidates(self.data_dir):
            try:
                manifest = snapshot.read_manifest(path)
                _check_format(path, manifest)
                store = Store(path / STORE_FILE)
                try:
                    records = [s.record for s in store.sources()]
                finally:
                    store.close()
            except SnapshotCorrupt as exc:
                log.error("snapshot %s is unusable: %s", path.name, exc.message)
                continue
            return path.name, sorted(records, key=lambda r: (r.meta.title.lower(), r.id))
        raise IndexNotBuilt(
            f"no index has been built in {self.data_dir.name!s} yet: run `groundqa index` first"
        )

    def lock(self, job_id: str | None = None) -> contextlib.AbstractContextManager[None]:
        """`Catalog.lock`: an flock on DATA_DIR/write.lock, which records `job_id` (else `pid-N`).

        Raises:
            RebuildInProgress: another process or thread holds it (with the id it recorded).
        """
        return snapshot.write_lock(self.data_dir, job_id)

    @contextlib.contextmanager
    def writer(self, base: Backend | None, *, model: str, dim: int) -> Iterator[LocalWriter]:
        """`Catalog.writer`: removes folders of interrupted builds, then writes into a new
        snapshots/.build-* folder, deleted on leaving unless published.

        Raises:
            TypeError: `base` is not a `LocalBackend`.
            StorageError: the build folder cannot be created, or an OSError or SQLite operational
                error occurs inside the context (the previous snapshot stays current).
        """
        if base is not None and not isinstance(base, LocalBackend):
            raise TypeError("a local snapshot can only be based on another local snapshot")
        snapshot.remove_stale_builds(self.data_dir)
        try:
            build = snapshot.new_build_dir(self.data_dir)
        except OSError as exc:
            raise StorageError(f"could not start a new snapshot ({storage_reason(exc)})") from exc
        writer: LocalWriter | None = None
        try:
            writer = LocalWriter(self.data_dir, build, base, model, dim)
            yield writer
        except (OSError, sqlite3.OperationalError) as exc:
            raise StorageError(
                f"could not write the new snapshot ({storage_reason(exc)}); the previous one is kept"
            ) from exc
        finally:
            if writer is None or writer.published is None:
                if writer is not None:
                    writer.discard()
                shutil.rmtree(build, ignore_errors=True)

    @contextlib.contextmanager
    def embedding_cache(self, fingerprint: str, dim: int) -> Iterator[EmbeddingCache]:
        """`Catalog.embedding_cache`: the SQLite cache in DATA_DIR/cache for this model, closed on leaving.

        Raises:
            StorageError: the cache cannot be opened or created.
        """
        try:
            cache = EmbeddingCache(self.data_dir / "cache", fingerprint, dim)
        except (OSError, sqlite3.OperationalError) as exc:
            raise StorageError(f"could not open the embedding cache ({storage_reason(exc)})") from exc
        try:
            yield cache
        finally:
            cache.close()

    def prune(self, keep: int) -> list[str]:
        """`Catalog.prune`: deletes snapshot folders beyond the newest `keep` (never CURRENT's); a
        query that still holds a pruned snapshot keeps reading it (its store connection is open)."""
        return snapshot.cleanup(self.data_dir, keep)


def _check_format(path: Path, manifest: Mapping[str, Any]) -> None:
    if manifest.get("store") != STORE_FORMAT or manifest.get("lexical") != LEXICAL_FORMAT:
        raise SnapshotCorrupt(
            f"snapshot {path.name} was written by another version of groundqa: rebuild the index"
        )
