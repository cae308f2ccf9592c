"""Hybrid retrieval: dense and lexical (BM25) candidates from a backend, fused into one ranked list.

The hybrid method runs in two passes. The first fuses the dense and BM25 runs; the best fused
passages then serve as pseudo-relevance feedback: the terms carrying most of their BM25 mass expand
the lexical query (an RM3-style relevance model, interpolated with the original query), and the
final ranking fuses the dense run with the expanded BM25 run. On the judged bench collections this
beat plain fusion on all three (see bench/quality.py); `PrfConfig(docs=0)` turns it off, and so does
a backend without the feedback capability.

Over a backend that answers in row handles (`index.backend.RowRunsBackend`: the local one), z-score
fusion runs on arrays (`index.runs`) and only the returned candidates' ids are decoded; the result is
the id-keyed path's, float for float (tests/test_row_runs.py, and the dev set in
tests/test_devset_retrieval.py). Other fusion modes and other backends take the id-keyed path.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, TypeVar

import numpy as np
import numpy.typing as npt

from index import runs
from index.backend import (
    Backend,
    FeedbackBackend,
    LanguageRunsBackend,
    Ranked,
    RowRun,
    RowRunsBackend,
    Rows,
    Vector,
)
from index.embedding.base import Embedder
from index.fusion import FusionConfig, fuse
from index.types import Filters

Method = Literal["hybrid", "dense", "lexical"]
_K = TypeVar("_K", str, int)  # what a run's passages are keyed by: passage ids, or row handles
# A question's terms in other languages: passage language -> BM25 terms with their weights.
Translated = Mapping[str, Mapping[str, float]]


@dataclass(frozen=True)
class PrfConfig:
    """Pseudo-relevance feedback for the lexical run of the hybrid method.

    `docs` top fused passages (0 = no feedback) give `terms` expansion terms; the expanded query is
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
    """Everything that shapes retrieval; the defaults are the measured best single setting."""

    fusion: FusionConfig = field(default_factory=FusionConfig)
    prf: PrfConfig = field(default_factory=PrfConfig)
    # with per-language dense search: each language's best stay candidates (3 and 5 give the same
    # dev-set answers on both halves; 3 reads fewer candidates)
    reserve_per_language: int = 3
    # each translated run's best stay candidates too: a Chinese article found through the question's
    # terms in Chinese would otherwise drown among the passages that hold the question's own words.
    # Chosen on the dev sets' fit halves (2026-12-04; answer passages shown for 2, 4, 6, 8, 12, 16, 32:
    # 398, 396, 398, 400, 400, 401, 401): 8 costs ~0.3 ms a question in process, 16 more
    reserve_translated: int = 8


DEFAULT_CONFIG = RetrievalConfig()


@dataclass(frozen=True)
class Candidate:
    """One retrieved passage with its fused score and what each method said about it.

    Attributes:
        id: the passage id.
        score: the fused score (no fixed range; orders candidates of one query).
        dense: cosine with the query vector in [-1, 1], None when the dense method did not run.
        lexical: BM25 score of the query's own terms, plus that of their translations when the
            passage is in the language they were translated to (before feedback), when the passage
            was among the lexical candidates, else None.
        dense_rank, lexical_rank: 1-based ranks in each method's first-pass candidate list (None
            when the passage was not among that method's candidates).
        translated_rank: 1-based rank in the BM25 run of the question's terms translated into the
            passage's language (`index.lexicon`, `index.cedict`; the best over the runs), None when
            it was not among that run's passages or no run was made.
    """

    id: str
    score: float
    dense: float | None
    lexical: float | None
    dense_rank: int | None
    lexical_rank: int | None
    translated_rank: int | None = None


