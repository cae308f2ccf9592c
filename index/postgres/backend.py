"""`PostgresBackend`: one published version in PostgreSQL, opened for reading.

Opening reads the version's row and its source list (metadata only, no texts); everything else is
read per query: passages by id, vectors searched by pgvector, and for BM25 the query terms' postings
(packed per term and source row) with the version's document frequencies, scored here with numpy by
the same formula as bm25s. Summing the ~500k postings of an 80-term feedback query at 100k passages
with a GROUP BY in SQL took 0.4 s (load average ~7), numpy takes ~10 ms. A replica's memory does not
grow with the collection: it holds one query's postings at a time.

Filters are evaluated in SQL (`ALLOWED`): the keys of the version's sources that pass them, cached
per filter, then bound as an array that the searches test with a hashed `= ANY`. Ties are broken by
position in the version (source order, then passage ordinal), as the local backend's row order does.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from psycopg import sql

from corpus.errors import NotFound
from corpus.models import Passage, Region, Source
from index import records
from index.analyzer import bm25_length
from index.backend import IndexInfo, PassageRecord, Ranked, SourceRecord, TermStats, Vector
from index.postgres.db import Connection, Database, vector_text
from index.postgres.schema import POSTING, vectors_table
from index.types import Filters, date_bounds

K1 = 1.2  # BM25 (Lucene variant, as bm25s and the local backend)
B = 0.75
EXACT_MAX = 5_000  # at most this many candidate vectors per language: exact scan, else HNSW
HNSW_MARGIN = 16  # HNSW fetches k + this many per language; exact cosines re-rank them
HNSW_EF_SEARCH = 200  # at least; raised to the candidate count when that is larger. On the 100k
# synthetic collection (noisy copies of demo vectors: clusters of near-ties) recall@10 against exact
# search was 0.91 at 100, 0.93 at 200 (+2 ms), 0.96 at 400 (3x the time); ef_construction 128 gave no more.
TIE_DIGITS = 12  # scores equal to this many significant digits are ties (summation-order noise)

SOURCE_COLUMNS = (
    "vs.ord, s.key, s.id, s.namespace, s.path, s.title, s.publisher, s.date, s.url, s.license, "
    "s.language, s.lang_id, s.content_hash, s.notes, s.indexed_at, s.passage_count"
)
PASSAGE_COLUMNS = (
    "p.id, p.source_key, p.ordinal, p.char_start, p.char_end, p.page, p.page_end, p.section, p.context, "
    "p.text, p.tokens, p.sentences"
)

ALLOWED = """
SELECT s.lang_id, array_agg(s.key ORDER BY s.key), sum(s.passage_count)
FROM version_sources vs JOIN sources s ON s.key = vs.source_key
WHERE vs.version = %(version)s
  AND (%(ids)s::text[] IS NULL OR s.id = ANY(%(ids)s::text[]))
  AND (%(publishers)s::text[] IS NULL OR s.publisher_key = ANY(%(publishers)s::text[]))
  AND (%(languages)s::text[] IS NULL OR s.language_key = ANY(%(languages)s::text[]))
  AND (%(date_from)s::text IS NULL OR s.date_end COLLATE "C" >= %(date_from)s::text)
  AND (%(date_to)s::text IS NULL OR s.date_start COLLATE "C" <= %(date_to)s::text)
  AND (%(language)s::text IS NULL OR s.language = %(language)s::text)
