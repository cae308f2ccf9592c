"""The loaded index: one published snapshot in memory, answering questions.

`GroundIndex.open(data_dir, embedder)` loads the current snapshot (falling back to the newest good
one when the current is corrupt); `search(query)` runs the whole retrieval pipeline: filters, dense +
lexical candidates fused, near-duplicate collapse, abstention and evidence sentences. An instance is
immutable after loading, so it can serve many threads; a rebuild publishes a new snapshot and the
caller swaps in a freshly opened instance.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from corpus.errors import IndexNotBuilt, InvalidRequest, NotFound, SnapshotCorrupt
from corpus.models import Passage
from index import snapshot
from index.abstain import DEFAULT_THRESHOLDS, Thresholds, coverage, decide, query_language
from index.analyzer import analyze, analyze_many
from index.dedup import group_duplicates
from index.embedder import Embedder
from index.evidence import best_sentences
from index.lexical import LexicalIndex
from index.retriever import HybridRetriever
from index.store import SourceRecord, StoreData, read_store
from index.types import Answer, Duplicate, Filters, Hit, Query, SourceRef
from index.vectors import VectorIndex

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
MAX_K = 50
HISTORY_WEIGHT = 0.5  # weight of the previous question in a follow-up's query vector
CANDIDATES = 50  # fused candidates considered before collapse and abstention


RELATED = 3  # closest passages offered as "related, not an answer" when abstaining


@dataclass(frozen=True)
class Candidate:
    """One collapsed group of retrieved passages with its evidence scores."""

    row: int  # the group's head (best ranked)
    duplicates: list[int]  # near-identical passages collapsed into it
    fused: float
    dense: float  # cosine between question and passage
    coverage: float  # IDF-weighted share of question terms in the passage


@dataclass(frozen=True)
class Scored:
    question: str
    language: str
    terms: set[str]
    candidates: list[Candidate]


@dataclass(frozen=True)
class IndexStats:
    version: str
    built_at: str
    model: str
    sources: int
    passages: int
    languages: dict[str, int]


class GroundIndex:
    def __init__(
        self,
        *,
        version: str,
        manifest: Mapping[str, Any],
        data: StoreData,
        vectors: np.ndarray,
        lexical: LexicalIndex,
        embedder: Embedder,
        thresholds: Mapping[str, Thresholds] = DEFAULT_THRESHOLDS,
    ) -> None:
        self.version = version
        self.manifest = dict(manifest)
        self._data = data
        self._embedder = embedder
        self._vectors = vectors
        self._thresholds = thresholds
        # Languages the embedding model reads (None: all). Questions in other languages are answered
        # from the lexical index alone: an English-only model ranks Korean text close to randomly.
        self._dense_languages: frozenset[str] | None = getattr(embedder, "languages", None)
        self._passages: list[Passage] = [sp.passage for sp in data.passages]
        self._terms: list[frozenset[str]] = [frozenset(sp.tokens) for sp in data.passages]
        self._sentences = [sp.sentences for sp in data.passages]
        self._by_id = {p.id: i for i, p in enumerate(self._passages)}
        self._df: Counter[str] = Counter()
        for terms in self._terms:
            self._df.update(terms)
        self._source_of_row = np.array([p.source_id for p in self._passages], dtype=object)
        self._retriever = HybridRetriever(embedder, VectorIndex.build(vectors), lexical, analyze)
        self._refs = {sid: SourceRef(id=sid, meta=rec.source.meta) for sid, rec in data.sources.items()}

    # -- loading ---------------------------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: Path, embedder: Embedder) -> GroundIndex:
        """Load the current snapshot, or the newest older one that passes its checks."""
        problems: list[str] = []
        for path in snapshot.candidates(data_dir):
            try:
                return cls.load(path, embedder)
            except SnapshotCorrupt as exc:
                log.error("snapshot %s is unusable: %s", path.name, exc.message)
                problems.append(exc.message)
        if problems:
            raise SnapshotCorrupt("no usable snapshot: " + "; ".join(problems))
        raise IndexNotBuilt(f"no index has been built in {data_dir.name!s} yet: run `groundqa index` first")

    @classmethod
    def load(cls, path: Path, embedder: Embedder) -> GroundIndex:
        manifest = snapshot.read_manifest(path)
        if manifest.get("model") != embedder.fingerprint:
            raise SnapshotCorrupt(
                f"snapshot {path.name} was built with model {manifest.get('model')!r}, "
                f"not {embedder.fingerprint!r}: rebuild the index"
            )
        data = read_store(path / "store.sqlite")
        try:
            vectors = np.load(path / "vectors.npy")
            lexical = LexicalIndex.load(path / "lexical")
        except (OSError, ValueError) as exc:
            raise SnapshotCorrupt(f"snapshot {path.name} has unreadable index files ({exc})") from exc
        if vectors.shape != (len(data.passages), embedder.dim):
            raise SnapshotCorrupt(f"snapshot {path.name}: vectors do not match its passages")
        return cls(
            version=path.name,
            manifest=manifest,
            data=data,
            vectors=vectors,
            lexical=lexical,
            embedder=embedder,
        )

    # -- lookups ---------------------------------------------------------------------------------
    def sources(self) -> list[SourceRecord]:
        return sorted(self._data.sources.values(), key=lambda r: (r.source.meta.title.lower(), r.source.id))

    def source(self, source_id: str) -> SourceRecord:
        try:
            return self._data.sources[source_id]
        except KeyError:
            raise NotFound(f"no source with id {source_id!r} in this index") from None

    def passage(self, passage_id: str) -> Passage:
        try:
            return self._passages[self._by_id[passage_id]]
        except KeyError:
            raise NotFound(f"no passage with id {passage_id!r} in this index") from None

    def passage_at(self, row: int) -> Passage:
        return self._passages[row]

    def passages_of(self, source_id: str) -> list[Passage]:
        return [p for p in self._passages if p.source_id == source_id]

    def stats(self) -> IndexStats:
        langs = Counter(r.source.meta.language for r in self._data.sources.values())
        return IndexStats(
            version=self.version,
            built_at=str(self.manifest.get("created_at", "")),
            model=str(self.manifest.get("model", "")),
            sources=len(self._data.sources),
            passages=len(self._passages),
            languages=dict(langs),
        )

    # -- search ----------------------------------------------------------------------------------
    def _subset(self, f: Filters) -> np.ndarray | None:
        if f.is_empty():
            return None
        unknown = sorted({s for s in f.source_ids if s not in self._data.sources})
        if unknown:
            shown = ", ".join(repr(s) for s in unknown[:5]) + (
                f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
            )
            raise NotFound(f"unknown source id in filters: {shown}")
        pubs = {p.casefold() for p in f.publishers}
        langs = {lang.casefold() for lang in f.languages}
        allowed = set()
        for sid, rec in self._data.sources.items():
            m = rec.source.meta
            if f.source_ids and sid not in f.source_ids:
                continue
            if pubs and (m.publisher or "").casefold() not in pubs:
                continue
            if langs and m.language.casefold() not in langs:
                continue
            if (f.date_from or f.date_to) and not _date_overlaps(m.date, f.date_from, f.date_to):
                continue
            allowed.add(sid)
        return (
            np.flatnonzero(np.isin(self._source_of_row, list(allowed))) if allowed else np.zeros(0, np.int64)
        )

    def score(self, query: Query) -> Scored:
        """Validate the query, retrieve and collapse candidates, and score each group's evidence.

        `search` decides from these scores; calibration (bench/calibrate.py) reads them directly.
        """
        question = query.question.strip()
        if not question:
            raise InvalidRequest("the question is empty")
        if len(question) > MAX_QUESTION_CHARS:
            raise InvalidRequest(f"the question is longer than {MAX_QUESTION_CHARS} characters")
        if not 1 <= query.k <= MAX_K:
            raise InvalidRequest(f"k must be between 1 and {MAX_K}")
        subset = self._subset(query.filters)

        language = query_language(question)
        use_dense = self._dense_languages is None or language in self._dense_languages
        history = [h.strip() for h in query.history if h.strip()][-2:]
        q_terms = analyze(question)
        h_terms = analyze(history[-1]) if history else []
        q_vec = search_vec = None
        if use_dense:
            q_vec = search_vec = self._embedder.encode_query(question)
            if history:
                blended = q_vec + HISTORY_WEIGHT * self._embedder.encode_query(" ".join(history))
                search_vec = (blended / max(float(np.linalg.norm(blended)), 1e-9)).astype(np.float32)

        if subset is not None and subset.size == 0:
            cands = []
        else:
            cands = self._retriever.retrieve(
                question,
                k=CANDIDATES,
                method="hybrid" if use_dense else "lexical",
                subset=subset,
                query_vector=search_vec,
                query_tokens=q_terms + h_terms,
            )
        rows = [c.row for c in cands]
        groups = group_duplicates([self._passages[r].text for r in rows])
        q_set = set(q_terms) | set(h_terms)
        n_docs = max(len(self._passages), 1)
        scored = []
        for g in groups:
            head = rows[g[0]]
            dense = 0.0
            if q_vec is not None and search_vec is not None:
                dense = max(float(self._vectors[head] @ q_vec), float(self._vectors[head] @ search_vec))
            cov = coverage(q_set, set(self._terms[head]), self._df, n_docs)
            scored.append(Candidate(head, [rows[i] for i in g[1:]], cands[g[0]].score, dense, cov))
        return Scored(question, language, q_set, scored)

    def search(self, query: Query) -> Answer:
        t0 = time.perf_counter()
        scored = self.score(query)
        thresholds = self._thresholds.get(scored.language, self._thresholds["en"])
        n_docs = max(len(self._passages), 1)
        cands = scored.candidates
        answered, shown = decide([(c.dense, c.coverage) for c in cands], thresholds, query.k)
        hits = [self._hit(cands[i], scored.terms, n_docs) for i in shown]
        related = [] if answered else [self._hit(c, scored.terms, n_docs) for c in cands[:RELATED]]
        return Answer(
            question=scored.question,
            answered=answered,
            hits=tuple(hits),
            related=tuple(related),
            index_version=self.version,
            took_ms=(time.perf_counter() - t0) * 1000.0,
        )

    def _hit(self, c: Candidate, q_set: set[str], n_docs: int) -> Hit:
        p = self._passages[c.row]
        evidence = best_sentences(p.text, self._sentences[c.row], q_set, analyze_many, self._df, n_docs)
        dups = tuple(
            Duplicate(source=self._refs[self._passages[r].source_id], passage=self._passages[r])
            for r in c.duplicates
        )
        return Hit(
            passage=p, source=self._refs[p.source_id], score=c.fused, evidence=evidence, duplicates=dups
        )


def open_catalogue(data_dir: Path) -> tuple[str, list[SourceRecord]]:
    """The published snapshot's version and sources, without loading a model or the indexes."""
    for path in snapshot.candidates(data_dir):
        try:
            snapshot.read_manifest(path)
            data = read_store(path / "store.sqlite")
        except SnapshotCorrupt as exc:
            log.error("snapshot %s is unusable: %s", path.name, exc.message)
            continue
        return path.name, sorted(
            data.sources.values(), key=lambda r: (r.source.meta.title.lower(), r.source.id)
        )
    raise IndexNotBuilt(f"no index has been built in {data_dir.name!s} yet: run `groundqa index` first")


def _date_bounds(value: str) -> tuple[str, str]:
    """An ISO prefix as an inclusive range of full dates ("2025" -> 2025-01-01..2025-12-31)."""
    parts = value.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-01-01", f"{parts[0]}-12-31"
    if len(parts) == 2:
        return f"{value}-01", f"{value}-31"
    return value, value


def _date_overlaps(date: str | None, lo: str | None, hi: str | None) -> bool:
    if not date:
        return False
    start, end = _date_bounds(date)
    if lo and end < _date_bounds(lo)[0]:
        return False
    return not (hi and start > _date_bounds(hi)[1])
