"""The retrieval-backend seam: what the query pipeline and the builder need from a store of passages.

A *backend* is one published version of an index, opened for reading: sources, passages (keyed by
passage id), dense and lexical search with metadata filters pushed down, term statistics, and
optional capabilities (pseudo-relevance feedback, presence of terms, near-duplicates, and runs in row
handles: opaque ints the retriever fuses as arrays and turns into ids for its candidates). A
*catalog* is where versions live (a data dir on one machine, a database): it opens the current
version, writes new ones and publishes them atomically, holds the one-writer lock and the embedding
cache.

    GroundIndex (engine.py)  --search-->  Backend      <--open--  Catalog  <--writer--  update_index
                                           local/ (FAISS + numpy BM25 + SQLite snapshot folders)

The engine keeps only the pipeline (fusion, duplicate collapse, abstention, evidence); nothing in it
knows files, rows or SQL. Implementations: `index.local` (the default), `index.postgres` (PostgreSQL
+ pgvector, shared by API replicas: its catalog is also a `SharedCatalog`) and, in the tests, an
in-memory fake.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from corpus.models import Passage, Source, SourceMeta
from index.analyzer import analyze_many
from index.answer_type import holds_type
from index.types import Filters

Vector = npt.NDArray[np.float32]
Ranked = list[tuple[str, float]]
"""(passage id, score) pairs, best first."""


@dataclass(frozen=True)
class SourceRecord:
    """A source as an index lists it: metadata and bookkeeping, without its text.

    Attributes:
        id, path, meta, content_hash, notes: as on `corpus.models.Source`.
        namespace: "" for the curated sources folder, "uploads" for files added through the API.
        indexed_at: ISO 8601 UTC time its current content was first indexed.
        passage_count: how many passages of it the index holds.
    """

    id: str
    path: str
    meta: SourceMeta
    content_hash: str
    namespace: str
    indexed_at: str
    passage_count: int
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class PassageRecord:
    """A passage with what the query pipeline reads about it.

    Attributes:
        passage: the passage; `passage.text` is verbatim source text.
        language: its source's language ("en", "ko", "zh", "und"...).
        tokens: the analysed terms the lexical index holds for it (analyzer output, in text order).
        sentences: sentence spans as (start, end) offsets within `passage.text`, in order.
        sentence_terms: the analysed terms of each sentence (same order as `sentences`), computed
            at build time so that evidence selection analyses nothing per query; None when the
            backend does not store them (the engine then analyses the sentences itself).
    """

    passage: Passage
    language: str
    tokens: Sequence[str]
    sentences: Sequence[tuple[int, int]]
    sentence_terms: Sequence[tuple[str, ...]] | None = None

    @functools.cached_property
    def token_set(self) -> frozenset[str]:
        """`tokens` as a set, built once per record: what the engine reads the terms a passage holds
        from when its backend is not a `PresenceBackend`."""
        return frozenset(self.tokens)

    def holds_type(self, kind: str) -> bool:
        """Whether the passage's text holds an answer of `kind` (an `index.answer_type.AnswerType`: "a
        figure", "a count", "a date", "a frequency", ...; see `index.answer_type.holds_type`, 0.1-0.3 ms
        a passage), read once per kind while the record
        is kept: a backend keeps recently read records, and candidates recur across questions."""
        held = self._held_types
        found = held.get(kind)
        if found is None:
            found = held[kind] = holds_type(self.passage.text, kind)
        return found

    @functools.cached_property
    def _held_types(self) -> dict[str, bool]:
        """`holds_type`'s readings so far, per kind."""
        return {}

    def typed_sentence_terms(
        self, kind: str, given: tuple[str, ...] = (), lead_within: int = 0
    ) -> tuple[frozenset[str], ...]:
        """The analysed terms of each of its sentences that holds an answer of `kind` (`holds_type` on
        the sentence alone; `given`: the question's own figures, which are no answer), read once per
        kind, figures and `lead_within` while the record is kept; the stored `sentence_terms` when the
        backend keeps them, else the sentences analysed here. A typed sentence of at most
        `lead_within` distinct terms (0: none) is read with the sentence before it, whose terms join
        its own: a short sentence holding a figure may go on from the one before ("Between 1959 and
        1982, Chongryon encouraged the repatriation ... More than 93,000 Koreans left Japan")."""
        held = self._typed_sentences
        found = held.get((kind, given, lead_within))
        if found is None:
            spans, typed = self._spans(), self.typed_sentences(kind, given)
            stored = self.sentence_terms
            if stored is not None and len(stored) == len(spans):
                terms = {n: frozenset(stored[n]) for n in {*typed, *(n - 1 for n in typed if n)}}
            else:
                wanted = sorted({*typed, *(n - 1 for n in typed if n and lead_within)})
                texts = [self.passage.text[spans[n][0] : spans[n][1]] for n in wanted]
                terms = {n: frozenset(t) for n, t in zip(wanted, analyze_many(texts), strict=True)}
            found = tuple(
                terms[n] | terms[n - 1] if n and lead_within and len(terms[n]) <= lead_within else terms[n]
                for n in typed
            )
            held[(kind, given, lead_within)] = found
        return found

    def typed_sentence_texts(
        self, kind: str, given: tuple[str, ...] = (), lead_within: int = 0
    ) -> tuple[str, ...]:
        """The text of each of its sentences that holds an answer of `kind`, in the order of
        `typed_sentence_terms` (the sentences read once for both); one of at most `lead_within`
        distinct terms (0: none) from the start of the sentence before it, as `typed_sentence_terms`
        reads its terms."""
        spans, text, typed = self._spans(), self.passage.text, self.typed_sentences(kind, given)
        alone = self.typed_sentence_terms(kind, given) if lead_within else ()
        return tuple(
            text[spans[n - 1 if n and lead_within and len(alone[i]) <= lead_within else n][0] : spans[n][1]]
            for i, n in enumerate(typed)
        )

    def _spans(self) -> list[tuple[int, int]]:
        return list(self.sentences) or [(0, len(self.passage.text))]

    def typed_sentences(self, kind: str, given: tuple[str, ...] = ()) -> tuple[int, ...]:
        """The indices (into `sentences`, or 0 for the whole text when it has none) of the sentences
        holding an answer of `kind` (`holds_type` on the sentence alone; `given`: the question's own
        figures, which are no answer), read once per kind and figures while the record is kept."""
        held = self._typed_indices
        found = held.get((kind, given))
        if found is None:
            text = self.passage.text
            found = held[(kind, given)] = tuple(
                n for n, (a, b) in enumerate(self._spans()) if holds_type(text[a:b], kind, given)
            )
        return found

    @functools.cached_property
    def _typed_indices(self) -> dict[tuple[str, tuple[str, ...]], tuple[int, ...]]:
        """`typed_sentences`' readings so far, per kind and figures."""
        return {}

    @functools.cached_property
    def _typed_sentences(self) -> dict[tuple[str, tuple[str, ...], int], tuple[frozenset[str], ...]]:
        """`typed_sentence_terms`' readings so far, per kind, figures and `lead_within`."""
        return {}