GROUP BY s.lang_id
"""

TERMS = """
SELECT t.id, d.df, w.weight
FROM unnest(%(terms)s::text[], %(weights)s::float8[]) AS w(term, weight)
JOIN terms t ON t.term = w.term
JOIN version_terms d ON d.version = %(version)s AND d.term = t.id
"""

POSTINGS = """
SELECT term, string_agg(data, ''::bytea) FROM postings
WHERE term = ANY(%(terms)s::int[]) AND source_key = ANY(%(keys)s::bigint[])
GROUP BY term
"""


@dataclass(frozen=True)
class VersionRow:
    """A published version as `versions` and `models` hold it."""

    id: int
    built_at: str
    sources: int
    passages: int
    total_length: int
    extra: Mapping[str, Any]
    model_id: int
    model: str
    dim: int

    @property
    def name(self) -> str:
        return f"{self.id:06d}"


@dataclass(frozen=True)
class StoredSource:
    """A source of the version: its record, its row key, its place in the version and language id."""

    record: SourceRecord
    key: int
    ord: int
    lang_id: int


@dataclass(frozen=True)
class Allowed:
    """The version's sources passing a filter: their keys and passage counts, per language id."""

    keys: dict[int, list[int]]
    counts: dict[int, int]

    def all_keys(self) -> list[int]:
        return [k for ks in self.keys.values() for k in ks]


Scores = npt.NDArray[np.float64]


def _top_with_ties(keys: npt.NDArray[np.int64], scores: Scores, k: int) -> dict[int, float]:
    """The `k` best positive scores by key, plus any tied with the k-th (so ties can be ordered)."""
    positive = scores > 0
    keys, scores = keys[positive], scores[positive]
    if keys.size == 0:
        return {}
    if keys.size > k:
        kth = np.partition(scores, keys.size - k)[keys.size - k]
        keep = scores >= kth * (1 - 10.0 ** -(TIE_DIGITS - 1))
        keys, scores = keys[keep], scores[keep]
    return dict(zip(keys.tolist(), scores.tolist(), strict=True))


def source_record(row: Sequence[Any]) -> StoredSource:
    """A `SOURCE_COLUMNS` row as a StoredSource."""
    (ord_, key, sid, ns, path, title, pub, date, url, lic, lang, lang_id, chash, notes, at, count) = row
    record = records.source_record(sid, ns, path, title, pub, date, url, lic, lang, chash, notes, at, count)
    return StoredSource(record=record, key=key, ord=ord_, lang_id=lang_id)


def _passage(
    row: Sequence[Any], source_id: str
) -> tuple[Passage, tuple[str, ...], tuple[tuple[int, int], ...]]:
    pid, _key, ordinal, start, end, page, page_end, section, context, text, tokens, sentences = row
    passage = records.passage(pid, source_id, ordinal, start, end, page, page_end, section, context, text)
    return passage, tuple(tokens), tuple((int(a), int(b)) for a, b in sentences)


