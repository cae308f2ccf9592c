"""`GroundIndex`: one published index version answering questions with verbatim, cited passages.

The pipeline of `search(query)`:
1. validate the query (question length, k, filters naming known sources);
2. retrieve candidates from the backend: dense + lexical, fused, with pseudo-relevance feedback
   (`index.retriever`); follow-ups blend the earlier questions in;
3. collapse near-duplicates (the same quote in several sources shows once, naming them all);
4. score each group's evidence (question/passage cosine, IDF-weighted term coverage) and decide
   whether the question is answered (`index.abstain`);
5. mark the evidence sentence(s) inside each shown passage (`index.evidence`).

The backend (`index.backend.Backend`) holds passages, vectors and term statistics; this module never
touches files, rows or SQL. An instance is immutable, so it can serve many threads; a rebuild
publishes a new version and the caller swaps in a freshly opened instance.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from corpus.errors import InvalidRequest, NotFound, SnapshotCorrupt
from corpus.models import Passage, Source
from corpus.script import query_language
from index.abstain import DEFAULT_THRESHOLDS, Thresholds, decide, idf
from index.analyzer import analyze, analyze_many
from index.backend import Backend, DuplicateBackend, IndexInfo, PassageRecord, SourceRecord, Vector
from index.dedup import group_by_pairs, group_duplicates
from index.embedding.base import Embedder
from index.evidence import best_sentences
from index.retriever import HybridRetriever
from index.types import Answer, Duplicate, Filters, Hit, Query, SourceRef

MAX_QUESTION_CHARS = 2000
MAX_K = 50
HISTORY_WEIGHT = 0.5  # weight of the earlier questions in a follow-up's query vector
CANDIDATES = 50  # fused candidates considered before collapse and abstention
RELATED = 3  # closest passages offered as "related, not an answer" when abstaining


@dataclass(frozen=True)
class Group:
    """Near-identical retrieved passages collapsed into one, with the head's evidence scores.

    Attributes:
        head: the best-ranked passage of the group (the one shown).
        duplicates: the other passages of the group, in rank order.
        fused: the head's fused retrieval score (no fixed range).
        dense: cosine between the question and the head in [-1, 1] (0.0 when dense was not used).
        coverage: IDF-weighted share of the question's terms found in the head, in [0, 1].
    """

    head: PassageRecord
    duplicates: tuple[PassageRecord, ...]
    fused: float
    dense: float
    coverage: float


@dataclass(frozen=True)
class Scored:
    """A question's candidates before the answer decision (what calibration reads)."""

    question: str
    language: str
    terms: frozenset[str]
    groups: list[Group]
    df: Mapping[str, int]
    n_docs: int