@dataclass(frozen=True)
class TermStats:
    """Document frequencies of some terms (passages containing each) over `n_docs` passages."""

    df: Mapping[str, int]
    n_docs: int


@dataclass(frozen=True)
class IndexInfo:
    """What a published version is.

    Attributes:
        version: its name ("000012" for a local snapshot).
        built_at: ISO 8601 UTC time it was built.
        model: the embedder fingerprint its vectors come from.
        dim: vector dimension.
        sources, passages: counts.
        languages: sources per language.
        passage_languages: passages per language (dense search can be run per language).
        extra: anything else the builder recorded (chunker and analyzer versions...).
    """

    version: str
    built_at: str
    model: str
    dim: int
    sources: int
    passages: int
    languages: Mapping[str, int]
    passage_languages: Mapping[str, int]
    extra: Mapping[str, Any] = field(default_factory=dict)


class Backend(Protocol):
    """One published index version, opened for reading; safe to use from many threads at once."""

    @property
    def info(self) -> IndexInfo:
        """What this version is: name, build time, model fingerprint, dimension, counts."""
        ...

    def sources(self) -> Sequence[SourceRecord]:
        """Every source, sorted by title (case-insensitive), then id."""
        ...

    def source_record(self, source_id: str) -> SourceRecord:
        """One source's record; NotFound when the id is unknown."""
        ...

    def source(self, source_id: str) -> Source:
        """One source with its canonical text; NotFound when the id is unknown."""
        ...

    def passages_of(self, source_id: str) -> list[Passage]:
        """A source's passages in order of `Passage.ordinal` (empty for an unknown id)."""
        ...

    def passages(self, ids: Sequence[str]) -> list[PassageRecord]:
        """The records of `ids`, in the same order (one per id, repeats included); NotFound when an id
        is unknown."""
        ...

    def dense_search(
        self, vector: Vector, k: int, filters: Filters, *, language: str | None = None
    ) -> Ranked:
        """The `k` passages with the highest inner product with `vector` (shape (dim,), unit norm).

        Scores are cosines in [-1, 1] (stored vectors are unit norm), best first; fewer than `k`
        when fewer passages qualify. Only passages of sources passing `filters` are returned, and
        with `language` only passages of sources in that language. An implementation may search
        approximately (see `index.local.backend.LocalBackend.dense_search`), but its scores are the
        passages' true cosines.
        """
        ...

    def dense_scores(self, vector: Vector, ids: Sequence[str]) -> list[float]:
        """The cosine, in [-1, 1], of `vector` (shape (dim,), unit norm) with each passage of `ids`
        (same order, filters not applied); NotFound when an id is unknown."""
        ...

    def lexical_search(self, weights: Mapping[str, float], k: int, filters: Filters) -> Ranked:
        """The `k` best passages by BM25 for a weighted query of analysed terms, positive scores only.

        A weight of 1 per occurrence of a term gives plain BM25 (Lucene's variant, as bm25s's "lucene"
        method: idf = ln(1 + (N - df + 0.5) / (df + 0.5)), per term idf * tf / (tf + k1 * (1 - b +
        b * dl / avgdl)), with dl and avgdl counted in analysed terms by `index.analyzer.bm25_length`);
        a passage's score is the weighted sum over the query's terms. Scores are > 0 with no fixed
        upper bound and are not comparable across queries. Only passages of sources passing
        `filters` are returned.

        Args:
            weights: analysed term (`index.analyzer` output, not raw words) -> weight; unknown
                terms are ignored.
            k: at most this many passages.
            filters: metadata filters pushed down to the search.
        """
        ...

    def term_stats(self, terms: Iterable[str]) -> TermStats:
        """Document frequencies of `terms`: passages holding each (0 for terms the index has never
        seen), over `n_docs` = every passage of the version (filters are not applied)."""
        ...

    def close(self) -> None:
        """Release files or connections (the backend must not be used afterwards)."""
        ...


