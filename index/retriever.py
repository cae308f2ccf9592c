"""Hybrid retrieval: dense (FAISS) and lexical (BM25) candidates, fused into one ranked list."""

from __future__ import annotations

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
class RetrievalConfig:
    fusion: FusionConfig = field(default_factory=FusionConfig)
    bm25_k1: float = DEFAULT_K1
    bm25_b: float = DEFAULT_B


DEFAULT_CONFIG = RetrievalConfig()


@dataclass(frozen=True)
class Candidate:
    """One retrieved row with its fused score and what each method said about it.

    `dense` is the cosine with the query vector and `lexical` the raw BM25 score (None when that
    method was not run); `dense_rank` / `lexical_rank` are 1-based ranks in that method's
    candidate list (None when the row was not among its candidates).
    """

    row: int
    score: float
    dense: float | None
    lexical: float | None
    dense_rank: int | None
    lexical_rank: int | None


class HybridRetriever:
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
        depth = max(k, self.config.fusion.depth)
        dense_run: list[tuple[int, float]] = []
        lex_run: list[tuple[int, float]] = []
        qvec = None
        if method != "lexical":
            qvec = (
                np.asarray(query_vector, dtype=np.float32)
                if query_vector is not None
                else self._embedder.encode_query(question)
            )
            rows, scores = self._vectors.search(qvec, depth, subset)
            dense_run = list(zip(rows.tolist(), scores.tolist(), strict=True))
        weights: Counter[str] = Counter()
        if method != "dense":
            tokens = list(query_tokens) if query_tokens is not None else self._analyze(question)
            weights = Counter(tokens)
            rows, scores = self._lexical.search_weighted(weights, depth, subset)
            lex_run = list(zip(rows.tolist(), scores.tolist(), strict=True))
        if method == "dense":
            fused = dense_run
        elif method == "lexical":
            fused = lex_run
        else:
            fused = fuse(dense_run, lex_run, self.config.fusion)
        return self._candidates(fused[:k], dense_run, lex_run, qvec, weights, method)

    def _candidates(
        self,
        fused: list[tuple[int, float]],
        dense_run: list[tuple[int, float]],
        lex_run: list[tuple[int, float]],
        qvec: npt.NDArray[np.float32] | None,
        weights: Counter[str],
        method: Method,
    ) -> list[Candidate]:
        dense_at = {r: (i + 1, s) for i, (r, s) in enumerate(dense_run)}
        lex_at = {r: (i + 1, s) for i, (r, s) in enumerate(lex_run)}
        rows = [r for r, _ in fused]
        dense_all: dict[int, float] = {}
        lex_all: dict[int, float] = {}
        if qvec is not None and rows:
            sims = np.asarray(self._vectors.vectors()[rows] @ qvec, dtype=np.float32)
            dense_all = dict(zip(rows, sims.tolist(), strict=True))
        if method != "dense" and rows:
            lex_scores = self._lexical.scores(weights)
            lex_all = {r: float(lex_scores[r]) for r in rows}
        out = []
        for r, s in fused:
            out.append(
                Candidate(
                    row=r,
                    score=float(s),
                    dense=dense_all.get(r),
                    lexical=lex_all.get(r),
                    dense_rank=dense_at[r][0] if r in dense_at else None,
                    lexical_rank=lex_at[r][0] if r in lex_at else None,
                )
            )
        return out