class HybridRetriever:
    """Dense, lexical or hybrid retrieval over any `Backend`."""

    def __init__(
        self,
        backend: Backend,
        embedder: Embedder,
        analyze: Callable[[str], list[str]],
        config: RetrievalConfig = DEFAULT_CONFIG,
    ) -> None:
        self._backend = backend
        self._embedder = embedder
        self._analyze = analyze
        self.config = config
        # the backend's optional capabilities, read once (a runtime protocol check costs ~25 us)
        self._feedback = backend if isinstance(backend, FeedbackBackend) else None
        self._row_runs = backend if isinstance(backend, RowRunsBackend) else None
        self._language_runs = backend if isinstance(backend, LanguageRunsBackend) else None

    def retrieve(
        self,
        question: str,
        *,
        k: int,
        method: Method = "hybrid",
        filters: Filters | None = None,
        query_vector: Vector | Callable[[], Vector | None] | None = None,
        query_tokens: Sequence[str] | None = None,
        context_tokens: Sequence[str] = (),
        context_weight: float = 1.0,
        dense_languages: Mapping[str, float] | None = None,
        translated: Translated | None = None,
    ) -> list[Candidate]:
        """The best `k` passages for `question`, best first.

        Args:
            question: the query text (embedded / analysed unless overrides are given).
            k: how many candidates to return (at most).
            method: "hybrid" (fused), "dense" or "lexical" alone.
            filters: metadata filters (None: all passages).
            query_vector: use this unit vector, shape (dim,), instead of embedding `question`; or a
                function giving it (a vector being computed elsewhere, `index.question_vectors.Encoding`),
                called only once the lexical runs are searched.
            query_tokens: use these analyser tokens instead of analysing `question`.
            context_tokens: more BM25 query terms, each weighing `context_weight` where the
                question's own weigh 1 (a follow-up's earlier question).
            dense_languages: search the passages of each of these languages separately and merge
                the runs, adding the given offset to the cosines of that language (a multilingual
                model prefers passages in the question's language: searched together, they crowd
                the others out). None: one dense search over every passage.
            translated: the question's terms in other languages (`index.lexicon`): per passage
                language, BM25 terms with their weights, searched among that language's passages
                only; their scores are added to the lexical run (and to its feedback run).

        Raises:
            ValueError: for an unknown method.
        """
        if method not in ("hybrid", "dense", "lexical"):
            raise ValueError(f"unknown retrieval method {method!r}")
        if k < 1:
            return []
        where = filters if filters is not None else Filters()
        depth = max(k, self.config.fusion.depth)
        query: dict[str, float] = {}
        if method != "dense":
            tokens = list(query_tokens) if query_tokens is not None else self._analyze(question)
            query = _weighted_query(tokens, context_tokens, context_weight)

        def vector() -> Vector:
            given = query_vector() if callable(query_vector) else query_vector
            return np.asarray(
                given if given is not None else self._embedder.encode_query(question), dtype=np.float32
            )

        if self._row_runs is not None and self.config.fusion.mode == "zscore":
            return self._retrieve_rows(
                self._row_runs,
                method,
                k,
                depth,
                where,
                vector if method != "lexical" else None,
                query,
                dense_languages,
                translated,
            )
        dense_run: Ranked = []
        cosines: dict[str, float] = {}
        lex_run: Ranked = []
        reserved: list[str] = []
        extra: list[Ranked] = []
        if method != "dense":  # first: they need no vector (see `_retrieve_rows`)
            extra = self._translated_runs(translated, depth, where)
            lex_run = _added(self._backend.lexical_search(query, depth, where), extra, depth)
        qvec = vector() if method != "lexical" else None
        if qvec is not None:
            dense_run, reserved, cosines = self._dense(qvec, depth, where, dense_languages)
        reserved += [pid for run in extra for pid, _ in run[: self.config.reserve_translated]]
        if method == "dense":
            fused = dense_run
        elif method == "lexical":
            fused = lex_run
        else:
            fused = fuse(dense_run, lex_run, self.config.fusion)
            feedback = self._feedback
            if self.config.prf.docs > 0 and fused and feedback is not None:
                top_fed = fused[: self.config.prf.docs]
                expansion = feedback.expansion_terms(
                    [pid for pid, _ in top_fed],
                    _feedback_weights([s for _, s in top_fed]),
                    self.config.prf.terms,
                )
                expanded = self._expanded_query(query, expansion)
                scale = self._translation_scale(query)
                scaled = [[(pid, score * scale) for pid, score in run] for run in extra]
                lex_prf = _added(self._backend.lexical_search(expanded, depth, where), scaled, depth)
                fused = fuse(dense_run, lex_prf, self.config.fusion)
        top = fused[:k]
        if reserved:
            # Each language's best dense passages, and each translated run's best, stay candidates even
            # when the fused list is full of passages in the question's language (a multilingual model
            # scores those higher; they hold the question's own words).
            shown = {pid for pid, _ in top}
            score = dict(fused)
            floor = top[-1][1] if top else 0.0
            top += [(pid, score.get(pid, floor)) for pid in dict.fromkeys(reserved) if pid not in shown]
        translated_rank = _best_ranks([pid for pid, _ in run] for run in extra)
        return self._candidates(top, dense_run, lex_run, qvec, cosines, translated_rank)

    def _retrieve_rows(
        self,
        backend: RowRunsBackend,
        method: Method,
        k: int,
        depth: int,
        where: Filters,
        vector: Callable[[], Vector] | None,
        query: Mapping[str, float],
        languages: Mapping[str, float] | None,
        translated: Translated | None,
    ) -> list[Candidate]:
        """`retrieve` over a backend that answers in row handles: the same candidates, from arrays
        (`index.runs`); only the candidates' ids are decoded. `vector` gives the question's vector
        (None: lexical only); it is called after the lexical runs are searched."""
        ranks = backend.id_ranks
        dense_run = lex_run = runs.empty()
        reserved: Rows = np.zeros(0, dtype=np.int64)
        dense_parts: list[RowRun] = []
        extra: list[runs.RowScores] = []
        # the lexical runs first: they need no vector, so they are searched while it is computed
        if method != "dense":
            extra = [
                runs.widened(run) for run in self._translated_row_runs(backend, translated, depth, where)
            ]
            lex_run = runs.add_runs(
                runs.widened(backend.lexical_rows(query, depth, where)), extra, depth, ranks
            )
        qvec = vector() if vector is not None else None
        if qvec is not None:
            if languages:
                dense_parts = backend.dense_rows(qvec, depth, where, list(languages))
                dense_run = runs.merge_runs(dense_parts, list(languages.values()), depth, ranks)
                reserved = np.concatenate([r[: self.config.reserve_per_language] for r, _ in dense_parts])
            else:
                dense_parts = backend.dense_rows(qvec, depth, where, None)
                dense_run = runs.widened(dense_parts[0])
        if extra:
            best = [rows[: self.config.reserve_translated] for rows, _ in extra]
            reserved = np.concatenate([reserved, *best])
        if method == "dense":
            fused = dense_run
        elif method == "lexical":
            fused = lex_run
        else:
            weights = (self.config.fusion.dense_weight, 1.0 - self.config.fusion.dense_weight)
            dense_z = runs.zscored(dense_run)  # normalised once for both fusions
            fused = runs.fuse_zscored((dense_z, runs.zscored(lex_run)), weights, ranks)
            if self.config.prf.docs > 0 and fused[0].size and self._feedback is not None:
                fed_rows = fused[0][: self.config.prf.docs]
                expansion = backend.expansion_terms_of_rows(
                    fed_rows,
                    _feedback_weights(fused[1][: self.config.prf.docs].tolist()),
                    self.config.prf.terms,
                )
                expanded = self._expanded_query(query, expansion)
                scale = self._translation_scale(query)
                scaled = [(r, s * scale) for r, s in extra]
                lex_prf = runs.add_runs(
                    runs.widened(backend.lexical_rows(expanded, depth, where)), scaled, depth, ranks
                )
                fused = runs.fuse_zscored((dense_z, runs.zscored(lex_prf)), weights, ranks)
        top_rows, top_scores = fused[0][:k].tolist(), fused[1][:k].tolist()
        if reserved.size:
            shown = set(top_rows)
            floor = top_scores[-1] if top_scores else 0.0
            rest = [row for row in dict.fromkeys(reserved.tolist()) if row not in shown]
            if rest:
                # each one's fused score (a row is once in `fused`), the floor when it was not fused:
                # found by comparing the few rows with the fused ones, not through a dict of them all
                match = np.asarray(rest, dtype=np.int64)[:, None] == fused[0][None, :]
                held = match.any(axis=1).tolist() if fused[0].size else [False] * len(rest)
                at = match.argmax(axis=1).tolist() if fused[0].size else [0] * len(rest)
                top_rows += rest
                top_scores += [float(fused[1][a]) if h else floor for a, h in zip(at, held, strict=True)]
        return self._row_candidates(
            backend, top_rows, top_scores, dense_run, dense_parts, lex_run, qvec, [r for r, _ in extra]
        )

    def _translated_row_runs(
        self, backend: RowRunsBackend, translated: Translated | None, depth: int, where: Filters
    ) -> list[RowRun]:
        """`_translated_runs` as rows."""
        return [
            backend.lexical_rows(weights, depth, within)
            for weights, within in _translated_searches(translated, where)
        ]

    def _row_candidates(
        self,
        backend: RowRunsBackend,
        rows: list[int],
        scores: list[float],
        dense_run: runs.RowScores,
        dense_parts: Sequence[RowRun],
        lex_run: runs.RowScores,
        qvec: Vector | None,
        translated: Sequence[Rows],
    ) -> list[Candidate]:
        """`_candidates` from rows: ranks and scores of the m candidate `rows` looked up among the
        runs' rows with a few array operations (`runs.positions`), not through dicts of every row of
        every run (~300 dense, 100 lexical, 100 per translated run). `translated`: the rows of each
        translated run, best first (a candidate's translated rank is its best over them)."""
        at = np.asarray(rows, dtype=np.int64)
        dense_rank = _ranks_of(*runs.positions(at, dense_run[0]))
        lex_found, lex_at = runs.positions(at, lex_run[0])
        lex_rank = _ranks_of(lex_found, lex_at)
        lex_values = lex_run[1][lex_at].tolist() if lex_run[0].size else [0.0] * len(rows)
        lex_score = [v if f else None for v, f in zip(lex_values, lex_found.tolist(), strict=True)]
        sims: list[float | None] = [None] * len(rows)
        if qvec is not None:
            part_rows = np.concatenate([r for r, _ in dense_parts]) if dense_parts else at[:0]
            found, where = runs.positions(at, part_rows)
            cosine: list[float] = [0.0] * len(rows)
            if part_rows.size:
                part_scores = np.concatenate([s for _, s in dense_parts])
                cosine = part_scores[where].tolist()  # float32 -> float, as the runs' own tolist()
            missing = [n for n, f in enumerate(found.tolist()) if not f]
            if missing:
                scored = backend.dense_scores_of_rows(qvec, at[missing]).tolist()
                for n, value in zip(missing, scored, strict=True):
                    cosine[n] = value
            sims = list(cosine)
        translated_rank = _best_rank_of(at, translated)
        ids = backend.ids_of(at)
        return [
            Candidate(
                id=pid,
                score=float(s),
                dense=sim,
                lexical=lex,
                dense_rank=dr,
                lexical_rank=lr,
                translated_rank=tr,
            )
            for pid, s, sim, lex, dr, lr, tr in zip(
                ids, scores, sims, lex_score, dense_rank, lex_rank, translated_rank, strict=True
            )
        ]

    def _translated_runs(self, translated: Translated | None, depth: int, where: Filters) -> list[Ranked]:
        """One BM25 run per language of `translated`, among that language's passages (within `where`;
        none when `where` leaves that language out)."""
        return [
            self._backend.lexical_search(weights, depth, within)
            for weights, within in _translated_searches(translated, where)
        ]

    def _dense(
        self, qvec: Vector, depth: int, where: Filters, languages: Mapping[str, float] | None
    ) -> tuple[Ranked, list[str], dict[str, float]]:
        """The dense run (with each language's offset added), the passages reserved as candidates
        (each language's best few), and the plain cosines of the run's passages."""
        if not languages:
            run = self._backend.dense_search(qvec, depth, where)
            return run, [], dict(run)
        if self._language_runs is not None:
            runs = self._language_runs.dense_search_languages(qvec, depth, where, list(languages))
        else:
            runs = {lang: self._backend.dense_search(qvec, depth, where, language=lang) for lang in languages}
        merged: Ranked = []
        reserved: list[str] = []
        cosines: dict[str, float] = {}
        for language, offset in languages.items():
            run = runs[language]
            cosines.update(run)
            merged.extend((pid, score + offset) for pid, score in run)
            reserved.extend(pid for pid, _ in run[: self.config.reserve_per_language])
        merged.sort(key=lambda ps: (-ps[1], ps[0]))
        return merged[:depth], reserved, cosines

    def _translation_scale(self, query: Mapping[str, float]) -> float:
        """The feedback query weighs the question's terms query_weight / their total weight each (BM25
        is linear in the weights), so their translations' scores are scaled alike."""
        total = sum(query.values())
        return self.config.prf.query_weight / total if total > 0 else 0.0

    def _expanded_query(self, query: Mapping[str, float], expansion: Mapping[str, float]) -> dict[str, float]:
        """The original query's term distribution mixed with the feedback passages' expansion terms."""
        prf = self.config.prf
        n_query = sum(query.values())
        out: dict[str, float] = {}
        if n_query:
            for term, count in query.items():
                out[term] = prf.query_weight * count / n_query
        orig_share = prf.query_weight if n_query else 0.0
        for term, w in expansion.items():
            out[term] = out.get(term, 0.0) + (1.0 - orig_share) * w
        return out

    def _candidates(
        self,
        fused: Ranked,
        dense_run: Ranked,
        lex_run: Ranked,
        qvec: Vector | None,
        dense_score: Mapping[str, float],
        translated_rank: Mapping[str, int],
    ) -> list[Candidate]:
        dense_rank = {pid: i for i, (pid, _) in enumerate(dense_run, start=1)}
        lex_rank = {pid: i for i, (pid, _) in enumerate(lex_run, start=1)}
        lex_score = dict(lex_run)
        ids = [pid for pid, _ in fused]
        sims: list[float | None] = [None] * len(ids)
        if qvec is not None:
            missing = [pid for pid in ids if pid not in dense_score]
            extra = dict(zip(missing, self._backend.dense_scores(qvec, missing), strict=True))
            sims = [dense_score.get(pid, extra.get(pid)) for pid in ids]
        scores = [s for _, s in fused]
        return _candidate_list(ids, ids, scores, sims, lex_score, dense_rank, lex_rank, translated_rank)