@runtime_checkable
class FeedbackBackend(Protocol):
    """The optional pseudo-relevance feedback capability of a backend."""

    def expansion_terms(self, ids: Sequence[str], weights: Sequence[float], n_terms: int) -> dict[str, float]:
        """Relevance-model expansion: the `n_terms` terms carrying most of these passages' BM25 mass.

        Each passage's terms weigh by their share of its total BM25 contribution, mixed over the
        passages by `weights` (non-negative, one per id; a passage of weight 0 is left out); the
        result maps analysed terms to weights in (0, 1] that sum to 1 (empty when nothing can be
        said). NotFound when an id is unknown.
        """
        ...


@runtime_checkable
class LanguageRunsBackend(Protocol):
    """The optional capability of searching each passage language's dense run in one call."""

    def dense_search_languages(
        self, vector: Vector, k: int, filters: Filters, languages: Sequence[str]
    ) -> dict[str, Ranked]:
        """Per language of `languages`, what `Backend.dense_search(vector, k, filters,
        language=...)` returns (same passages and order; scores equal to float32 rounding)."""
        ...


Rows = npt.NDArray[np.int64]
Scores = npt.NDArray[np.float32]
RowRun = tuple[Rows, Scores]
"""(row handles, scores) of one run, best first: parallel arrays of the same length."""


@runtime_checkable
class RowRunsBackend(Protocol):
    """The optional capability of answering the retriever's runs as arrays of row handles.

    A row handle is an int that stands for one passage of this opened backend only (the local
    backend's row numbers); it never leaves the retriever, which turns the few candidates it returns
    into passage ids (`ids_of`). Each method gives what its id-keyed counterpart gives, in the same
    order and with the same scores: the retriever then fuses ~400 scored passages a question with a
    few numpy operations instead of Python dicts of strings (`index.runs`).
    """

    def dense_rows(
        self, vector: Vector, k: int, filters: Filters, languages: Sequence[str] | None
    ) -> list[RowRun]:
        """`Backend.dense_search` as rows: one run over every passage (`languages` None) or one per
        language of `languages`, in that order (`LanguageRunsBackend.dense_search_languages`)."""
        ...

    def lexical_rows(self, weights: Mapping[str, float], k: int, filters: Filters) -> RowRun:
        """`Backend.lexical_search` as rows."""
        ...

    def expansion_terms_of_rows(self, rows: Rows, weights: Sequence[float], n_terms: int) -> dict[str, float]:
        """`FeedbackBackend.expansion_terms` of the passages `rows`."""
        ...

    def dense_scores_of_rows(self, vector: Vector, rows: Rows) -> Scores:
        """`Backend.dense_scores` of the passages `rows`: shape (len(rows),) float32."""
        ...

    def ids_of(self, rows: Rows) -> list[str]:
        """The passage ids of `rows`, in order."""
        ...

    def id_ranks(self, rows: Rows) -> Rows:
        """Each row's place in the order of all passage ids (sorting rows by it sorts them by id:
        the tie-break of every id-keyed run)."""
        ...


