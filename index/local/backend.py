"""`LocalBackend`: one snapshot folder opened for reading (FAISS vectors, BM25 arrays, SQLite store).

Row i is vector i, BM25 document i and passages.row i, and each source's passages are one contiguous
row range. Everything the `Backend` protocol returns is keyed by passage id; only the retriever's
runs (`index.backend.RowRunsBackend`) hand out row numbers, as opaque handles it turns into ids for
its candidates. Passage texts, tokens and sentence spans are read from the store only for the
candidates of a query.

What stays in memory grows little with the collection: the sources, the BM25 vocabulary and one
language code per row (and, from the first query, one id rank per row: 4 bytes a passage).
Near-duplicate signatures are memory-mapped. Vectors, BM25 arrays and passage ids are
memory-mapped from the snapshot (`index.local.vectors`, `index.local.lexical`, `index.local.ids`).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from corpus.errors import SnapshotCorrupt
from corpus.models import Passage, Source
from index.backend import IndexInfo, PassageRecord, Ranked, RowRun, Rows, Scores, TermStats, Vector
from index.dedup import near_pairs, near_partners
from index.local.ids import PassageIds
from index.local.lexical import LexicalIndex
from index.local.store import STORE_FILE, Store, StoredSource
from index.local.vectors import VectorIndex
from index.records import SourceTable, full_source, language_counts
from index.types import Filters

LEXICAL_DIR = "lexical"
SIGNATURES_FILE = "signatures.npy"
SIGNATURES_INDPTR_FILE = "signatures-indptr.npy"
# Passage records read for queries are kept decoded (least recently used first out): questions on
# one collection share many candidates, and reading and decoding ~50 rows was the largest step of a
# query beyond the encoder at demo size. Their tokens, sentences and sentence terms stay encoded
# until read (a query reads the tokens of none and the sentences of the few it shows): 2,048 demo
# records take 6.1 MB (tracemalloc, 2026-11-30; 22 MB when each kept its token set).
RECORDS_CACHED = 2048
log = logging.getLogger(__name__)
# The near-duplicate pairs of the whole collection are found once, on the first query, when its
# signatures hold at most PARTNER_KEYS keys (sorting them takes ~30 ms at the demo's 250k) and share
# keys at most PARTNER_PAIRS times (each such pair is a few int64s while they are counted): a query
# then looks its candidates' pairs up (~20 us) instead of comparing their signatures (~0.4 ms). Larger
# or more repetitive collections compare signatures per query (`index.dedup.near_pairs`).
PARTNER_KEYS = 1_000_000
PARTNER_PAIRS = 2_000_000
# ... and when at most PARTNER_KEPT pairs are near-duplicates (the demo has 293): more, and a query
# walking a candidate's partners would cost more than comparing signatures
PARTNER_KEPT = 100_000
SUBSETS_CACHED = 64
# BM25 masks (one byte a passage) of the first subsets searched lexically: the language runs of every
# translated question (`LocalBackend.lexical_rows`), ~1 ms each to build at 1M passages
MASKS_CACHED = 8


class LocalBackend(SourceTable[StoredSource]):
    """A published local snapshot, loaded: see `index.backend.Backend` for the contract.

    `sources`, `stored` (a source's record and row range) and `source_record` answer from memory
    (`index.records.SourceTable`).
    """

    def __init__(self, path: Path, manifest: Mapping[str, Any]) -> None:
        self.path = path
        self.manifest = dict(manifest)
        self._store = Store(path / STORE_FILE)
        try:
            stored = self._store.sources()
            self._ids = PassageIds(path)
            self.vectors = VectorIndex.load(path, str(self.manifest.get("vector_index", "exact")))
            self.lexical = LexicalIndex.load(path / LEXICAL_DIR)
            self._sig_keys, self._sig_indptr = _load_signatures(path, len(self._ids))
        except BaseException:
            self._store.close()
            raise
        n = len(self._ids)
        counted = sum(s.record.passage_count for s in stored)
        if not (len(self.vectors) == len(self.lexical) == counted == n):
            self._store.close()
            raise SnapshotCorrupt(
                f"snapshot {path.name}: {n} passages, {counted} counted by sources, "
                f"{len(self.vectors)} vectors and {len(self.lexical)} lexical documents do not agree"
            )
        SourceTable.__init__(self, stored)
        self._records: OrderedDict[int, PassageRecord] = OrderedDict()
        self._records_lock = threading.Lock()
        # (row -> its near-duplicate rows, or None to compare signatures per query,) once computed
        self._partners: tuple[dict[int, frozenset[int]] | None] | None = None
        self._subsets: dict[tuple[Filters, str | None], Rows] = {}  # this snapshot's, dropped with it
        self._masks: dict[Filters, npt.NDArray[np.bool_]] = {}  # ... and their BM25 masks
        self._partners_lock = threading.Lock()
        self._languages = sorted({s.record.meta.language for s in stored})
        code = {lang: i for i, lang in enumerate(self._languages)}
        self._language_of_row = np.zeros(n, dtype=np.uint16)
        for s in stored:
            self._language_of_row[s.first_row : s.first_row + s.record.passage_count] = code[
                s.record.meta.language
            ]
        languages, passage_languages = language_counts(s.record for s in stored)
        self._info = IndexInfo(
            version=path.name,
            built_at=str(self.manifest.get("created_at", "")),
            model=str(self.manifest.get("model", "")),
            dim=self.vectors.dim,
            sources=len(stored),
            passages=n,
            languages=languages,
            passage_languages=passage_languages,
            extra={k: v for k, v in self.manifest.items() if k not in ("files",)},
        )

    # -- catalogue -------------------------------------------------------------------------------
    @property
    def info(self) -> IndexInfo:
        """`Backend.info`: version = the folder name, built_at and model from the snapshot manifest,
        counts from the store, `extra` = the manifest less its file list."""
        return self._info

    def source(self, source_id: str) -> Source:
        """`Backend.source`: text, pages, paragraphs and regions are read from the SQLite store.

        Raises:
            NotFound: the id is unknown. SnapshotCorrupt: the store cannot be read.
        """
        r = self.stored(source_id).record
        pages, paragraphs, regions = self._store.layout(source_id)
        return full_source(r, self._store.source_text(source_id), pages, paragraphs, regions)

    def passages_of(self, source_id: str) -> list[Passage]:
        """`Backend.passages_of`: the source's contiguous row range, read from the store in row order
        (= passage ordinal order); [] for an unknown id."""
        s = self._stored.get(source_id)
        if s is None:
            return []
        return [sp.passage for sp in self._store.passage_range(s.rows.start, s.rows.stop)]

    def passages(self, ids: Sequence[str]) -> list[PassageRecord]:
        """`Backend.passages`: ids are mapped to rows by the memory-mapped id files (`index.local.ids`);
        rows among the `RECORDS_CACHED` most recently read are answered from memory, the others read
        from the store; NotFound when an id is unknown."""
        rows = self._rows(ids)
        found: dict[int, PassageRecord] = {}
        with self._records_lock:
            for r in rows:
                rec = self._records.get(r)
                if rec is not None:
                    self._records.move_to_end(r)
                    found[r] = rec
        missing = [r for r in rows if r not in found]
        if missing:
            codes = self._language_of_row[missing].tolist()
            languages = {r: self._languages[c] for r, c in zip(missing, codes, strict=True)}
            read = self._store.records_by_row(missing, languages)
            with self._records_lock:
                for r, rec in read.items():
                    self._records[r] = rec
                while len(self._records) > RECORDS_CACHED:
                    self._records.popitem(last=False)
            found.update(read)
        return [found[r] for r in rows]

    def forget_records(self) -> None:
        """Drop the decoded records and the candidates' ids kept for queries (a benchmark round then
        starts as a freshly opened snapshot does, but for the id ranks, which are built once)."""
        with self._records_lock:
            self._records.clear()
        self._ids.forget()

    def term_presence(self, terms: Sequence[str], ids: Sequence[str]) -> list[frozenset[str]]:
        """`PresenceBackend.term_presence`, from the BM25 postings (`LexicalIndex.presence`); the
        lexical index holds each passage's tokens, so the answer is its `token_set`'s."""
        rows, cols = np.nonzero(self.lexical.presence(terms, self._rows(ids)))
        held: list[list[str]] = [[] for _ in ids]
        for i, j in zip(rows.tolist(), cols.tolist(), strict=True):
            held[i].append(terms[j])
        return [frozenset(h) for h in held]

    def near_duplicates(self, ids: Sequence[str]) -> list[tuple[int, int]]:
        """Positions (i, j), i < j, of near-duplicate passages among `ids` (from the shingle
        signatures stored at build time; see `index.dedup`): looked up among the collection's pairs
        when they were found at once (`near_partners`), else by comparing the rows' signatures."""
        rows = self._rows(ids)
        indptr, keys = self._sig_indptr, self._sig_keys
        partners = self.near_partners()
        if partners is None:
            return near_pairs([keys[indptr[r] : indptr[r + 1]] for r in rows])
        return _pairs_among(rows, partners, lambda r: bool(indptr[r + 1] > indptr[r]))

    def near_partners(self) -> dict[int, frozenset[int]] | None:
        """Each row that has near-duplicates -> those rows, for the whole collection, found on the
        first call (`index.dedup.near_partners`); None when the collection is too large or
        repetitive for that (`PARTNER_KEYS`, `PARTNER_PAIRS`, `PARTNER_KEPT`) or finding them
        failed (out of memory): queries then compare signatures, and it is not tried again."""
        if self._partners is None:
            with self._partners_lock:
                if self._partners is None:
                    found = None
                    if self._sig_keys.shape[0] <= PARTNER_KEYS:
                        try:
                            found = near_partners(
                                self._sig_keys, self._sig_indptr, PARTNER_PAIRS, kept=PARTNER_KEPT
                            )
                        except MemoryError:
                            log.warning(
                                "near-duplicate pairs not found at once (out of memory): compared per query"
                            )
                    self._partners = (found,)
        return self._partners[0]

    def rows_of_source(self, source_id: str) -> range:
        """The rows (vector, BM25 document and store row numbers) of a source's passages; NotFound
        when the id is unknown. Local to this backend: the `Backend` protocol has no rows."""
        return self.stored(source_id).rows

    # -- search ----------------------------------------------------------------------------------
    def dense_search(
        self, vector: Vector, k: int, filters: Filters, *, language: str | None = None
    ) -> Ranked:
        """`Backend.dense_search` over the snapshot's vectors (`index.local.vectors.VectorIndex`).

        Filters and `language` become the rows of the sources they admit (cached per filter set).
        Exact below `index.local.vectors.ANN_THRESHOLD` (50,000) passages; above it, candidates come
        from the IVF index of `language`'s passages (every language's without one) and are
        re-scored exactly, so scores are exact cosines but a true top-k passage can be missed
        (recall@10 of e5-small questions at 100k synthetic passages: bench/README.md).

        Raises:
            ValueError: `vector` does not have the index's dimension.
        """
        return self._ranked(*self._dense_run(vector, k, filters, language))

    def dense_search_languages(
        self, vector: Vector, k: int, filters: Filters, languages: Sequence[str]
    ) -> dict[str, Ranked]:
        """`LanguageRunsBackend.dense_search_languages`: below the approximate-index threshold, one
        product of the question with every vector serves every language's run; above it, one
        `dense_search` per language."""
        runs = self._language_runs(vector, k, filters, languages)
        return {lang: self._ranked(*run) for lang, run in zip(languages, runs, strict=True)}

    def dense_scores(self, vector: Vector, ids: Sequence[str]) -> list[float]:
        """`Backend.dense_scores`: the stored vectors of `ids` times `vector` (exact, in float32);
        NotFound when an id is unknown."""
        if not ids:
            return []
        sims = self.dense_scores_of_rows(vector, np.asarray(self._rows(ids), dtype=np.int64))
        return [float(s) for s in sims]

    def dense_rows(
        self, vector: Vector, k: int, filters: Filters, languages: Sequence[str] | None
    ) -> list[RowRun]:
        """`RowRunsBackend.dense_rows`: `dense_search` (languages None) or `dense_search_languages`
        as row numbers."""
        if languages is None:
            return [self._dense_run(vector, k, filters, None)]
        return self._language_runs(vector, k, filters, languages)

    def dense_scores_of_rows(self, vector: Vector, rows: Rows) -> Scores:
        """`RowRunsBackend.dense_scores_of_rows`: the stored vectors of `rows` times `vector`."""
        if rows.size == 0:
            return np.zeros(0, dtype=np.float32)
        out: Scores = self.vectors.vectors_of(rows) @ np.asarray(vector, dtype=np.float32)
        return out

    def _dense_run(self, vector: Vector, k: int, filters: Filters, language: str | None) -> RowRun:
        if language is not None and filters.is_empty() and self.vectors.has_partition(language):
            return self.vectors.search_partition(vector, k, language)
        subset = self._subset(filters, language)
        if subset is not None and subset.size == 0:
            return _no_rows()
        return self.vectors.search(vector, k, subset, part=language)

    def _language_runs(
        self, vector: Vector, k: int, filters: Filters, languages: Sequence[str]
    ) -> list[RowRun]:
        if self.vectors.kind != "exact":
            return [self._dense_run(vector, k, filters, lang) for lang in languages]
        groups = [self._subset_cached(filters, lang) for lang in languages]
        return self.vectors.search_groups(vector, k, groups)

    def lexical_search(self, weights: Mapping[str, float], k: int, filters: Filters) -> Ranked:
        """`Backend.lexical_search` over the memory-mapped BM25 arrays (`index.local.lexical`, k1 1.2,
        b 0.75); ties in row order."""
        return self._ranked(*self.lexical_rows(weights, k, filters))

    def lexical_rows(self, weights: Mapping[str, float], k: int, filters: Filters) -> RowRun:
        """`RowRunsBackend.lexical_rows`: `lexical_search` as row numbers."""
        subset = self._subset(filters, None)
        if subset is None:
            return self.lexical.search_weighted(weights, k)
        if subset.size == 0:
            return _no_rows()
        return self.lexical.search_weighted(weights, k, self._mask(filters, subset))

    def term_stats(self, terms: Iterable[str]) -> TermStats:
        """`Backend.term_stats`: document frequencies from the BM25 postings; n_docs = passages."""
        return TermStats(df=self.lexical.doc_freqs(set(terms)), n_docs=len(self._ids))

    def expansion_terms(self, ids: Sequence[str], weights: Sequence[float], n_terms: int) -> dict[str, float]:
        """`FeedbackBackend.expansion_terms`, from the document-major BM25 arrays stored at build time;
        NotFound when an id is unknown."""
        return self.lexical.expansion_terms(self._rows(ids), weights, n_terms)

    def expansion_terms_of_rows(self, rows: Rows, weights: Sequence[float], n_terms: int) -> dict[str, float]:
        """`RowRunsBackend.expansion_terms_of_rows`: `expansion_terms` of row numbers."""
        return self.lexical.expansion_terms(rows.tolist(), weights, n_terms)

    def ids_of(self, rows: Rows) -> list[str]:
        """`RowRunsBackend.ids_of`: the passage ids of row numbers (`index.local.ids`), remembered for
        the engine's lookups of the same candidates."""
        return self._ids.id_of(rows, remember=True)

    def id_ranks(self, rows: Rows) -> Rows:
        """`RowRunsBackend.id_ranks`: each row's place among the snapshot's sorted ids."""
        return self._ids.ranks(rows)

    def close(self) -> None:
        """`Backend.close`: closes the SQLite store; the memory maps go with the object."""
        self._store.close()

    # -- rows --------------------------------------------------------------------------------------
    def _rows(self, ids: Sequence[str]) -> list[int]:
        return self._ids.rows(ids)

    def _ranked(self, rows: Rows, scores: npt.NDArray[np.float32]) -> Ranked:
        return list(zip(self._ids.id_of(rows), scores.tolist(), strict=True))

    def _subset(self, filters: Filters, language: str | None) -> Rows | None:
        """The rows passing `filters` and `language` (None: every row)."""
        if filters.is_empty() and language is None:
            return None
        return self._subset_cached(filters, language)

    def _subset_cached(self, filters: Filters, language: str | None) -> Rows:
        """The rows admitted by `filters` (and of `language`), kept per snapshot (at most
        `SUBSETS_CACHED`; a class-level cache would keep every snapshot ever opened alive)."""
        key = (filters, language)
        rows = self._subsets.get(key)
        if rows is None:
            rows = self._subset_rows(filters, language)
            if len(self._subsets) < SUBSETS_CACHED:
                self._subsets[key] = rows
        return rows

    def _mask(self, filters: Filters, rows: Rows) -> npt.NDArray[np.bool_]:
        """The BM25 mask (`LexicalIndex.mask`) of `rows`, the subset `filters` admits, kept for the
        first `MASKS_CACHED` filters (never replaced: a filter's rows do not change in a snapshot)."""
        mask = self._masks.get(filters)
        if mask is None:
            mask = self.lexical.mask(rows)
            if len(self._masks) < MASKS_CACHED:
                self._masks[filters] = mask
        return mask

    def _subset_rows(self, filters: Filters, language: str | None) -> Rows:
        ranges = [
            s.rows
            for s in self._stored.values()
            if filters.admits(s.record.meta, s.record.id)
            and (language is None or s.record.meta.language == language)
        ]
        if not ranges:
            return np.zeros(0, dtype=np.int64)
        rows = np.concatenate([np.arange(r.start, r.stop, dtype=np.int64) for r in ranges])
        rows.flags.writeable = False
        return rows