def _weighted_query(tokens: Sequence[str], context: Sequence[str], context_weight: float) -> dict[str, float]:
    """A BM25 query: each occurrence of a term in `tokens` weighs 1, in `context` `context_weight`."""
    query: dict[str, float] = {}
    for term in tokens:
        query[term] = query.get(term, 0.0) + 1.0
    for term in context:
        query[term] = query.get(term, 0.0) + context_weight
    return query


def _candidate_list(
    ids: Sequence[str],
    keys: Sequence[_K],
    scores: Sequence[float],
    sims: Sequence[float | None],
    lex_score: Mapping[_K, float],
    dense_rank: Mapping[_K, int],
    lex_rank: Mapping[_K, int],
    translated_rank: Mapping[_K, int],
) -> list[Candidate]:
    """The candidates `ids` (with their fused `scores` and cosines `sims`), their lexical scores and
    ranks looked up by `keys` (the ids themselves, or row handles)."""
    return [
        Candidate(
            id=pid,
            score=float(s),
            dense=sim,
            lexical=lex_score.get(key),
            dense_rank=dense_rank.get(key),
            lexical_rank=lex_rank.get(key),
            translated_rank=translated_rank.get(key),
        )
        for pid, key, s, sim in zip(ids, keys, scores, sims, strict=True)
    ]