@runtime_checkable
class PresenceBackend(Protocol):
    """The optional capability of telling which of some terms each passage holds, from the lexical
    index's arrays rather than from decoded token lists."""

    def term_presence(self, terms: Sequence[str], ids: Sequence[str]) -> list[frozenset[str]]:
        """Per passage of `ids` (in order), the terms of `terms` among its indexed terms (what
        `PassageRecord.token_set` holds: the same answer, without decoding the passage's tokens).
        NotFound when an id is unknown."""
        ...


@runtime_checkable
class DuplicateBackend(Protocol):
    """The optional precomputed near-duplicate capability of a backend.

    The relation is `index.dedup`'s (containment of word 3-shingles >= `index.dedup.THRESHOLD`); it
    does not depend on the question, so a backend may compute every pair at build time.
    """

    def near_duplicates(self, ids: Sequence[str]) -> list[tuple[int, int]]:
        """Positions (i, j), i < j, of the passages of `ids` that are near-duplicates of each other
        (every such pair among them; any order). NotFound when an id is unknown."""
        ...


@dataclass(frozen=True)
class NewPassage:
    """A passage to write into a new version, with everything the backend stores for it.

    Attributes:
        passage: the passage (verbatim slice of its source's text).
        tokens: analysed terms for the lexical index (including any searchable context).
        sentences: sentence spans within `passage.text`.
        vector: its embedding, shape (dim,), unit norm.
        sentence_terms: analysed terms of each sentence (as `PassageRecord.sentence_terms`); None
            lets a writer that stores them analyse the sentences itself.
    """

    passage: Passage
    tokens: tuple[str, ...]
    sentences: tuple[tuple[int, int], ...]
    vector: Vector
    sentence_terms: tuple[tuple[str, ...], ...] | None = None


class IndexWriter(Protocol):
    """A new version being written; nothing of it is visible until `publish` returns."""

    def keep_source(self, source_id: str) -> None:
        """Carry a source over unchanged (metadata, text, passages, vectors) from the base version."""
        ...

    def add_source(
        self, source: Source, *, namespace: str, indexed_at: str, passages: Sequence[NewPassage]
    ) -> None:
        """Add a new or changed source with its passages, in the order given."""
        ...

    def publish(self, extra: Mapping[str, Any]) -> IndexInfo:
        """Make the version current atomically; StorageError when that fails (the old one stays)."""
        ...


class Catalog(Protocol):
    """Where index versions live, and the one place that writes them."""

    def open(self) -> Backend:
        """The current version, or the newest older one that passes its checks.

        Raises IndexNotBuilt when none was ever published, SnapshotCorrupt when none is usable.
        """
        ...

    def lock(self, job_id: str | None = None) -> AbstractContextManager[None]:
        """Hold the one-writer lock; RebuildInProgress (with the holder's job id) when it is taken."""
        ...

    def writer(self, base: Backend | None, *, model: str, dim: int) -> AbstractContextManager[IndexWriter]:
        """A writer for a new version based on `base` (for `keep_source`); call with the lock held.

        Leaving the context without `publish` discards everything written.
        """
        ...

    def embedding_cache(self, fingerprint: str, dim: int) -> AbstractContextManager[EmbeddingStore]:
        """The persistent cache of passage vectors for one model."""
        ...

    def prune(self, keep: int) -> list[str]:
        """Remove published versions beyond the newest `keep` (never the current); their names."""
        ...


@runtime_checkable
class SharedCatalog(Protocol):
    """The optional capability of a catalog that several processes serve from (a database): which
    version is current right now, cheaply, so each process can follow builds published by another."""

    def current_version(self) -> str | None:
        """The current version's name (None before the first publish); BackendUnavailable when the
        store cannot be reached."""
        ...

    def close(self) -> None:
        """Release connections (the catalog may be used again afterwards)."""
        ...


class EmbeddingStore(Protocol):
    """Vectors by hash of the embedded text, for one model; batches are durable once `put_many` returns.

    Hashes are `index.embedding.cache.text_hash` (SHA-256 hex of the UTF-8 text the model embedded:
    `index.builder.search_input`). Vectors are float32, shape (dim,), unit norm.
    """

    def get_many(self, hashes: Iterable[str]) -> dict[str, Vector]:
        """The stored vectors of `hashes`; a hash with no vector (or one of another dimension) is
        absent from the result."""
        ...

    def put_many(self, items: Mapping[str, Vector]) -> None:
        """Store (or replace) the vectors of `items` (hash -> vector) and commit them."""
        ...

    def retain(self, keep: set[str]) -> int:
        """Drop vectors whose hash is not in `keep`; how many were dropped."""
        ...


def iter_batches(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    """Consecutive slices of `items` of at most `size` elements."""
    for i in range(0, len(items), size):
        yield items[i : i + size]