def _pairs_among(
    rows: Sequence[int], partners: Mapping[int, AbstractSet[int]], has_keys: Callable[[int], bool]
) -> list[tuple[int, int]]:
    """Positions (i, j), i < j, of the near-duplicates among `rows` (`partners`: each row's
    near-duplicate rows), the pairs `index.dedup.near_pairs` of their signatures gives (in another
    order; callers read them as a set): a row given twice is its own near-duplicate when its
    signature has keys (`has_keys`). Each row's partners are looked up among the rows given, or the
    rows given among its partners when it has more (a heading repeated in every source)."""
    at: dict[int, list[int]] = {}
    for i, r in enumerate(rows):
        at.setdefault(r, []).append(i)
    out: list[tuple[int, int]] = []
    for i, r in enumerate(rows):
        near = partners.get(r)
        if near:
            others = (o for o in at if o in near) if len(near) > len(at) else (o for o in near if o in at)
            for other in others:
                out.extend((i, j) for j in at[other] if j > i)
        if len(at[r]) > 1 and has_keys(r):
            out.extend((i, j) for j in at[r] if j > i)
    return out


def _no_rows() -> RowRun:
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)


def _load_signatures(path: Path, n: int) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.int64]]:
    """The snapshot's shingle signatures (keys, indptr over rows), memory-mapped."""
    try:
        keys = np.load(path / SIGNATURES_FILE, mmap_mode="r", allow_pickle=False)
        indptr = np.load(path / SIGNATURES_INDPTR_FILE, mmap_mode="r", allow_pickle=False)
    except (OSError, ValueError) as exc:
        raise SnapshotCorrupt(f"cannot read the shingle signatures in {path.name}: {exc}") from exc
    if keys.dtype != np.uint64 or indptr.shape != (n + 1,) or (n and int(indptr[-1]) != keys.shape[0]):
        raise SnapshotCorrupt(f"bad shingle signatures in {path.name}")
    plain: npt.NDArray[np.uint64] = keys.view(np.ndarray)
    offsets: npt.NDArray[np.int64] = indptr.view(np.ndarray)
    return plain, offsets