def _translated_searches(
    translated: Translated | None, where: Filters
) -> list[tuple[Mapping[str, float], Filters]]:
    """(BM25 weights, filters) of each translated run: the language's passages within `where`, for
    the languages `where` admits."""
    return [
        (weights, replace(where, languages=(language,)))
        for language, weights in (translated or {}).items()
        if weights and not (where.languages and language not in where.languages)
    ]


def _best_ranks(ranked: Iterable[Sequence[_K]]) -> dict[_K, int]:
    """Each key's best 1-based rank over the runs `ranked` (each a sequence of keys, best first)."""
    best: dict[_K, int] = {}
    for keys in ranked:
        for rank, key in enumerate(keys, start=1):
            if rank < best.get(key, rank + 1):
                best[key] = rank
    return best


def _ranks_of(found: npt.NDArray[np.bool_], at: Rows) -> list[int | None]:
    """1-based ranks from `runs.positions` (None where not found)."""
    return [a + 1 if f else None for a, f in zip(at.tolist(), found.tolist(), strict=True)]


def _best_rank_of(rows: Rows, runs_rows: Sequence[Rows]) -> list[int | None]:
    """Each of `rows`' best 1-based rank over the runs `runs_rows` (each rows best first; None when
    in none): `_best_ranks` of the runs, looked up for `rows` only."""
    best: list[int | None] = [None] * int(rows.size)
    for run_rows in runs_rows:
        for n, rank in enumerate(_ranks_of(*runs.positions(rows, run_rows))):
            if rank is not None and (best[n] is None or rank < best[n]):  # type: ignore[operator]
                best[n] = rank
    return best


def _feedback_weights(scores: Sequence[float]) -> list[float]:
    """Feedback passages weigh by exp(fused score - best): with z-score fusion, one unit is one
    standard deviation of the runs' scores (`scores` best first)."""
    best = scores[0]
    return [math.exp(max(s - best, -50.0)) for s in scores]


def _added(run: Ranked, extra: Sequence[Ranked], depth: int) -> Ranked:
    """`run` with the scores of the `extra` runs added passage by passage (a passage missing from a
    run adds nothing), best first (ties by id), at most `depth`; `run` itself when there are none."""
    if not extra:
        return run
    total = dict(run)
    for other in extra:
        for pid, score in other:
            total[pid] = total.get(pid, 0.0) + score
    return sorted(total.items(), key=lambda ps: (-ps[1], ps[0]))[:depth]
