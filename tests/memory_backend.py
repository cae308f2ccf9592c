"""An in-memory backend for unit tests: the `index.backend.Backend` contract in plain numpy and dicts.

Exact cosine search, and BM25 computed directly from its definition (Lucene variant, the one bm25s
implements: idf = ln(1 + (N - df + 0.5) / (df + 0.5)), term weight = tf / (tf + k1 (1 - b + b dl/avgdl))),
so it doubles as an oracle for the local backend in the contract tests.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from corpus.errors import NotFound
from corpus.models import Passage, Source
from index.analyzer import bm25_length
from index.backend import IndexInfo, PassageRecord, Ranked, SourceRecord, TermStats, Vector
from index.dedup import Signer, near_pairs
from index.types import Filters

PreparedPassage = tuple[Passage, Sequence[str], Sequence[tuple[int, int]], Vector]
"""A passage with its analysed terms, sentence spans and vector."""

K1 = 1.2
B = 0.75


@dataclass(frozen=True)
class Entry:
    """One passage of a memory backend."""

    record: PassageRecord
    vector: Vector


class MemoryBackend:
    """Sources and passages held in memory; see `index.backend.Backend`."""

    def __init__(
        self,
        sources: Sequence[
            tuple[Source, Sequence[tuple[Passage, Sequence[str], Sequence[tuple[int, int]], Vector]]]
        ],
        *,
        model: str = "fake-64",
        version: str = "memory",
    ) -> None:
        self._sources: dict[str, Source] = {}
        self._records: dict[str, SourceRecord] = {}
        self._entries: dict[str, Entry] = {}
        self._order: list[str] = []
        for source, passages in sources:
            self._sources[source.id] = source
            self._records[source.id] = SourceRecord(
                id=source.id,
                path=source.path,
                meta=source.meta,
                content_hash=source.content_hash,
                namespace="",
                indexed_at="2026-01-01T00:00:00Z",
                passage_count=len(passages),
                notes=source.notes,
            )
            for p, tokens, sentences, vector in passages:
                rec = PassageRecord(p, source.meta.language, tuple(tokens), tuple(sentences))
                self._entries[p.id] = Entry(rec, np.asarray(vector, dtype=np.float32))
                self._order.append(p.id)
        signer = Signer()
        self._signatures = {pid: signer.signature(e.record.passage.text) for pid, e in self._entries.items()}
        self._df: Counter[str] = Counter()
        for e in self._entries.values():
            self._df.update(set(e.record.tokens))
        n = len(self._entries)
        self._avgdl = sum(bm25_length(e.record.tokens) for e in self._entries.values()) / max(n, 1)
        langs = Counter(s.meta.language for s in self._sources.values())
        plangs = Counter(e.record.language for e in self._entries.values())
        dim = next(iter(self._entries.values())).vector.shape[0] if self._entries else 0
        self._info = IndexInfo(
            version, "2026-01-01T00:00:00Z", model, dim, len(self._sources), n, langs, plangs
        )

    @property
    def info(self) -> IndexInfo:
        return self._info

    def sources(self) -> Sequence[SourceRecord]:
        return sorted(self._records.values(), key=lambda r: (r.meta.title.lower(), r.id))

    def source_record(self, source_id: str) -> SourceRecord:
        if source_id not in self._records:
            raise NotFound(f"no source with id {source_id!r} in this index")
        return self._records[source_id]

    def source(self, source_id: str) -> Source:
        self.source_record(source_id)
        return self._sources[source_id]

    def passages_of(self, source_id: str) -> list[Passage]:
        return [
            self._entries[pid].record.passage
            for pid in self._order
            if self._entries[pid].record.passage.source_id == source_id
        ]

    def passages(self, ids: Sequence[str]) -> list[PassageRecord]:
        try:
            return [self._entries[pid].record for pid in ids]
        except KeyError as exc:
            raise NotFound(f"no passage with id {exc.args[0]!r} in this index") from None

    def near_duplicates(self, ids: Sequence[str]) -> list[tuple[int, int]]:
        self.passages(ids)  # NotFound for an unknown id
        return near_pairs([self._signatures[pid] for pid in ids])

    def _allowed(self, filters: Filters, language: str | None) -> list[str]:
        out = []
        for pid in self._order:
            rec = self._entries[pid].record
            src = self._records[rec.passage.source_id]
            if filters.admits(src.meta, src.id) and (language is None or rec.language == language):
                out.append(pid)
        return out

    def dense_search(
        self, vector: Vector, k: int, filters: Filters, *, language: str | None = None
    ) -> Ranked:
        scored = [
            (pid, float(self._entries[pid].vector @ vector)) for pid in self._allowed(filters, language)
        ]
        scored.sort(key=lambda x: (-x[1], self._order.index(x[0])))
        return scored[:k]

    def dense_scores(self, vector: Vector, ids: Sequence[str]) -> list[float]:
        return [float(self._entries[pid].vector @ vector) for pid in ids]

    def bm25(self, pid: str, term: str) -> float:
        """The BM25 contribution of one term to one passage (0 when absent)."""
        tokens = self._entries[pid].record.tokens
        tf = tokens.count(term)
        if not tf:
            return 0.0
        n = len(self._entries)
        df = self._df[term]
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        return idf * tf / (tf + K1 * (1 - B + B * bm25_length(tokens) / self._avgdl))

    def lexical_search(self, weights: Mapping[str, float], k: int, filters: Filters) -> Ranked:
        scored = []
        for pid in self._allowed(filters, None):
            s = sum(w * self.bm25(pid, t) for t, w in weights.items())
            if s > 0:
                scored.append((pid, s))
        scored.sort(key=lambda x: (-x[1], self._order.index(x[0])))
        return scored[:k]

    def term_stats(self, terms: Iterable[str]) -> TermStats:
        return TermStats(df={t: self._df[t] for t in set(terms)}, n_docs=len(self._entries))

    def expansion_terms(self, ids: Sequence[str], weights: Sequence[float], n_terms: int) -> dict[str, float]:
        total_w = float(sum(weights))
        mass: dict[str, float] = {}
        for pid, w in zip(ids, weights, strict=True):
            contrib = {t: self.bm25(pid, t) for t in set(self._entries[pid].record.tokens)}
            doc_total = sum(contrib.values())
            if doc_total <= 0 or w <= 0:
                continue
            for t, v in contrib.items():
                mass[t] = mass.get(t, 0.0) + (w / total_w) * v / doc_total
        best = sorted(mass.items(), key=lambda tv: (-tv[1], tv[0]))[:n_terms]
        norm = sum(v for _, v in best)
        return {t: v / norm for t, v in best} if norm > 0 else {}

    def close(self) -> None:
        pass