class PostgresBackend(records.SourceTable[StoredSource]):
    """A published version in PostgreSQL: see `index.backend.Backend` for the contract.

    `sources`, `stored` (a source's record, row key and place) and `source_record` answer from
    memory (`index.records.SourceTable`).

    Args:
        db: the database (its pool is shared with the catalog and other versions).
        version: the version's row.
        sources: its sources in version order.
        exact_max: per language, candidate sets up to this size are searched exactly, larger ones
            through the HNSW index (approximate, re-ranked with exact cosines).
    """

    def __init__(
        self,
        db: Database,
        version: VersionRow,
        sources: Sequence[StoredSource],
        *,
        exact_max: int = EXACT_MAX,
    ) -> None:
        self._db = db
        self.version = version
        self._exact_max = exact_max
        records.SourceTable.__init__(self, sources)
        self._by_key = {s.key: s for s in sources}
        self._vectors = vectors_table(version.model_id)
        languages, passage_languages = records.language_counts(s.record for s in sources)
        self._avgdl = version.total_length / version.passages if version.passages else 0.0
        self._info = IndexInfo(
            version=version.name,
            built_at=version.built_at,
            model=version.model,
            dim=version.dim,
            sources=len(sources),
            passages=version.passages,
            languages=languages,
            passage_languages=passage_languages,
            extra={**version.extra, "backend": "postgres"},
        )

    # -- catalogue -------------------------------------------------------------------------------
    @property
    def info(self) -> IndexInfo:
        return self._info

    def source(self, source_id: str) -> Source:
        s = self.stored(source_id)
        with self._db.connection() as conn:
            row = conn.execute(
                "SELECT text, pages, paragraphs, regions FROM sources WHERE key = %s", (s.key,)
            ).fetchone()
        if row is None:
            raise NotFound(f"source {source_id!r} is no longer stored (its version was pruned)")
        text, pages, paragraphs, regions = row
        return records.full_source(
            s.record,
            text,
            tuple(pages),
            tuple((int(a), int(b)) for a, b in paragraphs),
            tuple(Region(int(a), int(b), k, int(lv), str(lb)) for a, b, k, lv, lb in regions),
        )

    def passages_of(self, source_id: str) -> list[Passage]:
        s = self._stored.get(source_id)
        if s is None:
            return []
        with self._db.connection() as conn:
            rows = conn.execute(
                f"SELECT {PASSAGE_COLUMNS} FROM passages p WHERE p.source_key = %s ORDER BY p.ordinal",
                (s.key,),
            ).fetchall()
        return [self._record(r).passage for r in rows]

    def passages(self, ids: Sequence[str]) -> list[PassageRecord]:
        if not ids:
            return []
        with self._db.connection() as conn:
            rows = conn.execute(
                f"SELECT {PASSAGE_COLUMNS} FROM passages p"
                " JOIN version_sources vs ON vs.source_key = p.source_key AND vs.version = %s"
                " WHERE p.id = ANY(%s::text[])",
                (self.version.id, list(dict.fromkeys(ids))),
            ).fetchall()
        found = {r[0]: self._record(r) for r in rows}
        missing = [pid for pid in ids if pid not in found]
        if missing:
            raise NotFound(f"no passage with id {missing[0]!r} in this index")
        return [found[pid] for pid in ids]

    def _record(self, row: Sequence[Any]) -> PassageRecord:
        src = self._by_key[row[1]].record
        passage, tokens, sentences = _passage(row, src.id)
        return PassageRecord(passage=passage, language=src.meta.language, tokens=tokens, sentences=sentences)

    # -- filters ---------------------------------------------------------------------------------
    def allowed(self, filters: Filters, language: str | None = None) -> Allowed:
        """The version's sources passing `filters` (and in `language`), evaluated in SQL, cached."""
        return self._allowed(filters, language)

    @functools.lru_cache(maxsize=64)  # noqa: B019  (one cache per opened version, dropped with it)
    def _allowed(self, filters: Filters, language: str | None) -> Allowed:
        params = {
            "version": self.version.id,
            "ids": list(filters.source_ids) or None,
            "publishers": [p.casefold() for p in filters.publishers] or None,
            "languages": [x.casefold() for x in filters.languages] or None,
            "date_from": date_bounds(filters.date_from)[0] if filters.date_from else None,
            "date_to": date_bounds(filters.date_to)[1] if filters.date_to else None,
            "language": language,
        }
        with self._db.connection() as conn:
            rows = conn.execute(ALLOWED, params).fetchall()
        return Allowed(
            keys={int(lang): list(keys) for lang, keys, _ in rows},
            counts={int(lang): int(n or 0) for lang, _, n in rows},
        )

    def _ranked(self, rows: Iterable[tuple[str, int, int, float]], k: int) -> Ranked:
        """(id, source key, ordinal, score) rows as the best `k`, ties in version order."""
        order = self._by_key

        def key(r: tuple[str, int, int, float]) -> tuple[float, int, int]:
            score = float(r[3])
            tie = round(score, TIE_DIGITS - 1 - math.floor(math.log10(abs(score)))) if score else 0.0
            return (-tie, order[r[1]].ord, r[2])

        return [(pid, float(score)) for pid, _, _, score in sorted(rows, key=key)[:k]]

    # -- dense -----------------------------------------------------------------------------------
    def dense_search(
        self, vector: Vector, k: int, filters: Filters, *, language: str | None = None
    ) -> Ranked:
        if k <= 0:
            return []
        allowed = self.allowed(filters, language)
        q = vector_text(vector)
        rows: list[tuple[str, int, int, float]] = []
        exact = [lang for lang, n in allowed.counts.items() if n <= self._exact_max]
        with self._db.connection() as conn:
            if exact:
                keys = [key for lang in exact for key in allowed.keys[lang]]
                rows += self._dense_exact(conn, q, keys, k)
            for lang, n in allowed.counts.items():
                if n > self._exact_max:
                    rows += self._dense_hnsw(conn, q, lang, allowed.keys[lang], k)
        return self._ranked(rows, k)

    def _dense_exact(
        self, conn: Connection, q: str, keys: list[int], k: int
    ) -> list[tuple[str, int, int, float]]:
        query = sql.SQL(
            "WITH c AS MATERIALIZED ("
            " SELECT v.passage, -(v.embedding <#> %(q)s::vector) AS score FROM {t} v"
            " WHERE v.source_key = ANY(%(keys)s::bigint[])"
            " ORDER BY v.embedding <#> %(q)s::vector LIMIT %(n)s)"
            " SELECT p.id, p.source_key, p.ordinal, c.score FROM c JOIN passages p ON p.key = c.passage"
        ).format(t=self._vectors)
        # k + a margin, so that ties at the boundary can be put in version order
        return conn.execute(query, {"q": q, "keys": keys, "n": k + 16}).fetchall()

    def _dense_hnsw(
        self, conn: Connection, q: str, lang_id: int, keys: list[int], k: int
    ) -> list[tuple[str, int, int, float]]:
        n = k + HNSW_MARGIN
        query = sql.SQL(
            "WITH c AS MATERIALIZED ("
            " SELECT v.passage, v.embedding FROM {t} v"
            " WHERE v.lang_id = %(lang)s AND v.source_key = ANY(%(keys)s::bigint[])"
            " ORDER BY v.embedding::halfvec({d}) <#> %(qh)s::halfvec({d}) LIMIT %(n)s)"
            " SELECT p.id, p.source_key, p.ordinal, -(c.embedding <#> %(q)s::vector) AS score"
            " FROM c JOIN passages p ON p.key = c.passage"
        ).format(t=self._vectors, d=sql.Literal(self.version.dim))
        with conn.transaction():
            conn.execute("SELECT set_config('hnsw.ef_search', %s, true)", (str(max(HNSW_EF_SEARCH, n)),))
            conn.execute("SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true)")
            # the query vector is bound twice: one parameter per type, so neither is read as the other
            params = {"q": q, "qh": q, "lang": lang_id, "keys": keys, "n": n}
            # never a prepared, generic plan: the partial index must be matched to this language
            return conn.execute(query, params, prepare=False).fetchall()

    def dense_scores(self, vector: Vector, ids: Sequence[str]) -> list[float]:
        if not ids:
            return []
        query = sql.SQL(
            "SELECT p.id, -(v.embedding <#> %(q)s::vector) FROM passages p"
            " JOIN version_sources vs ON vs.source_key = p.source_key AND vs.version = %(version)s"
            " JOIN {t} v ON v.passage = p.key WHERE p.id = ANY(%(ids)s::text[])"
        ).format(t=self._vectors)
        with self._db.connection() as conn:
            rows = conn.execute(
                query, {"q": vector_text(vector), "version": self.version.id, "ids": list(set(ids))}
            ).fetchall()
        found = {pid: float(s) for pid, s in rows}
        missing = [pid for pid in ids if pid not in found]
        if missing:
            raise NotFound(f"no passage with id {missing[0]!r} in this index")
        return [found[pid] for pid in ids]

    # -- lexical ---------------------------------------------------------------------------------
    def lexical_search(self, weights: Mapping[str, float], k: int, filters: Filters) -> Ranked:
        terms = [(t, float(w)) for t, w in weights.items() if t and w != 0]
        if k <= 0 or not terms or self._avgdl <= 0:
            return []
        keys = self.allowed(filters).all_keys()
        if not keys:
            return []
        params = {
            "terms": [t for t, _ in terms],
            "weights": [w for _, w in terms],
            "version": self.version.id,
        }
        with self._db.connection() as conn:
            known = {int(tid): (int(df), float(w)) for tid, df, w in conn.execute(TERMS, params).fetchall()}
            if not known:
                return []
            packed = conn.cursor(binary=True).execute(POSTINGS, {"terms": list(known), "keys": keys})
            rows = [(*known[int(tid)], bytes(blob)) for tid, blob in packed.fetchall()]
            passages, scores = self._bm25(rows)
            candidates = _top_with_ties(passages, scores, k)
            if not candidates:
                return []
            found = conn.execute(
                "SELECT id, source_key, ordinal, key FROM passages WHERE key = ANY(%s::bigint[])",
                (list(candidates),),
            ).fetchall()
        return self._ranked([(pid, skey, ordinal, candidates[key]) for pid, skey, ordinal, key in found], k)

    def _bm25(self, rows: Sequence[tuple[int, float, bytes]]) -> tuple[npt.NDArray[np.int64], Scores]:
        """Passage keys and their BM25 scores from (df, query weight, packed postings) per term."""
        n, avgdl = self.version.passages, self._avgdl
        keys: list[npt.NDArray[np.int64]] = []
        parts: list[Scores] = []
        for df, weight, blob in rows:
            postings = np.frombuffer(blob, dtype=POSTING)
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            tf = postings["tf"].astype(np.float64)
            norm = K1 * (1 - B + B * postings["length"].astype(np.float64) / avgdl)
            keys.append(postings["passage"])
            parts.append(weight * idf * tf / (tf + norm))
        if not keys:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        every, scores = np.concatenate(keys), np.concatenate(parts)
        low, high = int(every.min()), int(every.max())
        if high - low < max(4 * every.size, 1 << 20):  # keys are dense enough: sum by position
            totals = np.bincount(every - low, weights=scores)
            present = np.flatnonzero(np.bincount(every - low))
            return present.astype(np.int64) + low, np.asarray(totals[present], dtype=np.float64)
        unique, inverse = np.unique(every, return_inverse=True)
        totals = np.bincount(inverse, weights=scores, minlength=unique.size)
        return unique, np.asarray(totals, dtype=np.float64)

    def term_stats(self, terms: Iterable[str]) -> TermStats:
        wanted = sorted(set(terms))
        df = dict.fromkeys(wanted, 0)
        if wanted:
            with self._db.connection() as conn:
                rows = conn.execute(
                    "SELECT t.term, d.df FROM terms t JOIN version_terms d"
                    " ON d.term = t.id AND d.version = %s WHERE t.term = ANY(%s::text[])",
                    (self.version.id, wanted),
                ).fetchall()
            df.update({t: int(n) for t, n in rows})
        return TermStats(df=df, n_docs=self.version.passages)

    def bm25_weights(self, tokens: Sequence[str], df: Mapping[str, int]) -> dict[str, float]:
        """Each distinct term's BM25 contribution to a passage with these tokens (this version's stats)."""
        n, dl = self.version.passages, bm25_length(tokens)
        out: dict[str, float] = {}
        for term, tf in Counter(tokens).items():
            d = df.get(term, 0)
            if not d or self._avgdl <= 0:
                continue
            idf = math.log(1 + (n - d + 0.5) / (d + 0.5))
            out[term] = idf * tf / (tf + K1 * (1 - B + B * dl / self._avgdl))
        return out

    def expansion_terms(self, ids: Sequence[str], weights: Sequence[float], n_terms: int) -> dict[str, float]:
        if not ids or n_terms < 1:
            return {}
        records = self.passages(ids)
        stats = self.term_stats({t for r in records for t in r.tokens})
        total_w = float(sum(weights))
        mass: dict[str, float] = {}
        for rec, w in zip(records, weights, strict=True):
            contrib = self.bm25_weights(rec.tokens, stats.df)
            doc_total = sum(contrib.values())
            if doc_total <= 0 or w <= 0:
                continue
            share = (w / total_w) / doc_total
            for t, v in contrib.items():
                mass[t] = mass.get(t, 0.0) + share * v
        best = sorted(mass.items(), key=lambda tv: (-tv[1], tv[0]))[:n_terms]
        norm = sum(v for _, v in best)
        return {t: v / norm for t, v in best} if norm > 0 else {}

    def close(self) -> None:
        """Nothing to release: connections belong to the catalog's pool."""
