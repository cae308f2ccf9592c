"""Hybrid retrieval: dense (FAISS) and lexical (BM25) candidates, fused into one ranked list.

The hybrid method runs in two passes. The first fuses the dense and BM25 runs; the best fused rows
then serve as pseudo-relevance feedback: the terms carrying most of their BM25 mass expand the
lexical query (an RM3-style relevance model, interpolated with the original query), and the final
ranking fuses the dense run with the expanded BM25 run. On the judged bench collections this beat
plain fusion on all three (see bench/quality.py); `PrfConfig(docs=0)` turns it off.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from index.embedder import Embedder
from index.fusion import FusionConfig, fuse
from index.lexical import DEFAULT_B, DEFAULT_K1, LexicalIndex
from index.vectors import VectorIndex

Method = Literal["hybrid", "dense", "lexical"]


@dataclass(frozen=True)
class PrfConfig:
    """Pseudo-relevance feedback for the lexical run of the hybrid method.

    `docs` top fused rows (0 = no feedback) give `terms` expansion terms; the expanded query is
    `query_weight` x the original query's term distribution + the rest x the expansion terms'.
    """

    docs: int = 10
    terms: int = 80
    query_weight: float = 0.7

    def __post_init__(self) -> None:
        if self.docs < 0 or self.terms < 1 or not 0.0 <= self.query_weight <= 1.0:
            raise ValueError(f"bad PRF setting: {self}")


@dataclass(frozen=True)
class RetrievalConfig:
    """Everything that shapes retrieval; the defaults are the measured best single setting.

    `bm25_k1` / `bm25_b` are used where this module builds the lexical index (the BEIR evaluation);
    they equal LexicalIndex's defaults.
    """

    fusion: FusionConfig = field(default_factory=FusionConfig)
    prf: PrfConfig = field(default_factory=PrfConfig)
    bm25_k1: float = DEFAULT_K1
    bm25_b: float = DEFAULT_B


DEFAULT_CONFIG = RetrievalConfig()


@dataclass(frozen=True)
class Candidate:
    """One retrieved row with its fused score and what each method said about it.

    `dense` is the cosine with the query vector and `lexical` the raw BM25 score of the query's
    own terms (before any feedback expansion); each is None when that method was not run.
    `dense_rank` / `lexical_rank` are 1-based ranks in that method's first-pass candidate list
    (None when the row was not among its candidates).
    """

    row: int
    score: float
    dense: float | None
    lexical: float | None
    dense_rank: int | None
    lexical_rank: int | None


class HybridRetriever:
    """Retrieval over row-aligned indexes: row i of `vectors` and of `lexical` is the same passage."""

    def __init__(
        self,
        embedder: Embedder,
        vectors: VectorIndex,
        lexical: LexicalIndex,
        analyze: Callable[[str], list[str]],
        config: RetrievalConfig = DEFAULT_CONFIG,
    ) -> None:
        if len(vectors) != len(lexical):
            raise ValueError(f"{len(vectors)} vectors but {len(lexical)} lexical documents")
        self._embedder = embedder
        self._vectors = vectors
        self._lexical = lexical
        self._analyze = analyze
        self.config = config
        if config.prf.docs > 0:
            lexical.prepare_feedback()  # O(postings) once, so that no query pays for it

    def retrieve(
        self,
        question: str,
        *,
        k: int,
        method: Method = "hybrid",
        subset: npt.ArrayLike | None = None,
        query_vector: npt.ArrayLike | None = None,
        query_tokens: Sequence[str] | None = None,
    ) -> list[Candidate]:
        """The best `k` rows for `question`.

        Args:
            question: the query text (embedded / analyzed unless overrides are given).
            k: how many candidates to return.
            method: "hybrid" (fused), "dense" or "lexical" alone.
            subset: allowed row ids (metadata filters); None = all rows.
            query_vector: use this (normalised) vector instead of embedding `question`.
            query_tokens: use these analyzer tokens instead of analyzing `question`.
        """
        if method not in ("hybrid", "dense", "lexical"):
            raise ValueError(f"unknown retrieval method {method!r}")
        if k < 1:
            return []
        depth = max(k, self.config.fusion.depth)
        dense_run: list[tuple[int, float]] = []
        lex_run: list[tuple[int, float]] = []
        qvec: npt.NDArray[np.float32] | None = None
        lex_scores: npt.NDArray[np.float32] | None = None
        if method != "lexical":
            qvec = np.asarray(
                query_vector if query_vector is not None else self._embedder.encode_query(question),
                dtype=np.float32,
            )
            dense_run = _pairs(*self._vectors.search(qvec, depth, subset))
        if method != "dense":
            tokens = list(query_tokens) if query_tokens is not None else self._analyze(question)
            lex_scores = self._lexical.scores(Counter(tokens))
            lex_run = _pairs(*self._lexical.top(lex_scores, depth, subset))
        if method == "dense":
            fused = dense_run
        elif method == "lexical":
            fused = lex_run
        else:
            fused = fuse(dense_run, lex_run, self.config.fusion)
            if self.config.prf.docs > 0 and fused:
                expanded = self._expanded_query(Counter(tokens), fused)
                lex_prf = _pairs(*self._lexical.search_weighted(expanded, depth, subset))
                fused = fuse(dense_run, lex_prf, self.config.fusion)
        return self._candidates(fused[:k], dense_run, lex_run, qvec, lex_scores)

    def _expanded_query(self, query: Counter[str], fused: list[tuple[int, float]]) -> dict[str, float]:
        """The original query's term distribution mixed with the feedback rows' expansion terms."""
        prf = self.config.prf
        top = fused[: prf.docs]
        best = top[0][1]
        # Feedback rows weigh by exp(fused score - best): with z-score fusion, one unit is one
        # standard deviation of the runs' scores.
        row_weights = [math.exp(max(s - best, -50.0)) for _, s in top]
        expansion = self._lexical.expansion_terms([r for r, _ in top], row_weights, prf.terms)
        n_query = sum(query.values())
        weights: dict[str, float] = {}
        if n_query:
            for term, count in query.items():
                weights[term] = prf.query_weight * count / n_query
        orig_share = prf.query_weight if n_query else 0.0
        for term, w in expansion.items():
            weights[term] = weights.get(term, 0.0) + (1.0 - orig_share) * w
        return weights

    def _candidates(
        self,
        fused: list[tuple[int, float]],
        dense_run: list[tuple[int, float]],
        lex_run: list[tuple[int, float]],
        qvec: npt.NDArray[np.float32] | None,
        lex_scores: npt.NDArray[np.float32] | None,
    ) -> list[Candidate]:
        dense_rank = {r: i for i, (r, _) in enumerate(dense_run, start=1)}
        lex_rank = {r: i for i, (r, _) in enumerate(lex_run, start=1)}
        rows = [r for r, _ in fused]
        sims: list[float] | None = None
        if qvec is not None and rows:
            sims = np.asarray(self._vectors.vectors_of(rows) @ qvec, dtype=np.float32).tolist()
        return [
            Candidate(
                row=r,
                score=float(s),
                dense=sims[i] if sims is not None else None,
                lexical=float(lex_scores[r]) if lex_scores is not None else None,
                dense_rank=dense_rank.get(r),
                lexical_rank=lex_rank.get(r),
            )
            for i, (r, s) in enumerate(fused)
        ]


def _pairs(rows: npt.NDArray[np.int64], scores: npt.NDArray[np.float32]) -> list[tuple[int, float]]:
    return list(zip(rows.tolist(), scores.tolist(), strict=True))