class GroundIndex:
    """Answers questions from one published index version.

    Args:
        backend: the opened version (see `index.backend.Backend`).
        embedder: the model the version's vectors come from. Its `languages` (None: all) says which
            questions it reads: others are answered from the lexical index alone.
        thresholds: abstention thresholds per question language ("en" is the fallback).

    Raises:
        SnapshotCorrupt: when the version was built with another model than `embedder`.
    """

    def __init__(
        self,
        backend: Backend,
        embedder: Embedder,
        thresholds: Mapping[str, Thresholds] = DEFAULT_THRESHOLDS,
    ) -> None:
        if backend.info.model != embedder.fingerprint:
            raise SnapshotCorrupt(
                f"index {backend.info.version} was built with model {backend.info.model!r}, "
                f"not {embedder.fingerprint!r}: rebuild the index"
            )
        self.backend = backend
        self._embedder = embedder
        self._thresholds = thresholds
        self._dense_languages: frozenset[str] | None = getattr(embedder, "languages", None)
        self._retriever = HybridRetriever(backend, embedder, analyze)
        self._duplicates = backend if isinstance(backend, DuplicateBackend) else None

    @classmethod
    def open(cls, data_dir: Path, embedder: Embedder) -> GroundIndex:
        """The current local snapshot in `data_dir` (or the newest good older one built with `embedder`).

        Raises IndexNotBuilt when nothing was published yet, SnapshotCorrupt when nothing is usable.
        """
        from index.local.catalog import LocalCatalog

        return cls(LocalCatalog(data_dir).open(model=embedder.fingerprint), embedder)

    # -- lookups ---------------------------------------------------------------------------------
    @property
    def version(self) -> str:
        return self.backend.info.version

    @property
    def info(self) -> IndexInfo:
        return self.backend.info

    def sources(self) -> Sequence[SourceRecord]:
        """Every source, sorted by title."""
        return self.backend.sources()

    def source_record(self, source_id: str) -> SourceRecord:
        """NotFound when the id is unknown."""
        return self.backend.source_record(source_id)

    def source(self, source_id: str) -> Source:
        """The source with its canonical text; NotFound when the id is unknown."""
        return self.backend.source(source_id)

    def passages_of(self, source_id: str) -> list[Passage]:
        """A source's passages in order (empty for an unknown id)."""
        return self.backend.passages_of(source_id)

    def passage(self, passage_id: str) -> Passage:
        """One passage; NotFound when the id is unknown."""
        return self.backend.passages([passage_id])[0].passage

    # -- search ----------------------------------------------------------------------------------
    def _check_filters(self, f: Filters) -> None:
        if not f.source_ids:
            return
        known = {r.id for r in self.backend.sources()}
        unknown = sorted({s for s in f.source_ids if s not in known})
        if unknown:
            shown = ", ".join(repr(s) for s in unknown[:5]) + (
                f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
            )
            raise NotFound(f"unknown source id in filters: {shown}")

    def score(self, query: Query) -> Scored:
        """Validate the query, retrieve and collapse candidates, and score each group's evidence.

        `search` decides from these scores; calibration (bench/calibrate.py) reads them directly.

        Raises:
            InvalidRequest: empty or over-long question, k out of 1..MAX_K.
            NotFound: a filter names an unknown source.
        """
        question = query.question.strip()
        if not question:
            raise InvalidRequest("the question is empty")
        if len(question) > MAX_QUESTION_CHARS:
            raise InvalidRequest(f"the question is longer than {MAX_QUESTION_CHARS} characters")
        if not 1 <= query.k <= MAX_K:
            raise InvalidRequest(f"k must be between 1 and {MAX_K}")
        self._check_filters(query.filters)

        language = query_language(question)
        use_dense = self._dense_languages is None or language in self._dense_languages
        history = [h.strip() for h in query.history if h.strip()][-2:]
        q_terms = analyze(question)
        h_terms = analyze(history[-1]) if history else []
        q_vec: Vector | None = None
        search_vec: Vector | None = None
        if use_dense:
            q_vec = search_vec = self._embedder.encode_query(question)
            if history:
                blended = q_vec + HISTORY_WEIGHT * self._embedder.encode_query(" ".join(history))
                search_vec = (blended / max(float(np.linalg.norm(blended)), 1e-9)).astype(np.float32)

        cands = self._retriever.retrieve(
            question,
            k=CANDIDATES,
            method="hybrid" if use_dense else "lexical",
            filters=query.filters,
            query_vector=search_vec,
            query_tokens=q_terms + h_terms,
        )
        records = self.backend.passages([c.id for c in cands])
        groups = self._group(records)
        q_set = frozenset(q_terms) | frozenset(h_terms)
        stats = self.backend.term_stats(q_set)
        heads = [records[g[0]] for g in groups]
        covered = _coverages(q_set, heads, stats.df, stats.n_docs)
        dense = [0.0] * len(heads)
        if q_vec is not None and search_vec is not None and heads:
            ids = [h.passage.id for h in heads]
            own = self.backend.dense_scores(q_vec, ids)
            blended_scores = own if search_vec is q_vec else self.backend.dense_scores(search_vec, ids)
            dense = [max(a, b) for a, b in zip(own, blended_scores, strict=True)]
        scored = [
            Group(
                head=records[g[0]],
                duplicates=tuple(records[i] for i in g[1:]),
                fused=cands[g[0]].score,
                dense=dense[n],
                coverage=covered[n],
            )
            for n, g in enumerate(groups)
        ]
        return Scored(question, language, q_set, scored, stats.df, stats.n_docs)

    def search(self, query: Query) -> Answer:
        """Answer `query`: verbatim passages with evidence, or an abstention with related passages.

        Raises the errors of `score`.
        """
        t0 = time.perf_counter()
        scored = self.score(query)
        thresholds = self._thresholds.get(scored.language, self._thresholds["en"])
        groups = scored.groups
        answered, shown = decide([(g.dense, g.coverage) for g in groups], thresholds, query.k)
        hits = [self._hit(groups[i], scored) for i in shown]
        related = [] if answered else [self._hit(g, scored) for g in groups[:RELATED]]
        return Answer(
            question=scored.question,
            answered=answered,
            hits=tuple(hits),
            related=tuple(related),
            index_version=self.version,
            took_ms=(time.perf_counter() - t0) * 1000.0,
        )

    def _group(self, records: Sequence[PassageRecord]) -> list[list[int]]:
        """Near-duplicate groups of ranked records (index.dedup): from the backend's stored shingle
        signatures when it has the capability, else from the texts."""
        if self._duplicates is not None:
            pairs = self._duplicates.near_duplicates([r.passage.id for r in records])
            return group_by_pairs(len(records), pairs)
        return group_duplicates([r.passage.text for r in records])

    def _ref(self, source_id: str) -> SourceRef:
        return SourceRef(id=source_id, meta=self.backend.source_record(source_id).meta)

    def _hit(self, g: Group, scored: Scored) -> Hit:
        p = g.head.passage
        evidence = best_sentences(
            p.text,
            g.head.sentences,
            set(scored.terms),
            analyze_many,
            scored.df,
            scored.n_docs,
            sentence_terms=g.head.sentence_terms,
        )
        dups = tuple(
            Duplicate(source=self._ref(d.passage.source_id), passage=d.passage) for d in g.duplicates
        )
        return Hit(
            passage=p, source=self._ref(p.source_id), score=g.fused, evidence=evidence, duplicates=dups
        )


def _coverages(
    terms: frozenset[str], heads: Sequence[PassageRecord], df: Mapping[str, int], n_docs: int
) -> list[float]:
    """`index.abstain.coverage` of each head (same values), with the question's IDF weights computed
    once per query instead of once per candidate."""
    distinct = set(terms)
    if not distinct:
        return [0.0] * len(heads)
    weights = {t: idf(df.get(t, 0), n_docs) for t in distinct}
    total = sum(weights.values())
    if total <= 0:
        return [0.0] * len(heads)
    out = []
    for h in heads:
        present = set(h.tokens)
        out.append(sum(w for t, w in weights.items() if t in present) / total)
    return out
